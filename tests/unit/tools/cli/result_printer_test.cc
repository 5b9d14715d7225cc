// Results of real queries printed in each output format. CSV texts are what psql 15's --csv
// prints for the same query; TSV escapes as COPY's text format; JSON is one object per row.
#include "tools/cli/result_printer.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/support/session_fixture.h"

namespace boyodb::tools::cli {
namespace {

class ResultPrinterTest : public engine::SessionTest {
 protected:
  engine::StatementResult Query(std::string_view sql) {
    Result<std::vector<engine::StatementResult>> results = session_->Execute(sql);
    EXPECT_TRUE(results.ok()) << sql << ": " << results.status().ToString();
    return results.ok() ? std::move(results->back()) : engine::StatementResult();
  }

  static std::string Print(const engine::StatementResult& result, OutputFormat format) {
    std::ostringstream out;
    PrintResult(result, format, out);
    return out.str();
  }
};

TEST_F(ResultPrinterTest, CsvQuotesLikePsql) {
  const engine::StatementResult result = Query(
      "SELECT 'plain' AS a, 'x,y' AS \"b,c\", 'say \"hi\"' AS q, E'two\\nlines' AS m, "
      "NULL AS n, '' AS e, 42 AS i, '\\.' AS dot");
  EXPECT_EQ(Print(result, OutputFormat::kCsv),
            "a,\"b,c\",q,m,n,e,i,dot\n"
            "plain,\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",,,42,\"\\.\"\n");
}

TEST_F(ResultPrinterTest, TsvEscapesTabsNewlinesAndBackslashes) {
  const engine::StatementResult result = Query(
      "SELECT E'a\\tb' AS \"t\tab\", E'back\\\\slash' AS b, E'new\\nline\\r' AS n, "
      "NULL::text AS z, 1.5::float8 AS f");
  EXPECT_EQ(Print(result, OutputFormat::kTsv),
            "t\\tab\tb\tn\tz\tf\n"
            "a\\tb\tback\\\\slash\tnew\\nline\\r\t\t1.5\n");
}

TEST_F(ResultPrinterTest, JsonWritesOneObjectPerRowWithJsonTypes) {
  const engine::StatementResult result = Query(
      "SELECT 1 AS i, 2.5::float8 AS f, 1.50::numeric(4,2) AS d, true AS b, "
      "'x\"y' AS s, NULL::int AS n, DATE '2024-01-31' AS dt, 'NaN'::float8 AS nan, "
      "9223372036854775807 AS big");
  EXPECT_EQ(Print(result, OutputFormat::kJson),
            "{\"i\":1,\"f\":2.5,\"d\":1.50,\"b\":true,\"s\":\"x\\\"y\",\"n\":null,"
            "\"dt\":\"2024-01-31\",\"nan\":\"NaN\",\"big\":9223372036854775807}\n");

  Exec("CREATE TABLE t (a integer, b text)");
  Exec("INSERT INTO t VALUES (1, 'x'), (2, NULL)");
  EXPECT_EQ(Print(Query("SELECT * FROM t ORDER BY a"), OutputFormat::kJson),
            "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":null}\n");
  // No rows, no lines.
  EXPECT_EQ(Print(Query("SELECT * FROM t WHERE a > 5"), OutputFormat::kJson), "");
}

TEST_F(ResultPrinterTest, EveryChunkOfAResultIsPrinted) {
  engine::StatementResult result = Query("SELECT 1 AS a, 'x' AS b");
  result.chunks.push_back(Query("SELECT 22 AS a, NULL AS b").chunks.front());
  EXPECT_EQ(Print(result, OutputFormat::kAligned),
            " a  | b \n"
            "----+---\n"
            "  1 | x\n"
            " 22 | \n"
            "(2 rows)\n"
            "\n");
  EXPECT_EQ(Print(result, OutputFormat::kCsv), "a,b\n1,x\n22,\n");
}

TEST_F(ResultPrinterTest, StatementsWithoutRowsPrintTheirTagInEveryFormat) {
  const engine::StatementResult created = Query("CREATE TABLE t (a integer)");
  for (const OutputFormat format :
       {OutputFormat::kAligned, OutputFormat::kCsv, OutputFormat::kTsv, OutputFormat::kJson}) {
    EXPECT_EQ(Print(created, format), "CREATE TABLE\n");
  }
  // A query's "SELECT n" tag is not printed, as in psql.
  EXPECT_EQ(Print(Query("SELECT 7 AS a"), OutputFormat::kCsv), "a\n7\n");
}

TEST_F(ResultPrinterTest, RowsOfADataModifyingStatementAreFollowedByItsTag) {
  // As psql prints INSERT ... RETURNING (the session does not run RETURNING yet, so the tag is
  // put on a query's result).
  engine::StatementResult result = Query("SELECT 5 AS id");
  result.command_tag = "INSERT 0 1";
  EXPECT_EQ(Print(result, OutputFormat::kAligned), " id \n----\n  5\n(1 row)\n\nINSERT 0 1\n");
  EXPECT_EQ(Print(result, OutputFormat::kCsv), "id\n5\nINSERT 0 1\n");
}

TEST(OutputFormatTest, NamesRoundTrip) {
  for (const OutputFormat format :
       {OutputFormat::kAligned, OutputFormat::kCsv, OutputFormat::kTsv, OutputFormat::kJson}) {
    EXPECT_EQ(ParseOutputFormat(OutputFormatName(format)), format);
  }
  EXPECT_EQ(ParseOutputFormat("html"), std::nullopt);
  EXPECT_EQ(ParseOutputFormat("CSV"), std::nullopt);
}

}  // namespace
}  // namespace boyodb::tools::cli
