// The parallel merge of a hash aggregation's per-driver groups: each group's key is hashed
// (HashKeyRows) into one of 64 partitions, and the threads merge partitions independently, each
// with a GroupKeyMap of its own, so no merge step runs on one thread only. A group's first
// occurrence keeps its state block and later ones are merged into it; the groups are then put
// in the order of their first input row, as one thread would have made them.
// Thread safety: runs its own threads over states no other thread touches.
#pragma once

#include <vector>

#include "exec/operators/hash_aggregate.h"

namespace boyodb::exec {

/// Merges the groups of `target` and of `locals` (the other drivers' states, which target
/// keeps alive) into target.merged_keys and target.merged_blocks, on up to `threads` threads.
/// Requires: no grouping sets, DISTINCT or ordered aggregates.
Status MergeGroupsInParallel(AggregateState& target,
                             std::vector<std::shared_ptr<AggregateState>> locals, int threads);

}  // namespace boyodb::exec
