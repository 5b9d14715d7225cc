#include "storage/segment/segment_writer.h"

#include <gtest/gtest.h>

#include <set>

#include "columnar/dictionary.h"
#include "common/crc32.h"
#include "storage/index/bloom_hash.h"
#include "storage/index/zone_map_builder.h"
#include "storage/segment/row_sort.h"
#include "storage/segment/segment_reader.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/storage/segment/segment_test_util.h"

namespace boyodb::storage {
namespace {

using test::AllTypesChunk;
using test::MakeChunk;
using test::ReadAllBatches;
using types::DataType;
using types::Field;
using types::Value;

FileSystem& Fs() { return *DefaultFileSystem(); }

std::shared_ptr<const SegmentReader> WriteAndOpen(const std::string& dir, uint64_t id,
                                                  const columnar::Chunk& rows,
                                                  const SegmentWriteOptions& options) {
  Result<SegmentFileInfo> info = WriteSegment(Fs(), dir, id, rows, options);
  EXPECT_TRUE(info.ok()) << info.status().ToString();
  if (!info.ok()) return nullptr;
  Result<std::shared_ptr<const SegmentReader>> reader = SegmentReader::Open(Fs(), dir, id);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  return reader.ok() ? *reader : nullptr;
}

int ColumnIndex(const columnar::Chunk& chunk, std::string_view name) {
  return chunk.schema()->FieldIndex(name);
}

TEST(SegmentWriterTest, EveryColumnTypeRoundTripsAcrossBatchesWithEveryCodec) {
  const columnar::Chunk rows = AllTypesChunk(2500);
  for (const formats::CompressionCodec codec :
       {formats::CompressionCodec::kNone, formats::CompressionCodec::kLz4,
        formats::CompressionCodec::kZstd, formats::CompressionCodec::kSnappy}) {
    SCOPED_TRACE(formats::CodecName(codec));
    testing::TempDir dir;
    SegmentWriteOptions options;
    options.codec = codec;
    options.batch_rows = 1000;
    auto reader = WriteAndOpen(dir.path(), 7, rows, options);
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->segment_id(), 7u);
    EXPECT_EQ(reader->path(), dir.Join("7.seg"));
    EXPECT_EQ(reader->num_rows(), 2500);
    EXPECT_EQ(reader->schema(), *rows.schema());
    ASSERT_EQ(reader->num_batches(), 3);
    EXPECT_EQ(reader->batch_num_rows(0), 1000);
    EXPECT_EQ(reader->batch_num_rows(2), 500);
    const columnar::Chunk back = ReadAllBatches(*reader);
    EXPECT_TRUE(back.Equals(rows));
    EXPECT_TRUE(reader->VerifyFile().ok());
  }
}

TEST(SegmentWriterTest, ColumnSubsetsComeBackInTheOrderAsked) {
  testing::TempDir dir;
  const columnar::Chunk rows = AllTypesChunk(1200);
  SegmentWriteOptions options;
  options.batch_rows = 500;
  auto reader = WriteAndOpen(dir.path(), 1, rows, options);
  ASSERT_NE(reader, nullptr);
  const std::vector<int> columns = {ColumnIndex(rows, "text"), ColumnIndex(rows, "id"),
                                    ColumnIndex(rows, "rec")};
  Result<columnar::Chunk> batch = reader->ReadBatch(1, columns);
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_TRUE(batch->Equals(rows.Slice(500, 500).SelectColumns(columns)));
  EXPECT_TRUE(ReadAllBatches(*reader, {3}).Equals(rows.SelectColumns({3})));
}

TEST(SegmentWriterTest, FileInfoDescribesTheFile) {
  testing::TempDir dir;
  const columnar::Chunk rows = AllTypesChunk(300);
  SegmentWriteOptions options;
  options.sort_key_columns = {ColumnIndex(rows, "ts")};
  Result<SegmentFileInfo> info = WriteSegment(Fs(), dir.path(), 3, rows, options);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  Result<std::string> file = ReadWholeFile(Fs(), SegmentPath(dir.path(), 3));
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(info->row_count, 300u);
  EXPECT_EQ(info->compressed_bytes, file->size());
  EXPECT_EQ(info->uncompressed_bytes, static_cast<uint64_t>(rows.ByteSize()));
  EXPECT_EQ(info->checksum, crc32::Compute(*file));
  // The event time range is that of the (sorted) timestamp column.
  const ZoneMap whole = ComputeZoneMap(*rows.column(ColumnIndex(rows, "ts")), 0, 300);
  EXPECT_EQ(info->min_event_time, whole.min.int64());
  EXPECT_EQ(info->max_event_time, whole.max.int64());
  // Arrow's file magic at both ends; no temporary files left.
  EXPECT_EQ(file->substr(0, 6), "ARROW1");
  EXPECT_EQ(file->substr(file->size() - 6), "ARROW1");
  Result<std::vector<std::string>> names = Fs().ListDir(dir.path());
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, (std::vector<std::string>{"3.idx", "3.seg"}));

  // Without a timestamp sort key there is no event time.
  Result<SegmentFileInfo> unsorted = WriteSegment(Fs(), dir.path(), 4, rows, {});
  ASSERT_TRUE(unsorted.ok());
  EXPECT_FALSE(unsorted->min_event_time.has_value());
  EXPECT_FALSE(unsorted->max_event_time.has_value());
}

TEST(SegmentWriterTest, RowsAreSortedByIntegerKeyWithNullsLastAndStable) {
  testing::TempDir dir;
  const Value null = Value::Null(DataType::Int32());
  const columnar::Chunk rows =
      MakeChunk({Field("k", DataType::Int32()), Field("seq", DataType::Int64())},
                {{Value::Int32(3), Value::Int64(0)},
                 {null, Value::Int64(1)},
                 {Value::Int32(-1), Value::Int64(2)},
                 {Value::Int32(3), Value::Int64(3)},
                 {null, Value::Int64(4)},
                 {Value::Int32(2), Value::Int64(5)},
                 {Value::Int32(-1), Value::Int64(6)}});
  SegmentWriteOptions options;
  options.sort_key_columns = {0};
  options.batch_rows = 3;
  auto reader = WriteAndOpen(dir.path(), 1, rows, options);
  ASSERT_NE(reader, nullptr);
  const columnar::Chunk expected =
      MakeChunk({Field("k", DataType::Int32()), Field("seq", DataType::Int64())},
                {{Value::Int32(-1), Value::Int64(2)},
                 {Value::Int32(-1), Value::Int64(6)},
                 {Value::Int32(2), Value::Int64(5)},
                 {Value::Int32(3), Value::Int64(0)},
                 {Value::Int32(3), Value::Int64(3)},
                 {null, Value::Int64(1)},
                 {null, Value::Int64(4)}});
  EXPECT_TRUE(ReadAllBatches(*reader).Equals(expected)) << ReadAllBatches(*reader).ToString();
  // The last batch holds only NULL keys: its zone map has no bounds.
  const ZoneMap& last = reader->zone_map(2, 0);
  EXPECT_EQ(last.null_count, 1);
  EXPECT_EQ(last.row_count, 1);
  EXPECT_TRUE(last.min.is_null());
  EXPECT_EQ(reader->zone_map(0, 0).min, Value::Int32(-1));
  EXPECT_EQ(reader->zone_map(0, 0).max, Value::Int32(2));
  EXPECT_EQ(reader->zone_map(1, 0).min, Value::Int32(3));
  EXPECT_EQ(reader->zone_map(1, 0).max, Value::Int32(3));
  EXPECT_EQ(reader->zone_map(1, 0).null_count, 1);
}

TEST(SegmentWriterTest, RowsAreSortedByStringThenIntegerKeys) {
  testing::TempDir dir;
  const Value null = Value::Null(DataType::String());
  const columnar::Chunk rows =
      MakeChunk({Field("name", DataType::String()), Field("n", DataType::Int64())},
                {{Value::String("pear"), Value::Int64(2)},
                 {Value::String("apple"), Value::Int64(9)},
                 {null, Value::Int64(1)},
                 {Value::String("pear"), Value::Int64(1)},
                 {Value::String("\xc3\xa9t\xc3\xa9"), Value::Int64(0)},
                 {Value::String("apple"), Value::Int64(-4)},
                 {Value::String(""), Value::Int64(5)}});
  SegmentWriteOptions options;
  options.sort_key_columns = {0, 1};
  auto reader = WriteAndOpen(dir.path(), 1, rows, options);
  ASSERT_NE(reader, nullptr);
  const columnar::Chunk expected =
      MakeChunk({Field("name", DataType::String()), Field("n", DataType::Int64())},
                {{Value::String(""), Value::Int64(5)},
                 {Value::String("apple"), Value::Int64(-4)},
                 {Value::String("apple"), Value::Int64(9)},
                 {Value::String("pear"), Value::Int64(1)},
                 {Value::String("pear"), Value::Int64(2)},
                 {Value::String("\xc3\xa9t\xc3\xa9"), Value::Int64(0)},
                 {null, Value::Int64(1)}});
  EXPECT_TRUE(ReadAllBatches(*reader).Equals(expected)) << ReadAllBatches(*reader).ToString();
}

TEST(SegmentWriterTest, SortedSegmentsHoldTheSameRowsInKeyOrder) {
  testing::TempDir dir;
  const columnar::Chunk rows = AllTypesChunk(3000, 7);
  for (const char* key : {"i32", "word", "f64", "amount", "uuid", "flag", "span", "rec"}) {
    SCOPED_TRACE(key);
    SegmentWriteOptions options;
    options.batch_rows = 1024;
    options.sort_key_columns = {ColumnIndex(rows, key), ColumnIndex(rows, "id")};
    auto reader = WriteAndOpen(dir.path(), 1, rows, options);
    ASSERT_NE(reader, nullptr);
    const columnar::Chunk back = ReadAllBatches(*reader);
    ASSERT_EQ(back.num_rows(), rows.num_rows());
    const columnar::Array& keys = *back.column(static_cast<size_t>(options.sort_key_columns[0]));
    const columnar::Array& ids = *back.column(0);
    std::set<int64_t> seen;
    for (int64_t i = 0; i < back.num_rows(); ++i) {
      seen.insert(ids.GetValue(i).int64());
      if (i == 0) continue;
      const int order = Value::Compare(keys.GetValue(i - 1), keys.GetValue(i));
      ASSERT_LE(order, 0) << "row " << i;
      if (order == 0) {
        ASSERT_LT(ids.GetValue(i - 1).int64(), ids.GetValue(i).int64());
      }
    }
    EXPECT_EQ(seen.size(), 3000u);
    // Every row is intact: sorting the input the same way gives the same chunk.
    EXPECT_TRUE(back.Equals(SortChunk(rows, options.sort_key_columns)));
  }
}

TEST(SegmentWriterTest, LowCardinalityStringsComeBackDictionaryEncodedAndEqual) {
  testing::TempDir dir;
  const columnar::Chunk rows = AllTypesChunk(3000);
  SegmentWriteOptions options;
  options.batch_rows = 1000;
  auto reader = WriteAndOpen(dir.path(), 1, rows, options);
  ASSERT_NE(reader, nullptr);
  const int word = ColumnIndex(rows, "word");
  const int text = ColumnIndex(rows, "text");
  columnar::ArrayPtr first_dictionary;
  for (int b = 0; b < reader->num_batches(); ++b) {
    Result<columnar::Chunk> batch = reader->ReadBatch(b, {word, text});
    ASSERT_TRUE(batch.ok()) << batch.status().ToString();
    ASSERT_TRUE(batch->column(0)->is_dictionary());
    EXPECT_LE(batch->column(0)->dictionary()->length(), 17);
    if (b == 0) first_dictionary = batch->column(0)->dictionary();
    EXPECT_EQ(batch->column(0)->dictionary(), first_dictionary) << "one dictionary per segment";
    EXPECT_FALSE(batch->column(1)->is_dictionary()) << "high cardinality stays plain";
    EXPECT_TRUE(
        columnar::ArraysEqual(*batch->column(0), *rows.column(word)->Slice(b * 1000, 1000)));
  }
  // Turned off, nothing is dictionary-encoded.
  options.dictionary_encode_strings = false;
  reader = WriteAndOpen(dir.path(), 2, rows, options);
  ASSERT_NE(reader, nullptr);
  Result<columnar::Chunk> batch = reader->ReadBatch(0, {word});
  ASSERT_TRUE(batch.ok());
  EXPECT_FALSE(batch->column(0)->is_dictionary());
}

TEST(SegmentWriterTest, DictionaryEncodedInputIsWrittenAsIs) {
  testing::TempDir dir;
  const columnar::Chunk plain =
      MakeChunk({Field("s", DataType::String())}, {{Value::String("b")},
                                                   {Value::String("a")},
                                                   {Value::Null(DataType::String())},
                                                   {Value::String("b")},
                                                   {Value::String("c")}});
  const columnar::Chunk rows(plain.schema(), {columnar::DictionaryEncode(*plain.column(0))}, 5);
  SegmentWriteOptions options;
  options.batch_rows = 2;
  options.sort_key_columns = {0};
  auto reader = WriteAndOpen(dir.path(), 1, rows, options);
  ASSERT_NE(reader, nullptr);
  const columnar::Chunk expected =
      MakeChunk({Field("s", DataType::String())}, {{Value::String("a")},
                                                   {Value::String("b")},
                                                   {Value::String("b")},
                                                   {Value::String("c")},
                                                   {Value::Null(DataType::String())}});
  EXPECT_TRUE(ReadAllBatches(*reader).Equals(expected));
  EXPECT_EQ(reader->zone_map(1, 0).min, Value::String("b"));
  EXPECT_EQ(reader->zone_map(1, 0).max, Value::String("c"));
}

TEST(SegmentWriterTest, ZoneMapsMatchTheBatchesRows) {
  testing::TempDir dir;
  const columnar::Chunk rows = AllTypesChunk(2100);
  SegmentWriteOptions options;
  options.batch_rows = 700;
  auto reader = WriteAndOpen(dir.path(), 1, rows, options);
  ASSERT_NE(reader, nullptr);
  for (int b = 0; b < 3; ++b) {
    for (size_t c = 0; c < rows.num_columns(); ++c) {
      SCOPED_TRACE(rows.schema()->field(c).name + " batch " + std::to_string(b));
      const ZoneMap expected = ComputeZoneMap(*rows.column(c), b * 700, 700);
      const ZoneMap& zone = reader->zone_map(b, static_cast<int>(c));
      EXPECT_EQ(zone.row_count, 700);
      EXPECT_EQ(zone.null_count, expected.null_count);
      EXPECT_EQ(zone.min, expected.min) << zone.min.ToString();
      EXPECT_EQ(zone.max, expected.max) << zone.max.ToString();
    }
  }
  // "text" holds strings of up to ~110 bytes: its max is over the limit, so unknown.
  EXPECT_TRUE(reader->zone_map(0, ColumnIndex(rows, "text")).max.is_null());
  EXPECT_TRUE(reader->zone_map(0, ColumnIndex(rows, "list")).min.is_null());
  EXPECT_FALSE(reader->zone_map(0, ColumnIndex(rows, "uuid")).min.is_null());
}

TEST(SegmentWriterTest, BloomFiltersHaveNoFalseNegatives) {
  testing::TempDir dir;
  const columnar::Chunk rows = AllTypesChunk(5000);
  SegmentWriteOptions options;
  options.batch_rows = 2048;
  options.sort_key_columns = {ColumnIndex(rows, "ts")};
  auto reader = WriteAndOpen(dir.path(), 1, rows, options);
  ASSERT_NE(reader, nullptr);
  for (size_t c = 0; c < rows.num_columns(); ++c) {
    const DataType& type = rows.schema()->field(c).type();
    SCOPED_TRACE(rows.schema()->field(c).name);
    const BloomFilter* filter = reader->bloom_filter(static_cast<int>(c));
    if (!SupportsBloomFilter(type) || static_cast<int>(c) == options.sort_key_columns[0]) {
      EXPECT_EQ(filter, nullptr);
      continue;
    }
    ASSERT_NE(filter, nullptr);
    for (int64_t i = 0; i < rows.num_rows(); ++i) {
      const Value value = rows.column(c)->GetValue(i);
      if (!value.is_null()) {
        ASSERT_TRUE(filter->MightContainHash(BloomHashOf(value))) << i;
      }
    }
  }
  // Absent values are mostly rejected: ids are 0..4999.
  const BloomFilter* ids = reader->bloom_filter(0);
  int false_positives = 0;
  for (int64_t v = 10'000; v < 20'000; ++v)
    false_positives += ids->MightContainHash(BloomHashOf(Value::Int64(v)));
  EXPECT_LT(false_positives, 500);
  // A predicate constant of another integer width finds the value too.
  EXPECT_TRUE(ids->MightContainHash(BloomHashOf(Value::Int32(1234))));
  const BloomFilter* words = reader->bloom_filter(ColumnIndex(rows, "word"));
  EXPECT_TRUE(words->MightContainHash(BloomHashOf(Value::String("word-3"))));

  options.bloom_filters = false;
  reader = WriteAndOpen(dir.path(), 2, rows, options);
  ASSERT_NE(reader, nullptr);
  for (size_t c = 0; c < rows.num_columns(); ++c)
    EXPECT_EQ(reader->bloom_filter(static_cast<int>(c)), nullptr);
}

TEST(SegmentWriterTest, RejectsEmptyInputAndBadOptions) {
  testing::TempDir dir;
  const columnar::Chunk rows = AllTypesChunk(10);
  const Status empty = WriteSegment(Fs(), dir.path(), 1, rows.Slice(0, 0), {}).status();
  EXPECT_EQ(empty.code(), StatusCode::kInvalidArgument);
  SegmentWriteOptions options;
  options.sort_key_columns = {99};
  EXPECT_EQ(WriteSegment(Fs(), dir.path(), 1, rows, options).status().code(),
            StatusCode::kInvalidArgument);
  options.sort_key_columns = {-1};
  EXPECT_EQ(options.Validate().sqlstate(), "22023");
  options = {};
  options.batch_rows = 0;
  EXPECT_EQ(options.Validate().code(), StatusCode::kInvalidArgument);
  options = {};
  options.codec = static_cast<formats::CompressionCodec>(9);
  EXPECT_EQ(options.Validate().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(SegmentWriteOptions{}.Validate().ok());
  Result<std::vector<std::string>> names = Fs().ListDir(dir.path());
  ASSERT_TRUE(names.ok());
  EXPECT_TRUE(names->empty());
}

TEST(SegmentWriterTest, PathsAreTheDecimalIdInTheDirectory) {
  EXPECT_EQ(SegmentPath("/data/segments/db/t", 42), "/data/segments/db/t/42.seg");
  EXPECT_EQ(IndexPath("/data/segments/db/t", 42), "/data/segments/db/t/42.idx");
}

}  // namespace
}  // namespace boyodb::storage
