// Shared fixtures of the Arrow IPC tests: a chunk holding every BoyoDB type (nulls, empty
// strings, nested types, extremes), a RandomAccessFile that records its reads, and a builder of
// raw IPC streams for foreign layouts BoyoDB's writer never produces.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "columnar/chunk.h"
#include "columnar/dictionary.h"
#include "common/file_system.h"
#include "formats/ipc/metadata.h"
#include "formats/ipc/type_mapping.h"
#include "types/value.h"

namespace boyodb::formats::ipc::testing {

using types::DataType;
using types::Field;
using types::Int128;
using types::IntervalValue;
using types::Value;

inline Int128 Pow10(int n) {
  Int128 value = 1;
  for (int i = 0; i < n; ++i) value *= 10;
  return value;
}

inline std::array<uint8_t, 16> Bytes16(uint8_t first, uint8_t last) {
  std::array<uint8_t, 16> bytes{};
  for (int i = 0; i < 16; ++i) bytes[i] = static_cast<uint8_t>(first + i * 7);
  bytes[15] = last;
  return bytes;
}

/// Every BoyoDB type in one schema; "dict" is written dictionary-encoded.
inline columnar::SchemaPtr AllTypesSchema() {
  const DataType list_of_lists = DataType::List(DataType::List(DataType::Int32()));
  const DataType map = DataType::Map(DataType::String(), DataType::Int64());
  const DataType record =
      DataType::Struct({Field("a", DataType::Int32()), Field("b", DataType::String())});
  return std::make_shared<const types::Schema>(std::vector<Field>{
      Field("flag", DataType::Boolean()),
      Field("i8", DataType::Int8()),
      Field("i16", DataType::Int16()),
      Field("i32", DataType::Int32()),
      Field("i64", DataType::Int64(), false),
      Field("u8", DataType::UInt8()),
      Field("u16", DataType::UInt16()),
      Field("u32", DataType::UInt32()),
      Field("u64", DataType::UInt64()),
      Field("f32", DataType::Float32()),
      Field("f64", DataType::Float64()),
      Field("dec", DataType::Decimal(38, 10)),
      Field("txt", DataType::String()),
      Field("js", DataType::Json()),
      Field("bin", DataType::Binary()),
      Field("d", DataType::Date()),
      Field("t", DataType::Time()),
      Field("ts", DataType::Timestamp()),
      Field("tstz", DataType::TimestampTz()),
      Field("iv", DataType::Interval()),
      Field("uid", DataType::Uuid()),
      Field("ip4", DataType::Ipv4()),
      Field("ip6", DataType::Ipv6()),
      Field("lists", list_of_lists),
      Field("m", map),
      Field("st", record),
      Field("nul", DataType::Null()),
      Field("dict", DataType::String()),
  });
}

/// Row `row` (0..4) of AllTypesSchema; every column has a NULL in some row (but "i64").
inline std::vector<Value> AllTypesRow(int row) {
  const DataType list_of_ints = DataType::List(DataType::Int32());
  const DataType list_of_lists = DataType::List(list_of_ints);
  const DataType map = DataType::Map(DataType::String(), DataType::Int64());
  const DataType entry = map.element_type();
  const DataType record =
      DataType::Struct({Field("a", DataType::Int32()), Field("b", DataType::String())});
  auto ints = [&](std::vector<Value> values) { return Value::Nested(list_of_ints, values); };
  auto kv = [&](const std::string& key, Value value) {
    return Value::Nested(entry, {Value::String(key), std::move(value)});
  };
  auto null = [](const DataType& type) { return Value::Null(type); };
  const Int128 max_decimal = Pow10(38) - 1;
  switch (row) {
    case 0:
      return {Value::Boolean(true),
              Value::Int8(-128),
              Value::Int16(-32768),
              Value::Int32(std::numeric_limits<int32_t>::min()),
              Value::Int64(std::numeric_limits<int64_t>::min()),
              Value::UInt8(255),
              Value::UInt16(65535),
              Value::UInt32(4294967295u),
              Value::UInt64(std::numeric_limits<uint64_t>::max()),
              Value::Float32(1.5f),
              Value::Float64(-2.25),
              Value::Decimal(max_decimal, DataType::Decimal(38, 10)),
              Value::String("hello"),
              Value::Json("{\"a\":1}"),
              Value::Binary(std::string("\x00\x01\xff", 3)),
              Value::Date(0),
              Value::Time(0),
              Value::Timestamp(0),
              Value::TimestampTz(1'700'000'000'123'456),
              Value::Interval({1, 2, 3000}),
              Value::Uuid(Bytes16(0x10, 0xff)),
              Value::Ipv4(0xC0A80001),
              Value::Ipv6(Bytes16(0x20, 0x01)),
              Value::Nested(list_of_lists, {ints({Value::Int32(1), Value::Int32(2)}),
                                            ints({null(DataType::Int32())}), ints({})}),
              Value::Nested(map, {kv("a", Value::Int64(1)), kv("b", null(DataType::Int64()))}),
              Value::Nested(record, {Value::Int32(1), Value::String("x")}),
              null(DataType::Null()),
              Value::String("red")};
    case 1:
      return {Value::Boolean(false),
              Value::Int8(127),
              Value::Int16(32767),
              Value::Int32(std::numeric_limits<int32_t>::max()),
              Value::Int64(std::numeric_limits<int64_t>::max()),
              Value::UInt8(0),
              Value::UInt16(0),
              Value::UInt32(0),
              Value::UInt64(0),
              Value::Float32(-0.0f),
              Value::Float64(std::numeric_limits<double>::infinity()),
              Value::Decimal(-max_decimal, DataType::Decimal(38, 10)),
              Value::String(""),
              Value::Json("[]"),
              Value::Binary(""),
              Value::Date(-719162),
              Value::Time(86'399'999'999),
              Value::Timestamp(-62'135'596'800'000'000),
              Value::TimestampTz(-1),
              Value::Interval({-1, -2, -3}),
              Value::Uuid(Bytes16(0, 0)),
              Value::Ipv4(0xFFFFFFFF),
              Value::Ipv6(Bytes16(0, 1)),
              null(list_of_lists),
              null(map),
              null(record),
              null(DataType::Null()),
              Value::String("green")};
    case 2:
      return {null(DataType::Boolean()),
              null(DataType::Int8()),
              null(DataType::Int16()),
              null(DataType::Int32()),
              Value::Int64(0),
              null(DataType::UInt8()),
              null(DataType::UInt16()),
              null(DataType::UInt32()),
              null(DataType::UInt64()),
              null(DataType::Float32()),
              null(DataType::Float64()),
              null(DataType::Decimal(38, 10)),
              null(DataType::String()),
              null(DataType::Json()),
              null(DataType::Binary()),
              null(DataType::Date()),
              null(DataType::Time()),
              null(DataType::Timestamp()),
              null(DataType::TimestampTz()),
              null(DataType::Interval()),
              null(DataType::Uuid()),
              null(DataType::Ipv4()),
              null(DataType::Ipv6()),
              Value::Nested(list_of_lists, {}),
              Value::Nested(map, {}),
              Value::Nested(record, {null(DataType::Int32()), Value::String("y")}),
              null(DataType::Null()),
              null(DataType::String())};
    case 3:
      return {Value::Boolean(true),
              Value::Int8(0),
              Value::Int16(1),
              Value::Int32(-1),
              Value::Int64(42),
              Value::UInt8(7),
              Value::UInt16(300),
              Value::UInt32(70000),
              Value::UInt64(uint64_t{1} << 63),
              Value::Float32(3.0e10f),
              Value::Float64(std::numeric_limits<double>::quiet_NaN()),
              Value::Decimal(12'345'678'901, DataType::Decimal(38, 10)),
              Value::String("\xc3\xbcnic\xc3\xb6"
                            "de"),
              Value::Json("null"),
              Value::Binary("abc"),
              Value::Date(19'800),
              Value::Time(45'296'789'000),
              Value::Timestamp(1'700'000'000'000'001),
              Value::TimestampTz(0),
              Value::Interval({0, 0, 0}),
              Value::Uuid(Bytes16(0x55, 0x66)),
              Value::Ipv4(1),
              Value::Ipv6(Bytes16(0xfe, 0x80)),
              Value::Nested(list_of_lists, {ints({Value::Int32(3)})}),
              Value::Nested(map, {kv("c", Value::Int64(3))}),
              Value::Nested(record, {Value::Int32(2), null(DataType::String())}),
              null(DataType::Null()),
              Value::String("red")};
    default:
      return {Value::Boolean(false),
              Value::Int8(-1),
              Value::Int16(-2),
              Value::Int32(5),
              Value::Int64(-42),
              Value::UInt8(128),
              Value::UInt16(32768),
              Value::UInt32(2147483648u),
              Value::UInt64(12345),
              Value::Float32(0.25f),
              Value::Float64(1e-300),
              Value::Decimal(-1, DataType::Decimal(38, 10)),
              Value::String("x"),
              Value::Json("\"s\""),
              Value::Binary(std::string(1, '\0')),
              Value::Date(2'932'896),
              Value::Time(1),
              Value::Timestamp(253'402'300'799'999'999),
              Value::TimestampTz(86'400'000'000),
              Value::Interval({12, 30, 86'399'999'999'000}),
              Value::Uuid(Bytes16(0xaa, 0xbb)),
              Value::Ipv4(0x7F000001),
              Value::Ipv6(Bytes16(0, 0)),
              Value::Nested(list_of_lists, {null(list_of_ints)}),
              Value::Nested(map, {kv("d", Value::Int64(4)), kv("", Value::Int64(-4))}),
              Value::Nested(record, {Value::Int32(3), Value::String("z")}),
              null(DataType::Null()),
              Value::String("blue")};
  }
}

/// `num_rows` rows cycling through AllTypesRow, with "dict" dictionary-encoded.
inline columnar::Chunk AllTypesChunk(int num_rows = 5) {
  const columnar::SchemaPtr schema = AllTypesSchema();
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < num_rows; ++i) rows.push_back(AllTypesRow(i % 5));
  Result<columnar::Chunk> plain = columnar::ChunkFromRows(schema, rows);
  BOYO_CHECK(plain.ok());
  std::vector<columnar::ArrayPtr> columns = plain->columns();
  const int dict = schema->FieldIndex("dict");
  columns[static_cast<size_t>(dict)] =
      columnar::DictionaryEncode(*columns[static_cast<size_t>(dict)]);
  return columnar::Chunk(schema, std::move(columns), num_rows);
}

/// Compares two chunks cell by cell, naming the first difference.
inline ::testing::AssertionResult ChunksEqual(const columnar::Chunk& expected,
                                              const columnar::Chunk& actual) {
  if (!(*expected.schema() == *actual.schema())) {
    return ::testing::AssertionFailure() << "schemas differ: " << expected.schema()->ToString()
                                         << " vs " << actual.schema()->ToString();
  }
  if (expected.num_rows() != actual.num_rows()) {
    return ::testing::AssertionFailure()
           << "row counts differ: " << expected.num_rows() << " vs " << actual.num_rows();
  }
  for (size_t c = 0; c < expected.num_columns(); ++c) {
    for (int64_t r = 0; r < expected.num_rows(); ++r) {
      const Value a = expected.column(c)->GetValue(r);
      const Value b = actual.column(c)->GetValue(r);
      if (!(a == b)) {
        return ::testing::AssertionFailure()
               << "column " << expected.schema()->field(c).name << " row " << r << ": "
               << a.ToString() << " vs " << b.ToString();
      }
    }
  }
  return ::testing::AssertionSuccess();
}

/// A RandomAccessFile over a string that records every ReadAt (offset, length).
class RecordingFile final : public RandomAccessFile {
 public:
  explicit RecordingFile(std::string bytes) : bytes_(std::move(bytes)) {}
  Result<size_t> ReadAt(uint64_t offset, size_t n, char* out) const override {
    std::lock_guard<std::mutex> lock(mutex_);
    reads_.push_back({offset, n});
    if (offset >= bytes_.size()) return size_t{0};
    const size_t count = std::min<size_t>(n, bytes_.size() - offset);
    std::memcpy(out, bytes_.data() + offset, count);
    return count;
  }
  uint64_t size() const override { return bytes_.size(); }
  const std::string& path() const override { return path_; }
  std::vector<std::pair<uint64_t, uint64_t>> TakeReads() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::exchange(reads_, {});
  }

 private:
  std::string bytes_;
  std::string path_ = "recording.arrow";
  mutable std::mutex mutex_;
  mutable std::vector<std::pair<uint64_t, uint64_t>> reads_;
};

/// Builds an IPC stream from raw parts, for layouts BoyoDB's writer never produces.
class RawStreamBuilder {
 public:
  explicit RawStreamBuilder(std::vector<IpcField> fields) : fields_(std::move(fields)) {
    AppendFramedMetadata(BuildSchemaMessage(fields_, {}), &out_);
  }
  /// One record batch whose buffers are the given byte strings, uncompressed.
  void AddBatch(int64_t length, std::vector<FieldNodeInfo> nodes,
                const std::vector<std::string>& buffers, int64_t dictionary_id = -1,
                bool is_delta = false) {
    BatchHeader header;
    header.length = length;
    header.nodes = std::move(nodes);
    std::string body;
    for (const std::string& buffer : buffers) {
      header.buffers.push_back(
          {static_cast<int64_t>(body.size()), static_cast<int64_t>(buffer.size())});
      body += buffer;
      body.append((8 - body.size() % 8) % 8, '\0');
    }
    const std::string metadata =
        dictionary_id < 0 ? BuildRecordBatchMessage(header, static_cast<int64_t>(body.size()))
                          : BuildDictionaryBatchMessage(dictionary_id, is_delta, header,
                                                        static_cast<int64_t>(body.size()));
    AppendFramedMetadata(metadata, &out_);
    out_ += body;
  }
  std::string Finish() { return out_ + std::string("\xff\xff\xff\xff\0\0\0\0", 8); }

 private:
  std::vector<IpcField> fields_;
  std::string out_;
};

template <typename T>
std::string RawValues(const std::vector<T>& values) {
  std::string out(values.size() * sizeof(T), '\0');
  if (!values.empty()) std::memcpy(out.data(), values.data(), out.size());
  return out;
}

}  // namespace boyodb::formats::ipc::testing
