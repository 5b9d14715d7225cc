// The comparison operators on arrays (PostgreSQL 15's element-by-element order, NULL elements
// last, prefixes first, then dimensionality) and containment and overlap (@>, <@, &&), where
// NULL elements never match.
#include <gtest/gtest.h>

#include "tests/unit/functions/array/array_test_util.h"

namespace boyodb::functions::testing {
namespace {

std::string Compare(std::string_view op, std::string_view a, std::string_view b) {
  return EvalArray(op, {Ints(a), Ints(b)});
}

TEST(ArrayComparisonTest, OrderElementByElement) {
  EXPECT_EQ(Compare("<", "{1,2}", "{1,2,3}"), "t");
  EXPECT_EQ(Compare(">", "{1,NULL}", "{1,2}"), "t");
  EXPECT_EQ(Compare("=", "{NULL}", "{NULL}"), "t");
  EXPECT_EQ(Compare("<", "{}", "{1}"), "t");
  EXPECT_EQ(Compare(">", "{3}", "{1,2}"), "t");
  EXPECT_EQ(Compare("<=", "{1,2}", "{1,2}"), "t");
  EXPECT_EQ(Compare(">=", "{1,2}", "{1,3}"), "f");
  EXPECT_EQ(Compare("<>", "{1,2}", "{1,2}"), "f");
  EXPECT_EQ(Compare("<>", "{1,2}", "{2,1}"), "t");
  EXPECT_EQ(EvalArray("<", {Texts({"a", "b"}), Texts({"a", "c"})}), "t");
}

TEST(ArrayComparisonTest, MultiDimensionalArraysCompareTheirElementsThenDimensions) {
  EXPECT_EQ(Compare("<", "{{1,2}}", "{{1},{2}}"), "t");
  EXPECT_EQ(Compare("=", "{{1,2},{3,4}}", "{{1,2},{3,4}}"), "t");
  EXPECT_EQ(Compare(">", "{{1,3}}", "{{1,2},{3,4}}"), "t");
}

TEST(ArrayComparisonTest, NullArraysGiveNull) {
  EXPECT_EQ(Compare("=", "NULL", "{1}"), "NULL");
  EXPECT_EQ(Compare("<", "{1}", "NULL"), "NULL");
  EXPECT_EQ(Compare("@>", "NULL", "{1}"), "NULL");
  EXPECT_EQ(Compare("&&", "{1}", "NULL"), "NULL");
}

TEST(ArrayComparisonTest, ContainmentAndOverlap) {
  EXPECT_EQ(Compare("@>", "{1,2,NULL}", "{1}"), "t");
  EXPECT_EQ(Compare("@>", "{1,2,NULL}", "{NULL}"), "f");
  EXPECT_EQ(Compare("<@", "{1}", "{1,2}"), "t");
  EXPECT_EQ(Compare("<@", "{1,1}", "{1}"), "t");
  EXPECT_EQ(Compare("<@", "{}", "{1}"), "t");
  EXPECT_EQ(Compare("@>", "{}", "{}"), "t");
  EXPECT_EQ(Compare("@>", "{1}", "{2}"), "f");
  EXPECT_EQ(Compare("&&", "{1}", "{2,1}"), "t");
  EXPECT_EQ(Compare("&&", "{1}", "{2}"), "f");
  EXPECT_EQ(Compare("&&", "{NULL}", "{NULL}"), "f");
  EXPECT_EQ(Compare("&&", "{}", "{}"), "f");
  // Multi-dimensional arrays take part as their elements.
  EXPECT_EQ(Compare("@>", "{{1,2},{3,4}}", "{{3}}"), "t");
  EXPECT_EQ(Compare("&&", "{{1,2},{3,4}}", "{{5},{4}}"), "t");
}

TEST(ArrayComparisonTest, SlicedInputs) {
  EXPECT_EQ(EvalSlicedRows("<", {{Ints("{1}"), Ints("NULL"), Ints("{2,NULL}")},
                                 {Ints("{1,0}"), Ints("{1}"), Ints("{2,3}")}}),
            (std::vector<std::string>{"t", "NULL", "f"}));
  EXPECT_EQ(EvalSlicedRows("@>", {{Ints("{1,2}"), Ints("{3}")}, {Ints("{2}"), Ints("{4}")}}),
            (std::vector<std::string>{"t", "f"}));
}

}  // namespace
}  // namespace boyodb::functions::testing
