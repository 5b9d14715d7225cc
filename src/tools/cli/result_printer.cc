#include "tools/cli/result_printer.h"

#include "tools/cli/json_cell.h"
#include "tools/cli/table_printer.h"

namespace boyodb::tools::cli {
namespace {

// Calls `emit(chunk, row)` for every row of the result, in order.
template <typename Emit>
void ForEachRow(const engine::StatementResult& result, Emit emit) {
  for (const columnar::Chunk& chunk : result.chunks) {
    for (int64_t row = 0; row < chunk.num_rows(); ++row) emit(chunk, row);
  }
}

// psql's CSV field rule: quote when the field holds the separator, a quote, CR or LF, or is
// exactly \. (which COPY would read as the end of data).
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos && text != "\\.") return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string TsvField(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '\\':
        escaped += "\\\\";
        break;
      case '\t':
        escaped += "\\t";
        break;
      case '\n':
        escaped += "\\n";
        break;
      case '\r':
        escaped += "\\r";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

// CSV and TSV: a header line, then one line per row, each field passed through `field`.
void PrintDelimited(const engine::StatementResult& result, char separator,
                    std::string (*field)(const std::string&), std::ostream& out) {
  std::string line;
  for (size_t column = 0; column < result.columns.size(); ++column) {
    if (column > 0) line += separator;
    line += field(result.columns[column].name);
  }
  out << line << '\n';
  ForEachRow(result, [&](const columnar::Chunk& chunk, int64_t row) {
    line.clear();
    for (size_t column = 0; column < chunk.num_columns(); ++column) {
      if (column > 0) line += separator;
      line += field(CellText(*chunk.column(column), row, result.time_zone));
    }
    out << line << '\n';
  });
}

void PrintJson(const engine::StatementResult& result, std::ostream& out) {
  std::vector<std::string> keys;
  for (const sql::OutputColumn& column : result.columns) keys.push_back(JsonString(column.name));
  ForEachRow(result, [&](const columnar::Chunk& chunk, int64_t row) {
    std::string line = "{";
    for (size_t column = 0; column < chunk.num_columns(); ++column) {
      if (column > 0) line += ',';
      line += keys[column] + ':' +
              JsonCell(*chunk.column(column), row, result.time_zone, NonFiniteFloats::kString);
    }
    out << line << "}\n";
  });
}

void PrintAligned(const engine::StatementResult& result, std::ostream& out) {
  TextTable table;
  for (const sql::OutputColumn& column : result.columns) {
    table.AddColumn(column.name, column.type.is_numeric());
  }
  ForEachRow(result, [&](const columnar::Chunk& chunk, int64_t row) {
    std::vector<std::string>& cells = table.rows.emplace_back();
    cells.reserve(chunk.num_columns());
    for (size_t column = 0; column < chunk.num_columns(); ++column) {
      cells.push_back(CellText(*chunk.column(column), row, result.time_zone));
    }
  });
  PrintTable(table, out);
}

// psql prints the command tag after the rows of a data-modifying statement with RETURNING.
bool TagFollowsRows(std::string_view tag) {
  for (const std::string_view command : {"INSERT", "UPDATE", "DELETE", "MERGE"}) {
    if (tag.substr(0, command.size()) == command) return true;
  }
  return false;
}

}  // namespace

std::optional<OutputFormat> ParseOutputFormat(std::string_view name) {
  for (const OutputFormat format :
       {OutputFormat::kAligned, OutputFormat::kCsv, OutputFormat::kTsv, OutputFormat::kJson}) {
    if (name == OutputFormatName(format)) return format;
  }
  return std::nullopt;
}

std::string_view OutputFormatName(OutputFormat format) {
  switch (format) {
    case OutputFormat::kAligned:
      return "aligned";
    case OutputFormat::kCsv:
      return "csv";
    case OutputFormat::kTsv:
      return "tsv";
    case OutputFormat::kJson:
      return "json";
  }
  return "aligned";
}

void PrintResult(const engine::StatementResult& result, OutputFormat format, std::ostream& out) {
  if (!result.returns_rows) {
    if (!result.command_tag.empty()) out << result.command_tag << '\n';
    return;
  }
  switch (format) {
    case OutputFormat::kAligned:
      PrintAligned(result, out);
      break;
    case OutputFormat::kCsv:
      PrintDelimited(result, ',', CsvField, out);
      break;
    case OutputFormat::kTsv:
      PrintDelimited(result, '\t', TsvField, out);
      break;
    case OutputFormat::kJson:
      PrintJson(result, out);
      break;
  }
  if (TagFollowsRows(result.command_tag)) out << result.command_tag << '\n';
}

}  // namespace boyodb::tools::cli
