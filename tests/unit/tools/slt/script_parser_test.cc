// The script parser: record splitting (blank lines, comments, `\r`), conditions, heads,
// statement and query bodies, and the hash-threshold argument.
#include "tools/slt/script_parser.h"

#include <gtest/gtest.h>

namespace boyodb::tools::slt {
namespace {

// gtest's Test::IsSkipped() hides the free function inside test bodies.
namespace slt = ::boyodb::tools::slt;

TEST(SltScriptParserTest, BlankLinesSeparateRecordsAndCommentsDoNot) {
  const std::vector<std::vector<ScriptLine>> records = SplitRecords(
      "statement ok\n"
      "CREATE TABLE t1(a INTEGER)\n"
      "\n"
      "   \t \n"
      "query I nosort\n"
      "# a comment inside a record\n"
      "SELECT a FROM t1\n"
      "----\n"
      "1\n"
      "\n"
      "# only a comment\n"
      "\n");
  ASSERT_EQ(records.size(), 2u);
  ASSERT_EQ(records[0].size(), 2u);
  EXPECT_EQ(records[0][0].line_no, 1);
  EXPECT_EQ(records[0][1].text, "CREATE TABLE t1(a INTEGER)");
  ASSERT_EQ(records[1].size(), 4u);
  EXPECT_EQ(records[1][0].line_no, 5);
  EXPECT_EQ(records[1][1].text, "SELECT a FROM t1");
  EXPECT_EQ(records[1][1].line_no, 7);
}

TEST(SltScriptParserTest, CarriageReturnBeforeNewlineIsDropped) {
  const std::vector<Record> records =
      ParseScript("statement ok\r\nSELECT 1\r\n\r\nquery T\r\nSELECT 'x'\r\n----\r\nx\r\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].sql, "SELECT 1");
  EXPECT_EQ(records[1].query_types(), "T");
  EXPECT_EQ(records[1].expected, std::vector<std::string>{"x"});
}

TEST(SltScriptParserTest, LastRecordNeedsNoTrailingNewline) {
  const std::vector<Record> records = ParseScript("statement ok\nSELECT 1");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].sql, "SELECT 1");
}

TEST(SltScriptParserTest, QueryHeadAndBody) {
  const std::vector<Record> records = ParseScript(
      "query IIT rowsort label-12\n"
      "SELECT a, b, c\n"
      "FROM t1 WHERE a > 10\n"
      "----\n"
      "11\n"
      "12\n"
      "abc\n");
  ASSERT_EQ(records.size(), 1u);
  const Record& query = records[0];
  EXPECT_EQ(query.kind, RecordKind::kQuery);
  EXPECT_EQ(query.query_types(), "IIT");
  EXPECT_EQ(query.sort_mode(), "rowsort");
  EXPECT_EQ(query.label(), "label-12");
  EXPECT_EQ(query.sql, "SELECT a, b, c\nFROM t1 WHERE a > 10");
  EXPECT_EQ(query.expected, (std::vector<std::string>{"11", "12", "abc"}));
}

TEST(SltScriptParserTest, QueryWithoutSeparatorExpectsNoRows) {
  const Record query = ParseScript("query I\nSELECT 1 WHERE 0")[0];
  EXPECT_EQ(query.sql, "SELECT 1 WHERE 0");
  EXPECT_TRUE(query.expected.empty());
}

TEST(SltScriptParserTest, StatementKeepsEveryLineAsWritten) {
  // The record with two statements separated by `;` goes to the engine as one text.
  const Record statement =
      ParseScript("statement ok\nINSERT INTO t1 VALUES(-1,'true');\nDROP INDEX t1i1;\n")[0];
  EXPECT_EQ(statement.kind, RecordKind::kStatement);
  EXPECT_EQ(statement.head[1], "ok");
  EXPECT_EQ(statement.sql, "INSERT INTO t1 VALUES(-1,'true');\nDROP INDEX t1i1;");
}

TEST(SltScriptParserTest, ConditionsPrecedeTheHead) {
  const Record record = ParseScript(
      "skipif mysql # a comment after the name\n"
      "onlyif PostgreSQL\n"
      "statement error\n"
      "SELECT x\n")[0];
  ASSERT_EQ(record.conditions.size(), 2u);
  EXPECT_TRUE(record.conditions[0].skip_if);
  EXPECT_EQ(record.conditions[0].engine_name, "mysql");
  EXPECT_FALSE(record.conditions[1].skip_if);
  EXPECT_EQ(record.conditions[1].engine_name, "postgresql");
  EXPECT_EQ(record.kind, RecordKind::kStatement);
  EXPECT_EQ(record.line_no, 3);
  EXPECT_FALSE(record.conditions_only);
}

TEST(SltScriptParserTest, ConditionsDecideSkipping) {
  const std::set<std::string> boyodb = {"boyodb", "postgresql"};
  EXPECT_TRUE(slt::IsSkipped(ParseScript("skipif postgresql\nstatement ok\nX")[0], boyodb));
  EXPECT_FALSE(slt::IsSkipped(ParseScript("onlyif postgresql\nstatement ok\nX")[0], boyodb));
  EXPECT_TRUE(slt::IsSkipped(ParseScript("onlyif mysql\nstatement ok\nX")[0], boyodb));
  EXPECT_FALSE(slt::IsSkipped(ParseScript("skipif mysql\nstatement ok\nX")[0], boyodb));
  EXPECT_TRUE(slt::IsSkipped(ParseScript("skipif mysql\nonlyif sqlite\nhalt")[0], boyodb));
  EXPECT_FALSE(slt::IsSkipped(ParseScript("statement ok\nX")[0], boyodb));
}

TEST(SltScriptParserTest, RecordOfOnlyConditions) {
  const Record record = ParseScript("onlyif mssql\n")[0];
  EXPECT_TRUE(record.conditions_only);
}

TEST(SltScriptParserTest, ControlAndUnknownRecords) {
  const std::vector<Record> records =
      ParseScript("hash-threshold 100\n\nonlyif mssql\nhalt\n\nfoo bar\n\nquery\nSELECT 1\n");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].kind, RecordKind::kHashThreshold);
  EXPECT_EQ(ParseLeadingInteger(records[0].head[1]), 100);
  EXPECT_EQ(records[1].kind, RecordKind::kHalt);
  EXPECT_EQ(records[2].kind, RecordKind::kUnknown);
  EXPECT_EQ(records[2].head_line, "foo bar");
  EXPECT_EQ(records[3].kind, RecordKind::kQuery);
  EXPECT_TRUE(records[3].query_types().empty());
}

TEST(SltScriptParserTest, TokenizerKeepsFourTokensOfAtMost199Bytes) {
  const std::array<std::string, 4> tokens =
      TokenizeLine("  query\tIII   rowsort " + std::string(250, 'x') + " extra words");
  EXPECT_EQ(tokens[0], "query");
  EXPECT_EQ(tokens[1], "III");
  EXPECT_EQ(tokens[2], "rowsort");
  EXPECT_EQ(tokens[3], std::string(199, 'x'));
  EXPECT_EQ(TokenizeLine("halt")[1], "");
}

TEST(SltScriptParserTest, LeadingIntegerLikeAtoi) {
  EXPECT_EQ(ParseLeadingInteger("8"), 8);
  EXPECT_EQ(ParseLeadingInteger("  -12abc"), -12);
  EXPECT_EQ(ParseLeadingInteger("+7"), 7);
  EXPECT_EQ(ParseLeadingInteger("abc"), 0);
  EXPECT_EQ(ParseLeadingInteger(""), 0);
  EXPECT_EQ(ParseLeadingInteger("99999999999999999999"), INT64_MAX);
  EXPECT_EQ(ParseLeadingInteger("-99999999999999999999"), INT64_MIN);
}

}  // namespace
}  // namespace boyodb::tools::slt
