#include "storage/index/bloom_filter.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "common/hash.h"

namespace boyodb::storage {
namespace {

constexpr uint64_t kNumValues = 100000;

// Hashes of distinct values, as a column of BIGINT keys would give them.
uint64_t HashOf(uint64_t value) { return hash::Mix64(value); }

void PutUint32(std::string* bytes, size_t offset, uint32_t value) {
  for (int i = 0; i < 4; ++i) (*bytes)[offset + i] = static_cast<char>(value >> (8 * i));
}

TEST(BloomFilterTest, SizingFollowsTheFalsePositiveFormulaInPowersOfTwo) {
  // Parquet's formula gives about 121 KB for 100k values at 1%, rounded up to 128 KiB.
  EXPECT_EQ(BloomFilter::ForDistinctValues(kNumValues, 0.01).num_bytes(), 128u * 1024);
  EXPECT_EQ(BloomFilter::ForDistinctValues(0).num_bytes(), BloomFilter::kBytesPerBlock);
  EXPECT_EQ(BloomFilter::ForDistinctValues(1).num_bytes(), BloomFilter::kBytesPerBlock);
  EXPECT_EQ(BloomFilter::ForDistinctValues(uint64_t{1} << 40).num_bytes(), BloomFilter::kMaxBytes);
  // A lower target rate never gives a smaller filter.
  EXPECT_GE(BloomFilter::ForDistinctValues(kNumValues, 0.001).num_bytes(),
            BloomFilter::ForDistinctValues(kNumValues, 0.01).num_bytes());
  for (const uint64_t n : {uint64_t{3}, uint64_t{1000}, uint64_t{77777}, uint64_t{5000000}}) {
    const size_t bytes = BloomFilter::ForDistinctValues(n).num_bytes();
    EXPECT_EQ(bytes & (bytes - 1), 0u) << n;
    EXPECT_EQ(BloomFilter::ForDistinctValues(n).num_blocks(), bytes / 32) << n;
  }
}

TEST(BloomFilterTest, NoFalseNegativesAndFalsePositiveRateNearTarget) {
  BloomFilter filter = BloomFilter::ForDistinctValues(kNumValues, 0.01);
  for (uint64_t i = 0; i < kNumValues; ++i) filter.InsertHash(HashOf(i));
  for (uint64_t i = 0; i < kNumValues; ++i) {
    ASSERT_TRUE(filter.MightContainHash(HashOf(i))) << "false negative for value " << i;
  }
  uint64_t num_false_positives = 0;
  for (uint64_t i = kNumValues; i < 2 * kNumValues; ++i) {
    num_false_positives += filter.MightContainHash(HashOf(i)) ? 1 : 0;
  }
  const double rate = static_cast<double>(num_false_positives) / kNumValues;
  std::printf("false-positive rate over %llu absent values: %.4f\n",
              static_cast<unsigned long long>(kNumValues), rate);
  EXPECT_LT(rate, 0.02);
}

TEST(BloomFilterTest, StringValuesHashedWithXxh3HaveNoFalseNegatives) {
  BloomFilter filter = BloomFilter::ForDistinctValues(1000);
  for (int i = 0; i < 1000; ++i) filter.InsertHash(hash::Bytes("user-" + std::to_string(i)));
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(filter.MightContainHash(hash::Bytes("user-" + std::to_string(i)))) << i;
  }
}

TEST(BloomFilterTest, AnEmptyFilterContainsNothing) {
  const BloomFilter filter = BloomFilter::ForDistinctValues(1000);
  for (uint64_t i = 0; i < 1000; ++i) EXPECT_FALSE(filter.MightContainHash(HashOf(i)));
}

TEST(BloomFilterTest, InsertSetsOneSaltedBitPerWordOfTheChosenBlock) {
  // Pins the algorithm and byte layout of docs/formats/bloom_filter.md: with one block the block
  // index is 0, and key 1 sets bit (salt[i] >> 27) in word i.
  BloomFilter filter = BloomFilter::ForDistinctValues(0);
  ASSERT_EQ(filter.num_blocks(), 1u);
  filter.InsertHash(1);
  std::string bytes;
  filter.AppendTo(&bytes);
  const std::string expected_header("\x01\x00\x00\x00\x20\x00\x00\x00", 8);
  ASSERT_EQ(bytes.size(), 8u + 32u);
  EXPECT_EQ(bytes.substr(0, 8), expected_header);
  const uint32_t salts[8] = {0x47b6137bU, 0x44974d91U, 0x8824ad5bU, 0xa2b7289dU,
                             0x705495c7U, 0x2df1424bU, 0x9efc4947U, 0x5c6bfb31U};
  std::string expected_words(32, '\0');
  for (int i = 0; i < 8; ++i) PutUint32(&expected_words, 4 * i, uint32_t{1} << (salts[i] >> 27));
  EXPECT_EQ(bytes.substr(8), expected_words);

  // With four blocks, the high 32 bits 0xC0000000 select block 3 (multiply-shift: 0.75 * 4).
  std::string four_bytes("\x01\x00\x00\x00\x80\x00\x00\x00", 8);
  four_bytes.append(128, '\0');
  Result<BloomFilter> parsed = BloomFilter::Parse(four_bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  parsed->InsertHash((uint64_t{0xC0000000} << 32) | 1);
  std::string after;
  parsed->AppendTo(&after);
  EXPECT_EQ(after.substr(8, 96), std::string(96, '\0'));
  EXPECT_EQ(after.substr(8 + 96), expected_words);
}

TEST(BloomFilterTest, SerializationRoundTrips) {
  BloomFilter filter = BloomFilter::ForDistinctValues(5000);
  for (uint64_t i = 0; i < 5000; ++i) filter.InsertHash(HashOf(i));
  std::string bytes = "idx-prefix";
  filter.AppendTo(&bytes);
  ASSERT_EQ(bytes.size(), 10 + filter.SerializedSize());

  Result<BloomFilter> parsed = BloomFilter::Parse(std::string_view(bytes).substr(10));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->num_bytes(), filter.num_bytes());
  for (uint64_t i = 0; i < 5000; ++i) ASSERT_TRUE(parsed->MightContainHash(HashOf(i))) << i;
  for (uint64_t i = 5000; i < 10000; ++i) {
    ASSERT_EQ(parsed->MightContainHash(HashOf(i)), filter.MightContainHash(HashOf(i))) << i;
  }
  std::string again;
  parsed->AppendTo(&again);
  EXPECT_EQ(again, bytes.substr(10));
}

TEST(BloomFilterTest, ParseRejectsMalformedBytes) {
  BloomFilter filter = BloomFilter::ForDistinctValues(100);
  filter.InsertHash(HashOf(42));
  std::string good;
  filter.AppendTo(&good);
  ASSERT_TRUE(BloomFilter::Parse(good).ok());

  std::vector<std::pair<std::string, std::string>> cases;
  for (size_t length = 0; length < good.size(); length += 7) {
    cases.emplace_back("truncated to " + std::to_string(length), good.substr(0, length));
  }
  cases.emplace_back("one byte too long", good + "x");
  std::string bad = good;
  bad[0] = 2;
  cases.emplace_back("unknown version", bad);
  bad = good;
  bad[2] = 1;
  cases.emplace_back("reserved byte set", bad);
  for (const uint32_t size : {0u, 31u, 48u, 64u, 65u, 1u << 30}) {
    bad = good;
    PutUint32(&bad, 4, size);
    cases.emplace_back("declared size " + std::to_string(size), bad);
  }
  // Whole blocks, but above the 16 MiB limit.
  bad = std::string("\x01\x00\x00\x00", 4);
  bad.append(4, '\0');
  PutUint32(&bad, 4, static_cast<uint32_t>(BloomFilter::kMaxBytes * 2));
  bad.append(BloomFilter::kMaxBytes * 2, '\0');
  cases.emplace_back("larger than the limit", bad);

  for (const auto& [name, bytes] : cases) {
    const Result<BloomFilter> parsed = BloomFilter::Parse(bytes);
    ASSERT_FALSE(parsed.ok()) << name;
    EXPECT_TRUE(parsed.error().IsCorruption()) << name << ": " << parsed.error().ToString();
    EXPECT_EQ(parsed.error().sqlstate(), "XX001") << name;
  }
}

TEST(BloomFilterTest, ParseAcceptsAnyWholeNumberOfBlocks) {
  // Writers use powers of two, but the algorithm works for any block count; readers accept it.
  std::string bytes("\x01\x00\x00\x00\x60\x00\x00\x00", 8);  // three blocks
  bytes.append(96, '\0');
  Result<BloomFilter> parsed = BloomFilter::Parse(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->num_blocks(), 3u);
  for (uint64_t i = 0; i < 100; ++i) parsed->InsertHash(HashOf(i));
  for (uint64_t i = 0; i < 100; ++i) EXPECT_TRUE(parsed->MightContainHash(HashOf(i)));
}

// What segments without a distinct sketch fall back on: the fill of their filter.
TEST(BloomFilterTest, EstimatesInsertedHashesFromItsFill) {
  for (const uint64_t count : {uint64_t{100}, kNumValues}) {
    BloomFilter filter = BloomFilter::ForDistinctValues(count);
    EXPECT_EQ(filter.EstimateInsertedHashes(), 0.0);
    for (uint64_t v = 0; v < count; ++v) filter.InsertHash(HashOf(v));
    // Inserting again changes nothing.
    for (uint64_t v = 0; v < count; ++v) filter.InsertHash(HashOf(v));
    EXPECT_NEAR(filter.EstimateInsertedHashes(), static_cast<double>(count),
                0.05 * static_cast<double>(count))
        << count;
  }
}

}  // namespace
}  // namespace boyodb::storage
