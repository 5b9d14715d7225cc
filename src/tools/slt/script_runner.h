// Script runner: runs the parsed records of one sqllogictest script against an Engine and
// counts them as slt.py does (a record is a statement or a query; it passes, fails, or is
// skipped by skipif/onlyif; hash-threshold and halt are not counted).
// Thread safety: free functions; one engine and one script per call.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tools/slt/engine.h"
#include "tools/slt/script_parser.h"

namespace boyodb::tools::slt {

/// The hash-threshold a script starts with, as in sqllogictest.c.
inline constexpr std::int64_t kDefaultHashThreshold = 8;

struct ScriptOptions {
  /// Names skipif/onlyif compare with, lowercase (for BoyoDB: boyodb and postgresql).
  std::set<std::string> engine_names;
  /// How many failures keep their details (SQL, expected, actual) for the report.
  size_t max_failures_kept = 0;
};

/// One failed record, for the report.
struct FailureDetail {
  int line_no = 0;
  std::string kind;  // "statement ok", "query", "record", ...
  std::string sql;
  std::string why;
  std::optional<std::vector<std::string>> expected;
  std::optional<std::vector<std::string>> actual;
};

struct ScriptResult {
  std::int64_t num_passed = 0;
  std::int64_t num_failed = 0;
  std::int64_t num_skipped = 0;
  /// Why the script stopped early (halt, unknown record, engine given up) and other remarks.
  std::vector<std::string> notes;
  /// The first ScriptOptions::max_failures_kept failures.
  std::vector<FailureDetail> failures;
};

/// Runs records in order against engine:
/// - a skipped statement or query counts as skipped; a skipped query with a label still
///   registers the result written in the script under that label;
/// - `statement ok` passes when the engine answers ok, `statement error` when it answers an
///   error; a lost request (timeout, crash) fails either;
/// - a query passes when the engine answers with as many columns as type letters and the
///   rendered, sorted values equal the expected ones (or, above the hash-threshold, the hash
///   line), and its label (if any) agrees with earlier queries of the same label;
/// - `halt`, a record of unknown kind, a query without type letters (these two count as one
///   failure) and an engine that gave up (the record counts as failed) end the script.
ScriptResult RunScript(const std::vector<Record>& records, Engine& engine,
                       const ScriptOptions& options);

/// "FAIL path:line: kind: why", the SQL's first 20 lines indented with "    | ", then the
/// expected and actual values when known; lines end with '\n'.
std::string FormatFailure(std::string_view path, const FailureDetail& failure);

}  // namespace boyodb::tools::slt
