// Hash aggregation: a sink that groups its input by the group expressions and updates each
// group's aggregate states, and a source that emits one row per group (groups, then aggregate
// results). Without GROUP BY there is exactly one group, even for empty input. DISTINCT
// aggregates keep, per group, the set of argument values already seen. Whole-row DISTINCT is
// an aggregation without aggregates. Groups are numbered by a GroupKeyMap (group_keys.h),
// whose hash table suits the key's shape; its tables make room, at the first row, for the
// sizes they reached when the same aggregation last ran (table_size_hints.h). With grouping
// sets every input row joins one group per set; a group's key starts with its set's number,
// so a group column that a set leaves out (NULL in its rows) never meets a NULL of the data.
// Aggregate states live in blocks of one arena, one block per group.
// Thread safety: each driver aggregates into a local sink of its own (NewLocal); with GROUP BY
// their groups are merged by hash partition on all threads (aggregate_merge.h), unless the
// drivers meet the same groups by the hundred thousand: then they go on to send their rows to
// hash partitions, aggregated one by one at the end (partitioned_groups.h); without it
// Absorb merges the one group into the first sink's; the groups come out in the order of
// their first row in the input, as on one thread. DISTINCT aggregates wait for the merge
// (defer_distinct below); ordered aggregates and grouping sets run on one thread. The state is
// handed to the source after Finalize.
#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include "common/default_init_allocator.h"
#include "exec/operators/group_keys.h"
#include "exec/operators/streaming.h"
#include "storage/scan/top_n_bound.h"

namespace boyodb::exec {

class PartitionedGroups;
class DriverPartitions;

/// A row's position in the input as one word: the morsel's sequence number in the high half,
/// the row within its chunk in the low half.
inline uint64_t FirstSeen(uint64_t sequence, int64_t row) {
  return (sequence << 32) | (static_cast<uint64_t>(row) & 0xFFFFFFFFu);
}

/// A merged group's key as one word: its source (index into merged_source_keys) in the high
/// half, its row there in the low half.
inline uint64_t MergedRow(uint32_t source, uint32_t row) {
  return (static_cast<uint64_t>(source) << 32) | row;
}

struct AggregateState {
  const sql::LogicalOperator* plan = nullptr;
  /// Group numbers without grouping sets; with them, by the set-prefixed byte key.
  std::unique_ptr<GroupKeyMap> keys;
  absl::flat_hash_map<std::string, int64_t> group_index;
  /// The group key values, one builder per group expression, in group-number order.
  std::vector<std::unique_ptr<columnar::ArrayBuilder>> group_builders;
  std::vector<uint8_t*> state_blocks;  // one block per group, in `arena`
  std::vector<std::unique_ptr<uint8_t[]>> arena;
  size_t arena_used = 0;           // bytes of arena.back() given out
  size_t arena_capacity = 0;       // bytes of arena.back()
  std::vector<int32_t> group_set;  // per group, its grouping set (only with grouping sets)
  /// Per group, its first row as one word that orders like (morsel sequence number, row in
  /// the chunk): FirstSeen below.
  std::vector<uint64_t> first_seen;
  /// After merging drivers' groups: the output order of the groups; empty for their order.
  std::vector<uint32_t> output_order;
  /// The grouping sets as masks over the group expressions (one set of all of them without
  /// GROUPING SETS, ROLLUP or CUBE).
  std::vector<std::vector<bool>> sets;
  std::vector<std::shared_ptr<const sql::AggregateFunction>> functions;
  std::vector<size_t> state_offsets;  // per aggregate, within a block
  size_t block_size = 0;
  /// DISTINCT aggregates: per aggregate, per group, the argument keys seen; `seen_words`
  /// instead for one integer, date or timestamp argument (its value as a word, no string).
  std::vector<std::vector<absl::flat_hash_set<std::string>>> seen;
  std::vector<std::vector<absl::flat_hash_set<uint64_t>>> seen_words;
  std::vector<size_t> distinct_aggregates;  // the DISTINCT ones, whose `seen` lists grow
  /// Rows kept for an aggregate until all input has arrived (its arguments, and after them
  /// an ordered aggregate's sort keys) with the group of each.
  struct BufferedRows {
    std::vector<std::unique_ptr<columnar::ArrayBuilder>> columns;
    std::vector<int64_t> groups;
  };
  /// Per aggregate with an ORDER BY (empty for the others): its rows, fed to the function in
  /// order once all input has arrived.
  std::vector<BufferedRows> ordered;
  /// Whether DISTINCT aggregates wait for the end of the input (when drivers run in
  /// parallel): each driver drops only the repeats within its own groups and keeps the other
  /// rows in `deferred` instead of updating states; once the drivers' groups are merged,
  /// ApplyDeferredDistinct (distinct_merge.h) drops the repeats across drivers and updates
  /// the merged groups' states.
  bool defer_distinct = false;
  /// With exactly two drivers, the first one's state (the sink the plan made) updates its
  /// DISTINCT aggregates as its rows arrive, like one thread, and is the merge's base; only
  /// the other driver defers. Its sets of seen values are then all that the other's deferred
  /// rows are checked against (distinct_merge.h), and its own rows are never buffered.
  bool distinct_base = false;
  std::vector<BufferedRows> deferred;  // per aggregate; used by the DISTINCT ones
  /// Drivers' local states whose groups a parallel merge took (aggregate_merge.h): kept alive,
  /// since merged groups' states stay in their arenas, and each destroys its own blocks.
  std::vector<std::shared_ptr<AggregateState>> locals;
  /// Whether the groups may come out in any order (what reads them does not depend on it);
  /// otherwise a parallel merge puts them in the order of their first input row.
  bool any_order = false;
  /// The most groups that what reads them takes (a LIMIT right over the aggregation, through
  /// projections: its count plus offset), or -1 for all. A parallel merge then lays out only
  /// the first ones, and the source emits no more.
  int64_t output_limit = -1;
  /// The cut-off of a top-N over the aggregation whose first sort key is aggregate
  /// `output_bound_aggregate`'s value (null: none; never with grouping sets): the source lays
  /// out only the groups whose value does not sort after it, and gathers no other group's
  /// key (hits Q16: 2.3 million groups' keys gathered for ten rows).
  std::shared_ptr<storage::TopNBound> output_bound;
  size_t output_bound_aggregate = 0;
  /// After a parallel merge: each source's group key values (this state's, then the
  /// locals'), and per group in output order, where its key is (MergedRow) and its state
  /// block. The keys are gathered piece by piece by the source's drivers, in parallel.
  bool merged = false;
  std::vector<std::vector<columnar::ArrayPtr>> merged_source_keys;
  /// Unwritten when resized: the merge writes every entry, on all threads.
  UninitializedVector<uint64_t> merged_rows;
  UninitializedVector<uint8_t*> merged_blocks;
  /// Where drivers send their rows once one of them has many groups (null on one thread and
  /// with DISTINCT aggregates).
  std::shared_ptr<PartitionedGroups> partitioned;
  /// Whether a group's first_seen is lowered by later rows too: a partition's rows come from
  /// several drivers, not in input order.
  bool first_seen_min = false;
  /// The aggregation's key among TableSizeHints (table_size_hints.h), whose sizes its key
  /// tables reserve at their first row and record at the end; 0 for none.
  uint64_t size_hint_key = 0;
  bool finalized = false;
  ~AggregateState();
};

class HashAggregateSink final : public Sink {
 public:
  explicit HashAggregateSink(std::shared_ptr<AggregateState> state);
  Status Consume(columnar::Chunk input, ExecContext& context) override;
  Status ConsumeMorsel(columnar::Chunk input, uint64_t sequence, ExecContext& context) override;
  std::unique_ptr<Sink> NewLocal() override;
  Status Absorb(Sink& local, ExecContext& context) override;
  Status Finalize(ExecContext& context) override;

  /// Adds the rows of `input` whose group key values are `groups` (evaluated already). With
  /// `row_numbers`, row i of `input` was row row_numbers[i] of its morsel (for first_seen).
  Status ConsumeKeyed(const columnar::Chunk& input, const std::vector<columnar::ArrayPtr>& groups,
                      uint64_t sequence, const uint32_t* row_numbers, ExecContext& context);
  /// Merges groups of `from` into this sink's groups: `keys` (num_groups rows) are their key
  /// values, and row i is from's group rows[i] (group i without `rows`). With `blocks`, gives
  /// per row the state block it merged into. Deferred DISTINCT states are not merged.
  Status MergeGroupsFrom(const std::vector<columnar::ArrayPtr>& keys, int64_t num_groups,
                         const AggregateState& from, const uint32_t* rows,
                         std::vector<uint8_t*>* blocks);

 private:
  /// Updates the states of ordered aggregate `a` with its buffered rows, in order.
  Status FeedOrdered(size_t a);
  /// A new group of grouping set `set` whose key values are row `row` of `groups` (the
  /// columns a set leaves out are NULL).
  int64_t AddGroup(int32_t set, const std::vector<columnar::ArrayPtr>& groups, int64_t row,
                   uint64_t sequence);
  /// The states and bookkeeping of a new group whose key values are already appended.
  int64_t AddStates(int32_t set, int64_t row, uint64_t sequence);
  /// AddGroup for each of `rows` in turn, without grouping sets: the key values are copied
  /// column by column rather than value by value.
  void AddGroups(const std::vector<columnar::ArrayPtr>& groups, const std::vector<int64_t>& rows,
                 uint64_t sequence);
  int64_t GroupOf(const std::string& key, int32_t set,
                  const std::vector<columnar::ArrayPtr>& groups, int64_t row);
  /// Adds the input rows to the states of the groups `group_of_row` names.
  Status UpdateAggregates(const std::vector<std::vector<columnar::ArrayPtr>>& args_of,
                          const std::vector<std::vector<int64_t>>& rows_of,
                          const std::vector<bool>& every_row,
                          const std::vector<int64_t>& group_of_row, int64_t num_rows);
  /// Makes room in the key tables for the sizes recorded at the aggregation's last run.
  void ReserveFromHints();
  /// Records the largest sizes the drivers' key tables reached (before their merge).
  void RecordTableSizes() const;
  uint8_t* State(int64_t group, size_t a) const {
    return state_->state_blocks[static_cast<size_t>(group)] + state_->state_offsets[a];
  }

  std::shared_ptr<AggregateState> state_;
  uint64_t sequence_ = 0;                   // of the chunk being consumed
  const uint32_t* row_numbers_ = nullptr;   // of the chunk being consumed, when not 0, 1, ...
  DriverPartitions* partitions_ = nullptr;  // this driver's part of `partitioned`
  uint64_t arrival_ = 0;
  bool absorbed_ = false;
  bool reserved_ = false;  // whether ReserveFromHints ran
  int locals_made_ = 0;    // NewLocal's sinks: other drivers
  /// Without GROUP BY, with deferred DISTINCT aggregates: the absorbed drivers' states (kept
  /// for their deferred rows) and, per their group, the block of the group it merged into.
  std::vector<std::shared_ptr<AggregateState>> absorbed_locals_;
  std::vector<std::vector<uint8_t*>> absorbed_blocks_;
  /// Per-row buffers of ConsumeKeyed and UpdateAggregates, kept from chunk to chunk: a new
  /// one per chunk was zeroed before being written (512 KB a batch for the groups alone),
  /// memory traffic that two threads share. Without GROUP BY keys group_of_row_ stays all
  /// zeros, and zero_groups_ always does.
  std::vector<int64_t> group_of_row_;
  std::vector<uint8_t> few_groups_;
  std::vector<uint8_t> zero_groups_;
  std::vector<uint8_t*> row_states_;
};

/// The groups in pieces of at most kGroupsPerChunk, which drivers finalize in parallel: a
/// result of millions of groups neither waits for one thread nor sits in memory twice. A few
/// thousand groups are cut into a few pieces per driver (kMinGroupsPerChunk at least).
class AggregateSource final : public Source {
 public:
  static constexpr int64_t kGroupsPerChunk = 64 * 1024;
  static constexpr int64_t kMinGroupsPerChunk = 2 * 1024;

  explicit AggregateSource(std::shared_ptr<AggregateState> state) : state_(std::move(state)) {}
  Result<std::optional<columnar::Chunk>> Next(ExecContext& context) override;
  bool parallel() const override { return true; }
  Result<std::optional<columnar::Chunk>> NextMorsel(ExecContext& context,
                                                    uint64_t* sequence) override;

 private:
  // Groups [begin, end) of the output as a chunk: all of them, or with an output_bound those
  // whose bound aggregate does not sort after its cut-off.
  Result<columnar::Chunk> Groups(int64_t begin, int64_t end) const;

  std::shared_ptr<AggregateState> state_;
  std::mutex mutex_;                      // guards the three below
  std::vector<columnar::ArrayPtr> keys_;  // unmerged groups: their key values, in output order
  int64_t next_group_ = -1;               // -1: keys_ not gathered yet
  int64_t groups_per_chunk_ = kGroupsPerChunk;  // set with keys_: a few pieces per driver
};

}  // namespace boyodb::exec
