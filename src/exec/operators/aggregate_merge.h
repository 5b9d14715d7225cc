// The parallel merge of a hash aggregation's per-driver groups. The driver with the most
// groups is the base: the others' groups are looked up in its map (on all threads, a source's
// rows split in ranges), merged into its state blocks when found and kept as new groups when
// not. New groups of several drivers are merged among themselves by hash partition
// (HashKeyRows, 64 partitions), each with a GroupKeyMap of its own. A group's first
// occurrence keeps its state block and later ones are merged into it; the groups are then put
// in the order of their first input row, as one thread would have made them.
// Thread safety: runs on the worker pool over states no other thread touches; the base's map is
// only read while they run.
#pragma once

#include <vector>

#include "exec/operators/hash_aggregate.h"

namespace boyodb::exec {

/// The indices of `first_seen` (FirstSeen's words, distinct) in increasing order of their
/// words, sorted on up to `threads` threads.
std::vector<uint32_t> OrderByFirstRow(const std::vector<uint64_t>& first_seen, int threads);

/// OrderByFirstRow, or with limit >= 0 (AggregateState::output_limit) only the indices of the
/// `limit` first ones, found without ordering the rest.
std::vector<uint32_t> OutputOrder(const std::vector<uint64_t>& first_seen, int64_t limit,
                                  int threads);

/// Merges the groups of `target` and of `locals` (the other drivers' states, which target
/// keeps alive in target.locals, in this order) into target.merged_rows and
/// target.merged_blocks, on up to `threads` threads. With `blocks_of`, also gives per source
/// (target, then the locals), per its group, the state block of the merged group it became.
/// Requires: no grouping sets or ordered aggregates; DISTINCT ones deferred.
Status MergeGroupsInParallel(AggregateState& target,
                             std::vector<std::shared_ptr<AggregateState>> locals, int threads,
                             std::vector<std::vector<uint8_t*>>* blocks_of);

}  // namespace boyodb::exec
