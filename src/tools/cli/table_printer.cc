#include "tools/cli/table_printer.h"

#include <algorithm>

namespace boyodb::tools::cli {
namespace {

// Characters on screen: UTF-8 code points (continuation bytes do not count).
size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

void RightTrim(std::string* line) {
  const size_t last = line->find_last_not_of(' ');
  line->resize(last == std::string::npos ? 0 : last + 1);
}

}  // namespace

void PrintTable(const TextTable& table, std::ostream& out, bool footer) {
  const size_t num_columns = table.headers.size();
  std::vector<size_t> widths(num_columns, 0);
  for (size_t i = 0; i < num_columns; ++i) widths[i] = DisplayWidth(table.headers[i]);
  for (const auto& row : table.rows) {
    for (size_t i = 0; i < num_columns; ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }

  std::string line;
  for (size_t i = 0; i < num_columns; ++i) {
    const size_t padding = widths[i] - DisplayWidth(table.headers[i]);
    line += i == 0 ? " " : " | ";
    line +=
        std::string(padding / 2, ' ') + table.headers[i] + std::string(padding - padding / 2, ' ');
  }
  RightTrim(&line);
  out << line << '\n';

  line.clear();
  for (size_t i = 0; i < num_columns; ++i) {
    if (i > 0) line += '+';
    line += std::string(widths[i] + 2, '-');
  }
  out << line << '\n';

  for (const auto& row : table.rows) {
    line.clear();
    for (size_t i = 0; i < num_columns; ++i) {
      const std::string padding(widths[i] - DisplayWidth(row[i]), ' ');
      line += i == 0 ? " " : " | ";
      line += table.right_align[i] ? padding + row[i] : row[i] + padding;
    }
    RightTrim(&line);
    out << line << '\n';
  }
  if (footer) {
    out << '(' << table.rows.size() << (table.rows.size() == 1 ? " row)" : " rows)") << "\n\n";
  }
}

TextTable TableForSchema(const types::Schema& schema) {
  TextTable table;
  for (const types::Field& field : schema.fields()) {
    table.AddColumn(field.name, field.type().is_numeric());
  }
  return table;
}

void AppendChunkRows(const columnar::Chunk& chunk, int64_t max_rows, TextTable* table) {
  const int64_t num_rows = max_rows < 0 ? chunk.num_rows() : std::min(max_rows, chunk.num_rows());
  for (int64_t row = 0; row < num_rows; ++row) {
    std::vector<std::string> cells;
    cells.reserve(chunk.num_columns());
    for (size_t column = 0; column < chunk.num_columns(); ++column) {
      const columnar::Array& array = *chunk.column(column);
      cells.push_back(array.IsNull(row) ? std::string() : array.GetValue(row).ToString());
    }
    table->rows.push_back(std::move(cells));
  }
}

}  // namespace boyodb::tools::cli
