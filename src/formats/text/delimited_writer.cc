#include "formats/text/delimited_writer.h"

namespace boyodb::formats::text {

void DelimitedWriter::WriteValue(std::string_view value, size_t column, bool single_column,
                                 std::string* out) const {
  const char delimiter = options_.delimiter;
  if (options_.format == DelimitedFormat::kText) {
    for (const char c : value) {
      switch (c) {
        case '\\':
          out->append("\\\\");
          break;
        case '\b':
          out->append("\\b");
          break;
        case '\f':
          out->append("\\f");
          break;
        case '\n':
          out->append("\\n");
          break;
        case '\r':
          out->append("\\r");
          break;
        case '\t':
          out->append("\\t");
          break;
        case '\v':
          out->append("\\v");
          break;
        default:
          if (c == delimiter) out->push_back('\\');
          out->push_back(c);
      }
    }
    return;
  }
  const char quote = options_.quote, escape = options_.escape;
  bool quoted = column < options_.force_quote.size() && options_.force_quote[column];
  // A value that reads as NULL, or as the end-of-data line, must be quoted to stay a value.
  if (!quoted) quoted = value == options_.null_string || (single_column && value == "\\.");
  if (!quoted) {
    for (const char c : value) {
      if (c == delimiter || c == quote || c == '\n' || c == '\r') {
        quoted = true;
        break;
      }
    }
  }
  if (!quoted) {
    out->append(value);
    return;
  }
  out->push_back(quote);
  for (const char c : value) {
    if (c == quote || c == escape) out->push_back(escape);
    out->push_back(c);
  }
  out->push_back(quote);
}

void DelimitedWriter::WriteHeader(const std::vector<std::string>& names, std::string* out) const {
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out->push_back(options_.delimiter);
    WriteValue(names[i], names.size(), names.size() == 1, out);
  }
  out->push_back('\n');
}

void DelimitedWriter::WriteRows(std::span<const columnar::ArrayPtr> columns, int64_t num_rows,
                                std::string* out) const {
  const bool single_column = columns.size() == 1;
  for (int64_t row = 0; row < num_rows; ++row) {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) out->push_back(options_.delimiter);
      const columnar::Array& column = *columns[i];
      if (column.IsNull(row)) {
        out->append(options_.null_string);
      } else {
        WriteValue(column.GetView(row), i, single_column, out);
      }
    }
    out->push_back('\n');
  }
}

}  // namespace boyodb::formats::text
