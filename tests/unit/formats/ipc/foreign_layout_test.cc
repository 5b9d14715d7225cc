// Layouts other Arrow writers produce and BoyoDB's writer never does, built byte by byte:
// other time units, 64-bit offsets, narrow and unsigned dictionary indices, Decimal256, and the
// errors for values or types BoyoDB cannot hold.
#include <gtest/gtest.h>

#include "formats/ipc/stream_reader.h"
#include "tests/unit/formats/ipc/ipc_test_util.h"

namespace boyodb::formats::ipc {
namespace {

using columnar::Chunk;
using testing::RawStreamBuilder;
using testing::RawValues;
using types::DataType;
using types::Field;

IpcField FieldOf(const std::string& name, DataType type) {
  return IpcFieldFromField(Field(name, std::move(type)));
}

std::string Bits(std::initializer_list<bool> valid) {
  std::string bits((valid.size() + 7) / 8, '\0');
  size_t i = 0;
  for (const bool v : valid) {
    if (v) bits[i / 8] = static_cast<char>(bits[i / 8] | (1 << (i % 8)));
    ++i;
  }
  return bits;
}

Result<Chunk> ReadSingle(const std::string& stream) {
  BOYO_ASSIGN_OR_RETURN(std::vector<Chunk> chunks, ReadStream(stream));
  if (chunks.size() != 1) return Status::Internal("expected one batch");
  return chunks[0];
}

TEST(ForeignLayoutTest, TimestampUnitsBecomeMicroseconds) {
  IpcField nanos = FieldOf("ns", DataType::Timestamp());
  nanos.unit = static_cast<int16_t>(fb::TimeUnit::NANOSECOND);
  IpcField seconds = FieldOf("s", DataType::TimestampTz());
  seconds.unit = static_cast<int16_t>(fb::TimeUnit::SECOND);
  seconds.timezone = "America/New_York";
  RawStreamBuilder builder({nanos, seconds});
  builder.AddBatch(3, {{3, 0}, {3, 1}},
                   {"", RawValues<int64_t>({1'500, -1'500, 7'000'999}), Bits({true, false, true}),
                    RawValues<int64_t>({1, 0, -2})});
  Result<Chunk> chunk = ReadSingle(builder.Finish());
  ASSERT_TRUE(chunk.ok()) << chunk.status().ToString();
  EXPECT_EQ(chunk->schema()->field(0).type(), DataType::Timestamp());
  EXPECT_EQ(chunk->schema()->field(1).type(), DataType::TimestampTz());
  EXPECT_EQ(chunk->column(0)->GetValue(0), types::Value::Timestamp(1));
  EXPECT_EQ(chunk->column(0)->GetValue(1), types::Value::Timestamp(-2));  // floor, not truncation
  EXPECT_EQ(chunk->column(0)->GetValue(2), types::Value::Timestamp(7'000));
  EXPECT_EQ(chunk->column(1)->GetValue(0), types::Value::TimestampTz(1'000'000));
  EXPECT_TRUE(chunk->column(1)->IsNull(1));
  EXPECT_EQ(chunk->column(1)->GetValue(2), types::Value::TimestampTz(-2'000'000));
}

TEST(ForeignLayoutTest, TimestampBeyondMicrosecondRangeIsOutOfRange) {
  IpcField seconds = FieldOf("s", DataType::Timestamp());
  seconds.unit = static_cast<int16_t>(fb::TimeUnit::SECOND);
  RawStreamBuilder builder({seconds});
  builder.AddBatch(1, {{1, 0}}, {"", RawValues<int64_t>({int64_t{1} << 60})});
  Result<Chunk> chunk = ReadSingle(builder.Finish());
  EXPECT_EQ(chunk.status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(chunk.status().sqlstate(), "22008");
  EXPECT_NE(chunk.status().FullMessage().find("column \"s\""), std::string::npos);
}

TEST(ForeignLayoutTest, DateInMillisecondsBecomesDays) {
  IpcField millis = FieldOf("d", DataType::Date());
  millis.unit = static_cast<int16_t>(fb::DateUnit::MILLISECOND);
  RawStreamBuilder builder({millis});
  builder.AddBatch(2, {{2, 0}}, {"", RawValues<int64_t>({86'400'000 * 3, -1})});
  Result<Chunk> chunk = ReadSingle(builder.Finish());
  ASSERT_TRUE(chunk.ok()) << chunk.status().ToString();
  EXPECT_EQ(chunk->column(0)->GetValue(0), types::Value::Date(3));
  EXPECT_EQ(chunk->column(0)->GetValue(1), types::Value::Date(-1));
}

TEST(ForeignLayoutTest, LargeUtf8OffsetsAreNarrowed) {
  IpcField large = FieldOf("t", DataType::String());
  large.arrow_type = fb::Type::LargeUtf8;
  RawStreamBuilder builder({large});
  builder.AddBatch(3, {{3, 1}},
                   {Bits({true, false, true}), RawValues<int64_t>({0, 2, 2, 5}), "abcde"});
  Result<Chunk> chunk = ReadSingle(builder.Finish());
  ASSERT_TRUE(chunk.ok()) << chunk.status().ToString();
  EXPECT_EQ(chunk->column(0)->GetValue(0), types::Value::String("ab"));
  EXPECT_TRUE(chunk->column(0)->IsNull(1));
  EXPECT_EQ(chunk->column(0)->GetValue(2), types::Value::String("cde"));
}

TEST(ForeignLayoutTest, LargeOffsetsBeyondInt32AreNotSupportedAndDecreasingOnesCorrupt) {
  IpcField large = FieldOf("t", DataType::Binary());
  large.arrow_type = fb::Type::LargeBinary;
  RawStreamBuilder beyond({large});
  beyond.AddBatch(1, {{1, 0}}, {"", RawValues<int64_t>({0, int64_t{1} << 32}), "x"});
  EXPECT_EQ(ReadSingle(beyond.Finish()).status().code(), StatusCode::kNotSupported);
  RawStreamBuilder decreasing({large});
  decreasing.AddBatch(2, {{2, 0}}, {"", RawValues<int64_t>({0, 2, 1}), "xy"});
  EXPECT_EQ(ReadSingle(decreasing.Finish()).status().code(), StatusCode::kCorruption);
}

TEST(ForeignLayoutTest, NarrowAndUnsignedDictionaryIndicesAreWidened) {
  IpcField words = FieldOf("w", DataType::String());
  words.dictionary_encoded = true;
  words.dictionary_id = 5;
  words.index_bit_width = 8;
  words.index_signed = false;
  RawStreamBuilder builder({words});
  builder.AddBatch(2, {{2, 0}}, {"", RawValues<int32_t>({0, 1, 2}), "pq"}, /*dictionary_id=*/5);
  builder.AddBatch(3, {{3, 1}}, {Bits({true, false, true}), RawValues<uint8_t>({1, 200, 0})});
  Result<Chunk> chunk = ReadSingle(builder.Finish());
  ASSERT_TRUE(chunk.ok()) << chunk.status().ToString();
  ASSERT_TRUE(chunk->column(0)->is_dictionary());
  EXPECT_EQ(chunk->column(0)->GetValue(0), types::Value::String("q"));
  EXPECT_TRUE(chunk->column(0)->IsNull(1));  // its index 200 is ignored
  EXPECT_EQ(chunk->column(0)->GetValue(2), types::Value::String("p"));
}

TEST(ForeignLayoutTest, BadDictionaryIndicesAndMissingDictionariesAreCorrupt) {
  IpcField words = FieldOf("w", DataType::String());
  words.dictionary_encoded = true;
  words.index_bit_width = 16;
  RawStreamBuilder negative({words});
  negative.AddBatch(1, {{1, 0}}, {"", RawValues<int32_t>({0, 1}), "p"}, 0);
  negative.AddBatch(1, {{1, 0}}, {"", RawValues<int16_t>({-1})});
  EXPECT_EQ(ReadSingle(negative.Finish()).status().code(), StatusCode::kCorruption);
  RawStreamBuilder beyond({words});
  beyond.AddBatch(1, {{1, 0}}, {"", RawValues<int32_t>({0, 1}), "p"}, 0);
  beyond.AddBatch(1, {{1, 0}}, {"", RawValues<int16_t>({1})});
  EXPECT_EQ(ReadSingle(beyond.Finish()).status().code(), StatusCode::kCorruption);
  RawStreamBuilder missing({words});
  missing.AddBatch(1, {{1, 0}}, {"", RawValues<int16_t>({0})});
  Result<Chunk> chunk = ReadSingle(missing.Finish());
  EXPECT_EQ(chunk.status().code(), StatusCode::kCorruption);
  EXPECT_NE(chunk.status().message().find("before any dictionary batch"), std::string::npos);
  RawStreamBuilder unknown_id({words});
  unknown_id.AddBatch(1, {{1, 0}}, {"", RawValues<int32_t>({0, 1}), "p"}, 9);
  EXPECT_EQ(ReadSingle(unknown_id.Finish()).status().code(), StatusCode::kCorruption);
}

TEST(ForeignLayoutTest, Uint64DictionaryIndicesAreNotSupported) {
  IpcField words = FieldOf("w", DataType::String());
  words.dictionary_encoded = true;
  words.index_bit_width = 64;
  words.index_signed = false;
  RawStreamBuilder builder({words});
  Result<Chunk> chunk = ReadSingle(builder.Finish());
  EXPECT_EQ(chunk.status().code(), StatusCode::kNotSupported);
  EXPECT_NE(chunk.status().message().find("uint64"), std::string::npos);
}

TEST(ForeignLayoutTest, NestedDictionaryIsDecoded) {
  IpcField element = FieldOf("item", DataType::String());
  element.dictionary_encoded = true;
  IpcField list = FieldOf("l", DataType::List(DataType::String()));
  list.children = {element};
  RawStreamBuilder builder({list});
  builder.AddBatch(2, {{2, 0}}, {"", RawValues<int32_t>({0, 1, 3}), "abc"}, 0);
  builder.AddBatch(2, {{2, 0}, {3, 0}},
                   {"", RawValues<int32_t>({0, 1, 3}), "", RawValues<int32_t>({1, 0, 1})});
  Result<Chunk> chunk = ReadSingle(builder.Finish());
  ASSERT_TRUE(chunk.ok()) << chunk.status().ToString();
  EXPECT_FALSE(chunk->column(0)->child(0)->is_dictionary());
  EXPECT_EQ(chunk->column(0)->GetValue(0).ToString(), "{bc}");
  EXPECT_EQ(chunk->column(0)->GetValue(1).ToString(), "{a,bc}");
}

TEST(ForeignLayoutTest, Decimal256BeyondInt128IsOutOfRange) {
  IpcField wide = FieldOf("d", DataType::Decimal(38, 0));
  wide.bit_width = 256;
  RawStreamBuilder fits({wide});
  fits.AddBatch(1, {{1, 0}}, {"", RawValues<int64_t>({-5, -1, -1, -1})});
  Result<Chunk> chunk = ReadSingle(fits.Finish());
  ASSERT_TRUE(chunk.ok()) << chunk.status().ToString();
  EXPECT_EQ(chunk->column(0)->GetValue(0).ToString(), "-5");
  RawStreamBuilder too_wide({wide});
  too_wide.AddBatch(1, {{1, 0}}, {"", RawValues<int64_t>({0, 0, 1, 0})});
  EXPECT_EQ(ReadSingle(too_wide.Finish()).status().code(), StatusCode::kOutOfRange);
}

TEST(ForeignLayoutTest, ZeroLengthArraysMayOmitTheirBuffers) {
  RawStreamBuilder builder({FieldOf("t", DataType::String()),
                            FieldOf("l", DataType::List(DataType::Int64())),
                            FieldOf("b", DataType::Boolean())});
  builder.AddBatch(0, {{0, 0}, {0, 0}, {0, 0}, {0, 0}}, {"", "", "", "", "", "", "", "", ""});
  Result<Chunk> chunk = ReadSingle(builder.Finish());
  ASSERT_TRUE(chunk.ok()) << chunk.status().ToString();
  EXPECT_EQ(chunk->num_rows(), 0);
}

TEST(ForeignLayoutTest, NullsWithoutValidityBufferAreCorrupt) {
  RawStreamBuilder builder({FieldOf("i", DataType::Int32())});
  builder.AddBatch(2, {{2, 1}}, {"", RawValues<int32_t>({1, 2})});
  EXPECT_EQ(ReadSingle(builder.Finish()).status().code(), StatusCode::kCorruption);
}

TEST(ForeignLayoutTest, WrongNodeOrBufferCountsAreCorrupt) {
  RawStreamBuilder few_buffers({FieldOf("i", DataType::Int32())});
  few_buffers.AddBatch(1, {{1, 0}}, {""});
  EXPECT_EQ(ReadSingle(few_buffers.Finish()).status().code(), StatusCode::kCorruption);
  RawStreamBuilder extra_node({FieldOf("i", DataType::Int32())});
  extra_node.AddBatch(1, {{1, 0}, {1, 0}}, {"", RawValues<int32_t>({1})});
  EXPECT_EQ(ReadSingle(extra_node.Finish()).status().code(), StatusCode::kCorruption);
  RawStreamBuilder wrong_length({FieldOf("i", DataType::Int32())});
  wrong_length.AddBatch(2, {{1, 0}}, {"", RawValues<int32_t>({1})});
  EXPECT_EQ(ReadSingle(wrong_length.Finish()).status().code(), StatusCode::kCorruption);
}

TEST(ForeignLayoutTest, UnsupportedTypesNameFieldAndType) {
  IpcField view = FieldOf("v", DataType::String());
  view.arrow_type = fb::Type::Utf8View;
  IpcField record = FieldOf("s", DataType::Struct({Field("v", DataType::String())}));
  record.children = {view};
  RawStreamBuilder builder({record});
  Result<Chunk> chunk = ReadSingle(builder.Finish());
  EXPECT_EQ(chunk.status().code(), StatusCode::kNotSupported);
  EXPECT_EQ(chunk.status().sqlstate(), "0A000");
  EXPECT_NE(chunk.status().message().find("\"s.v\""), std::string::npos)
      << chunk.status().ToString();
  EXPECT_NE(chunk.status().message().find("Utf8View"), std::string::npos);
}

TEST(ForeignLayoutTest, FixedSizeListAndHalfFloats) {
  IpcField element = FieldOf("item", DataType::Float32());
  element.precision = fb::Precision::HALF;
  IpcField list = FieldOf("l", DataType::List(DataType::Float32()));
  list.arrow_type = fb::Type::FixedSizeList;
  list.list_size = 2;
  list.children = {element};
  RawStreamBuilder builder({list});
  // 1.5 = 0x3e00, -2 = 0xc000, 0 = 0x0000, infinity = 0x7c00.
  builder.AddBatch(2, {{2, 0}, {4, 0}},
                   {"", "", RawValues<uint16_t>({0x3e00, 0xc000, 0x0000, 0x7c00})});
  Result<Chunk> chunk = ReadSingle(builder.Finish());
  ASSERT_TRUE(chunk.ok()) << chunk.status().ToString();
  EXPECT_EQ(chunk->column(0)->GetValue(0).ToString(), "{1.5,-2}");
  EXPECT_EQ(chunk->column(0)->GetValue(1).ToString(), "{0,Infinity}");
}

}  // namespace
}  // namespace boyodb::formats::ipc
