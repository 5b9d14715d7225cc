// The sizes an aggregation's hash tables reached when it last ran, so that its next run makes
// room for them at its first row instead of growing them step by step: each doubling inserts
// every key again, and on several threads every driver's table grows to nearly the whole
// size, so the re-insertions cost twice as much there (hits Q18: 7% of the time on one
// thread, 10% on two). ClickHouse keeps such statistics for the same reason
// (collect_hash_table_stats_during_aggregation). An aggregation is known by its plan's text
// (its input's included) and the number of driver threads; a stale size only makes a table
// larger or smaller than needed for one run, after which the new sizes replace it.
// Thread safety: all members may be called from any thread.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "sql/plan/logical_operator.h"

namespace boyodb::exec {

class TableSizeHints {
 public:
  /// Aggregations remembered; the oldest is forgotten first.
  static constexpr size_t kMaxEntries = 4096;
  /// Tables smaller than this are not worth remembering: they grow in microseconds.
  static constexpr int64_t kMinSize = 16 * 1024;
  /// Sizes above this are remembered as this: a table reserved from a stale hint stays
  /// within bounds.
  static constexpr int64_t kMaxSize = int64_t{64} << 20;

  /// The one store of the process.
  static TableSizeHints& Global();

  /// The key of the aggregation `plan` (a kAggregate node) run on `threads` threads.
  static uint64_t KeyOf(const sql::LogicalOperator& plan, int threads);

  /// The sizes last recorded for `key` (GroupKeyMap::TableSizes, per driver at most); empty
  /// when none of them reached kMinSize or none were recorded.
  std::vector<int64_t> Lookup(uint64_t key) const;

  /// Records `sizes` for `key`, replacing what was there.
  void Record(uint64_t key, std::vector<int64_t> sizes);

  /// Raises each of `largest`'s sizes to the same table's in `sizes` (one aggregation's tables
  /// on several drivers or partitions, whose largest are recorded).
  static void KeepLargest(const std::vector<int64_t>& sizes, std::vector<int64_t>* largest);

 private:
  mutable std::mutex mutex_;  // guards the two below
  absl::flat_hash_map<uint64_t, std::vector<int64_t>> sizes_;
  std::deque<uint64_t> arrival_;  // sizes_'s keys, oldest first
};

}  // namespace boyodb::exec
