#include "columnar/array.h"

#include <gtest/gtest.h>

#include <optional>

#include "columnar/builder.h"
#include "columnar/chunk.h"
#include "columnar/dictionary.h"
#include "columnar/nested_builder.h"
#include "columnar/selection_vector.h"

namespace boyodb::columnar {
namespace {

using types::DataType;
using types::Field;
using types::Value;

TEST(BuilderTest, FixedWidthWithNulls) {
  FixedWidthBuilder<int64_t> builder(DataType::Int64());
  builder.Append(1);
  builder.AppendNull();
  builder.Append(3);
  const ArrayPtr array = builder.Finish();
  EXPECT_EQ(array->length(), 3);
  EXPECT_EQ(array->null_count(), 1);
  EXPECT_EQ(array->values<int64_t>()[2], 3);
  EXPECT_TRUE(array->IsNull(1));
  EXPECT_TRUE(ValidateArray(*array).ok());
  EXPECT_EQ(builder.length(), 0);  // Finish resets
}

TEST(BuilderTest, NoNullsMeansNoValidityBuffer) {
  FixedWidthBuilder<int32_t> builder(DataType::Int32());
  for (int i = 0; i < 1000; ++i) builder.Append(i);
  const ArrayPtr array = builder.Finish();
  EXPECT_EQ(array->validity_bits(), nullptr);
  EXPECT_EQ(array->null_count(), 0);
}

TEST(BuilderTest, StringsAndSlices) {
  BinaryBuilder builder(DataType::String());
  builder.Append("alpha");
  builder.Append("");
  builder.AppendNull();
  builder.Append("delta");
  const ArrayPtr array = builder.Finish();
  EXPECT_EQ(array->GetView(0), "alpha");
  EXPECT_EQ(array->GetView(1), "");
  EXPECT_TRUE(array->IsNull(2));
  const ArrayPtr slice = array->Slice(1, 3);
  EXPECT_EQ(slice->length(), 3);
  EXPECT_EQ(slice->null_count(), 1);
  EXPECT_EQ(slice->GetView(2), "delta");
  EXPECT_TRUE(ValidateArray(*slice).ok());
}

TEST(BuilderTest, BooleansKeepBitsAndNulls) {
  BooleanBuilder builder;
  for (int i = 0; i < 100; ++i) {
    if (i % 7 == 0) {
      builder.AppendNull();
    } else {
      builder.Append(i % 2 == 0);
    }
  }
  const ArrayPtr array = builder.Finish();
  for (int i = 0; i < 100; ++i) {
    const Value value = array->GetValue(i);
    if (i % 7 == 0) {
      EXPECT_TRUE(value.is_null());
    } else {
      EXPECT_EQ(value.boolean(), i % 2 == 0) << i;
    }
  }
}

// Appending parts of boolean arrays keeps every bit, whatever the alignment of the part in
// its array (sliced too) and of the builder's length; parts with NULLs keep them.
TEST(BuilderTest, BooleanPartsAppendAtAnyAlignment) {
  BooleanBuilder source;
  for (int i = 0; i < 300; ++i) source.Append((i * 7 + i / 5) % 3 == 0);
  const ArrayPtr plain = source.Finish();
  BooleanBuilder with_null;
  for (int i = 0; i < 40; ++i) {
    if (i == 17) {
      with_null.AppendNull();
    } else {
      with_null.Append(i % 3 == 1);
    }
  }
  const ArrayPtr nulls = with_null.Finish();
  for (const int64_t slice_offset : {0, 3}) {
    const ArrayPtr array = plain->Slice(slice_offset, 300 - slice_offset);
    for (int64_t head = 0; head < 9; ++head) {
      BooleanBuilder builder;
      for (int64_t i = 0; i < head; ++i) builder.Append(true);
      std::vector<std::optional<bool>> expected(static_cast<size_t>(head), true);
      int64_t at = 0;
      for (const int64_t length : {1, 7, 8, 9, 64, 70, 13}) {
        builder.AppendArray(*array, at, length);
        for (int64_t i = at; i < at + length; ++i) expected.push_back(array->GetValue(i).boolean());
        at += length;
      }
      builder.AppendArray(*nulls, 10, 20);
      for (int64_t i = 10; i < 30; ++i) {
        expected.push_back(i == 17 ? std::nullopt : std::optional<bool>(i % 3 == 1));
      }
      const ArrayPtr built = builder.Finish();
      ASSERT_EQ(built->length(), static_cast<int64_t>(expected.size()));
      for (size_t i = 0; i < expected.size(); ++i) {
        const Value value = built->GetValue(static_cast<int64_t>(i));
        if (!expected[i]) {
          EXPECT_TRUE(value.is_null()) << i;
        } else {
          ASSERT_FALSE(value.is_null()) << i;
          EXPECT_EQ(value.boolean(), *expected[i])
              << "slice " << slice_offset << " head " << head << " bit " << i;
        }
      }
      EXPECT_TRUE(ValidateArray(*built).ok());
    }
  }
}

// Take of booleans, from a sliced array with NULLs: every selected row's bit and NULL, in
// selection order, repeats included, over whole output bytes and a partial last one.
TEST(TakeTest, BooleansKeepBitsAndNullsOfSelectedRows) {
  BooleanBuilder builder;
  for (int i = 0; i < 200; ++i) {
    if (i % 13 == 0) {
      builder.AppendNull();
    } else {
      builder.Append((i * 5 + i / 7) % 3 != 0);
    }
  }
  const ArrayPtr array = builder.Finish()->Slice(5, 190);
  SelectionVector selection;
  for (uint32_t row = 0; row < 190; row += 3) selection.mutable_rows().push_back(row);
  for (const uint32_t row : {7u, 7u, 189u, 0u, 8u}) selection.mutable_rows().push_back(row);
  const ArrayPtr taken = Take(*array, selection);
  ASSERT_EQ(taken->length(), static_cast<int64_t>(selection.size()));
  for (size_t i = 0; i < selection.size(); ++i) {
    EXPECT_EQ(taken->GetValue(static_cast<int64_t>(i)), array->GetValue(selection[i])) << i;
  }
  EXPECT_TRUE(ValidateArray(*taken).ok());
}

TEST(BuilderTest, EveryTypeRoundTripsThroughValues) {
  const std::vector<Value> values = {
      Value::Boolean(false),
      Value::Int8(-8),
      Value::Int16(-16),
      Value::Int32(-32),
      Value::Int64(-64),
      Value::UInt8(8),
      Value::UInt16(16),
      Value::UInt32(32),
      Value::UInt64(64),
      Value::Float32(1.5f),
      Value::Float64(2.25),
      Value::Decimal(-123456789, DataType::Decimal(20, 4)),
      Value::String("text"),
      Value::Binary(std::string("\0\1", 2)),
      Value::Json("{\"a\":1}"),
      Value::Date(19000),
      Value::Time(3'600'000'000),
      Value::Timestamp(1'700'000'000'000'000),
      Value::TimestampTz(1'700'000'000'000'000),
      Value::Interval({1, 2, 3000}),
      Value::Uuid({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}),
      Value::Ipv4(0x7f000001),
      Value::Ipv6({0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}),
      Value::Nested(DataType::List(DataType::Int32()), {Value::Int32(1), Value::Int32(2)}),
      Value::Nested(
          DataType::Struct({Field("x", DataType::Int32()), Field("y", DataType::String())}),
          {Value::Int32(7), Value::Null(DataType::String())}),
  };
  for (const Value& value : values) {
    std::unique_ptr<ArrayBuilder> builder = MakeBuilder(value.type());
    ASSERT_TRUE(builder->AppendValue(value).ok()) << value.type().ToString();
    builder->AppendNull();
    ASSERT_TRUE(builder->AppendValue(value).ok());
    const ArrayPtr array = builder->Finish();
    ASSERT_TRUE(ValidateArray(*array).ok()) << value.type().ToString();
    EXPECT_EQ(array->GetValue(0), value) << value.type().ToString();
    EXPECT_TRUE(array->GetValue(1).is_null());
    EXPECT_EQ(array->GetValue(2), value) << value.type().ToString();
  }
}

TEST(BuilderTest, MapsAreListsOfEntries) {
  const DataType map_type = DataType::Map(DataType::String(), DataType::Int64());
  const DataType& entry_type = map_type.element_type();
  const Value map = Value::Nested(
      map_type, {Value::Nested(entry_type, {Value::String("a"), Value::Int64(1)}),
                 Value::Nested(entry_type, {Value::String("b"), Value::Null(DataType::Int64())})});
  std::unique_ptr<ArrayBuilder> builder = MakeBuilder(map_type);
  ASSERT_TRUE(builder->AppendValue(map).ok());
  const ArrayPtr array = builder->Finish();
  EXPECT_EQ(array->GetValue(0).ToString(), "{a=1, b=NULL}");
}

TEST(BuilderTest, WrongTypeIsRejected) {
  FixedWidthBuilder<int64_t> builder(DataType::Int64());
  EXPECT_FALSE(builder.AppendValue(Value::String("x")).ok());
}

TEST(ValidateTest, DecreasingOffsetsAreCorruption) {
  auto offsets = Buffer::Allocate(12);
  offsets->mutable_data_as<int32_t>()[0] = 0;
  offsets->mutable_data_as<int32_t>()[1] = 5;
  offsets->mutable_data_as<int32_t>()[2] = 3;
  auto data = Buffer::CopyOf("hello");
  const auto result =
      Array::MakeValidated(DataType::String(), 2, {nullptr, std::move(offsets), std::move(data)});
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.error().IsCorruption());
}

TEST(ValidateTest, OffsetPastDataIsCorruption) {
  auto offsets = Buffer::Allocate(8);
  offsets->mutable_data_as<int32_t>()[1] = 100;
  const auto result = Array::MakeValidated(DataType::Binary(), 1,
                                           {nullptr, std::move(offsets), Buffer::CopyOf("x")});
  EXPECT_FALSE(result.ok());
}

TEST(DictionaryTest, EncodeDecodeKeepsValues) {
  BinaryBuilder builder(DataType::String());
  for (int i = 0; i < 100; ++i) {
    if (i % 10 == 9) {
      builder.AppendNull();
    } else {
      builder.Append(i % 3 == 0 ? "red" : (i % 3 == 1 ? "green" : "blue"));
    }
  }
  const ArrayPtr plain = builder.Finish();
  const ArrayPtr encoded = DictionaryEncode(*plain);
  EXPECT_TRUE(encoded->is_dictionary());
  EXPECT_EQ(encoded->dictionary()->length(), 3);
  EXPECT_TRUE(ValidateArray(*encoded).ok());
  EXPECT_TRUE(ArraysEqual(*encoded, *plain));
  const ArrayPtr decoded = DictionaryDecode(encoded);
  EXPECT_FALSE(decoded->is_dictionary());
  EXPECT_TRUE(ArraysEqual(*decoded, *plain));
}

TEST(ChunkTest, MakeChecksLengthsAndTypes) {
  auto schema = std::make_shared<const types::Schema>(
      std::vector<Field>{Field("a", DataType::Int64()), Field("b", DataType::String())});
  const auto chunk = ChunkFromRows(schema, {{Value::Int64(1), Value::String("x")},
                                            {Value::Int64(2), Value::Null(DataType::String())}});
  ASSERT_TRUE(chunk.ok()) << chunk.status().ToString();
  EXPECT_EQ(chunk->ToString(), "1 | x\n2 | NULL\n");
  EXPECT_FALSE(Chunk::Make(schema, {chunk->column(0)}).ok());
  EXPECT_FALSE(Chunk::Make(schema, {chunk->column(1), chunk->column(0)}).ok());
  EXPECT_FALSE(Chunk::Make(schema, {chunk->column(0), chunk->column(1)->Slice(0, 1)}).ok());
  const Chunk both = ConcatenateChunks(schema, {*chunk, chunk->Slice(1, 1)});
  EXPECT_EQ(both.num_rows(), 3);
  EXPECT_EQ(both.ToString(), "1 | x\n2 | NULL\n2 | NULL\n");
  EXPECT_EQ(both.SelectColumns({1}).ToString(), "x\nNULL\nNULL\n");
}

}  // namespace
}  // namespace boyodb::columnar
