#include "storage/scan/predicate.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "columnar/builder.h"
#include "columnar/dictionary.h"
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

// The rows that pass, by FilterRows over a selection of every row; SelectRows, which starts from
// no list of rows, must find the same ones.
std::vector<uint32_t> Select(const ColumnPredicate& predicate, const columnar::Array& column) {
  const ColumnPredicate bound = *BindPredicate(predicate, column.type());
  columnar::SelectionVector selection = columnar::SelectionVector::All(column.length());
  FilterRows(bound, column, &selection);
  EXPECT_EQ(SelectRows(bound, column).rows(), selection.rows()) << bound.ToString();
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

// A predicate over every row of a batch tests 16 rows at a time: each operator on each integer
// type, over lengths that leave a partial block, on a sliced column, and with rows that all
// pass, none pass or a few pass, against the test row by row.
template <typename T>
void CheckEveryRowFilter(const DataType& type) {
  const std::vector<CompareOp> ops = {CompareOp::kEq, CompareOp::kNe, CompareOp::kLt,
                                      CompareOp::kLe, CompareOp::kGt, CompareOp::kGe};
  columnar::FixedWidthBuilder<T> builder(type);
  std::vector<T> values;
  for (int i = 0; i < 1000; ++i) {
    // Mostly 3, a run of 5s, and some of the type's extremes.
    T value = static_cast<T>(3);
    if (i % 37 == 0) value = static_cast<T>(5);
    if (i >= 400 && i < 450) value = static_cast<T>(5);
    if (i % 101 == 0) value = std::numeric_limits<T>::max();
    if (i % 103 == 0) value = std::numeric_limits<T>::min();
    builder.Append(value);
    values.push_back(value);
  }
  const columnar::ArrayPtr whole = builder.Finish();
  for (const auto& [offset, length] :
       std::vector<std::pair<int64_t, int64_t>>{{0, 1000}, {0, 16}, {0, 15}, {7, 500}, {999, 1}}) {
    const columnar::ArrayPtr column =
        offset == 0 && length == 1000 ? whole : whole->Slice(offset, length);
    for (const CompareOp op : ops) {
      for (const int64_t constant : {3, 5, 4}) {
        std::vector<uint32_t> expected;
        for (int64_t row = 0; row < length; ++row) {
          const auto value = static_cast<types::Int128>(values[static_cast<size_t>(offset + row)]);
          const bool keep = op == CompareOp::kEq   ? value == constant
                            : op == CompareOp::kNe ? value != constant
                            : op == CompareOp::kLt ? value < constant
                            : op == CompareOp::kLe ? value <= constant
                            : op == CompareOp::kGt ? value > constant
                                                   : value >= constant;
          if (keep) expected.push_back(static_cast<uint32_t>(row));
        }
        EXPECT_EQ(Select({"a", op, Value::Int64(constant)}, *column), expected)
            << type.ToString() << " " << CompareOpSymbol(op) << " " << constant << " rows "
            << offset << "+" << length;
      }
    }
  }
}

TEST(PredicateTest, EveryRowOfEachIntegerType) {
  CheckEveryRowFilter<int8_t>(DataType::Int8());
  CheckEveryRowFilter<int16_t>(DataType::Int16());
  CheckEveryRowFilter<int32_t>(DataType::Int32());
  CheckEveryRowFilter<int64_t>(DataType::Int64());
  CheckEveryRowFilter<uint8_t>(DataType::UInt8());
  CheckEveryRowFilter<uint16_t>(DataType::UInt16());
  CheckEveryRowFilter<uint32_t>(DataType::UInt32());
  CheckEveryRowFilter<uint64_t>(DataType::UInt64());
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
  const auto encoded = columnar::DictionaryEncode(*plain);
  EXPECT_EQ(Select({"s", CompareOp::kNe, Value::String("b")}, *encoded),
            (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(Select({"s", CompareOp::kIsNotNull, {}}, *encoded).size(), 4u);
}

// `=` and `<>` on a dictionary column test each row's entry (by its length first), which must
// agree with the same texts unencoded, NULLs never passing; also where the dictionary is larger
// than the batch, as a segment's is.
TEST(PredicateTest, TextEqualityThroughDictionaries) {
  columnar::BinaryBuilder builder(DataType::String());
  const std::vector<const char*> texts = {"", "ab", "ac", "b", "", "abc", "ab", "zz", "a", ""};
  for (int i = 0; i < 60; ++i) {
    if (i % 7 == 3) {
      builder.AppendNull();
    } else {
      builder.Append(texts[static_cast<size_t>(i) % texts.size()] + std::to_string(i / 40));
    }
  }
  for (const char* text : texts) builder.Append(text);
  const auto plain = builder.Finish();
  const auto encoded = columnar::DictionaryEncode(*plain);
  // The last rows: texts with and without "0"/"1" suffixes share no entry with each other.
  const auto batch = encoded->Slice(60, 10);
  const auto plain_batch = plain->Slice(60, 10);
  ASSERT_GT(batch->dictionary()->length(), batch->length());
  for (const char* constant : {"", "ab", "b", "abc", "zz", "q", "ab0"}) {
    for (const CompareOp op : {CompareOp::kEq, CompareOp::kNe}) {
      const ColumnPredicate predicate{"s", op, Value::String(constant)};
      EXPECT_EQ(Select(predicate, *batch), Select(predicate, *plain_batch)) << predicate.ToString();
      EXPECT_EQ(Select(predicate, *encoded), Select(predicate, *plain)) << predicate.ToString();
      // From a selection of some rows, fewer than the dictionary's entries.
      const ColumnPredicate bound = *BindPredicate(predicate, batch->type());
      columnar::SelectionVector some;
      some.mutable_rows() = {0, 1, 4, 6, 9};
      columnar::SelectionVector some_plain = some;
      FilterRows(bound, *batch, &some);
      FilterRows(bound, *plain_batch, &some_plain);
      EXPECT_EQ(some.rows(), some_plain.rows()) << predicate.ToString();
    }
  }
  EXPECT_EQ(Select({"s", CompareOp::kNe, Value::String("")}, *batch),
            (std::vector<uint32_t>{1, 2, 3, 5, 6, 7, 8}));
  // Rows 0..59 hold NULLs (every 7th from 3), which pass neither `=` nor `<>`.
  const auto with_nulls = encoded->Slice(0, 20);
  const ColumnPredicate not_empty{"s", CompareOp::kNe, Value::String("")};
  EXPECT_EQ(Select(not_empty, *with_nulls), Select(not_empty, *plain->Slice(0, 20)));
}

TEST(PredicateTest, FloatsCompareFromEveryRow) {
  columnar::FixedWidthBuilder<double> builder(DataType::Float64());
  for (int i = 0; i < 40; ++i) builder.Append(i * 0.5);
  const auto column = builder.Finish();
  EXPECT_EQ(Select({"f", CompareOp::kGe, Value::Float64(19.0)}, *column),
            (std::vector<uint32_t>{38, 39}));
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
