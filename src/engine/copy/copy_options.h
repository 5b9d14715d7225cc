// CopyOptions: the options of a COPY statement (FORMAT, HEADER, DELIMITER, NULL, QUOTE,
// ESCAPE, FORCE_QUOTE, FORCE_NOT_NULL), read and checked as PostgreSQL 15 does, both in the
// parenthesized form and in the old `WITH CSV HEADER` form the parser hands over the same way.
// Thread safety: plain values and a pure function.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "formats/text/delimited_options.h"
#include "sql/ast/statement.h"

namespace boyodb::engine {

enum class CopyFormat : uint8_t {
  kText,  // PostgreSQL's default text format; also accepted as "tsv"
  kCsv,
  kJson,   // newline-delimited JSON, one object per row
  kArrow,  // Arrow IPC: the file format on output, file or stream format on input
};

struct CopyOptions {
  CopyFormat format = CopyFormat::kText;
  /// Delimiter, quote, escape and NULL string of the text and CSV formats.
  formats::text::DelimitedOptions delimited;
  /// HEADER: TO writes a line of column names first; FROM skips the first line (MATCH also
  /// checks that it names the columns in order).
  bool header = false;
  bool header_match = false;
  /// FORCE_QUOTE (TO, CSV): these columns, or all of them (`*`), are always quoted.
  std::vector<std::string> force_quote;
  bool force_quote_all = false;
  /// FORCE_NOT_NULL (FROM, CSV): in these columns the NULL string reads as a value.
  std::vector<std::string> force_not_null;
};

/// Reads a COPY's options for a COPY FROM (`from`) or TO. Errors as PostgreSQL's: 42601 for
/// an unknown or repeated option, 22023 for an unknown format or a bad value, 0A000 for an
/// option the format or direction does not take (QUOTE outside CSV, FORCE_QUOTE on FROM) and
/// for the binary format.
Result<CopyOptions> ParseCopyOptions(const std::vector<sql::ast::Option>& options, bool from);

/// "text", "csv", "json", "arrow".
std::string_view CopyFormatName(CopyFormat format);

}  // namespace boyodb::engine
