#include "tools/cli/remote_copy.h"

#include "common/sqlstate.h"
#include "engine/copy/copy_options.h"

namespace boyodb::tools::cli {
namespace {

Status NotOverServer(std::string message) {
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported, std::move(message));
}

int OctalDigit(char c) { return c >= '0' && c <= '7' ? c - '0' : -1; }

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes PostgreSQL's text-format escapes exactly as the server's COPY reader does
// (src/formats/text/delimited_reader.cc): \b \f \n \r \t \v, \xHH, \ooo, and a backslash
// before any other byte (itself, the delimiter, a line end) stands for that byte.
std::string DecodeTextEscapes(std::string_view raw) {
  std::string decoded;
  decoded.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c != '\\' || i + 1 == raw.size()) {
      decoded += c;
      continue;
    }
    const char next = raw[++i];
    switch (next) {
      case 'b':
        decoded += '\b';
        break;
      case 'f':
        decoded += '\f';
        break;
      case 'n':
        decoded += '\n';
        break;
      case 'r':
        decoded += '\r';
        break;
      case 't':
        decoded += '\t';
        break;
      case 'v':
        decoded += '\v';
        break;
      case 'x': {
        int value = 0;
        int digits = 0;
        while (digits < 2 && i + 1 < raw.size() && HexDigit(raw[i + 1]) >= 0) {
          value = value * 16 + HexDigit(raw[++i]);
          ++digits;
        }
        decoded += digits == 0 ? 'x' : static_cast<char>(value);
        break;
      }
      default:
        if (OctalDigit(next) >= 0) {
          int value = OctalDigit(next);
          int digits = 1;
          while (digits < 3 && i + 1 < raw.size() && OctalDigit(raw[i + 1]) >= 0) {
            value = value * 8 + OctalDigit(raw[++i]);
            ++digits;
          }
          decoded += static_cast<char>(value & 0xff);
        } else {
          decoded += next;
        }
    }
  }
  return decoded;
}

void AppendQuoted(std::string_view value, std::string* csv) {
  *csv += '"';
  for (const char c : value) {
    if (c == '"') *csv += '"';
    *csv += c;
  }
  *csv += '"';
}

}  // namespace

Result<RemoteCopy> PlanRemoteCopy(const sql::ast::CopyStatement& copy,
                                  std::string_view current_database) {
  BOYO_ASSIGN_OR_RETURN(const engine::CopyOptions options,
                        engine::ParseCopyOptions(copy.options, /*from=*/true));
  const std::vector<std::string>& parts = copy.table.parts;
  if (parts.size() > 2 || (parts.size() == 2 && parts.front() != current_database)) {
    return NotOverServer(
               "COPY FROM STDIN over a server connection copies only into tables of "
               "the current database \"" +
               std::string(current_database) + "\"; connect to database \"" +
               parts[parts.size() - 2] + "\" first (\\c)")
        .WithPosition(copy.table.position);
  }
  if (!copy.columns.empty()) {
    return NotOverServer(
        "COPY FROM STDIN with a column list is not available over a server connection yet; "
        "copy into all the table's columns");
  }
  if (options.format != engine::CopyFormat::kText && options.format != engine::CopyFormat::kCsv) {
    return NotOverServer("COPY FROM STDIN (FORMAT " +
                         std::string(engine::CopyFormatName(options.format)) +
                         ") is not available over a server connection yet; use text or csv");
  }
  if (options.header_match) {
    return NotOverServer(
        "COPY FROM STDIN with HEADER MATCH is not available over a server "
        "connection yet; use HEADER true");
  }
  if (!options.force_not_null.empty()) {
    return NotOverServer(
        "COPY FROM STDIN with FORCE_NOT_NULL is not available over a server connection yet");
  }
  if (options.format == engine::CopyFormat::kCsv &&
      options.delimited.escape != options.delimited.quote) {
    return NotOverServer(
        "COPY FROM STDIN with an ESCAPE other than the QUOTE is not available over a server "
        "connection yet");
  }
  RemoteCopy plan;
  plan.table = parts.back();
  plan.table_position = copy.table.position;
  plan.text_format = options.format == engine::CopyFormat::kText;
  plan.input = options.delimited;
  plan.header = options.header;
  return plan;
}

nlohmann::json IngestCsvRequest(const RemoteCopy& copy, std::string_view data) {
  nlohmann::json request = {{"op", "ingest_csv"}, {"table", copy.table}, {"header", copy.header}};
  if (copy.text_format) {
    // Converted to the server's default CSV dialect.
    request["csv"] = TextCopyToCsv(data, copy.input.delimiter, copy.input.null_string);
  } else {
    request["csv"] = std::string(data);
    request["delimiter"] = std::string(1, copy.input.delimiter);
    request["null"] = copy.input.null_string;
    request["quote"] = std::string(1, copy.input.quote);
  }
  return request;
}

std::string TextCopyToCsv(std::string_view data, char delimiter, std::string_view null_string) {
  std::string csv;
  csv.reserve(data.size() + data.size() / 4);
  size_t position = 0;
  while (position < data.size()) {
    // One row: fields up to an unescaped line end.
    bool first_field = true;
    while (true) {
      // One field: up to an unescaped delimiter or line end; a backslash takes the next byte
      // with it, as the server's reader does.
      const size_t start = position;
      bool escaped = false;
      while (position < data.size()) {
        const char c = data[position];
        if (c == delimiter || c == '\n' || c == '\r') break;
        if (c == '\\') {
          escaped = true;
          position += position + 1 < data.size() ? 2 : 1;
          continue;
        }
        ++position;
      }
      if (!first_field) csv += ',';
      first_field = false;
      const std::string_view raw = data.substr(start, position - start);
      // The NULL string is compared with the field as written; NULL is CSV's unquoted empty
      // field, so every value is quoted, the empty string too.
      if (raw != null_string) AppendQuoted(escaped ? DecodeTextEscapes(raw) : raw, &csv);
      if (position < data.size() && data[position] == delimiter) {
        ++position;
        continue;
      }
      // A line end: \n, \r\n or \r.
      if (position < data.size() && data[position] == '\r') ++position;
      if (position < data.size() && data[position] == '\n') ++position;
      break;
    }
    csv += '\n';
  }
  return csv;
}

}  // namespace boyodb::tools::cli
