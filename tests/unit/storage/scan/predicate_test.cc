#include "storage/scan/predicate.h"

#include <gtest/gtest.h>

#include "columnar/builder.h"
#include "common/sqlstate.h"

namespace boyodb::storage {
namespace {

using types::DataType;
using types::Value;

columnar::ArrayPtr Int32s(const std::vector<std::optional<int32_t>>& values) {
  columnar::FixedWidthBuilder<int32_t> builder(DataType::Int32());
  for (const auto& value : values) {
    if (value) {
      builder.Append(*value);
    } else {
      builder.AppendNull();
    }
  }
  return builder.Finish();
}

std::vector<uint32_t> Select(const ColumnPredicate& predicate, const columnar::Array& column) {
  const ColumnPredicate bound = *BindPredicate(predicate, column.type());
  columnar::SelectionVector selection = columnar::SelectionVector::All(column.length());
  FilterRows(bound, column, &selection);
  return selection.rows();
}

TEST(PredicateTest, IntegerComparisonsSkipNulls) {
  const auto column = Int32s({1, std::nullopt, 5, 10, -3});
  EXPECT_EQ(Select({"a", CompareOp::kGt, Value::Int64(1)}, *column), (std::vector<uint32_t>{2, 3}));
  EXPECT_EQ(Select({"a", CompareOp::kNe, Value::Int64(5)}, *column),
            (std::vector<uint32_t>{0, 3, 4}));
  EXPECT_EQ(Select({"a", CompareOp::kIsNull, {}}, *column), (std::vector<uint32_t>{1}));
  // A constant beyond the column's range compares correctly instead of wrapping.
  EXPECT_EQ(Select({"a", CompareOp::kLt, Value::Int64(int64_t{1} << 40)}, *column).size(), 4u);
}

// Every operator, on a column with and without NULLs, and on a narrowed selection.
TEST(PredicateTest, IntegerOperatorsWithAndWithoutNulls) {
  const auto plain = Int32s({4, -7, 4, 9, 0, 4});
  const auto nulls = Int32s({4, std::nullopt, 4, 9, std::nullopt, 4});
  const std::vector<std::pair<CompareOp, std::vector<uint32_t>>> plain_cases = {
      {CompareOp::kEq, {0, 2, 5}}, {CompareOp::kNe, {1, 3, 4}},
      {CompareOp::kLt, {1, 4}},    {CompareOp::kLe, {0, 1, 2, 4, 5}},
      {CompareOp::kGt, {3}},       {CompareOp::kGe, {0, 2, 3, 5}}};
  for (const auto& [op, rows] : plain_cases) {
    EXPECT_EQ(Select({"a", op, Value::Int64(4)}, *plain), rows) << CompareOpSymbol(op);
  }
  EXPECT_EQ(Select({"a", CompareOp::kNe, Value::Int64(4)}, *nulls), (std::vector<uint32_t>{3}));
  EXPECT_EQ(Select({"a", CompareOp::kLe, Value::Int64(4)}, *nulls),
            (std::vector<uint32_t>{0, 2, 5}));
  columnar::SelectionVector some;
  some.mutable_rows() = {1, 2, 3};
  FilterRows(*BindPredicate({"a", CompareOp::kGe, Value::Int64(4)}, plain->type()), *plain, &some);
  EXPECT_EQ(some.rows(), (std::vector<uint32_t>{2, 3}));
  // Constants beyond INTEGER on either side: all rows or none.
  EXPECT_EQ(Select({"a", CompareOp::kGt, Value::Int64(-(int64_t{1} << 40))}, *plain).size(), 6u);
  EXPECT_TRUE(Select({"a", CompareOp::kEq, Value::Int64(int64_t{1} << 40)}, *plain).empty());
}

TEST(PredicateTest, DecimalComparisons) {
  const DataType type = DataType::Decimal(20, 2);
  columnar::FixedWidthBuilder<types::Int128> builder(type);
  for (const int64_t unscaled : {500, -125, 700, 499}) builder.Append(unscaled);
  builder.AppendNull();
  const auto column = builder.Finish();
  const Value five = Value::Decimal(500, type);
  EXPECT_EQ(Select({"a", CompareOp::kGe, five}, *column), (std::vector<uint32_t>{0, 2}));
  EXPECT_EQ(Select({"a", CompareOp::kLt, five}, *column), (std::vector<uint32_t>{1, 3}));
  const types::Int128 huge = types::Int128{1} << 100;
  EXPECT_EQ(Select({"a", CompareOp::kLt, Value::Decimal(huge, type)}, *column).size(), 4u);
}

TEST(PredicateTest, StringsAndDictionaries) {
  columnar::BinaryBuilder builder(DataType::String());
  for (const char* s : {"b", "a", "c", "b"}) builder.Append(s);
  const auto plain = builder.Finish();
  EXPECT_EQ(Select({"s", CompareOp::kEq, Value::String("b")}, *plain),
            (std::vector<uint32_t>{0, 3}));
  EXPECT_EQ(Select({"s", CompareOp::kGe, Value::String("b")}, *plain),
            (std::vector<uint32_t>{0, 2, 3}));
}

TEST(PredicateTest, ZoneMapsRuleOutBatches) {
  ZoneMap zone{Value::Int32(10), Value::Int32(20), 0, 100};
  EXPECT_FALSE(ZoneMayMatch({"a", CompareOp::kGt, Value::Int32(20)}, zone));
  EXPECT_TRUE(ZoneMayMatch({"a", CompareOp::kGe, Value::Int32(20)}, zone));
  EXPECT_FALSE(ZoneMayMatch({"a", CompareOp::kEq, Value::Int32(9)}, zone));
  EXPECT_FALSE(ZoneMayMatch({"a", CompareOp::kIsNull, {}}, zone));
  const ZoneMap all_null{Value(), Value(), 100, 100};
  EXPECT_FALSE(ZoneMayMatch({"a", CompareOp::kEq, Value::Int32(1)}, all_null));
  EXPECT_TRUE(ZoneMayMatch({"a", CompareOp::kIsNull, {}}, all_null));
}

TEST(PredicateTest, BindingRejectsMismatchedTypes) {
  const auto result = BindPredicate({"a", CompareOp::kEq, Value::String("x")}, DataType::Int32());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().sqlstate(), sqlstate::kDatatypeMismatch);
  EXPECT_FALSE(
      BindPredicate({"a", CompareOp::kEq, Value::Null(DataType::Int32())}, DataType::Int32()).ok());
  // Integers compare with decimals after scaling.
  const auto decimal =
      BindPredicate({"d", CompareOp::kEq, Value::Int64(3)}, DataType::Decimal(10, 2));
  ASSERT_TRUE(decimal.ok());
  EXPECT_EQ(decimal->value.decimal(), 300);
}

TEST(TakeTest, TakesRowsOfEveryLayout) {
  const auto column = Int32s({1, std::nullopt, 5, 10});
  columnar::SelectionVector selection;
  selection.mutable_rows() = {3, 1, 0};
  const auto taken = columnar::Take(*column, selection);
  EXPECT_EQ(taken->GetValue(0), Value::Int32(10));
  EXPECT_TRUE(taken->IsNull(1));
  EXPECT_EQ(taken->GetValue(2), Value::Int32(1));
}

}  // namespace
}  // namespace boyodb::storage
