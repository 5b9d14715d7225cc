#include "tools/slt/script_parser.h"

#include <cstdint>
#include <limits>

namespace boyodb::tools::slt {
namespace {

constexpr size_t kMaxTokenBytes = 199;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool IsBlank(std::string_view line) {
  for (const char c : line) {
    if (!IsSpace(c)) return false;
  }
  return true;
}

RecordKind KindOf(std::string_view word) {
  if (word == "statement") return RecordKind::kStatement;
  if (word == "query") return RecordKind::kQuery;
  if (word == "hash-threshold") return RecordKind::kHashThreshold;
  if (word == "halt") return RecordKind::kHalt;
  return RecordKind::kUnknown;
}

std::string ToLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

}  // namespace

std::vector<std::vector<ScriptLine>> SplitRecords(std::string_view script) {
  std::vector<std::vector<ScriptLine>> records;
  std::vector<ScriptLine> current;
  int line_no = 0;
  size_t start = 0;
  while (start <= script.size()) {
    size_t end = script.find('\n', start);
    if (end == std::string_view::npos) end = script.size();
    std::string_view line = script.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (IsBlank(line)) {
      if (!current.empty()) records.push_back(std::move(current));
      current.clear();
      continue;
    }
    if (line.front() == '#') continue;
    current.push_back(ScriptLine{line_no, std::string(line)});
  }
  if (!current.empty()) records.push_back(std::move(current));
  return records;
}

std::array<std::string, 4> TokenizeLine(std::string_view line) {
  std::array<std::string, 4> tokens;
  size_t pos = 0;
  for (std::string& token : tokens) {
    while (pos < line.size() && IsSpace(line[pos])) ++pos;
    const size_t begin = pos;
    while (pos < line.size() && !IsSpace(line[pos])) ++pos;
    token = std::string(line.substr(begin, std::min(pos - begin, kMaxTokenBytes)));
  }
  return tokens;
}

Record ParseRecord(const std::vector<ScriptLine>& lines) {
  Record record;
  record.line_no = lines.front().line_no;
  size_t index = 0;
  for (; index < lines.size(); ++index) {
    const std::array<std::string, 4> tokens = TokenizeLine(lines[index].text);
    if (tokens[0] != "skipif" && tokens[0] != "onlyif") break;
    record.conditions.push_back(Condition{tokens[0] == "skipif", ToLower(tokens[1])});
  }
  if (index == lines.size()) {
    record.conditions_only = true;
    return record;
  }
  record.line_no = lines[index].line_no;
  record.head_line = lines[index].text;
  record.head = TokenizeLine(record.head_line);
  record.kind = KindOf(record.head[0]);

  // The SQL of a query stops at the first `----`; a statement takes every line (as slt.py).
  bool after_separator = false;
  bool first_sql_line = true;
  for (size_t i = index + 1; i < lines.size(); ++i) {
    const std::string& text = lines[i].text;
    if (after_separator) {
      record.expected.push_back(text);
      continue;
    }
    if (record.kind == RecordKind::kQuery && text == "----") {
      after_separator = true;
      continue;
    }
    if (!first_sql_line) record.sql += '\n';
    record.sql += text;
    first_sql_line = false;
  }
  return record;
}

std::vector<Record> ParseScript(std::string_view script) {
  std::vector<Record> records;
  for (const std::vector<ScriptLine>& lines : SplitRecords(script)) {
    records.push_back(ParseRecord(lines));
  }
  return records;
}

bool IsSkipped(const Record& record, const std::set<std::string>& engine_names) {
  bool skipped = false;
  for (const Condition& condition : record.conditions) {
    const bool named = engine_names.contains(condition.engine_name);
    if (condition.skip_if == named) skipped = true;
  }
  return skipped;
}

std::int64_t ParseLeadingInteger(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size() && IsSpace(text[pos])) ++pos;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    negative = text[pos] == '-';
    ++pos;
  }
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 63;  // |int64 min|
  std::uint64_t magnitude = 0;
  for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
    const std::uint64_t digit = static_cast<std::uint64_t>(text[pos] - '0');
    magnitude = magnitude > (kLimit - digit) / 10 ? kLimit : magnitude * 10 + digit;
  }
  if (negative) {
    return magnitude >= kLimit ? std::numeric_limits<std::int64_t>::min()
                               : -static_cast<std::int64_t>(magnitude);
  }
  return magnitude >= kLimit ? std::numeric_limits<std::int64_t>::max()
                             : static_cast<std::int64_t>(magnitude);
}

}  // namespace boyodb::tools::slt
