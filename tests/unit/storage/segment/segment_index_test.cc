#include "storage/segment/segment_index.h"

#include <gtest/gtest.h>

#include <random>

#include "common/crc32.h"
#include "storage/index/bloom_hash.h"
#include "tests/unit/storage/segment/segment_test_util.h"

namespace boyodb::storage {
namespace {

using test::Mentions;
using types::DataType;
using types::Field;
using types::Value;

// A two-column, two-batch index over a made-up 1000-byte file:
//   [0, 100) meta | batch 0: [100, 120) meta, [120, 300) col 0, [300, 400) col 1 |
//   batch 1: [400, 420) meta, [420, 600) col 0, [600, 600) col 1 (empty) | [600, 1000) footer.
SegmentIndex SampleIndex() {
  SegmentIndex index;
  index.segment_id = 77;
  index.num_rows = 30;
  index.codec = formats::CompressionCodec::kZstd;
  index.schema = types::Schema({Field("n", DataType::Int64()), Field("s", DataType::String())});
  index.file_size = 1000;
  index.file_crc = 0xdeadbeef;
  const auto zone = [](Value min, Value max, int64_t nulls, int64_t rows) {
    ZoneMap z;
    z.min = std::move(min);
    z.max = std::move(max);
    z.null_count = nulls;
    z.row_count = rows;
    return z;
  };
  BatchIndex first{20, 100, 20, 300, {}};
  first.columns.push_back({{120, 180, 1}, zone(Value::Int64(-5), Value::Int64(9), 0, 20)});
  first.columns.push_back(
      {{300, 100, 2}, zone(Value::String("a"), Value::Null(DataType::String()), 3, 20)});
  BatchIndex second{10, 400, 20, 180, {}};
  second.columns.push_back(
      {{420, 180, 3},
       zone(Value::Null(DataType::Int64()), Value::Null(DataType::Int64()), 10, 10)});
  second.columns.push_back({{600, 0, 0}, zone(Value::String(""), Value::String("zz"), 0, 10)});
  index.batches = {first, second};
  index.metadata_ranges = {{0, 100, 4}, {100, 20, 5}, {400, 20, 6}, {600, 400, 7}};
  BloomFilter filter = BloomFilter::ForDistinctValues(10);
  filter.InsertHash(BloomHashOf(Value::Int64(3)));
  index.bloom_filters = {filter, std::nullopt};
  DistinctSketch sketch;
  for (int64_t i = 0; i < 12; ++i) sketch.Add(BloomHashOf(Value::Int64(i)));
  index.distinct_sketches = {sketch, std::nullopt};
  return index;
}

void ExpectSameZone(const ZoneMap& a, const ZoneMap& b) {
  EXPECT_EQ(a.min, b.min);
  EXPECT_EQ(a.max, b.max);
  EXPECT_EQ(a.null_count, b.null_count);
  EXPECT_EQ(a.row_count, b.row_count);
}

// Replaces the trailing CRC so that a deliberately malformed body gets past the checksum.
std::string Reseal(std::string bytes) {
  bytes.resize(bytes.size() - 4);
  const uint32_t crc = crc32::Compute(bytes);
  for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<char>(crc >> (8 * i)));
  return bytes;
}

TEST(SegmentIndexTest, EncodeDecodeRoundTrips) {
  const SegmentIndex index = SampleIndex();
  const std::string bytes = EncodeSegmentIndex(index);
  EXPECT_EQ(bytes.substr(0, 8), "BOYOIDX1");
  Result<SegmentIndex> decoded = DecodeSegmentIndex(bytes, "77.idx");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->segment_id, 77u);
  EXPECT_EQ(decoded->num_rows, 30u);
  EXPECT_EQ(decoded->codec, formats::CompressionCodec::kZstd);
  EXPECT_EQ(decoded->schema, index.schema);
  EXPECT_EQ(decoded->file_size, 1000u);
  EXPECT_EQ(decoded->file_crc, 0xdeadbeefu);
  ASSERT_EQ(decoded->batches.size(), 2u);
  for (size_t b = 0; b < 2; ++b) {
    const BatchIndex& got = decoded->batches[b];
    const BatchIndex& want = index.batches[b];
    EXPECT_EQ(got.num_rows, want.num_rows);
    EXPECT_EQ(got.offset, want.offset);
    EXPECT_EQ(got.metadata_length, want.metadata_length);
    EXPECT_EQ(got.body_length, want.body_length);
    for (size_t c = 0; c < 2; ++c) {
      EXPECT_EQ(got.columns[c].range.offset, want.columns[c].range.offset);
      EXPECT_EQ(got.columns[c].range.length, want.columns[c].range.length);
      EXPECT_EQ(got.columns[c].range.crc, want.columns[c].range.crc);
      ExpectSameZone(got.columns[c].zone_map, want.columns[c].zone_map);
    }
  }
  ASSERT_EQ(decoded->metadata_ranges.size(), 4u);
  EXPECT_EQ(decoded->metadata_ranges[3].offset, 600u);
  EXPECT_EQ(decoded->metadata_ranges[3].crc, 7u);
  ASSERT_TRUE(decoded->bloom_filters[0].has_value());
  EXPECT_TRUE(decoded->bloom_filters[0]->MightContainHash(BloomHashOf(Value::Int64(3))));
  EXPECT_FALSE(decoded->bloom_filters[1].has_value());
  ASSERT_EQ(decoded->distinct_sketches.size(), 2u);
  ASSERT_TRUE(decoded->distinct_sketches[0].has_value());
  EXPECT_NEAR(decoded->distinct_sketches[0]->Estimate(), 12.0, 0.5);
  EXPECT_FALSE(decoded->distinct_sketches[1].has_value());
  // Encoding is deterministic.
  EXPECT_EQ(EncodeSegmentIndex(*decoded), bytes);
}

TEST(SegmentIndexTest, ChecksumAndHeaderErrorsNameFileAndOffset) {
  const std::string bytes = EncodeSegmentIndex(SampleIndex());
  std::string flipped = bytes;
  flipped[40] ^= 1;
  Status status = DecodeSegmentIndex(flipped, "/d/77.idx").status();
  EXPECT_TRUE(status.IsCorruption());
  EXPECT_EQ(status.sqlstate(), "XX001");
  EXPECT_TRUE(Mentions(status, "/d/77.idx")) << status.ToString();
  EXPECT_TRUE(Mentions(status, "byte offset " + std::to_string(bytes.size() - 4)));
  EXPECT_TRUE(Mentions(status, "checksum mismatch"));

  status = DecodeSegmentIndex("BOYOIDX1", "/d/77.idx").status();
  EXPECT_TRUE(Mentions(status, "shorter than the smallest index")) << status.ToString();
  std::string magic = bytes;
  magic[0] = 'X';
  EXPECT_TRUE(Mentions(DecodeSegmentIndex(magic, "i").status(), "bad magic"));
  std::string version = bytes;
  version[8] = 3;
  status = DecodeSegmentIndex(Reseal(version), "i").status();
  EXPECT_TRUE(Mentions(status, "byte offset 8: unsupported version 3")) << status.ToString();
  std::string codec = bytes;
  codec[52] = 9;
  EXPECT_TRUE(Mentions(DecodeSegmentIndex(Reseal(codec), "i").status(), "unknown codec 9"));
}

// Version 1, written before distinct sketches were kept, is the same layout without them.
TEST(SegmentIndexTest, VersionOneHasNoDistinctSketches) {
  SegmentIndex index = SampleIndex();
  index.distinct_sketches.clear();
  std::string bytes = EncodeSegmentIndex(index);
  bytes.erase(bytes.size() - 4 - 2 * 4, 2 * 4);  // the two empty sketches before the checksum
  bytes[8] = 1;
  Result<SegmentIndex> decoded = DecodeSegmentIndex(Reseal(bytes), "i");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_TRUE(decoded->distinct_sketches.empty());
  EXPECT_TRUE(decoded->bloom_filters[0].has_value());
}

TEST(SegmentIndexTest, InconsistentContentsAreRejected) {
  const auto reject = [](SegmentIndex index, std::string_view why) {
    const Status status = DecodeSegmentIndex(EncodeSegmentIndex(index), "i").status();
    EXPECT_TRUE(status.IsCorruption()) << why;
    EXPECT_TRUE(Mentions(status, why)) << status.ToString();
  };
  SegmentIndex index = SampleIndex();
  index.num_rows = 31;
  reject(index, "differs from the sum of the batches' rows");
  index = SampleIndex();
  index.batches[0].columns[0].range.offset = 110;  // inside the metadata block
  reject(index, "is outside its batch body");
  index = SampleIndex();
  index.metadata_ranges.pop_back();  // the footer is not covered
  reject(index, "checked ranges end at byte 600");
  index = SampleIndex();
  index.metadata_ranges[0].length = 90;  // a gap before batch 0
  reject(index, "leaves bytes before it unchecked from 90");
  index = SampleIndex();
  index.metadata_ranges[0].length = 110;  // overlaps batch 0's metadata
  reject(index, "overlaps the range before it");
  index = SampleIndex();
  index.batches[0].columns[1].zone_map.null_count = 21;
  reject(index, "null count 21 exceeds");
  index = SampleIndex();
  index.batches[1].body_length = 10'000;
  reject(index, "does not fit the segment file");
  index = SampleIndex();
  index.metadata_ranges.push_back({1000, 0, 0});
  reject(index, "is empty or outside");
  index = SampleIndex();
  index.bloom_filters[1] = BloomFilter::ForDistinctValues(1);  // TEXT may have one...
  EXPECT_TRUE(DecodeSegmentIndex(EncodeSegmentIndex(index), "i").ok());
  index.schema = types::Schema({Field("n", DataType::Float64()), Field("s", DataType::String())});
  index.batches[0].columns[0].zone_map.min = Value::Float64(1);
  index.batches[0].columns[0].zone_map.max = Value::Float64(2);
  index.batches[1].columns[0].zone_map.min = Value::Null(DataType::Float64());
  reject(index, "which has none");  // ...a DOUBLE column may not
  index = SampleIndex();
  index.schema = types::Schema({Field("n", DataType::Float64()), Field("s", DataType::String())});
  index.bloom_filters[0] = std::nullopt;
  index.batches[0].columns[0].zone_map.min = Value::Float64(1);
  index.batches[0].columns[0].zone_map.max = Value::Float64(2);
  index.batches[1].columns[0].zone_map.min = Value::Null(DataType::Float64());
  reject(index, "distinct sketch for column 0 of type");  // nor a sketch
}

TEST(SegmentIndexTest, EveryTruncationIsCorruption) {
  const std::string bytes = EncodeSegmentIndex(SampleIndex());
  for (size_t size = 0; size < bytes.size(); ++size) {
    const Status status = DecodeSegmentIndex(bytes.substr(0, size), "i").status();
    ASSERT_TRUE(status.IsCorruption()) << size;
  }
}

// Garbage that passes the checksum must still never crash the decoder or make it allocate
// without bound: mutate bytes, reseal, decode.
TEST(SegmentIndexTest, ResealedGarbageNeverCrashes) {
  const std::string bytes = EncodeSegmentIndex(SampleIndex());
  std::mt19937_64 random(20240601);
  int rejected = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string mutated = bytes;
    const int num_changes = 1 + static_cast<int>(random() % 4);
    for (int i = 0; i < num_changes; ++i) {
      const size_t offset = random() % (mutated.size() - 4);
      mutated[offset] = static_cast<char>(random() % 3 == 0 ? 0xff : random());
    }
    rejected += !DecodeSegmentIndex(Reseal(mutated), "i").ok();
  }
  EXPECT_GT(rejected, 2000);
}

}  // namespace
}  // namespace boyodb::storage
