// Printing a statement's result in the shell's output formats, as psql does: rows in the
// aligned, CSV, TSV or JSON format; statements without rows print their command tag
// ("CREATE TABLE", "INSERT 0 2"), and INSERT/UPDATE/DELETE ... RETURNING print the tag after
// their rows.
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "engine/session.h"

namespace boyodb::tools::cli {

enum class OutputFormat {
  /// psql's default: aligned columns, "(N rows)" footer, NULL as an empty cell.
  kAligned,
  /// psql --csv: a header line, RFC 4180 quoting, NULL as an empty field, no footer.
  kCsv,
  /// A header line, fields separated by tabs; a backslash, tab, newline or carriage return in a
  /// value is written \\, \t, \n, \r (COPY's text format); NULL as an empty field; no footer.
  kTsv,
  /// One JSON object per row and line (NDJSON), keyed by column name: numbers and booleans as
  /// JSON literals, NULL as null, other values as strings; no header, no footer.
  kJson,
};

/// "aligned", "csv", "tsv", "json", or nullopt for anything else.
std::optional<OutputFormat> ParseOutputFormat(std::string_view name);
std::string_view OutputFormatName(OutputFormat format);

/// Prints one result to `out` in `format`.
void PrintResult(const engine::StatementResult& result, OutputFormat format, std::ostream& out);

}  // namespace boyodb::tools::cli
