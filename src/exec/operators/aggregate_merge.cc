#include "exec/operators/aggregate_merge.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <utility>

#include "columnar/selection_vector.h"
#include "common/default_init_allocator.h"
#include "exec/pipeline/worker_pool.h"

namespace boyodb::exec {
namespace {

using columnar::ArrayPtr;

constexpr int kPartitionBits = 6;
constexpr size_t kPartitions = size_t{1} << kPartitionBits;

// A group of the merged result: its first input row, the source and group number it was
// first found as, and that group's state block, which the later ones merge into.
// Left uninitialized when a vector makes room for it: every entry is written.
struct MergedGroup {
  uint64_t first_seen;  // FirstSeen's word
  uint32_t source;
  uint32_t row;
  uint8_t* block;
};

using MergedGroups = UninitializedVector<MergedGroup>;

// Rows per task when a source's groups are looked up or merged on several threads.
constexpr int64_t kRowsPerTask = 16 * 1024;

// Calls fill(begin, end) over [0, count) in ranges of 64K entries, on up to `threads`
// threads: for passes that only copy entries from place to place.
void ForRanges(int threads, size_t count, const std::function<void(size_t, size_t)>& fill) {
  constexpr size_t kPerTask = 64 * 1024;
  RunInParallel(threads, (count + kPerTask - 1) / kPerTask, [&](size_t task) {
    fill(task * kPerTask, std::min(count, (task + 1) * kPerTask));
  });
}

// Merges the state block `from` into `into`, aggregate by aggregate.
Status MergeStates(const AggregateState& target, uint8_t* into, const uint8_t* from) {
  for (size_t a = 0; a < target.functions.size(); ++a) {
    if (target.functions[a] == nullptr) continue;
    // Deferred DISTINCT states are still as Init left them; their rows come later.
    if (target.defer_distinct && target.plan->aggregates[a].distinct) continue;
    BOYO_RETURN_IF_ERROR(
        target.functions[a]->Merge(into + target.state_offsets[a], from + target.state_offsets[a]));
  }
  return Status::OK();
}

// The groups of the sources other than the base that the base's map does not have, merged
// among themselves: by hash partition, each with a GroupKeyMap of its own. `rows[s]` lists
// source s's groups to merge (empty for the base).
Status MergeNewGroups(const AggregateState& target, const std::vector<AggregateState*>& sources,
                      const std::vector<std::vector<ArrayPtr>>& keys,
                      const std::vector<std::vector<uint32_t>>& rows, int threads,
                      MergedGroups* out, std::vector<std::vector<uint8_t*>>* blocks_of) {
  const sql::LogicalOperator& plan = *target.plan;
  const size_t num_sources = sources.size();
  std::vector<types::DataType> key_types;
  for (const sql::BoundExprPtr& group : plan.groups) key_types.push_back(group->type);
  // Each listed group's partition, by a hash of its key's values.
  std::vector<std::vector<ArrayPtr>> listed(num_sources);
  std::vector<std::vector<uint8_t>> parts(num_sources);
  RunInParallel(threads, num_sources, [&](size_t s) {
    if (rows[s].empty()) return;
    columnar::SelectionVector selection;
    selection.mutable_rows() = rows[s];
    for (const ArrayPtr& column : keys[s]) listed[s].push_back(columnar::Take(*column, selection));
    std::vector<uint64_t> hashes;
    HashKeyRows(listed[s], static_cast<int64_t>(rows[s].size()), &hashes);
    parts[s].resize(hashes.size());
    for (size_t i = 0; i < hashes.size(); ++i) {
      parts[s][i] = static_cast<uint8_t>(hashes[i] >> (64 - kPartitionBits));
    }
  });
  // Per partition and source: positions in rows[s].
  std::vector<std::vector<std::vector<uint32_t>>> members(
      kPartitions, std::vector<std::vector<uint32_t>>(num_sources));
  for (size_t s = 0; s < num_sources; ++s) {
    for (size_t i = 0; i < parts[s].size(); ++i) {
      members[parts[s][i]][s].push_back(static_cast<uint32_t>(i));
    }
  }
  std::vector<std::vector<MergedGroup>> merged(kPartitions);
  std::vector<Status> errors(kPartitions, Status::OK());
  RunInParallel(threads, kPartitions, [&](size_t p) {
    GroupKeyMap map(key_types);
    std::vector<MergedGroup>& part = merged[p];
    for (size_t s = 0; s < num_sources && errors[p].ok(); ++s) {
      const std::vector<uint32_t>& positions = members[p][s];
      if (positions.empty()) continue;
      columnar::SelectionVector selection;
      selection.mutable_rows() = positions;
      std::vector<ArrayPtr> taken;
      for (const ArrayPtr& column : listed[s]) taken.push_back(columnar::Take(*column, selection));
      std::vector<int64_t> groups;
      std::vector<int64_t> new_rows;
      map.Map(taken, static_cast<int64_t>(positions.size()), &groups, &new_rows);
      const AggregateState& source = *sources[s];
      for (size_t i = 0; i < positions.size() && errors[p].ok(); ++i) {
        const auto group = static_cast<size_t>(groups[i]);
        const uint32_t row = rows[s][positions[i]];
        if (group == part.size()) {  // numbered in order of first occurrence: a new group
          part.push_back(
              {source.first_seen[row], static_cast<uint32_t>(s), row, source.state_blocks[row]});
          if (blocks_of != nullptr) (*blocks_of)[s][row] = source.state_blocks[row];
          continue;
        }
        MergedGroup& into = part[group];
        if (blocks_of != nullptr) (*blocks_of)[s][row] = into.block;
        errors[p] = MergeStates(target, into.block, source.state_blocks[row]);
        into.first_seen = std::min(into.first_seen, source.first_seen[row]);
      }
    }
  });
  for (const Status& error : errors) BOYO_RETURN_IF_ERROR(error);
  for (std::vector<MergedGroup>& part : merged) out->insert(out->end(), part.begin(), part.end());
  return Status::OK();
}

}  // namespace

// A counting sort by morsel sequence number (the high half), then each morsel's groups
// sorted by row, morsels on all threads. Few morsels and many groups each make both steps
// cache-friendly, where a radix sort over all the bits scattered to 64K places per pass.
std::vector<uint32_t> OrderByFirstRow(const std::vector<uint64_t>& first_seen, int threads) {
  const size_t count = first_seen.size();
  uint64_t max_sequence = 0;
  for (const uint64_t word : first_seen) max_sequence = std::max(max_sequence, word >> 32);
  std::vector<uint32_t> order(count);
  constexpr uint64_t kMaxBuckets = uint64_t{1} << 22;
  if (max_sequence >= kMaxBuckets) {
    // Not expected (a morsel is thousands of rows), but correct: one sort of everything.
    for (size_t i = 0; i < count; ++i) order[i] = static_cast<uint32_t>(i);
    std::sort(order.begin(), order.end(),
              [&](uint32_t x, uint32_t y) { return first_seen[x] < first_seen[y]; });
    return order;
  }
  std::vector<size_t> starts(max_sequence + 2, 0);
  for (const uint64_t word : first_seen) ++starts[(word >> 32) + 1];
  for (size_t b = 1; b < starts.size(); ++b) starts[b] += starts[b - 1];
  // Each entry is (row in its morsel, index): sorting a bucket's entries sorts by row.
  std::vector<uint64_t> entries(count);
  std::vector<size_t> fill(starts.begin(), starts.end() - 1);
  for (size_t i = 0; i < count; ++i) {
    const uint64_t word = first_seen[i];
    entries[fill[word >> 32]++] = (word << 32) | i;
  }
  constexpr size_t kBucketsPerTask = 64;
  const size_t num_buckets = starts.size() - 1;
  RunInParallel(threads, (num_buckets + kBucketsPerTask - 1) / kBucketsPerTask, [&](size_t task) {
    const size_t first = task * kBucketsPerTask;
    const size_t last = std::min(num_buckets, first + kBucketsPerTask);
    for (size_t b = first; b < last; ++b) {
      const auto begin = entries.begin() + static_cast<std::ptrdiff_t>(starts[b]);
      const auto end = entries.begin() + static_cast<std::ptrdiff_t>(starts[b + 1]);
      std::sort(begin, end);
      for (auto it = begin; it != end; ++it) {
        order[static_cast<size_t>(it - entries.begin())] = static_cast<uint32_t>(*it);
      }
    }
  });
  return order;
}

namespace {

// The indices of the `limit` smallest of `count` distinct words (word_of(i) for index i), in
// increasing order of their words. Each thread keeps the smallest of its range in a max-heap,
// which most words pass by after one comparison; the few kept are then sorted.
template <typename WordOf>
std::vector<uint32_t> SmallestWords(size_t count, size_t limit, int threads, WordOf word_of) {
  using Entry = std::pair<uint64_t, uint32_t>;  // (word, index)
  if (limit == 0) return {};
  const size_t ranges = static_cast<size_t>(std::max(threads, 1));
  std::vector<std::vector<Entry>> kept(ranges);
  RunInParallel(threads, ranges, [&](size_t range) {
    std::vector<Entry>& heap = kept[range];
    const size_t begin = count * range / ranges;
    const size_t end = count * (range + 1) / ranges;
    for (size_t i = begin; i < end; ++i) {
      const uint64_t word = word_of(i);
      if (heap.size() == limit) {
        if (word >= heap.front().first) continue;
        std::pop_heap(heap.begin(), heap.end());
        heap.back() = {word, static_cast<uint32_t>(i)};
      } else {
        heap.push_back({word, static_cast<uint32_t>(i)});
      }
      std::push_heap(heap.begin(), heap.end());
    }
  });
  std::vector<Entry> all;
  for (const std::vector<Entry>& heap : kept) all.insert(all.end(), heap.begin(), heap.end());
  std::sort(all.begin(), all.end());
  std::vector<uint32_t> order;
  order.reserve(std::min(limit, all.size()));
  for (size_t i = 0; i < all.size() && i < limit; ++i) order.push_back(all[i].second);
  return order;
}

// MergeFirstGroups does the merge when the drivers hold more than this many times limit x
// drivers groups; below that, merging all of them costs about as much.
constexpr int64_t kFirstGroupsFactor = 4;

// The merge when only the first `limit` groups are read (a LIMIT over the aggregation, no
// DISTINCT rows to place): a merged group's first row is its earliest among the sources, so
// each of the first `limit` merged groups is among the `limit` earliest groups of the source
// that saw it first. Those candidates are merged by key among themselves, the first `limit`
// kept, and each of these looked up in every other source's map: a few lookups where merging
// every group looked up millions (hits Q17: 2.3M groups for LIMIT 10).
Status MergeFirstGroups(AggregateState& target, const std::vector<AggregateState*>& sources,
                        const std::vector<std::vector<ArrayPtr>>& keys, size_t limit, int threads) {
  const size_t num_sources = sources.size();
  std::vector<types::DataType> key_types;
  for (const sql::BoundExprPtr& group : target.plan->groups) key_types.push_back(group->type);
  GroupKeyMap candidates(key_types);
  std::vector<MergedGroup> merged;  // per candidate group, its earliest occurrence
  for (size_t s = 0; s < num_sources; ++s) {
    const std::vector<uint64_t>& first_seen = sources[s]->first_seen;
    std::vector<uint32_t> earliest =
        SmallestWords(first_seen.size(), limit, threads, [&](size_t i) { return first_seen[i]; });
    if (earliest.empty()) continue;
    columnar::SelectionVector selection;
    selection.mutable_rows() = earliest;
    std::vector<ArrayPtr> taken;
    for (const ArrayPtr& column : keys[s]) taken.push_back(columnar::Take(*column, selection));
    std::vector<int64_t> groups;
    std::vector<int64_t> new_rows;
    candidates.Map(taken, static_cast<int64_t>(earliest.size()), &groups, &new_rows);
    for (size_t i = 0; i < earliest.size(); ++i) {
      const uint32_t row = earliest[i];
      const MergedGroup occurrence{first_seen[row], static_cast<uint32_t>(s), row,
                                   sources[s]->state_blocks[row]};
      const auto group = static_cast<size_t>(groups[i]);
      if (group == merged.size()) {
        merged.push_back(occurrence);
      } else if (occurrence.first_seen < merged[group].first_seen) {
        merged[group] = occurrence;
      }
    }
  }
  std::vector<uint32_t> order =
      SmallestWords(merged.size(), limit, threads, [&](size_t i) { return merged[i].first_seen; });
  // Per source, the kept groups it saw first (their rows and state blocks): their keys are
  // looked up in every other source's map, and what is found merged into their blocks.
  std::vector<std::vector<uint32_t>> kept_rows(num_sources);
  std::vector<std::vector<uint8_t*>> kept_blocks(num_sources);
  for (const uint32_t index : order) {
    const MergedGroup& group = merged[index];
    kept_rows[group.source].push_back(group.row);
    kept_blocks[group.source].push_back(group.block);
  }
  for (size_t owner = 0; owner < num_sources; ++owner) {
    if (kept_rows[owner].empty()) continue;
    columnar::SelectionVector selection;
    selection.mutable_rows() = kept_rows[owner];
    std::vector<ArrayPtr> taken;
    for (const ArrayPtr& column : keys[owner]) taken.push_back(columnar::Take(*column, selection));
    const auto count = static_cast<int64_t>(kept_rows[owner].size());
    for (size_t s = 0; s < num_sources; ++s) {
      if (s == owner || sources[s]->state_blocks.empty()) continue;
      std::vector<int64_t> found;
      sources[s]->keys->Find(taken, count, &found);
      for (size_t i = 0; i < found.size(); ++i) {
        if (found[i] < 0) continue;
        BOYO_RETURN_IF_ERROR(MergeStates(target, kept_blocks[owner][i],
                                         sources[s]->state_blocks[static_cast<size_t>(found[i])]));
      }
    }
  }
  target.merged_rows.clear();
  target.merged_blocks.clear();
  for (const uint32_t index : order) {
    const MergedGroup& group = merged[index];
    target.merged_rows.push_back(MergedRow(group.source, group.row));
    target.merged_blocks.push_back(group.block);
  }
  return Status::OK();
}

}  // namespace

std::vector<uint32_t> OutputOrder(const std::vector<uint64_t>& first_seen, int64_t limit,
                                  int threads) {
  const size_t count = first_seen.size();
  if (limit < 0 || static_cast<uint64_t>(limit) >= count)
    return OrderByFirstRow(first_seen, threads);
  return SmallestWords(count, static_cast<size_t>(limit), threads,
                       [&](size_t i) { return first_seen[i]; });
}

Status MergeGroupsInParallel(AggregateState& target,
                             std::vector<std::shared_ptr<AggregateState>> locals, int threads,
                             std::vector<std::vector<uint8_t*>>* blocks_of) {
  std::vector<AggregateState*> sources{&target};
  for (const auto& local : locals) sources.push_back(local.get());
  const size_t num_sources = sources.size();
  // Each source's key columns, finished on all threads: 10 million groups' two columns took
  // 8 ms on one (hits Q32).
  std::vector<std::vector<ArrayPtr>> keys(num_sources);
  std::vector<std::pair<size_t, size_t>> key_columns;  // (source, key column)
  for (size_t s = 0; s < num_sources; ++s) {
    keys[s].resize(sources[s]->group_builders.size());
    for (size_t c = 0; c < keys[s].size(); ++c) key_columns.emplace_back(s, c);
  }
  RunInParallel(threads, key_columns.size(), [&](size_t i) {
    const auto [s, c] = key_columns[i];
    keys[s][c] = sources[s]->group_builders[c]->Finish();
  });
  auto num_groups = [&](size_t s) { return static_cast<int64_t>(sources[s]->state_blocks.size()); };
  // Once the merged groups are laid out: target keeps the sources' keys and states alive.
  auto hand_over = [&] {
    target.merged_source_keys = std::move(keys);
    target.merged = true;
    for (auto& local : locals) target.locals.push_back(std::move(local));
  };

  const int64_t limit = target.output_limit;
  if (limit >= 0 && blocks_of == nullptr) {
    int64_t total = 0;
    for (size_t s = 0; s < num_sources; ++s) total += num_groups(s);
    if (limit * static_cast<int64_t>(num_sources) * kFirstGroupsFactor < total) {
      BOYO_RETURN_IF_ERROR(
          MergeFirstGroups(target, sources, keys, static_cast<size_t>(limit), threads));
      hand_over();
      return Status::OK();
    }
  }

  // The source with the most groups is the base: its map and state blocks stay, and the other
  // sources' groups are looked up in that map, merged into its blocks when found. Building a
  // new table for every group would insert them all again.
  // A target that applied its DISTINCT rows itself stays the base (hash_aggregate.h).
  size_t base = 0;
  for (size_t s = 1; s < num_sources && !target.distinct_base; ++s) {
    if (num_groups(s) > num_groups(base)) base = s;
  }
  AggregateState& base_state = *sources[base];
  if (blocks_of != nullptr) {
    blocks_of->assign(num_sources, {});
    for (size_t s = 0; s < num_sources; ++s) {
      (*blocks_of)[s].resize(static_cast<size_t>(num_groups(s)));
    }
    (*blocks_of)[base] = base_state.state_blocks;
  }
  std::vector<std::vector<uint32_t>> unfound(num_sources);
  for (size_t s = 0; s < num_sources; ++s) {
    if (s == base || num_groups(s) == 0) continue;
    // A source's groups are distinct, so its rows never meet in one base block: its tasks
    // run in parallel without locks. The sources go one after another.
    const auto tasks = static_cast<size_t>((num_groups(s) + kRowsPerTask - 1) / kRowsPerTask);
    std::vector<std::vector<uint32_t>> task_unfound(tasks);
    std::vector<Status> errors(tasks, Status::OK());
    RunInParallel(threads, tasks, [&](size_t task) {
      const int64_t begin = static_cast<int64_t>(task) * kRowsPerTask;
      const int64_t length = std::min(kRowsPerTask, num_groups(s) - begin);
      std::vector<ArrayPtr> slice;
      for (const ArrayPtr& column : keys[s]) slice.push_back(column->Slice(begin, length));
      std::vector<int64_t> found;
      base_state.keys->Find(slice, length, &found);
      const AggregateState& source = *sources[s];
      // The base's groups are found in random order: their block pointers and first rows are
      // fetched kAhead groups early, and their state blocks half as early (the pointer loaded).
      // First rows only order the output: in any order they are neither read nor kept.
      constexpr int64_t kAhead = 16;
      const bool ordered = !target.any_order;
      for (int64_t i = 0; i < length && errors[task].ok(); ++i) {
        if (i + kAhead < length) {
          const int64_t ahead = found[static_cast<size_t>(i + kAhead)];
          if (ahead >= 0) {
            __builtin_prefetch(&base_state.state_blocks[static_cast<size_t>(ahead)]);
            if (ordered) __builtin_prefetch(&base_state.first_seen[static_cast<size_t>(ahead)]);
          }
        }
        if (i + kAhead / 2 < length) {
          const int64_t near = found[static_cast<size_t>(i + kAhead / 2)];
          if (near >= 0) __builtin_prefetch(base_state.state_blocks[static_cast<size_t>(near)]);
        }
        const auto row = static_cast<uint32_t>(begin + i);
        const int64_t group = found[static_cast<size_t>(i)];
        if (group < 0) {
          task_unfound[task].push_back(row);
          continue;
        }
        const auto g = static_cast<size_t>(group);
        if (blocks_of != nullptr) (*blocks_of)[s][row] = base_state.state_blocks[g];
        errors[task] = MergeStates(target, base_state.state_blocks[g], source.state_blocks[row]);
        if (ordered) {
          base_state.first_seen[g] = std::min(base_state.first_seen[g], source.first_seen[row]);
        }
      }
    });
    for (const Status& error : errors) BOYO_RETURN_IF_ERROR(error);
    for (const std::vector<uint32_t>& part : task_unfound) {
      unfound[s].insert(unfound[s].end(), part.begin(), part.end());
    }
  }

  // The base's groups, then the new ones. With one source of new groups (they are distinct
  // already) every entry is written on all threads: millions of them took one thread 16 to
  // 32 ms (hits Q18, Q32) while the other waited.
  const auto base_count = static_cast<size_t>(num_groups(base));
  size_t sources_with_new = 0;
  size_t only_new = 0;  // the source of new groups when there is one
  for (size_t s = 0; s < num_sources; ++s) {
    if (unfound[s].empty()) continue;
    ++sources_with_new;
    only_new = s;
  }
  const size_t new_count = sources_with_new == 1 ? unfound[only_new].size() : 0;
  if (target.any_order && sources_with_new <= 1) {
    // Any order will do and every group is distinct already: the base's groups, then the new
    // ones, laid out as they are, without the list of first rows that ordering them needs
    // (hits Q32's 10 million groups: 240 MB written and read again).
    const size_t count = base_count + new_count;
    target.merged_rows.resize(count);
    target.merged_blocks.resize(count);
    ForRanges(threads, count, [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) {
        if (i < base_count) {
          target.merged_rows[i] = MergedRow(static_cast<uint32_t>(base), static_cast<uint32_t>(i));
          target.merged_blocks[i] = base_state.state_blocks[i];
          continue;
        }
        const uint32_t row = unfound[only_new][i - base_count];
        uint8_t* block = sources[only_new]->state_blocks[row];
        target.merged_rows[i] = MergedRow(static_cast<uint32_t>(only_new), row);
        target.merged_blocks[i] = block;
        if (blocks_of != nullptr) (*blocks_of)[only_new][row] = block;
      }
    });
    hand_over();
    return Status::OK();
  }
  MergedGroups all(base_count + new_count);
  ForRanges(threads, all.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      if (i < base_count) {
        all[i] = {base_state.first_seen[i], static_cast<uint32_t>(base), static_cast<uint32_t>(i),
                  base_state.state_blocks[i]};
        continue;
      }
      const AggregateState& source = *sources[only_new];
      const uint32_t row = unfound[only_new][i - base_count];
      all[i] = {source.first_seen[row], static_cast<uint32_t>(only_new), row,
                source.state_blocks[row]};
      if (blocks_of != nullptr) (*blocks_of)[only_new][row] = source.state_blocks[row];
    }
  });
  if (sources_with_new > 1) {
    BOYO_RETURN_IF_ERROR(MergeNewGroups(target, sources, keys, unfound, threads, &all, blocks_of));
  }

  // All groups in the order of their first input row (FirstSeen's words, which a radix sort
  // orders), unless any order will do: then as `all` lists them (output_order empty). With a
  // LIMIT over the aggregation (output_limit) only its first groups, picked without ordering
  // the rest. Their keys are gathered from the sources later.
  std::vector<uint32_t> output_order;
  if (!target.any_order && limit >= 0 && static_cast<uint64_t>(limit) < all.size()) {
    output_order = SmallestWords(all.size(), static_cast<size_t>(limit), threads,
                                 [&](size_t i) { return all[i].first_seen; });
  } else if (!target.any_order) {
    std::vector<uint64_t> first_seen(all.size());
    ForRanges(threads, all.size(), [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) first_seen[i] = all[i].first_seen;
    });
    output_order = OrderByFirstRow(first_seen, threads);
  }
  // Laid out on all threads: a million groups' references took 10 ms on one (hits Q13).
  const size_t count = target.any_order ? all.size() : output_order.size();
  target.merged_rows.resize(count);
  target.merged_blocks.resize(count);
  ForRanges(threads, count, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const MergedGroup& group = all[target.any_order ? i : output_order[i]];
      target.merged_rows[i] = MergedRow(group.source, group.row);
      target.merged_blocks[i] = group.block;
    }
  });
  hand_over();
  return Status::OK();
}

}  // namespace boyodb::exec
