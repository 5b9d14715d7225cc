// The script runner against an in-process fake engine: counting, statements, queries (sorting,
// column count, hashing), labels (also from skipped queries), control records and give-up.
#include "tools/slt/script_runner.h"

#include <gtest/gtest.h>

#include <map>

namespace boyodb::tools::slt {
namespace {

// Answers each SQL text with a fixed JSON line (or a lost/given-up outcome); anything else gets
// `{"ok": true}` with no columns. Remembers what it was sent.
class FakeEngine : public Engine {
 public:
  void Answer(const std::string& sql, const std::string& json_line) {
    Result<EngineAnswer> answer = DecodeAnswer(json_line);
    EXPECT_TRUE(answer.ok()) << json_line;
    RunOutcome outcome;
    outcome.answer = std::move(answer).value();
    outcomes_[sql] = std::move(outcome);
  }
  void Fail(const std::string& sql) { Answer(sql, R"({"ok": false, "error": "boom"})"); }
  void Rows(const std::string& sql, const std::string& columns, const std::string& rows) {
    Answer(sql, R"({"ok": true, "columns": )" + columns + R"(, "rows": )" + rows + "}");
  }
  void Lose(const std::string& sql, RunOutcome::Kind kind) {
    RunOutcome outcome;
    outcome.kind = kind;
    outcome.problem = "timeout after 1s";
    outcomes_[sql] = std::move(outcome);
  }

  RunOutcome Run(std::string_view sql) override {
    sent.emplace_back(sql);
    const auto it = outcomes_.find(std::string(sql));
    if (it != outcomes_.end()) return it->second;
    RunOutcome outcome;
    outcome.answer.ok = true;
    return outcome;
  }

  std::vector<std::string> sent;

 private:
  std::map<std::string, RunOutcome> outcomes_;
};

ScriptResult RunText(std::string_view script, FakeEngine& engine,
                     std::set<std::string> names = {"boyodb", "postgresql"}) {
  ScriptOptions options;
  options.engine_names = std::move(names);
  options.max_failures_kept = 100;
  return RunScript(ParseScript(script), engine, options);
}

void ExpectCounts(const ScriptResult& result, std::int64_t passed, std::int64_t failed,
                  std::int64_t skipped) {
  EXPECT_EQ(result.num_passed, passed);
  EXPECT_EQ(result.num_failed, failed);
  EXPECT_EQ(result.num_skipped, skipped);
}

TEST(SltScriptRunnerTest, StatementsPassOrFail) {
  FakeEngine engine;
  engine.Fail("BAD");
  engine.Lose("SLOW", RunOutcome::Kind::kLost);
  const ScriptResult result = RunText(
      "statement ok\nGOOD\n\n"
      "statement error\nBAD\n\n"
      "statement ok\nBAD\n\n"
      "statement error\nGOOD\n\n"
      "statement error\nSLOW\n\n"
      "statement maybe\nGOOD\n",
      engine);
  ExpectCounts(result, 2, 4, 0);
  ASSERT_EQ(result.failures.size(), 4u);
  EXPECT_EQ(result.failures[0].why, "failed: boom");
  EXPECT_EQ(result.failures[0].line_no, 7);
  EXPECT_EQ(result.failures[1].why, "succeeded but an error was expected");
  EXPECT_EQ(result.failures[2].why, "timeout after 1s");
  EXPECT_EQ(result.failures[3].why, "argument should be 'ok' or 'error': 'maybe'");
}

TEST(SltScriptRunnerTest, TwoStatementRecordIsSentAsOneText) {
  FakeEngine engine;
  ExpectCounts(RunText("statement ok\nINSERT INTO t1 VALUES(1);\nDROP INDEX t1i1;\n", engine), 1, 0,
               0);
  EXPECT_EQ(engine.sent, std::vector<std::string>{"INSERT INTO t1 VALUES(1);\nDROP INDEX t1i1;"});
}

TEST(SltScriptRunnerTest, QueryRendersAndSortsRows) {
  FakeEngine engine;
  engine.Rows("SELECT a, b FROM t", R"(["a", "b"])", R"([[10, "x"], [9, ""], [10, null]])");
  ExpectCounts(
      RunText("query IT rowsort\nSELECT a, b FROM t\n----\n10\nNULL\n10\nx\n9\n(empty)\n", engine),
      1, 0, 0);
  ExpectCounts(
      RunText("query IT nosort\nSELECT a, b FROM t\n----\n10\nNULL\n10\nx\n9\n(empty)\n", engine),
      0, 1, 0);
  ExpectCounts(
      RunText("query IT valuesort\nSELECT a, b FROM t\n----\n(empty)\n10\n10\n9\nNULL\nx\n",
              engine),
      1, 0, 0);
}

TEST(SltScriptRunnerTest, ColumnCountMustMatchTypesEvenWithoutRows) {
  FakeEngine engine;
  engine.Rows("SELECT a, b FROM t WHERE 0", R"(["a", "b"])", "[]");
  const ScriptResult result = RunText("query I\nSELECT a, b FROM t WHERE 0\n----\n", engine);
  ExpectCounts(result, 0, 1, 0);
  EXPECT_EQ(result.failures[0].why, "wrong number of result columns: expected 1 but got 2");
  ExpectCounts(RunText("query II\nSELECT a, b FROM t WHERE 0\n", engine), 1, 0, 0);
}

TEST(SltScriptRunnerTest, FailedQueryFails) {
  FakeEngine engine;
  engine.Fail("SELECT x");
  const ScriptResult result = RunText("query I\nSELECT x\n----\n1\n", engine);
  ExpectCounts(result, 0, 1, 0);
  EXPECT_EQ(result.failures[0].why, "query failed: boom");
  EXPECT_EQ(result.failures[0].expected, std::vector<std::string>{"1"});
}

TEST(SltScriptRunnerTest, LongResultsCompareTheirHash) {
  FakeEngine engine;
  engine.Rows("SELECT n", R"(["n"])", "[[1],[2],[3],[4],[5],[6],[7],[8],[9]]");
  engine.Rows("SELECT three", R"(["n"])", "[[1],[2],[3]]");
  // md5("1\n...9\n") written as the script would have it.
  const std::string nine = "9 values hashing to 22e400a2ddbb013acf2a5852d6ab69fc";
  ExpectCounts(RunText("query I\nSELECT n\n----\n" + nine + "\n", engine), 1, 0, 0);
  ExpectCounts(RunText("query I\nSELECT n\n----\n1\n2\n3\n4\n5\n6\n7\n8\n9\n", engine), 0, 1, 0);
  // hash-threshold 0: never hash; hash-threshold 2: three values hash.
  ExpectCounts(
      RunText("hash-threshold 0\n\nquery I\nSELECT n\n----\n1\n2\n3\n4\n5\n6\n7\n8\n9\n", engine),
      1, 0, 0);
  ExpectCounts(RunText("hash-threshold 2\n\nquery I\nSELECT three\n----\n"
                       "3 values hashing to c0710d6b4f15dfa88f600b0e6b624077\n",
                       engine),
               1, 0, 0);
  // A result hashed in the script but short in the answer fails.
  ExpectCounts(RunText("query I\nSELECT three\n----\n"
                       "3 values hashing to c0710d6b4f15dfa88f600b0e6b624077\n",
                       engine),
               0, 1, 0);
}

TEST(SltScriptRunnerTest, LabelsMustAgreeWithinAFile) {
  FakeEngine engine;
  engine.Rows("SELECT 1", R"(["a"])", "[[1]]");
  engine.Rows("SELECT 2", R"(["a"])", "[[2]]");
  ExpectCounts(RunText("query I nosort label-1\nSELECT 1\n----\n1\n\n"
                       "query I nosort label-1\nSELECT 1\n----\n1\n",
                       engine),
               2, 0, 0);
  const ScriptResult result = RunText(
      "query I nosort label-1\nSELECT 1\n----\n1\n\n"
      "query I nosort label-1\nSELECT 2\n----\n2\n",
      engine);
  ExpectCounts(result, 1, 1, 0);
  EXPECT_EQ(result.failures[0].why, "labeled result [label-1] does not agree with previous values");
}

TEST(SltScriptRunnerTest, SkippedQueryStillRegistersItsWrittenResult) {
  FakeEngine engine;
  engine.Rows("SELECT 2", R"(["a"])", "[[2]]");
  // The skipped query's written result (1) stands for the label; the engine's 2 disagrees.
  const ScriptResult result = RunText(
      "skipif postgresql\nquery I nosort label-9\nSELECT 1\n----\n1\n\n"
      "query I nosort label-9\nSELECT 2\n----\n2\n",
      engine);
  ExpectCounts(result, 0, 1, 1);
  EXPECT_EQ(engine.sent, std::vector<std::string>{"SELECT 2"});
  // The same from a written hash line.
  const ScriptResult hashed = RunText(
      "onlyif mysql\nquery I nosort label-9\nSELECT 1\n----\n"
      "3 values hashing to c0710d6b4f15dfa88f600b0e6b624077\n\n"
      "query I nosort label-9\nSELECT 2\n----\n2\n",
      engine);
  ExpectCounts(hashed, 0, 1, 1);
}

TEST(SltScriptRunnerTest, LabelsArePerScript) {
  FakeEngine engine;
  engine.Rows("SELECT 1", R"(["a"])", "[[1]]");
  engine.Rows("SELECT 2", R"(["a"])", "[[2]]");
  ExpectCounts(RunText("query I nosort label-1\nSELECT 1\n----\n1\n", engine), 1, 0, 0);
  ExpectCounts(RunText("query I nosort label-1\nSELECT 2\n----\n2\n", engine), 1, 0, 0);
}

TEST(SltScriptRunnerTest, ConditionsSkipAndControlRecordsAreNotCounted) {
  FakeEngine engine;
  const ScriptResult result = RunText(
      "skipif postgresql\nstatement ok\nA\n\n"
      "onlyif mysql\nquery I\nB\n\n"
      "onlyif PostgreSQL\nstatement ok\nC\n\n"
      "onlyif mssql\n\n"
      "hash-threshold 10\n\n"
      "onlyif mssql\nhalt\n\n"
      "statement ok\nD\n",
      engine);
  ExpectCounts(result, 2, 0, 2);
  EXPECT_EQ(engine.sent, (std::vector<std::string>{"C", "D"}));
}

TEST(SltScriptRunnerTest, EngineNamesComeFromTheOptions) {
  FakeEngine engine;
  ExpectCounts(RunText("skipif sqlite\nstatement ok\nA\n\nonlyif postgresql\nstatement ok\nB\n",
                       engine, {"sqlite"}),
               0, 0, 2);
}

TEST(SltScriptRunnerTest, HaltEndsTheScript) {
  FakeEngine engine;
  const ScriptResult result = RunText("statement ok\nA\n\nhalt\n\nstatement ok\nB\n", engine);
  ExpectCounts(result, 1, 0, 0);
  EXPECT_EQ(result.notes, std::vector<std::string>{"halt at line 4"});
}

TEST(SltScriptRunnerTest, UnknownRecordFailsOnceAndEndsTheScript) {
  FakeEngine engine;
  const ScriptResult result = RunText(
      "statement ok\nA\n\nskipif postgresql\nstatement ok\nB\n\nloop i 1 10\n\nstatement ok\nC\n",
      engine);
  ExpectCounts(result, 1, 1, 1);
  EXPECT_EQ(result.notes, std::vector<std::string>{"stopped at line 8: unknown record type"});
}

TEST(SltScriptRunnerTest, QueryTypeErrors) {
  FakeEngine engine;
  ExpectCounts(RunText("query IX\nSELECT 1\n\nstatement ok\nA\n", engine), 1, 1, 0);
  const ScriptResult missing = RunText("query\nSELECT 1\n\nstatement ok\nA\n", engine);
  ExpectCounts(missing, 0, 1, 0);
  EXPECT_EQ(missing.notes, std::vector<std::string>{"stopped at line 1: missing type string"});
  EXPECT_EQ(engine.sent, std::vector<std::string>{"A"});  // neither query ran
}

TEST(SltScriptRunnerTest, EngineGivingUpEndsTheScriptWithOneFailure) {
  FakeEngine engine;
  engine.Lose("B", RunOutcome::Kind::kGaveUp);
  const ScriptResult result =
      RunText("statement ok\nA\n\nstatement ok\nB\n\nstatement ok\nC\n", engine);
  ExpectCounts(result, 1, 1, 0);
  EXPECT_EQ(result.notes, std::vector<std::string>{"aborted: timeout after 1s"});
}

TEST(SltScriptRunnerTest, KeepsOnlyTheFirstFailures) {
  FakeEngine engine;
  ScriptOptions options;
  options.engine_names = {"boyodb"};
  options.max_failures_kept = 1;
  const ScriptResult result =
      RunScript(ParseScript("statement error\nA\n\nstatement error\nB\n"), engine, options);
  EXPECT_EQ(result.num_failed, 2);
  ASSERT_EQ(result.failures.size(), 1u);
  EXPECT_EQ(FormatFailure("x.test", result.failures[0]),
            "FAIL x.test:1: statement error: succeeded but an error was expected\n    | A\n");
}

}  // namespace
}  // namespace boyodb::tools::slt
