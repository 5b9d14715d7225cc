// DISTINCT aggregates of a parallel hash aggregation, once the drivers' groups are merged.
// Each driver dropped only the repeats within its own groups and kept the other argument rows
// (AggregateState::deferred). Here every driver's rows go to the merged group their group
// became, the repeats across drivers are dropped, and the rest update that group's state.
// The repeats are found on all threads, split by a hash of (merged group, arguments); the
// rows kept then update their states split by group, so that no two threads update one state.
// With two drivers the sets of values that the merge's base driver kept per group tell the
// other driver's repeats without new sets; the first driver then applies its own rows as they
// arrive and is the base (AggregateState::distinct_base), so only the other's are deferred.
// Thread safety: runs on the worker pool, over states no other thread touches.
#pragma once

#include <vector>

#include "exec/operators/hash_aggregate.h"

namespace boyodb::exec {

/// The one argument of a DISTINCT aggregate as words, when it is an integer, date or timestamp
/// (equal values, equal words); empty otherwise.
std::vector<uint64_t> DistinctWords(const std::vector<columnar::ArrayPtr>& args, int64_t num_rows);

/// Applies the deferred rows of `target`'s DISTINCT aggregates. `sources`: the states whose
/// deferred rows apply, `target` first; blocks_of[s][g]: the state block of the merged group
/// that source s's group g became. Frees the deferred rows.
Status ApplyDeferredDistinct(const AggregateState& target,
                             const std::vector<AggregateState*>& sources,
                             const std::vector<std::vector<uint8_t*>>& blocks_of, int threads);

}  // namespace boyodb::exec
