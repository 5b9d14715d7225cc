// Result sorting: nosort keeps the engine's order, rowsort sorts rows byte-wise column by
// column, valuesort sorts every value.
#include "tools/slt/result_sort.h"

#include <gtest/gtest.h>

namespace boyodb::tools::slt {
namespace {

using Values = std::vector<std::string>;

TEST(SltResultSortTest, ParsesModes) {
  EXPECT_EQ(ParseSortMode(""), SortMode::kNoSort);
  EXPECT_EQ(ParseSortMode("nosort"), SortMode::kNoSort);
  EXPECT_EQ(ParseSortMode("rowsort"), SortMode::kRowSort);
  EXPECT_EQ(ParseSortMode("valuesort"), SortMode::kValueSort);
  EXPECT_EQ(ParseSortMode("label-1"), std::nullopt);
}

TEST(SltResultSortTest, NoSortKeepsOrder) {
  Values values = {"9", "10", "1"};
  SortResult(SortMode::kNoSort, 1, values);
  EXPECT_EQ(values, (Values{"9", "10", "1"}));
}

TEST(SltResultSortTest, RowSortComparesRenderedStringsColumnByColumn) {
  Values values = {"9", "b", "10", "z", "10", "a", "NULL", "x"};
  SortResult(SortMode::kRowSort, 2, values);
  EXPECT_EQ(values, (Values{"10", "a", "10", "z", "9", "b", "NULL", "x"}));
}

TEST(SltResultSortTest, RowSortKeepsRowsTogether) {
  Values values = {"2", "x", "1", "y"};
  SortResult(SortMode::kRowSort, 2, values);
  EXPECT_EQ(values, (Values{"1", "y", "2", "x"}));
}

TEST(SltResultSortTest, ValueSortIgnoresRows) {
  Values values = {"2", "x", "1", "y", "-5", "(empty)"};
  SortResult(SortMode::kValueSort, 2, values);
  EXPECT_EQ(values, (Values{"(empty)", "-5", "1", "2", "x", "y"}));
}

TEST(SltResultSortTest, BytesCompareUnsigned) {
  Values values = {"\xC3", "a"};
  SortResult(SortMode::kValueSort, 1, values);
  EXPECT_EQ(values, (Values{"a", "\xC3"}));
}

}  // namespace
}  // namespace boyodb::tools::slt
