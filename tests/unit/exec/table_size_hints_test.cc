#include "exec/operators/table_size_hints.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace boyodb::exec {
namespace {

using Sizes = std::vector<int64_t>;

TEST(TableSizeHintsTest, RemembersTheLastSizesOfAnAggregation) {
  TableSizeHints hints;
  constexpr int64_t kBig = TableSizeHints::kMinSize;
  EXPECT_TRUE(hints.Lookup(1).empty());
  hints.Record(1, {kBig, 3, kBig * 4});
  // Tables too small to be worth reserving are remembered as 0.
  EXPECT_EQ(hints.Lookup(1), (Sizes{kBig, 0, kBig * 4}));
  hints.Record(1, {kBig * 2});
  EXPECT_EQ(hints.Lookup(1), (Sizes{kBig * 2}));
  // Sizes are bounded, so that a stale hint cannot reserve without limit.
  hints.Record(2, {int64_t{1} << 40});
  EXPECT_EQ(hints.Lookup(2), (Sizes{TableSizeHints::kMaxSize}));
  // A run whose tables all stayed small forgets the aggregation.
  hints.Record(1, {kBig - 1, 5});
  EXPECT_TRUE(hints.Lookup(1).empty());
  EXPECT_FALSE(hints.Lookup(2).empty());
}

TEST(TableSizeHintsTest, ForgetsTheOldestBeyondItsCapacity) {
  TableSizeHints hints;
  const Sizes sizes{TableSizeHints::kMinSize};
  for (uint64_t key = 1; key <= TableSizeHints::kMaxEntries; ++key) hints.Record(key, sizes);
  hints.Record(1, sizes);  // replacing keeps its place: the oldest is still key 1
  hints.Record(TableSizeHints::kMaxEntries + 1, sizes);
  EXPECT_TRUE(hints.Lookup(1).empty());
  EXPECT_EQ(hints.Lookup(2), sizes);
  EXPECT_EQ(hints.Lookup(TableSizeHints::kMaxEntries + 1), sizes);
}

TEST(TableSizeHintsTest, KeysTellPlansAndThreadCountsApart) {
  sql::LogicalOperator scan;
  scan.kind = sql::LogicalKind::kGet;
  scan.table = "t";
  sql::LogicalOperator other = scan;
  other.table = "u";
  EXPECT_EQ(TableSizeHints::KeyOf(scan, 2), TableSizeHints::KeyOf(scan, 2));
  EXPECT_NE(TableSizeHints::KeyOf(scan, 2), TableSizeHints::KeyOf(scan, 1));
  EXPECT_NE(TableSizeHints::KeyOf(scan, 2), TableSizeHints::KeyOf(other, 2));
}

TEST(TableSizeHintsTest, KeepLargestTakesEachTablesLargestSize) {
  std::vector<int64_t> largest;
  TableSizeHints::KeepLargest({100, 5}, &largest);
  TableSizeHints::KeepLargest({40, 9}, &largest);
  TableSizeHints::KeepLargest({70, 2, 3}, &largest);
  EXPECT_EQ(largest, (std::vector<int64_t>{100, 9, 3}));
}

}  // namespace
}  // namespace boyodb::exec
