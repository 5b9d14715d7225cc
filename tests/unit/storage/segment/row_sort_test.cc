#include "storage/segment/row_sort.h"

#include <gtest/gtest.h>

#include <cmath>

#include "columnar/dictionary.h"
#include "tests/unit/storage/segment/segment_test_util.h"

namespace boyodb::storage {
namespace {

using test::MakeChunk;
using types::DataType;
using types::Field;
using types::Value;

std::vector<uint32_t> Order(const columnar::Chunk& chunk, const std::vector<int>& keys) {
  std::optional<std::vector<uint32_t>> rows = SortPermutation(chunk, keys);
  if (!rows.has_value()) {
    std::vector<uint32_t> identity(static_cast<size_t>(chunk.num_rows()));
    for (size_t i = 0; i < identity.size(); ++i) identity[i] = static_cast<uint32_t>(i);
    return identity;
  }
  return *rows;
}

TEST(RowSortTest, SortedInputNeedsNoPermutation) {
  const columnar::Chunk chunk =
      MakeChunk({Field("t", DataType::Timestamp())}, {{Value::Timestamp(1)},
                                                      {Value::Timestamp(1)},
                                                      {Value::Timestamp(5)},
                                                      {Value::Null(DataType::Timestamp())}});
  EXPECT_FALSE(SortPermutation(chunk, {0}).has_value());
  EXPECT_FALSE(SortPermutation(chunk, {}).has_value());
  EXPECT_FALSE(SortPermutation(chunk.Slice(0, 1), {0}).has_value());
}

TEST(RowSortTest, FloatsPutNaNAfterNumbersAndNullsLast) {
  const double nan = std::nan("");
  const columnar::Chunk chunk =
      MakeChunk({Field("f", DataType::Float64())}, {{Value::Float64(nan)},
                                                    {Value::Null(DataType::Float64())},
                                                    {Value::Float64(2)},
                                                    {Value::Float64(-INFINITY)},
                                                    {Value::Float64(-0.0)},
                                                    {Value::Float64(0.0)}});
  EXPECT_EQ(Order(chunk, {0}), (std::vector<uint32_t>{3, 4, 5, 2, 0, 1}));
}

TEST(RowSortTest, UnsignedAndBytesOrderAsUnsigned) {
  const columnar::Chunk chunk =
      MakeChunk({Field("u", DataType::UInt64()), Field("b", DataType::Binary())},
                {{Value::UInt64(~uint64_t{0}), Value::Binary("\x80")},
                 {Value::UInt64(1), Value::Binary("\x01")},
                 {Value::UInt64(1 << 20), Value::Binary("")}});
  EXPECT_EQ(Order(chunk, {0}), (std::vector<uint32_t>{1, 2, 0}));
  EXPECT_EQ(Order(chunk, {1}), (std::vector<uint32_t>{2, 1, 0}));
}

TEST(RowSortTest, DictionaryKeysSortByValueNotByCode) {
  const columnar::Chunk plain =
      MakeChunk({Field("s", DataType::String())}, {{Value::String("zebra")},
                                                   {Value::String("ant")},
                                                   {Value::Null(DataType::String())},
                                                   {Value::String("moth")},
                                                   {Value::String("ant")}});
  const columnar::Chunk encoded(plain.schema(), {columnar::DictionaryEncode(*plain.column(0))}, 5);
  EXPECT_EQ(Order(encoded, {0}), (std::vector<uint32_t>{1, 4, 3, 0, 2}));
  EXPECT_EQ(Order(plain, {0}), Order(encoded, {0}));
  const columnar::Chunk sorted = SortChunk(encoded, {0});
  EXPECT_TRUE(sorted.column(0)->is_dictionary());
  EXPECT_EQ(sorted.column(0)->GetValue(2), Value::String("moth"));
}

TEST(RowSortTest, LaterKeysBreakTiesAndEqualRowsKeepTheirOrder) {
  const columnar::Chunk chunk = MakeChunk(
      {Field("a", DataType::Boolean()), Field("b", DataType::Decimal(10, 2)),
       Field("c", DataType::Int8())},
      {{Value::Boolean(true), Value::Decimal(5, DataType::Decimal(10, 2)), Value::Int8(0)},
       {Value::Boolean(false), Value::Decimal(7, DataType::Decimal(10, 2)), Value::Int8(1)},
       {Value::Boolean(true), Value::Decimal(-5, DataType::Decimal(10, 2)), Value::Int8(2)},
       {Value::Boolean(false), Value::Decimal(7, DataType::Decimal(10, 2)), Value::Int8(3)},
       {Value::Boolean(true), Value::Decimal(5, DataType::Decimal(10, 2)), Value::Int8(4)}});
  EXPECT_EQ(Order(chunk, {0, 1}), (std::vector<uint32_t>{1, 3, 2, 0, 4}));
  EXPECT_EQ(Order(chunk, {1, 0}), (std::vector<uint32_t>{2, 0, 4, 1, 3}));
  EXPECT_EQ(Order(chunk, {0, 2}), (std::vector<uint32_t>{1, 3, 0, 2, 4}));
}

TEST(RowSortTest, NestedKeysUseValueOrder) {
  const DataType list = DataType::List(DataType::Int32());
  const columnar::Chunk chunk =
      MakeChunk({Field("l", list)}, {{Value::Nested(list, {Value::Int32(2)})},
                                     {Value::Nested(list, {})},
                                     {Value::Null(list)},
                                     {Value::Nested(list, {Value::Int32(1), Value::Int32(9)})}});
  EXPECT_EQ(Order(chunk, {0}), (std::vector<uint32_t>{1, 3, 0, 2}));
  const columnar::Chunk sorted = SortChunk(chunk, {0});
  EXPECT_EQ(sorted.column(0)->GetValue(0), Value::Nested(list, {}));
  EXPECT_TRUE(sorted.column(0)->IsNull(3));
}

}  // namespace
}  // namespace boyodb::storage
