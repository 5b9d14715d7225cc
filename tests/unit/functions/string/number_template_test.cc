// Parsing number templates: positions before and after the decimal point, V's scale, where the
// first 0 is, FM and S placement, quoted literals, and the 42601 errors.
#include "functions/string/number_template_internal.h"

#include <gtest/gtest.h>

namespace boyodb::functions {
namespace {

TEST(NumberTemplateTest, CountsPositions) {
  Result<NumberTemplate> t = ParseNumberTemplate("FM9,099.90S");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->pre, 4);
  EXPECT_EQ(t->post, 2);
  EXPECT_EQ(t->zero_start, 1);
  EXPECT_EQ(t->last_post_zero, 1);
  EXPECT_TRUE(t->fill_mode);
  EXPECT_TRUE(t->sign);
  EXPECT_TRUE(t->sign_after);
  EXPECT_TRUE(t->has_decimal);
}

TEST(NumberTemplateTest, MultiplyAndLiterals) {
  Result<NumberTemplate> t = ParseNumberTemplate("\"n=\"99V999 x");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->pre, 5);
  EXPECT_EQ(t->multiply, 3);
  ASSERT_FALSE(t->items.empty());
  EXPECT_EQ(t->items.front().kind, ItemKind::kLiteral);
  EXPECT_EQ(t->items.front().text, "n=");
  EXPECT_EQ(t->items.back().text, " x");
  // S before the last integer position stays in front of the number.
  t = ParseNumberTemplate("9S99");
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->sign_after);
}

TEST(NumberTemplateTest, RefusedCombinations) {
  auto error = [](std::string_view pattern) {
    Result<NumberTemplate> t = ParseNumberTemplate(pattern);
    if (t.ok()) return std::string("ok");
    return std::string(t.status().sqlstate()) + " " + std::string(t.status().message());
  };
  EXPECT_EQ(error("9.9.9"), "42601 multiple decimal points");
  EXPECT_EQ(error("9V9.9"), "42601 cannot use \"V\" and decimal point together");
  EXPECT_EQ(error("S9S"), "42601 cannot use \"S\" twice");
  EXPECT_EQ(error("PL9S"), "42601 cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together");
  EXPECT_EQ(error("S9MI"), "42601 cannot use \"S\" and \"MI\" together");
  EXPECT_EQ(error("9PR9"), "42601 \"9\" must be ahead of \"PR\"");
  EXPECT_EQ(error("9EEEE9"), "42601 \"EEEE\" must be the last pattern used");
  EXPECT_EQ(error("S9EEEE"), "42601 \"EEEE\" is incompatible with other formats");
  EXPECT_EQ(error("9.99EEEE"), "ok");
}

}  // namespace
}  // namespace boyodb::functions
