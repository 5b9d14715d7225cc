#include "tools/cli/table_printer.h"

#include <fmt/format.h>

#include <algorithm>

namespace boyodb::tools::cli {
namespace {

// Characters on screen: UTF-8 code points (continuation bytes do not count).
size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

// A cell as the lines psql shows: split at newlines, tabs expanded, control characters escaped.
struct CellLines {
  std::vector<std::string> lines;
  std::vector<size_t> widths;
};

CellLines ToLines(std::string_view text) {
  CellLines cell;
  std::string line;
  size_t width = 0;
  auto finish_line = [&] {
    cell.lines.push_back(std::move(line));
    cell.widths.push_back(width);
    line.clear();
    width = 0;
  };
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      finish_line();
    } else if (c == '\t') {
      do {
        line += ' ';
        ++width;
      } while (width % 8 != 0);
    } else if (c == '\r') {
      line += "\\r";
      width += 2;
    } else if (byte < 0x20 || byte == 0x7F) {
      line += fmt::format("\\x{:02X}", byte);
      width += 4;
    } else {
      line += c;
      if ((byte & 0xC0) != 0x80) ++width;
    }
  }
  finish_line();
  return cell;
}

void Spaces(size_t count, std::string* line) { line->append(count, ' '); }

}  // namespace

std::string RowCountFooter(size_t num_rows) {
  return fmt::format("({} {})", num_rows, num_rows == 1 ? "row" : "rows");
}

void PrintTable(const TextTable& table, std::ostream& out) {
  const size_t num_columns = table.headers.size();
  std::vector<CellLines> headers;
  std::vector<size_t> widths(num_columns, 0);
  for (size_t column = 0; column < num_columns; ++column) {
    headers.push_back(ToLines(table.headers[column]));
    for (const size_t width : headers.back().widths) {
      widths[column] = std::max(widths[column], width);
    }
  }
  std::vector<std::vector<CellLines>> rows;
  rows.reserve(table.rows.size());
  for (const std::vector<std::string>& row : table.rows) {
    std::vector<CellLines>& cells = rows.emplace_back();
    for (size_t column = 0; column < num_columns; ++column) {
      cells.push_back(ToLines(row[column]));
      for (const size_t width : cells.back().widths) {
        widths[column] = std::max(widths[column], width);
      }
    }
  }

  if (!table.title.empty()) {
    // psql centers the title over the table's full width: three characters per divider.
    size_t total = num_columns == 0 ? 0 : num_columns * 3 - 1;
    for (const size_t width : widths) total += width;
    const size_t title_width = DisplayWidth(table.title);
    out << std::string(total > title_width ? (total - title_width) / 2 : 0, ' ') << table.title
        << '\n';
  }

  if (num_columns == 0) {
    out << "--\n";
  } else {
    // Headers: centered, padded in every column (the last one too), '+' where a name goes on.
    size_t num_lines = 0;
    for (const CellLines& header : headers) num_lines = std::max(num_lines, header.lines.size());
    for (size_t index = 0; index < num_lines; ++index) {
      std::string line;
      for (size_t column = 0; column < num_columns; ++column) {
        const CellLines& header = headers[column];
        line += ' ';
        if (index < header.lines.size()) {
          const size_t padding = widths[column] - header.widths[index];
          Spaces(padding / 2, &line);
          line += header.lines[index];
          Spaces(padding - padding / 2, &line);
        } else {
          Spaces(widths[column], &line);
        }
        line += index + 1 < header.lines.size() ? '+' : ' ';
        if (column + 1 < num_columns) line += '|';
      }
      out << line << '\n';
    }
    std::string rule;
    for (size_t column = 0; column < num_columns; ++column) {
      if (column > 0) rule += '+';
      rule.append(widths[column] + 2, '-');
    }
    out << rule << '\n';
  }

  // Data: the last column is not padded on the right unless a '+' follows it, as in psql.
  for (const std::vector<CellLines>& cells : rows) {
    size_t num_lines = 0;
    for (const CellLines& cell : cells) num_lines = std::max(num_lines, cell.lines.size());
    for (size_t index = 0; index < num_lines; ++index) {
      std::string line;
      for (size_t column = 0; column < num_columns; ++column) {
        const CellLines& cell = cells[column];
        const bool last = column + 1 == num_columns;
        line += ' ';
        if (index >= cell.lines.size()) {
          if (!last) Spaces(widths[column], &line);
          if (!last) line += " |";
          continue;
        }
        const bool continues = index + 1 < cell.lines.size();
        const size_t padding = widths[column] - cell.widths[index];
        if (table.right_align[column]) {
          Spaces(padding, &line);
          line += cell.lines[index];
        } else {
          line += cell.lines[index];
          if (!last || continues) Spaces(padding, &line);
        }
        if (continues) {
          line += '+';
        } else if (!last) {
          line += ' ';
        }
        if (!last) line += '|';
      }
      out << line << '\n';
    }
  }

  if (table.footers) {
    for (const std::string& footer : *table.footers) out << footer << '\n';
  } else {
    out << RowCountFooter(table.rows.size()) << '\n';
  }
  out << '\n';
}

}  // namespace boyodb::tools::cli
