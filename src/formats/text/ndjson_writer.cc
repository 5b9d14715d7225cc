#include "formats/text/ndjson_writer.h"

namespace boyodb::formats::text {

void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (const char c : text) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
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
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[(c >> 4) & 0xF]);
          out->push_back(kHex[c & 0xF]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

NdjsonWriter::NdjsonWriter(const std::vector<std::string>& column_names, std::vector<bool> bare)
    : bare_(std::move(bare)) {
  for (const std::string& name : column_names) {
    std::string key;
    AppendJsonString(name, &key);
    key.push_back(':');
    keys_.push_back(std::move(key));
  }
}

void NdjsonWriter::WriteRows(std::span<const columnar::ArrayPtr> columns, int64_t num_rows,
                             std::string* out) const {
  for (int64_t row = 0; row < num_rows; ++row) {
    out->push_back('{');
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) out->push_back(',');
      out->append(keys_[i]);
      const columnar::Array& column = *columns[i];
      if (column.IsNull(row)) {
        out->append("null");
        continue;
      }
      const std::string_view value = column.GetView(row);
      // NaN and the infinities are numbers in SQL but not in JSON.
      const bool finite = value != "NaN" && value != "Infinity" && value != "-Infinity";
      if (bare_[i] && finite) {
        out->append(value);
      } else {
        AppendJsonString(value, out);
      }
    }
    out->append("}\n");
  }
}

}  // namespace boyodb::formats::text
