#include "tools/slt/script_runner.h"

#include <utility>

#include "tools/slt/label_book.h"
#include "tools/slt/result_hash.h"
#include "tools/slt/result_sort.h"
#include "tools/slt/value_renderer.h"

namespace boyodb::tools::slt {
namespace {

// The per-script state: counts, labels and the current hash-threshold.
class ScriptRun {
 public:
  ScriptRun(Engine& engine, const ScriptOptions& options) : engine_(engine), options_(options) {}

  // Runs one record; returns false when the script must stop.
  bool RunRecord(const Record& record);

  ScriptResult TakeResult() { return std::move(result_); }

 private:
  void Fail(const Record& record, std::string kind, std::string_view sql, std::string why,
            std::optional<std::vector<std::string>> expected = std::nullopt,
            std::optional<std::vector<std::string>> actual = std::nullopt);
  void Skip(const Record& record);
  bool RunStatement(const Record& record);
  bool RunQuery(const Record& record);
  void GiveUp(const RunOutcome& outcome) {
    ++result_.num_failed;
    result_.notes.push_back("aborted: " + outcome.problem);
  }

  Engine& engine_;
  const ScriptOptions& options_;
  ScriptResult result_;
  LabelBook labels_;
  std::int64_t hash_threshold_ = kDefaultHashThreshold;
};

void ScriptRun::Fail(const Record& record, std::string kind, std::string_view sql, std::string why,
                     std::optional<std::vector<std::string>> expected,
                     std::optional<std::vector<std::string>> actual) {
  ++result_.num_failed;
  if (result_.failures.size() >= options_.max_failures_kept) return;
  result_.failures.push_back(FailureDetail{record.line_no, std::move(kind), std::string(sql),
                                           std::move(why), std::move(expected), std::move(actual)});
}

void ScriptRun::Skip(const Record& record) {
  if (record.kind == RecordKind::kStatement || record.kind == RecordKind::kQuery) {
    ++result_.num_skipped;
  }
  // sqllogictest.c still checks a skipped query's label against the result written for it.
  if (record.kind == RecordKind::kQuery && !record.label().empty() && !record.expected.empty()) {
    if (!labels_.Register(record.label(), LabelBook::WrittenResultMd5(record.expected))) {
      result_.notes.push_back("line " + std::to_string(record.line_no) +
                              ": skipped query's written result disagrees with label " +
                              record.label().substr(0, LabelBook::kKeyLength));
    }
  }
}

bool ScriptRun::RunRecord(const Record& record) {
  if (record.conditions_only) return true;
  if (IsSkipped(record, options_.engine_names)) {
    Skip(record);
    return true;
  }
  switch (record.kind) {
    case RecordKind::kStatement:
      return RunStatement(record);
    case RecordKind::kQuery:
      return RunQuery(record);
    case RecordKind::kHashThreshold:
      hash_threshold_ = ParseLeadingInteger(record.head[1]);
      return true;
    case RecordKind::kHalt:
      result_.notes.push_back("halt at line " + std::to_string(record.line_no));
      return false;
    case RecordKind::kUnknown:
      break;
  }
  Fail(record, "record", record.head_line, "unknown record type '" + record.head[0] + "'");
  result_.notes.push_back("stopped at line " + std::to_string(record.line_no) +
                          ": unknown record type");
  return false;
}

bool ScriptRun::RunStatement(const Record& record) {
  const RunOutcome outcome = engine_.Run(record.sql);
  if (outcome.kind == RunOutcome::Kind::kGaveUp) {
    GiveUp(outcome);
    return false;
  }
  if (outcome.kind == RunOutcome::Kind::kLost) {
    Fail(record, "statement", record.sql, outcome.problem);
    return true;
  }
  const bool ok = outcome.answer.ok;
  const std::string& expectation = record.head[1];
  if (expectation == "ok") {
    if (ok) {
      ++result_.num_passed;
    } else {
      Fail(record, "statement ok", record.sql, "failed: " + outcome.answer.error);
    }
  } else if (expectation == "error") {
    if (!ok) {
      ++result_.num_passed;
    } else {
      Fail(record, "statement error", record.sql, "succeeded but an error was expected");
    }
  } else {
    Fail(record, "statement", record.sql,
         "argument should be 'ok' or 'error': '" + expectation + "'");
  }
  return true;
}

bool ScriptRun::RunQuery(const Record& record) {
  const std::string& types = record.query_types();
  if (types.empty()) {
    Fail(record, "query", record.sql, "missing type string");
    result_.notes.push_back("stopped at line " + std::to_string(record.line_no) +
                            ": missing type string");
    return false;
  }
  if (types.find_first_not_of("TIR") != std::string::npos) {
    Fail(record, "query", record.sql, "unknown type character in '" + types + "'");
    return true;
  }
  const RunOutcome outcome = engine_.Run(record.sql);
  if (outcome.kind == RunOutcome::Kind::kGaveUp) {
    GiveUp(outcome);
    return false;
  }
  if (outcome.kind == RunOutcome::Kind::kLost || !outcome.answer.ok) {
    const std::string& why =
        outcome.kind == RunOutcome::Kind::kLost ? outcome.problem : outcome.answer.error;
    Fail(record, "query", record.sql, "query failed: " + why, record.expected);
    return true;
  }
  const EngineAnswer& answer = outcome.answer;
  if (answer.num_columns != types.size()) {
    Fail(record, "query", record.sql,
         "wrong number of result columns: expected " + std::to_string(types.size()) + " but got " +
             std::to_string(answer.num_columns),
         record.expected);
    return true;
  }

  std::vector<std::string> values;
  values.reserve(answer.rows.size() * types.size());
  for (const std::vector<Value>& row : answer.rows) {
    for (size_t column = 0; column < types.size(); ++column) {
      values.push_back(RenderValue(row[column], types[column]));
    }
  }
  std::vector<std::string> problems;
  if (const std::optional<SortMode> mode = ParseSortMode(record.sort_mode())) {
    SortResult(*mode, types.size(), values);
  } else {
    problems.push_back("unknown sort method '" + record.sort_mode() + "'");
  }

  const auto num_values = static_cast<std::int64_t>(values.size());
  std::optional<std::string> digest;
  if (!record.label().empty() || (hash_threshold_ > 0 && num_values > hash_threshold_)) {
    const std::string md5 = HashValues(values);
    digest = HashLine(values.size(), md5);
    if (!record.label().empty() && !labels_.Register(record.label(), md5)) {
      problems.push_back("labeled result [" + record.label().substr(0, LabelBook::kKeyLength) +
                         "] does not agree with previous values");
    }
  }
  std::vector<std::string> shown;
  if (hash_threshold_ == 0 || num_values <= hash_threshold_) {
    if (values != record.expected) problems.push_back("wrong result");
    shown = std::move(values);
  } else {
    const std::string written = record.expected.empty() ? "" : record.expected.front();
    if (!digest || written != *digest) problems.push_back("wrong result hash");
    shown = {digest.value_or("")};
  }
  if (problems.empty()) {
    ++result_.num_passed;
    return true;
  }
  std::string why;
  for (const std::string& problem : problems) {
    if (!why.empty()) why += "; ";
    why += problem;
  }
  Fail(record, "query", record.sql, std::move(why), record.expected, std::move(shown));
  return true;
}

std::string FormatValues(const std::optional<std::vector<std::string>>& values) {
  constexpr size_t kMaxShown = 12;
  if (!values) return "-";
  if (values->empty()) return "(no values)";
  std::string out;
  for (size_t i = 0; i < values->size() && i < kMaxShown; ++i) {
    if (i > 0) out += ' ';
    out += '\'' + (*values)[i] + '\'';
  }
  if (values->size() > kMaxShown) {
    out += " ... (" + std::to_string(values->size()) + " values)";
  }
  return out;
}

}  // namespace

ScriptResult RunScript(const std::vector<Record>& records, Engine& engine,
                       const ScriptOptions& options) {
  ScriptRun run(engine, options);
  for (const Record& record : records) {
    if (!run.RunRecord(record)) break;
  }
  return run.TakeResult();
}

std::string FormatFailure(std::string_view path, const FailureDetail& failure) {
  constexpr int kMaxSqlLines = 20;
  std::string out = "FAIL " + std::string(path) + ":" + std::to_string(failure.line_no) + ": " +
                    failure.kind + ": " + failure.why + "\n";
  size_t start = 0;
  for (int i = 0; i < kMaxSqlLines && start <= failure.sql.size(); ++i) {
    size_t end = failure.sql.find('\n', start);
    if (end == std::string::npos) end = failure.sql.size();
    out += "    | " + failure.sql.substr(start, end - start) + "\n";
    start = end + 1;
  }
  if (failure.expected) out += "  expected: " + FormatValues(failure.expected) + "\n";
  if (failure.actual) out += "  actual:   " + FormatValues(failure.actual) + "\n";
  return out;
}

}  // namespace boyodb::tools::slt
