#include "functions/aggregate/hyperloglog.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "common/hash.h"

namespace boyodb::functions {
namespace {

// Relative error of the sketch after adding `distinct` values, each `repeats` times.
double RelativeError(int64_t distinct, int repeats, uint64_t seed) {
  HyperLogLog sketch;
  for (int r = 0; r < repeats; ++r) {
    for (int64_t v = 0; v < distinct; ++v) sketch.Add(hash::Mix64(static_cast<uint64_t>(v) + seed));
  }
  return std::abs(static_cast<double>(sketch.Estimate() - distinct)) /
         static_cast<double>(distinct);
}

TEST(HyperLogLogTest, EmptySketchCountsZero) { EXPECT_EQ(HyperLogLog().Estimate(), 0); }

TEST(HyperLogLogTest, ExactUpToTheLimit) {
  HyperLogLog sketch;
  for (int r = 0; r < 3; ++r) {
    for (uint64_t v = 0; v < HyperLogLog::kExactLimit; ++v) sketch.Add(hash::Mix64(v));
  }
  EXPECT_EQ(sketch.Estimate(), static_cast<int64_t>(HyperLogLog::kExactLimit));
}

TEST(HyperLogLogTest, WithinFourStandardErrorsAcrossRanges) {
  // 0.8% standard error at 2^14 registers: 4 standard errors is 3.3%, a bound a correct
  // estimator essentially never exceeds, and a biased one (raw HLL near 2.5 m) does.
  for (const int64_t distinct : {2000, 20000, 50000, 100000, 1000000}) {
    EXPECT_LT(RelativeError(distinct, 1, 17), 0.033) << distinct;
  }
}

TEST(HyperLogLogTest, RepeatsDoNotCount) { EXPECT_LT(RelativeError(30000, 4, 99), 0.033); }

TEST(HyperLogLogTest, MergeEqualsOneSketchOfBoth) {
  HyperLogLog left;
  HyperLogLog right;
  HyperLogLog both;
  for (uint64_t v = 0; v < 60000; ++v) {
    const uint64_t hash = hash::Mix64(v);
    (v % 3 == 0 ? left : right).Add(hash);
    both.Add(hash);
  }
  left.Merge(right);
  EXPECT_EQ(left.Estimate(), both.Estimate());

  // A small (still exact) sketch merged into a large one, and the other way round.
  HyperLogLog small;
  for (uint64_t v = 0; v < 10; ++v) small.Add(hash::Mix64(v + 1000000));
  HyperLogLog large = both;
  large.Merge(small);
  small.Merge(both);
  EXPECT_EQ(large.Estimate(), small.Estimate());
}

}  // namespace
}  // namespace boyodb::functions
