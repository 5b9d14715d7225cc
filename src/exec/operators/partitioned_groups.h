// Partitioned aggregation for inputs with many groups. Drivers start with tables of their own
// (hash_aggregate.h); once one of them has many groups that other drivers find too (Observe),
// most groups would be inserted into every driver's table and merged again at the end, each
// time in a table too big for the cache. From then on every driver instead splits each chunk's
// rows by a hash of their key into partitions of its own, and once the input has ended each
// partition (every driver's rows of it, and the groups the drivers found before) is aggregated
// by one thread into a table of its own: each group is inserted once, into a table a fraction
// of the size, and partitions run on all threads.
// Thread safety: drivers call Consume at once, each with its own DriverPartitions; Finish runs
// once, after them.
#pragma once

#include <array>
#include <atomic>
#include <mutex>

#include <absl/container/flat_hash_set.h>

#include "exec/operators/hash_aggregate.h"

namespace boyodb::exec {

/// One driver's part: while it groups into a table of its own, a sample of its keys (those
/// whose hash has its low bits clear), which tells whether drivers meet the same groups; once
/// it sends rows to partitions, those rows.
class DriverPartitions {
 public:
  /// A chunk's rows of one partition: the input columns, the group key values, and the rows'
  /// numbers in their morsel (none when the groups may come out in any order).
  struct Part {
    columnar::Chunk input;
    std::vector<columnar::ArrayPtr> keys;
    std::vector<uint32_t> rows;
    uint64_t sequence = 0;
  };

 private:
  friend class PartitionedGroups;
  size_t index_ = 0;      // among the drivers
  int64_t rows_ = 0;      // input rows so far
  bool decided_ = false;  // whether this driver had its say (when it did not activate)
  absl::flat_hash_set<uint64_t> sample_;
  std::vector<std::vector<Part>> parts_;  // per partition
};

class PartitionedGroups {
 public:
  /// A driver sends its rows to partitions once it has this many groups of its own...
  static constexpr size_t kSwitchGroups = 64 * 1024;
  /// ... and at least one per kRowsPerGroup input rows (fewer groups per row are found in
  /// the driver's table cheaply, and merged cheaply), if the drivers' samples of keys
  /// overlap by kSharedFraction: then most groups would be found by several drivers,
  /// inserted into each one's table and merged again. Groups that each driver finds alone
  /// (keys clustered by morsel, as TPC-H q18's order keys, or each row its own group, as
  /// hits Q32's) merge without that: their lookups in the other table find nothing.
  static constexpr int64_t kRowsPerGroup = 8;
  static constexpr double kSharedFraction = 0.25;
  /// Keys whose hash has these bits clear are sampled (one in 64), up to kSampleLimit of
  /// them: a driver still waiting for another's sample copies its own at every chunk.
  static constexpr uint64_t kSampleMask = 63;
  /// Keys are sampled from the chunk at which the driver has this many groups.
  static constexpr size_t kSampleFromGroups = kSwitchGroups / 2;
  static constexpr size_t kSampleLimit = 4096;
  static constexpr int kPartitionBits = 4;
  /// Tells the partitions' table sizes apart from the drivers' among TableSizeHints.
  static constexpr uint64_t kPartitionHintSalt = 0x7061727469746E73ULL;
  static constexpr size_t kPartitions = size_t{1} << kPartitionBits;

  /// For the aggregation `plan`; `any_order` when its groups may come out in any order.
  PartitionedGroups(const sql::LogicalOperator& plan, bool any_order);

  bool active() const { return active_.load(std::memory_order_relaxed); }
  void Activate() { active_.store(true, std::memory_order_relaxed); }

  /// A driver's part, which lives as long as this.
  DriverPartitions* NewDriver();

  /// Before `driver` sends rows to partitions: notes the chunk of `num_rows` rows whose group
  /// keys are `keys`, the driver having `groups` groups of its own, and activates the
  /// partitions when that pays (see kSwitchGroups). Text keys never do: a chunk's texts are
  /// numbered once per distinct text (a dictionary's once per code), and partitions would
  /// number them again, partition by partition, and copy them (hits Q36 and Q37 took a fifth
  /// to a half longer).
  void Observe(DriverPartitions& driver, const std::vector<columnar::ArrayPtr>& keys,
               int64_t num_rows, size_t groups);

  /// Sends the rows of morsel `sequence` (`input`, with group key values `groups`) to their
  /// partitions among `driver`'s.
  Status Consume(const columnar::Chunk& input, const std::vector<columnar::ArrayPtr>& groups,
                 uint64_t sequence, DriverPartitions& driver);

  /// Aggregates each partition's rows together with the groups `sources` (the drivers'
  /// states) had found before, then lays every group out as target's merged groups (in the
  /// order of their first input row unless target.any_order), on up to `threads` threads.
  /// target keeps the partitions' states alive in target.locals.
  Status Finish(AggregateState& target, const std::vector<AggregateState*>& sources,
                ExecContext& context);

 private:
  const sql::LogicalOperator& plan_;
  bool any_order_;
  std::atomic<bool> active_{false};
  /// Per input column, whether an aggregate reads it (others are passed on as placeholders).
  std::vector<bool> read_columns_;
  bool read_all_columns_ = false;
  std::mutex drivers_mutex_;  // guards the two below
  std::vector<std::unique_ptr<DriverPartitions>> drivers_;
  /// Per driver, its sample of keys when it last had kSwitchGroups groups or more.
  std::vector<absl::flat_hash_set<uint64_t>> samples_;
};

}  // namespace boyodb::exec
