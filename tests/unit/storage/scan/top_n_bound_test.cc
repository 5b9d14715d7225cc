#include "storage/scan/top_n_bound.h"

#include <gtest/gtest.h>

namespace boyodb::storage {
namespace {

using types::Value;

ZoneMap Zone(int64_t min, int64_t max, int64_t null_count = 0, int64_t row_count = 100) {
  ZoneMap zone;
  zone.min = Value::Int64(min);
  zone.max = Value::Int64(max);
  zone.null_count = null_count;
  zone.row_count = row_count;
  return zone;
}

TEST(TopNBoundTest, EveryBatchQualifiesUntilACutOffIsOffered) {
  const TopNBound bound(/*descending=*/false, /*nulls_first=*/false);
  EXPECT_FALSE(bound.Current().has_value());
  EXPECT_TRUE(bound.ZoneMayQualify(Zone(1000, 2000)));
}

TEST(TopNBoundTest, AscendingSkipsBatchesWhoseLeastValueSortsAfterTheCutOff) {
  TopNBound bound(/*descending=*/false, /*nulls_first=*/false);
  bound.Tighten(Value::Int64(50));
  EXPECT_TRUE(bound.ZoneMayQualify(Zone(10, 20)));
  EXPECT_TRUE(bound.ZoneMayQualify(Zone(50, 90)));  // equal keys may still enter
  EXPECT_FALSE(bound.ZoneMayQualify(Zone(51, 90)));
  // NULLs sort last: a batch of NULLs and large values cannot enter either.
  EXPECT_FALSE(bound.ZoneMayQualify(Zone(60, 90, /*null_count=*/5)));
  EXPECT_FALSE(bound.ZoneMayQualify(Zone(0, 0, /*null_count=*/100)));
}

TEST(TopNBoundTest, OnlyATighterKeyMovesTheCutOff) {
  TopNBound bound(/*descending=*/false, /*nulls_first=*/false);
  bound.Tighten(Value::Int64(50));
  bound.Tighten(Value::Int64(70));
  EXPECT_EQ(bound.Current()->int64(), 50);
  bound.Tighten(Value::Int64(30));
  EXPECT_EQ(bound.Current()->int64(), 30);
  bound.Tighten(Value::Null(types::DataType::Int64()));
  EXPECT_EQ(bound.Current()->int64(), 30);
}

TEST(TopNBoundTest, DescendingWithNullsFirstKeepsBatchesWithNulls) {
  TopNBound bound(/*descending=*/true, /*nulls_first=*/true);
  bound.Tighten(Value::Int64(50));
  EXPECT_TRUE(bound.ZoneMayQualify(Zone(10, 60)));
  EXPECT_FALSE(bound.ZoneMayQualify(Zone(10, 49)));
  EXPECT_TRUE(bound.ZoneMayQualify(Zone(10, 49, /*null_count=*/1)));
}

TEST(TopNBoundTest, UnknownBoundsQualify) {
  TopNBound bound(/*descending=*/false, /*nulls_first=*/false);
  bound.Tighten(Value::Int64(50));
  ZoneMap zone = Zone(0, 0);
  zone.min = Value::Null(types::DataType::Int64());
  zone.max = Value::Null(types::DataType::Int64());
  EXPECT_TRUE(bound.ZoneMayQualify(zone));
}

}  // namespace
}  // namespace boyodb::storage
