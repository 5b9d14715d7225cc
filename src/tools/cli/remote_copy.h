// COPY table FROM STDIN over a server connection. The native protocol has no copy stream inside
// a `query`; its `ingest_csv` request appends CSV text to a table atomically, as COPY table FROM
// STDIN (FORMAT csv, ...) does. So the shell collects the data lines itself (up to "\.") and
// sends them in one ingest_csv request: CSV input as it is, with its HEADER, DELIMITER, NULL
// and QUOTE; PostgreSQL's text format converted to CSV first (escapes decoded, the NULL string
// an unquoted empty field, every other value quoted). What ingest_csv cannot express is
// refused with 0A000 before any data is read: a column list, a table of another database than
// the current one, the json and arrow formats, HEADER MATCH, FORCE_NOT_NULL, and an ESCAPE
// other than the QUOTE.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "formats/text/delimited_options.h"
#include "sql/ast/statement.h"

namespace boyodb::tools::cli {

/// How one COPY ... FROM STDIN runs as an ingest_csv request.
struct RemoteCopy {
  /// The table's name without its database: the request's `table`, which the server resolves
  /// as the statement would (a temporary table first).
  std::string table;
  /// Where the table's name is in the parsed text (1-based byte offset), for errors about it.
  int32_t table_position = 0;
  /// The data are PostgreSQL's text format (converted to CSV before sending), else CSV.
  bool text_format = true;
  /// The data's delimiter, NULL string and quote, from the statement's options.
  formats::text::DelimitedOptions input;
  /// HEADER: the first line is column names, not data.
  bool header = false;
};

/// Checks that `copy` (a COPY table FROM STDIN) can run as an ingest_csv request while
/// `current_database` is the session's, and says how. Bad options fail exactly as the session
/// fails them (42601, 22023 or 0A000, with their position); the cases ingest_csv cannot
/// express fail with 0A000 saying what to do instead.
Result<RemoteCopy> PlanRemoteCopy(const sql::ast::CopyStatement& copy,
                                  std::string_view current_database);

/// The ingest_csv request for `data`, the COPY's input as the statement's format reads it (the
/// lines up to "\.", each ending in a newline).
nlohmann::json IngestCsvRequest(const RemoteCopy& copy, std::string_view data);

/// PostgreSQL's text format (fields separated by `delimiter`, backslash escapes, `null_string`
/// for NULL, compared before escapes are decoded) as CSV that COPY's csv format reads back to
/// the same values: one CSV record per text row, fields separated by ',', NULL an unquoted
/// empty field, every other value in double quotes (doubled inside), records ending in '\n'.
/// A backslash before a line end keeps the line end in the value, as COPY does.
std::string TextCopyToCsv(std::string_view data, char delimiter, std::string_view null_string);

}  // namespace boyodb::tools::cli
