// SQL name rules for names typed into backslash commands.
#include "tools/cli/identifiers.h"

#include <gtest/gtest.h>

namespace boyodb::tools::cli {
namespace {

using Parts = std::vector<std::string>;

TEST(IdentifiersTest, NamePartsFoldUnquotedLettersAndSplitAtDots) {
  EXPECT_EQ(NameParts("orders"), (Parts{"orders"}));
  EXPECT_EQ(NameParts("Shop.Orders"), (Parts{"shop", "orders"}));
  EXPECT_EQ(NameParts("\"Shop\".Orders"), (Parts{"Shop", "orders"}));
  EXPECT_EQ(NameParts("\"a.b\"\"c\""), (Parts{"a.b\"c"}));
  EXPECT_EQ(NameParts(""), (Parts{""}));
}

TEST(IdentifiersTest, QuoteIdentifierDoublesQuotes) {
  EXPECT_EQ(QuoteIdentifier("default"), "\"default\"");
  EXPECT_EQ(QuoteIdentifier("a\"b"), "\"a\"\"b\"");
}

}  // namespace
}  // namespace boyodb::tools::cli
