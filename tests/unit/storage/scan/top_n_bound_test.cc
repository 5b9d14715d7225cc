#include "storage/scan/top_n_bound.h"

#include <gtest/gtest.h>

#include <optional>

#include "columnar/builder.h"

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

TEST(TopNBoundTest, RowsNotAfterTheCutOffStay) {
  columnar::FixedWidthBuilder<int64_t> builder(types::DataType::Int64());
  for (const std::optional<int64_t> key :
       {std::optional<int64_t>(70), std::optional<int64_t>(), std::optional<int64_t>(50),
        std::optional<int64_t>(20), std::optional<int64_t>(90), std::optional<int64_t>(),
        std::optional<int64_t>(49)}) {
    key.has_value() ? builder.Append(*key) : builder.AppendNull();
  }
  const columnar::ArrayPtr keys = builder.Finish();
  // No cut-off yet: every row.
  TopNBound descending_nulls_first(/*descending=*/true, /*nulls_first=*/true);
  EXPECT_FALSE(descending_nulls_first.RowsNotAfter(*keys).has_value());
  // DESC NULLS FIRST (PostgreSQL's default for DESC): NULLs and values >= 50 stay.
  descending_nulls_first.Tighten(Value::Int64(50));
  EXPECT_EQ(descending_nulls_first.RowsNotAfter(*keys)->rows(),
            (std::vector<uint32_t>{0, 1, 2, 4, 5}));
  TopNBound descending_nulls_last(/*descending=*/true, /*nulls_first=*/false);
  descending_nulls_last.Tighten(Value::Int64(50));
  EXPECT_EQ(descending_nulls_last.RowsNotAfter(*keys)->rows(), (std::vector<uint32_t>{0, 2, 4}));
  TopNBound ascending(/*descending=*/false, /*nulls_first=*/false);
  ascending.Tighten(Value::Int64(49));
  EXPECT_EQ(ascending.RowsNotAfter(*keys)->rows(), (std::vector<uint32_t>{3, 6}));
  // Every row staying is said as nullopt.
  ascending.Tighten(Value::Int64(20));
  EXPECT_FALSE(ascending.RowsNotAfter(*keys->Slice(3, 1)).has_value());
}

}  // namespace
}  // namespace boyodb::storage
