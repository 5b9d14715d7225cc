#include "storage/segment/segment_column.h"

#include <gtest/gtest.h>

#include "columnar/builder.h"
#include "columnar/dictionary.h"
#include "storage/index/bloom_hash.h"

namespace boyodb::storage {
namespace {

using columnar::ArrayPtr;
using types::DataType;
using types::Value;

// num_rows strings cycling through num_distinct values, every seventh NULL when with_nulls.
ArrayPtr Strings(int64_t num_rows, int64_t num_distinct, bool with_nulls = false) {
  columnar::BinaryBuilder builder(DataType::String());
  for (int64_t i = 0; i < num_rows; ++i) {
    if (with_nulls && i % 7 == 3) {
      builder.AppendNull();
    } else {
      builder.Append("value-" + std::to_string(i % num_distinct));
    }
  }
  return builder.Finish();
}

TEST(SegmentColumnTest, TextIsDictionaryEncodedUpToHalfTheRowsDistinct) {
  std::vector<uint64_t> scratch;
  SegmentColumnOptions options;
  options.batch_rows = 100;
  const SegmentColumn at_limit = PrepareSegmentColumn(Strings(1000, 500), options, &scratch);
  ASSERT_TRUE(at_limit.array->is_dictionary());
  EXPECT_EQ(at_limit.array->dictionary()->length(), 500);
  EXPECT_TRUE(columnar::ArraysEqual(*at_limit.array, *Strings(1000, 500)));
  const SegmentColumn over = PrepareSegmentColumn(Strings(1000, 501), options, &scratch);
  EXPECT_FALSE(over.array->is_dictionary());
  const SegmentColumn with_nulls = PrepareSegmentColumn(Strings(1000, 3, true), options, &scratch);
  ASSERT_TRUE(with_nulls.array->is_dictionary());
  EXPECT_EQ(with_nulls.array->null_count(), Strings(1000, 3, true)->null_count());
  EXPECT_TRUE(columnar::ArraysEqual(*with_nulls.array, *Strings(1000, 3, true)));
  // A slice keeps its own rows only.
  const ArrayPtr sliced = Strings(1000, 3, true)->Slice(5, 990);
  const SegmentColumn from_slice = PrepareSegmentColumn(sliced, options, &scratch);
  ASSERT_TRUE(from_slice.array->is_dictionary());
  EXPECT_TRUE(columnar::ArraysEqual(*from_slice.array, *sliced));

  options.dictionary_encode = false;
  EXPECT_FALSE(PrepareSegmentColumn(Strings(1000, 3), options, &scratch).array->is_dictionary());
  // BYTEA and JSON stay plain.
  columnar::BinaryBuilder bytes(DataType::Binary());
  for (int i = 0; i < 100; ++i) bytes.Append("x");
  options.dictionary_encode = true;
  EXPECT_FALSE(PrepareSegmentColumn(bytes.Finish(), options, &scratch).array->is_dictionary());
}

TEST(SegmentColumnTest, ZoneMapsCoverEachBatch) {
  std::vector<uint64_t> scratch;
  SegmentColumnOptions options;
  options.batch_rows = 300;
  const SegmentColumn column = PrepareSegmentColumn(Strings(1000, 10, true), options, &scratch);
  ASSERT_EQ(column.zone_maps.size(), 4u);
  EXPECT_EQ(column.zone_maps[3].row_count, 100);
  EXPECT_EQ(column.zone_maps[0].min, Value::String("value-0"));
  EXPECT_EQ(column.zone_maps[0].max, Value::String("value-9"));
  int64_t nulls = 0;
  for (const ZoneMap& zone : column.zone_maps) nulls += zone.null_count;
  EXPECT_EQ(nulls, column.array->null_count());
}

TEST(SegmentColumnTest, BloomFiltersHoldEveryValueAndAreSizedByDistinctCount) {
  std::vector<uint64_t> scratch;
  SegmentColumnOptions options;
  columnar::FixedWidthBuilder<int32_t> few(DataType::Int32());
  columnar::FixedWidthBuilder<int32_t> many(DataType::Int32());
  for (int32_t i = 0; i < 100'000; ++i) {
    few.Append(i % 10);
    if (i % 5 == 0) {
      many.AppendNull();
    } else {
      many.Append(i * 7);
    }
  }
  const SegmentColumn small = PrepareSegmentColumn(few.Finish(), options, &scratch);
  const SegmentColumn large = PrepareSegmentColumn(many.Finish(), options, &scratch);
  ASSERT_TRUE(small.bloom_filter.has_value() && large.bloom_filter.has_value());
  EXPECT_EQ(small.bloom_filter->num_bytes(), BloomFilter::ForDistinctValues(10).num_bytes());
  EXPECT_EQ(large.bloom_filter->num_bytes(), BloomFilter::ForDistinctValues(80'000).num_bytes());
  for (int32_t i = 0; i < 100'000; ++i) {
    if (i % 5 != 0) {
      ASSERT_TRUE(large.bloom_filter->MightContainHash(BloomHashOf(Value::Int32(i * 7))));
    }
  }
  EXPECT_TRUE(small.bloom_filter->MightContainHash(BloomHashOf(Value::Int64(9))));

  // Dictionary-encoded input hashes its dictionary.
  const ArrayPtr encoded = columnar::DictionaryEncode(*Strings(5000, 40));
  const SegmentColumn dictionary = PrepareSegmentColumn(encoded, options, &scratch);
  EXPECT_EQ(dictionary.array, encoded);
  ASSERT_TRUE(dictionary.bloom_filter.has_value());
  for (int i = 0; i < 40; ++i) {
    EXPECT_TRUE(dictionary.bloom_filter->MightContainHash(
        BloomHashOf(Value::String("value-" + std::to_string(i)))));
  }
  // No filter when asked for none or for types without one.
  options.bloom_filter = false;
  EXPECT_FALSE(PrepareSegmentColumn(encoded, options, &scratch).bloom_filter.has_value());
  options.bloom_filter = true;
  columnar::FixedWidthBuilder<double> doubles(DataType::Float64());
  doubles.Append(1.5);
  EXPECT_FALSE(PrepareSegmentColumn(doubles.Finish(), options, &scratch).bloom_filter.has_value());
}

TEST(SegmentColumnTest, LargeFiltersAreCapped) {
  std::vector<uint64_t> scratch;
  columnar::FixedWidthBuilder<int64_t> ids(DataType::Int64());
  for (int64_t i = 0; i < 2'000'000; ++i) ids.Append(i);
  const SegmentColumn column = PrepareSegmentColumn(ids.Finish(), {}, &scratch);
  ASSERT_TRUE(column.bloom_filter.has_value());
  EXPECT_EQ(column.bloom_filter->num_bytes(), kMaxBloomFilterBytes);
  EXPECT_TRUE(column.bloom_filter->MightContainHash(BloomHashOf(Value::Int64(1'999'999))));
}

TEST(SegmentColumnTest, DistinctEstimateIsWithinAFewPercent) {
  for (const uint64_t n : {uint64_t{1}, uint64_t{100}, uint64_t{5000}, uint64_t{200'000}}) {
    std::vector<uint64_t> hashes;
    for (uint64_t i = 0; i < n * 3; ++i) hashes.push_back(BloomHashInteger(i % n));
    const double estimate = static_cast<double>(EstimateDistinctHashes(hashes));
    EXPECT_NEAR(estimate, static_cast<double>(n), 0.05 * static_cast<double>(n) + 1) << n;
  }
  EXPECT_EQ(EstimateDistinctHashes({}), 0u);
}

}  // namespace
}  // namespace boyodb::storage
