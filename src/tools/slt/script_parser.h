// Script parser: splits a sqllogictest script into records (docs/testing/slt.md, and the format
// in shared/slt/README.md) and reads each record's conditions, head and body.
// Thread safety: free functions without shared state.
#pragma once

#include <array>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace boyodb::tools::slt {

/// One line of a script, without its line terminator (and without a `\r` before it).
struct ScriptLine {
  int line_no = 0;  // 1-based
  std::string text;
};

/// The kind of a record, from the first word of its head line.
enum class RecordKind { kStatement, kQuery, kHashThreshold, kHalt, kUnknown };

/// A `skipif NAME` (skip_if) or `onlyif NAME` line before a record.
struct Condition {
  bool skip_if = false;
  std::string engine_name;  // lowercased; empty when the line names no engine
};

/// One record: its conditions, its head line split into up to four tokens, and its body.
struct Record {
  int line_no = 0;  // the head's line (the first line when there is only conditions)
  std::vector<Condition> conditions;
  bool conditions_only = false;  // nothing but skipif/onlyif lines: ignored by the runner
  RecordKind kind = RecordKind::kUnknown;
  std::string head_line;
  std::array<std::string, 4> head;  // head tokens; missing ones are empty
  /// statement: every body line joined with '\n'; query: the body lines before `----`.
  std::string sql;
  /// query: the body lines after the first `----` (empty when there is none).
  std::vector<std::string> expected;

  const std::string& query_types() const { return head[1]; }
  const std::string& sort_mode() const { return head[2]; }
  const std::string& label() const { return head[3]; }
};

/// Splits a script into records: a `\r` before a line end is dropped, lines of only whitespace
/// separate records, lines starting with `#` are removed before anything else (they do not
/// separate records). Returns each record's lines, in order.
std::vector<std::vector<ScriptLine>> SplitRecords(std::string_view script);

/// Splits a line at runs of whitespace into at most four tokens of at most 199 bytes each, as
/// sqllogictest.c's tokenizer does; missing tokens are empty.
std::array<std::string, 4> TokenizeLine(std::string_view line);

/// Parses one record's lines (as SplitRecords returns them). Requires: lines is not empty.
Record ParseRecord(const std::vector<ScriptLine>& lines);

/// SplitRecords then ParseRecord on each.
std::vector<Record> ParseScript(std::string_view script);

/// True when the record's conditions leave it out for an engine with these (lowercase) names:
/// `skipif X` skips when X is one of them, `onlyif X` skips unless it is.
bool IsSkipped(const Record& record, const std::set<std::string>& engine_names);

/// `atoi` as sqllogictest.c applies it to a hash-threshold argument: leading whitespace, an
/// optional sign and digits; 0 when there are no digits; saturates at the int64 range.
std::int64_t ParseLeadingInteger(std::string_view text);

}  // namespace boyodb::tools::slt
