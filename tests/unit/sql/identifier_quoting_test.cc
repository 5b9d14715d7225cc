// IdentifierNeedsQuotes: PostgreSQL's quote_identifier rule, whose keyword part comes from
// libpg_query's scanner (only unreserved keywords may go unquoted).
#include "sql/parser/identifier_quoting.h"

#include <gtest/gtest.h>

namespace boyodb::sql {
namespace {

TEST(IdentifierQuotingTest, PlainLowerCaseNamesStayBare) {
  EXPECT_FALSE(IdentifierNeedsQuotes("orders"));
  EXPECT_FALSE(IdentifierNeedsQuotes("_tmp_1"));
  EXPECT_EQ(QuoteIdentifierIfNeeded("orders"), "orders");
}

TEST(IdentifierQuotingTest, CaseSpacesDigitsFirstAndEmptyNeedQuotes) {
  EXPECT_TRUE(IdentifierNeedsQuotes("Orders"));
  EXPECT_TRUE(IdentifierNeedsQuotes("my table"));
  EXPECT_TRUE(IdentifierNeedsQuotes("1st"));
  EXPECT_TRUE(IdentifierNeedsQuotes(""));
  EXPECT_EQ(QuoteIdentifierIfNeeded("say\"hi"), "\"say\"\"hi\"");
}

TEST(IdentifierQuotingTest, OnlyUnreservedKeywordsStayBare) {
  EXPECT_FALSE(IdentifierNeedsQuotes("name"));    // unreserved
  EXPECT_FALSE(IdentifierNeedsQuotes("year"));    // unreserved
  EXPECT_TRUE(IdentifierNeedsQuotes("select"));   // reserved
  EXPECT_TRUE(IdentifierNeedsQuotes("between"));  // column-name keyword
  EXPECT_TRUE(IdentifierNeedsQuotes("left"));     // type/function-name keyword
  EXPECT_EQ(QuoteIdentifierIfNeeded("table"), "\"table\"");
}

}  // namespace
}  // namespace boyodb::sql
