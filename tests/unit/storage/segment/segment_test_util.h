// Helpers shared by the segment tests: deterministic chunks holding every column type, and
// reading a whole segment back.
// Thread safety: called from the test's main thread.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/builder.h"
#include "columnar/chunk.h"
#include "storage/segment/segment_reader.h"

namespace boyodb::storage::test {

using types::DataType;
using types::Field;
using types::Value;

/// One field of every type BoyoDB has, nested ones included. "word" is low-cardinality TEXT,
/// "text" high-cardinality TEXT.
inline columnar::SchemaPtr AllTypesSchema() {
  const DataType decimal = DataType::Decimal(20, 3);
  return std::make_shared<const types::Schema>(std::vector<Field>{
      Field("id", DataType::Int64(), false),
      Field("flag", DataType::Boolean()),
      Field("i8", DataType::Int8()),
      Field("i16", DataType::Int16()),
      Field("i32", DataType::Int32()),
      Field("u8", DataType::UInt8()),
      Field("u16", DataType::UInt16()),
      Field("u32", DataType::UInt32()),
      Field("u64", DataType::UInt64()),
      Field("f32", DataType::Float32()),
      Field("f64", DataType::Float64()),
      Field("amount", decimal),
      Field("word", DataType::String()),
      Field("text", DataType::String()),
      Field("blob", DataType::Binary()),
      Field("day", DataType::Date()),
      Field("clock", DataType::Time()),
      Field("ts", DataType::Timestamp()),
      Field("tstz", DataType::TimestampTz()),
      Field("span", DataType::Interval()),
      Field("uuid", DataType::Uuid()),
      Field("doc", DataType::Json()),
      Field("ip4", DataType::Ipv4()),
      Field("ip6", DataType::Ipv6()),
      Field("list", DataType::List(DataType::Int32())),
      Field("map", DataType::Map(DataType::String(), DataType::Int64())),
      Field("rec",
            DataType::Struct({Field("a", DataType::Int32()), Field("b", DataType::String())})),
  });
}

/// Row `row` of AllTypesSchema, drawn from `random`; about one value in eight is NULL (never in
/// "id", which is the row number).
inline std::vector<Value> AllTypesRow(int64_t row, std::mt19937_64& random) {
  const columnar::SchemaPtr schema = AllTypesSchema();
  const auto next = [&random]() { return random(); };
  std::vector<Value> values;
  for (const Field& field : schema->fields()) {
    const DataType& type = field.type();
    if (field.name != "id" && next() % 8 == 0) {
      values.push_back(Value::Null(type));
      continue;
    }
    const uint64_t r = next();
    std::array<uint8_t, 16> bytes{};
    for (size_t i = 0; i < 16; ++i)
      bytes[i] = static_cast<uint8_t>(r >> (i % 8 * 8)) ^ static_cast<uint8_t>(i);
    const std::string name = field.name;
    if (name == "id")
      values.push_back(Value::Int64(row));
    else if (name == "flag")
      values.push_back(Value::Boolean(r % 2 == 0));
    else if (name == "i8")
      values.push_back(Value::Int8(static_cast<int8_t>(r)));
    else if (name == "i16")
      values.push_back(Value::Int16(static_cast<int16_t>(r)));
    else if (name == "i32")
      values.push_back(Value::Int32(static_cast<int32_t>(r % 1000) - 500));
    else if (name == "u8")
      values.push_back(Value::UInt8(static_cast<uint8_t>(r)));
    else if (name == "u16")
      values.push_back(Value::UInt16(static_cast<uint16_t>(r)));
    else if (name == "u32")
      values.push_back(Value::UInt32(static_cast<uint32_t>(r)));
    else if (name == "u64")
      values.push_back(Value::UInt64(r));
    else if (name == "f32")
      values.push_back(Value::Float32(static_cast<float>(r % 10000) / 7.0f));
    else if (name == "f64")
      values.push_back(Value::Float64(static_cast<double>(r % 100000) / 3.0 - 999));
    else if (name == "amount")
      values.push_back(
          Value::Decimal(static_cast<types::Int128>(static_cast<int64_t>(r)) * 1000, type));
    else if (name == "word")
      values.push_back(Value::String("word-" + std::to_string(r % 17)));
    else if (name == "text")
      values.push_back(Value::String("text-" + std::to_string(r) + "-" + std::string(r % 90, 'x')));
    else if (name == "blob")
      values.push_back(Value::Binary(std::string(reinterpret_cast<char*>(bytes.data()), r % 16)));
    else if (name == "day")
      values.push_back(Value::Date(static_cast<int32_t>(r % 40000) - 10000));
    else if (name == "clock")
      values.push_back(Value::Time(static_cast<int64_t>(r % 86400000000ull)));
    else if (name == "ts")
      values.push_back(
          Value::Timestamp(1'700'000'000'000'000 + static_cast<int64_t>(r % 1'000'000'000)));
    else if (name == "tstz")
      values.push_back(Value::TimestampTz(static_cast<int64_t>(r >> 8) - (int64_t{1} << 54)));
    else if (name == "span")
      values.push_back(Value::Interval(types::IntervalValue{static_cast<int32_t>(r % 24),
                                                            static_cast<int32_t>(r % 31),
                                                            static_cast<int64_t>(r % 1000000)}));
    else if (name == "uuid")
      values.push_back(Value::Uuid(bytes));
    else if (name == "doc")
      values.push_back(Value::Json("{\"k\":" + std::to_string(r % 100) + "}"));
    else if (name == "ip4")
      values.push_back(Value::Ipv4(static_cast<uint32_t>(r)));
    else if (name == "ip6")
      values.push_back(Value::Ipv6(bytes));
    else if (name == "list") {
      std::vector<Value> items;
      for (uint64_t i = 0; i < r % 4; ++i)
        items.push_back(i == 2 ? Value::Null(DataType::Int32())
                               : Value::Int32(static_cast<int32_t>(r + i)));
      values.push_back(Value::Nested(type, std::move(items)));
    } else if (name == "map") {
      std::vector<Value> entries;
      for (uint64_t i = 0; i < r % 3; ++i) {
        entries.push_back(Value::Nested(
            type.element_type(),
            {Value::String("k" + std::to_string(i)), Value::Int64(static_cast<int64_t>(r % 77))}));
      }
      values.push_back(Value::Nested(type, std::move(entries)));
    } else if (name == "rec") {
      values.push_back(
          Value::Nested(type, {Value::Int32(static_cast<int32_t>(r % 5)),
                               r % 3 == 0 ? Value::Null(DataType::String())
                                          : Value::String("b" + std::to_string(r % 9))}));
    } else {
      ADD_FAILURE() << "no generator for " << name;
    }
  }
  return values;
}

/// num_rows rows of AllTypesSchema from a fixed seed.
inline columnar::Chunk AllTypesChunk(int64_t num_rows, uint64_t seed = 42) {
  std::mt19937_64 random(seed);
  std::vector<std::vector<Value>> rows;
  for (int64_t row = 0; row < num_rows; ++row) rows.push_back(AllTypesRow(row, random));
  Result<columnar::Chunk> chunk = columnar::ChunkFromRows(AllTypesSchema(), rows);
  EXPECT_TRUE(chunk.ok()) << chunk.status().ToString();
  return chunk.ok() ? std::move(*chunk) : columnar::Chunk();
}

/// A chunk of one column per (name, type) from rows of values.
inline columnar::Chunk MakeChunk(std::vector<Field> fields,
                                 const std::vector<std::vector<Value>>& rows) {
  Result<columnar::Chunk> chunk =
      columnar::ChunkFromRows(std::make_shared<const types::Schema>(std::move(fields)), rows);
  EXPECT_TRUE(chunk.ok()) << chunk.status().ToString();
  return chunk.ok() ? std::move(*chunk) : columnar::Chunk();
}

/// Every batch of the segment (the listed columns) concatenated.
inline columnar::Chunk ReadAllBatches(const SegmentReader& reader,
                                      const std::vector<int>& columns = {}) {
  std::vector<columnar::Chunk> batches;
  for (int b = 0; b < reader.num_batches(); ++b) {
    Result<columnar::Chunk> batch = reader.ReadBatch(b, columns);
    EXPECT_TRUE(batch.ok()) << batch.status().ToString();
    if (!batch.ok()) return columnar::Chunk();
    batches.push_back(std::move(*batch));
  }
  if (batches.empty()) return columnar::Chunk();
  // Value by value rather than columnar::ConcatenateChunks, whose AppendArray path fails on a
  // nested column whose first row is an empty list.
  const columnar::SchemaPtr& schema = batches[0].schema();
  std::vector<columnar::ArrayPtr> arrays;
  int64_t num_rows = 0;
  for (size_t c = 0; c < schema->num_fields(); ++c) {
    std::unique_ptr<columnar::ArrayBuilder> builder =
        columnar::MakeBuilder(schema->field(c).type());
    for (const columnar::Chunk& batch : batches) {
      for (int64_t i = 0; i < batch.num_rows(); ++i) {
        EXPECT_TRUE(builder->AppendValue(batch.column(c)->GetValue(i)).ok());
      }
    }
    num_rows = builder->length();
    arrays.push_back(builder->Finish());
  }
  return columnar::Chunk(schema, std::move(arrays), num_rows);
}

/// True when the status's message or context mentions text.
inline bool Mentions(const Status& status, std::string_view text) {
  return status.FullMessage().find(text) != std::string::npos;
}

}  // namespace boyodb::storage::test
