#include "storage/index/distinct_sketch.h"

#include <gtest/gtest.h>

#include <string>

#include "common/hash.h"

namespace boyodb::storage {
namespace {

DistinctSketch SketchOfRange(uint64_t first, uint64_t count) {
  DistinctSketch sketch;
  for (uint64_t v = first; v < first + count; ++v) sketch.Add(hash::Mix64(v));
  return sketch;
}

TEST(DistinctSketchTest, EstimatesWithinAFewPercent) {
  EXPECT_EQ(DistinctSketch().Estimate(), 0.0);
  EXPECT_NEAR(SketchOfRange(0, 25).Estimate(), 25.0, 1.0);
  for (const uint64_t count : {1'000u, 100'000u, 2'000'000u}) {
    const double estimate = SketchOfRange(0, count).Estimate();
    EXPECT_NEAR(estimate, static_cast<double>(count), 0.05 * static_cast<double>(count)) << count;
  }
  // Repeats count once.
  DistinctSketch repeated = SketchOfRange(0, 500);
  for (int round = 0; round < 10; ++round) repeated.Merge(SketchOfRange(0, 500));
  EXPECT_NEAR(repeated.Estimate(), 500.0, 25.0);
}

TEST(DistinctSketchTest, MergeGivesTheUnion) {
  DistinctSketch merged = SketchOfRange(0, 300'000);
  merged.Merge(SketchOfRange(200'000, 300'000));  // 100k shared
  EXPECT_NEAR(merged.Estimate(), 500'000.0, 25'000.0);
}

TEST(DistinctSketchTest, SerializesSparseAndDenseForms) {
  for (const uint64_t count : {0u, 10u, 100'000u}) {
    const DistinctSketch sketch = SketchOfRange(7, count);
    std::string bytes;
    sketch.AppendTo(&bytes);
    EXPECT_EQ(bytes[0], count == 100'000 ? 2 : 1) << count;
    if (count == 10) {
      EXPECT_EQ(bytes.size(), 3u + 10 * 3);
    }
    Result<DistinctSketch> parsed = DistinctSketch::Parse(bytes);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(parsed->Estimate(), sketch.Estimate());
    std::string again;
    parsed->AppendTo(&again);
    EXPECT_EQ(again, bytes);
  }
}

TEST(DistinctSketchTest, MalformedBytesAreCorruption) {
  std::string sparse;
  SketchOfRange(0, 10).AppendTo(&sparse);
  auto rejects = [](const std::string& bytes, std::string_view why) {
    const Status status = DistinctSketch::Parse(bytes).status();
    EXPECT_TRUE(status.IsCorruption()) << why;
    EXPECT_NE(status.ToString().find(why), std::string::npos) << status.ToString();
  };
  rejects("", "empty distinct sketch");
  rejects(std::string(1, '\x09'), "unknown distinct sketch form 9");
  rejects(sparse.substr(0, sparse.size() - 1), "is 32 bytes long");
  std::string bad_rank = sparse;
  bad_rank[5] = static_cast<char>(60);
  rejects(bad_rank, "rank 60 exceeds 53");
  std::string out_of_order = sparse;
  out_of_order[6] = out_of_order[3];
  out_of_order[7] = out_of_order[4];
  rejects(out_of_order, "bad register");
  std::string dense(1 + DistinctSketch::kRegisters, '\0');
  dense[0] = 2;
  EXPECT_TRUE(DistinctSketch::Parse(dense).ok());
  rejects(dense.substr(0, 100), "dense distinct sketch of 100 bytes");
  // Truncations never crash.
  for (size_t size = 0; size < sparse.size(); ++size) {
    EXPECT_FALSE(DistinctSketch::Parse(sparse.substr(0, size)).ok()) << size;
  }
}

}  // namespace
}  // namespace boyodb::storage
