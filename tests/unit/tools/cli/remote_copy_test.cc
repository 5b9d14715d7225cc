// COPY FROM STDIN over a server connection: which statements become an ingest_csv request and
// with which fields, which are refused (0A000) and with what advice, option errors exactly as
// the session reports them, and PostgreSQL's text format turned into CSV that reads back to
// the same values.
#include "tools/cli/remote_copy.h"

#include <gtest/gtest.h>

#include "sql/parser/parser.h"

namespace boyodb::tools::cli {
namespace {

// The plan for `sql`, one COPY statement, in database `current`.
Result<RemoteCopy> Plan(std::string_view sql, std::string_view current = "default") {
  Result<std::vector<sql::ast::Statement>> parsed = sql::Parse(sql);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  if (!parsed.ok()) return parsed.status();
  return PlanRemoteCopy(*parsed->front().copy, current);
}

TEST(RemoteCopyTest, TextFormatIsConvertedAndSentWithItsHeader) {
  Result<RemoteCopy> plan = Plan("COPY items FROM STDIN (HEADER)");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->table, "items");
  EXPECT_EQ(plan->table_position, 6);
  EXPECT_TRUE(plan->text_format);
  EXPECT_TRUE(plan->header);
  EXPECT_EQ(IngestCsvRequest(*plan, "id\tname\n1\tx\n2\t\\N\n"),
            nlohmann::json({{"op", "ingest_csv"},
                            {"table", "items"},
                            {"header", true},
                            {"csv", "\"id\",\"name\"\n\"1\",\"x\"\n\"2\",\n"}}));
}

TEST(RemoteCopyTest, CsvIsSentAsItIsWithItsOptions) {
  Result<RemoteCopy> plan = Plan(
      "COPY shop.items FROM STDIN (FORMAT csv, DELIMITER ';', NULL 'none', QUOTE '''')", "shop");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->table, "items");
  EXPECT_FALSE(plan->text_format);
  EXPECT_EQ(IngestCsvRequest(*plan, "1;'a;b'\n2;none\n"),
            nlohmann::json({{"op", "ingest_csv"},
                            {"table", "items"},
                            {"header", false},
                            {"csv", "1;'a;b'\n2;none\n"},
                            {"delimiter", ";"},
                            {"null", "none"},
                            {"quote", "'"}}));
  // The old spelling reads the same.
  Result<RemoteCopy> old_style = Plan("COPY items FROM STDIN WITH CSV HEADER");
  ASSERT_TRUE(old_style.ok()) << old_style.status().ToString();
  EXPECT_FALSE(old_style->text_format);
  EXPECT_TRUE(old_style->header);
}

TEST(RemoteCopyTest, WhatIngestCsvCannotExpressIsRefused) {
  struct Case {
    const char* sql;
    const char* message;
    int32_t position;
  };
  const Case cases[] = {
      {"COPY shop.items FROM STDIN",
       "COPY FROM STDIN over a server connection copies only into tables of the current database "
       "\"default\"; connect to database \"shop\" first (\\c)",
       6},
      {"COPY items (id) FROM STDIN",
       "COPY FROM STDIN with a column list is not available over a server connection yet; copy "
       "into all the table's columns",
       0},
      {"COPY items FROM STDIN (FORMAT json)",
       "COPY FROM STDIN (FORMAT json) is not available over a server connection yet; use text or "
       "csv",
       0},
      {"COPY items FROM STDIN (FORMAT arrow)",
       "COPY FROM STDIN (FORMAT arrow) is not available over a server connection yet; use text "
       "or csv",
       0},
      {"COPY items FROM STDIN (FORMAT csv, HEADER MATCH)",
       "COPY FROM STDIN with HEADER MATCH is not available over a server connection yet; use "
       "HEADER true",
       0},
      {"COPY items FROM STDIN (FORMAT csv, FORCE_NOT_NULL (id))",
       "COPY FROM STDIN with FORCE_NOT_NULL is not available over a server connection yet", 0},
      {"COPY items FROM STDIN (FORMAT csv, ESCAPE '\\')",
       "COPY FROM STDIN with an ESCAPE other than the QUOTE is not available over a server "
       "connection yet",
       0},
  };
  for (const Case& c : cases) {
    Result<RemoteCopy> plan = Plan(c.sql);
    ASSERT_FALSE(plan.ok()) << c.sql;
    EXPECT_EQ(plan.status().sqlstate(), "0A000") << c.sql;
    EXPECT_EQ(plan.status().message(), c.message) << c.sql;
    EXPECT_EQ(plan.status().position(), c.position) << c.sql;
  }
}

TEST(RemoteCopyTest, BadOptionsFailAsTheSessionFailsThem) {
  Result<RemoteCopy> format = Plan("COPY items FROM STDIN (FORMAT nope)");
  ASSERT_FALSE(format.ok());
  EXPECT_EQ(format.status().sqlstate(), "22023");
  EXPECT_EQ(format.status().message(), "COPY format \"nope\" not recognized");
  EXPECT_GT(format.status().position(), 0);
  Result<RemoteCopy> quote = Plan("COPY items FROM STDIN (QUOTE '\"')");
  ASSERT_FALSE(quote.ok());
  EXPECT_EQ(quote.status().sqlstate(), "0A000");
  EXPECT_EQ(quote.status().message(), "COPY quote available only in CSV mode");
}

TEST(RemoteCopyTest, TextFormatBecomesCsvWithTheSameValues) {
  // NULL is an unquoted empty field; every value, the empty string too, is quoted.
  EXPECT_EQ(TextCopyToCsv("1\tapple\n2\t\\N\n3\t\n", '\t', "\\N"),
            "\"1\",\"apple\"\n\"2\",\n\"3\",\"\"\n");
  // Escapes are decoded; quotes are doubled; commas need nothing more than the quotes.
  EXPECT_EQ(TextCopyToCsv("a\\tb\\\\c\t\"q\",\\x41\\101\\\t\n", '\t', "\\N"),
            "\"a\tb\\c\",\"\"\"q\"\",AA\t\"\n");
  // An empty line is one empty string; the last line needs no line end; \r\n and \r end lines.
  EXPECT_EQ(TextCopyToCsv("\nx\r\ny\rz", '\t', "\\N"), "\"\"\n\"x\"\n\"y\"\n\"z\"\n");
  // A backslash before a line end keeps it in the value: one record over two lines.
  EXPECT_EQ(TextCopyToCsv("two\\\nlines\t1\n", '\t', "\\N"), "\"two\nlines\",\"1\"\n");
  // Another delimiter and NULL string, compared before escapes are decoded.
  EXPECT_EQ(TextCopyToCsv("1|NULL|\\NULL|a\\|b\n", '|', "NULL"), "\"1\",,\"NULL\",\"a|b\"\n");
  EXPECT_EQ(TextCopyToCsv("", '\t', "\\N"), "");
}

}  // namespace
}  // namespace boyodb::tools::cli
