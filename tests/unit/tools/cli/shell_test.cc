// The SQL shell over a real data directory: results printed as psql prints them, command tags,
// statements spanning lines and lines holding several statements, psql-style errors with the
// LINE/caret display and SQLSTATE, stopping at the first error in a script, the prompt, and
// \timing's line.
#include "tools/cli/shell.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/shell_fixture.h"

namespace boyodb::tools::cli {
namespace {

TEST_F(ShellTest, QueryPrintsPsqlsAlignedTableByteForByte) {
  Command("CREATE TABLE t (id integer NOT NULL, name text, price numeric(6,2), ok boolean)");
  Command(
      "INSERT INTO t VALUES (1, 'apple', 1.5, true), (22, NULL, NULL, false), "
      "(3, 'kiwi', 10.25, NULL)");
  // Numbers right-aligned, NULL empty, headers centered; psql keeps the trailing blanks its
  // border leaves (after the last header, and after "|" when the last cell is empty).
  EXPECT_EQ(Command("SELECT * FROM t ORDER BY id"),
            " id | name  | price | ok \n"
            "----+-------+-------+----\n"
            "  1 | apple |  1.50 | t\n"
            "  3 | kiwi  | 10.25 | \n"
            " 22 |       |       | f\n"
            "(3 rows)\n"
            "\n");
  EXPECT_EQ(Command("SELECT count(*) FROM t WHERE id > 100"),
            " count \n"
            "-------\n"
            "     0\n"
            "(1 row)\n"
            "\n");
}

TEST_F(ShellTest, StatementsWithoutRowsPrintTheirCommandTag) {
  EXPECT_EQ(Command("CREATE DATABASE shop"), "CREATE DATABASE\n");
  EXPECT_EQ(Command("CREATE TABLE shop.t (a integer, b text)"), "CREATE TABLE\n");
  EXPECT_EQ(Command("INSERT INTO shop.t VALUES (1, 'x'), (2, 'y')"), "INSERT 0 2\n");
  EXPECT_EQ(Command("BEGIN; INSERT INTO shop.t VALUES (3, 'z'); COMMIT"),
            "BEGIN\nINSERT 0 1\nCOMMIT\n");
  EXPECT_EQ(Command("UPDATE shop.t SET b = 'w' WHERE a > 1"), "UPDATE 2\n");
  EXPECT_EQ(Command("DELETE FROM shop.t WHERE a = 1"), "DELETE 1\n");
  EXPECT_EQ(Command("SET search_path = shop"), "SET\n");
  EXPECT_EQ(Command("DROP TABLE t"), "DROP TABLE\n");
}

TEST_F(ShellTest, StatementsSpanLinesAndLinesHoldSeveralStatements) {
  Output output = RunScript(
      "CREATE TABLE t (a integer,\n"
      "                b text);\n"
      "INSERT INTO t VALUES (1, 'one;'); INSERT INTO t\n"
      "  VALUES (2, 'two');  -- a comment; not a statement\n"
      "\n"
      "SELECT a, b\n"
      "  FROM t\n"
      "  ORDER BY a;\n");
  EXPECT_TRUE(output.ok) << output.err;
  EXPECT_EQ(output.err, "");
  EXPECT_EQ(output.out,
            "CREATE TABLE\n"
            "INSERT 0 1\n"
            "INSERT 0 1\n"
            " a |  b   \n"
            "---+------\n"
            " 1 | one;\n"
            " 2 | two\n"
            "(2 rows)\n"
            "\n");
  // -c text needs no ';' after its last statement.
  EXPECT_EQ(Command("SELECT 1 AS x; SELECT 'y' AS y"),
            " x \n---\n 1\n(1 row)\n\n y \n---\n y\n(1 row)\n\n");
}

TEST_F(ShellTest, ErrorsShowTheLineAndACaretThenTheSqlState) {
  Output output = RunCommand("SELECT *\nFROM nosuch");
  EXPECT_FALSE(output.ok);
  EXPECT_EQ(output.out, "");
  EXPECT_EQ(output.err,
            "ERROR:  relation \"nosuch\" does not exist\n"
            "LINE 2: FROM nosuch\n"
            "             ^\n"
            "SQLSTATE: 42P01\n");

  output = RunCommand("SELECT 1 +");
  EXPECT_FALSE(output.ok);
  EXPECT_EQ(output.err,
            "ERROR:  syntax error at end of input\n"
            "LINE 1: SELECT 1 +\n"
            "                  ^\n"
            "SQLSTATE: 42601\n");

  // An error without a position has no LINE display.
  output = RunCommand("SELECT 1 / 0");
  EXPECT_EQ(output.err, "ERROR:  division by zero\nSQLSTATE: 22012\n");
}

TEST_F(ShellTest, DashCStopsAtTheFirstFailingStatement) {
  Command("CREATE TABLE t (a integer)");
  Output output = RunCommand(
      "INSERT INTO t VALUES (1); INSERT INTO t VALUES ('x'); "
      "INSERT INTO t VALUES (3)");
  EXPECT_FALSE(output.ok);
  EXPECT_EQ(output.out, "INSERT 0 1\n");
  EXPECT_THAT(output.err, ::testing::StartsWith("ERROR:  invalid input syntax for type integer"));
  EXPECT_THAT(output.err, ::testing::EndsWith("SQLSTATE: 22P02\n"));
  EXPECT_EQ(Command("SELECT count(*) AS n FROM t"), " n \n---\n 1\n(1 row)\n\n");
}

TEST_F(ShellTest, ScriptStopsAtTheFirstErrorNamingFileAndLine) {
  Output output = RunScript(
      "CREATE TABLE t (a integer);\n"
      "INSERT INTO t VALUES (1);\n"
      "\n"
      "SELECT a\n"
      "  FROM t WHERE b = 1;\n"
      "INSERT INTO t VALUES (2);\n");
  EXPECT_FALSE(output.ok);
  EXPECT_EQ(output.out, "CREATE TABLE\nINSERT 0 1\n");
  EXPECT_EQ(output.err,
            "script.sql:4: ERROR:  column \"b\" does not exist\n"
            "LINE 2:   FROM t WHERE b = 1\n"
            "                       ^\n"
            "SQLSTATE: 42703\n");
  EXPECT_EQ(Command("SELECT count(*) AS n FROM t"), " n \n---\n 1\n(1 row)\n\n");
}

TEST_F(ShellTest, BackslashQQuitAndExitEndTheInput) {
  // psql takes quit and exit as commands when they are alone on a line that starts a statement.
  for (const std::string command : {"\\q", "quit", "EXIT;"}) {
    shell_ = std::make_unique<Shell>(*database_, *session_, out_, err_);  // not quit yet
    Output output = RunScript("SELECT 1 AS a;\n" + command + "\nSELECT 2 AS b;\n");
    EXPECT_TRUE(output.ok) << command;
    EXPECT_EQ(output.out, " a \n---\n 1\n(1 row)\n\n") << command;
    EXPECT_TRUE(shell_->quit()) << command;
  }
}

TEST_F(ShellTest, TheLastStatementOfAScriptNeedsNoSemicolon) {
  Output output = RunScript("SELECT 1 AS a;\nSELECT 2 AS b\n");
  EXPECT_TRUE(output.ok) << output.err;
  EXPECT_EQ(output.out, " a \n---\n 1\n(1 row)\n\n b \n---\n 2\n(1 row)\n\n");
}

TEST_F(ShellTest, ExitInsideAStatementIsSql) {
  // Only on an empty buffer is "exit" a command; here it is a column alias.
  Output output = RunScript("SELECT 1 AS\nexit;\n");
  EXPECT_TRUE(output.ok) << output.err;
  EXPECT_EQ(output.out, " exit \n------\n    1\n(1 row)\n\n");
  EXPECT_FALSE(shell_->quit());
}

TEST_F(ShellTest, PromptShowsDatabaseContinuationAndTransaction) {
  StatementSplitter splitter;
  EXPECT_EQ(shell_->Prompt(splitter), "default=> ");
  splitter.AddLine("SELECT 1", 1);
  EXPECT_EQ(shell_->Prompt(splitter), "default-> ");
  splitter.AddLine(", 'abc", 2);
  EXPECT_EQ(shell_->Prompt(splitter), "default'> ");
  splitter.AddLine("' + (2", 3);
  EXPECT_EQ(shell_->Prompt(splitter), "default(> ");

  StatementSplitter empty;
  Command("BEGIN");
  EXPECT_EQ(shell_->Prompt(empty), "default=*> ");
  Command("ROLLBACK");
  Command("CREATE DATABASE shop");
  Command("\\c shop");
  EXPECT_EQ(shell_->Prompt(empty), "shop=> ");
}

TEST_F(ShellTest, TimingPrintsATimeLineAfterEachStatement) {
  EXPECT_EQ(Command("\\timing on"), "Timing is on.\n");
  const std::string output = Command("SELECT 1 AS a");
  // The duration itself varies; only the line's form is checked.
  EXPECT_THAT(output, ::testing::MatchesRegex(
                          " a \n---\n 1\n\\(1 row\\)\n\nTime: [0-9]+\\.[0-9][0-9][0-9] ms\n"));
  EXPECT_EQ(Command("\\timing off"), "Timing is off.\n");
  EXPECT_EQ(Command("SELECT 1 AS a"), " a \n---\n 1\n(1 row)\n\n");
}

TEST(FormatTimingTest, FollowsPsqlsForms) {
  EXPECT_EQ(FormatTiming(0.5), "Time: 0.500 ms");
  EXPECT_EQ(FormatTiming(999.25), "Time: 999.250 ms");
  EXPECT_EQ(FormatTiming(61250), "Time: 61250.000 ms (01:01.250)");
  EXPECT_EQ(FormatTiming(3725500), "Time: 3725500.000 ms (01:02:05.500)");
  EXPECT_EQ(FormatTiming(90061000), "Time: 90061000.000 ms (1 d 01:01:01.000)");
}

TEST_F(ShellTest, OutputFormatFromSettingsAppliesToQueries) {
  Shell csv_shell(*database_, *session_, out_, err_, ShellSettings{.format = OutputFormat::kCsv});
  ASSERT_TRUE(csv_shell.RunText("SELECT 1 AS a, 'x,y' AS b"));
  EXPECT_EQ(out_.str(), "a,b\n1,\"x,y\"\n");
}

}  // namespace
}  // namespace boyodb::tools::cli
