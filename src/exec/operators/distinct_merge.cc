#include "exec/operators/distinct_merge.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <absl/hash/hash.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "columnar/selection_vector.h"
#include "common/default_init_allocator.h"
#include "exec/operators/row_values.h"
#include "exec/pipeline/worker_pool.h"

namespace boyodb::exec {

using columnar::ArrayPtr;

namespace {

// Rows are deduplicated in kPairPartitions partitions by a hash of (group, arguments), each
// small enough for its set to stay in cache, and update states in kGroupPartitions
// partitions by group.
constexpr int kPairPartitionBits = 8;
constexpr size_t kPairPartitions = size_t{1} << kPairPartitionBits;
constexpr int kGroupPartitionBits = 6;
constexpr size_t kGroupPartitions = size_t{1} << kGroupPartitionBits;
// Deferred rows per task where each row's block and word are found.
constexpr size_t kRowsPerRange = 64 * 1024;

size_t GroupPartitionOf(const uint8_t* block) {
  constexpr uint64_t kGoldenRatio = 0x9E3779B97F4A7C15ULL;  // multiplicative hashing
  return static_cast<size_t>((reinterpret_cast<uintptr_t>(block) * kGoldenRatio) >>
                             (64 - kGroupPartitionBits));
}

size_t PairPartitionOf(size_t hash) {
  return static_cast<size_t>(static_cast<uint64_t>(hash) >> (64 - kPairPartitionBits));
}

// A deferred row in its pair partition: its merged group's block, its arguments (one word,
// or a key made by AppendRowKey) and its row among its source's deferred rows.
template <typename Value>
struct Candidate {
  uint8_t* block;
  Value value;
  uint32_t row;
};
using WordCandidate = Candidate<uint64_t>;
using KeyCandidate = Candidate<std::string_view>;

// One source's deferred rows of one aggregate, ready to deduplicate.
struct SourceRows {
  std::vector<ArrayPtr> args;
  UninitializedVector<uint8_t*> blocks;           // per row, the block of its merged group
  std::vector<int64_t> groups;                    // per row, its group in its source
  UninitializedVector<uint64_t> argument_words;   // per row, its argument (DistinctWords)
  std::string key_bytes;                          // the keys of KeyCandidates
  std::vector<std::vector<WordCandidate>> words;  // per pair partition (one integer argument)
  std::vector<std::vector<KeyCandidate>> keys;    // per pair partition (other arguments)
};

// One pair partition's rows of one source that no earlier row repeats, by group partition:
// those of group partition q are rows[ends[q - 1] ... ends[q]) (ends[-1] being 0), and
// blocks[i] is the state block of rows[i]'s merged group (kept here, where the states are
// updated in this order, rather than read back from SourceRows::blocks at random rows).
struct KeptRows {
  std::vector<uint32_t> rows;
  std::vector<uint8_t*> blocks;
  std::array<uint32_t, kGroupPartitions> ends{};
};

// Lays out `fresh` ((group partition, index) of each kept row, in order) in `kept` by group
// partition, row_of(index) and block_of(index) giving a kept row's row and block.
template <typename RowOf, typename BlockOf>
void LayOutKept(const std::array<uint32_t, kGroupPartitions>& counts,
                const std::vector<std::pair<uint32_t, uint32_t>>& fresh, RowOf row_of,
                BlockOf block_of, KeptRows& kept) {
  uint32_t end = 0;
  for (size_t q = 0; q < kGroupPartitions; ++q) {
    end += counts[q];
    kept.ends[q] = end;
  }
  kept.rows.resize(fresh.size());
  kept.blocks.resize(fresh.size());
  for (auto it = fresh.rbegin(); it != fresh.rend(); ++it) {
    const uint32_t at = --kept.ends[it->first];
    kept.rows[at] = row_of(it->second);
    kept.blocks[at] = block_of(it->second);
  }
  for (size_t q = 0; q < kGroupPartitions; ++q) kept.ends[q] += counts[q];
}

// Source s's rows of one pair partition, less those `seen` already holds, into `kept`.
template <typename Value, typename Set>
void KeepFirst(const std::vector<Candidate<Value>>& candidates, Set& seen, KeptRows& kept) {
  std::array<uint32_t, kGroupPartitions> counts{};
  std::vector<std::pair<uint32_t, uint32_t>> fresh;  // (group partition, candidate)
  for (size_t c = 0; c < candidates.size(); ++c) {
    const Candidate<Value>& candidate = candidates[c];
    if (!seen.emplace(candidate.block, candidate.value).second) continue;
    const auto q = static_cast<uint32_t>(GroupPartitionOf(candidate.block));
    ++counts[q];
    fresh.emplace_back(q, static_cast<uint32_t>(c));
  }
  LayOutKept(
      counts, fresh, [&](uint32_t c) { return candidates[c].row; },
      [&](uint32_t c) { return candidates[c].block; }, kept);
}

// Rows [begin, end) of a source whose merged groups' blocks are `blocks`, those for which
// keep(row) holds, into `kept`.
template <typename Keep>
void KeepWhere(const UninitializedVector<uint8_t*>& blocks, size_t begin, size_t end, Keep keep,
               KeptRows& kept) {
  std::array<uint32_t, kGroupPartitions> counts{};
  std::vector<std::pair<uint32_t, uint32_t>> fresh;  // (group partition, row)
  fresh.reserve(end - begin);
  for (size_t row = begin; row < end; ++row) {
    if (!keep(row)) continue;
    const auto q = static_cast<uint32_t>(GroupPartitionOf(blocks[row]));
    ++counts[q];
    fresh.emplace_back(q, static_cast<uint32_t>(row));
  }
  LayOutKept(
      counts, fresh, [](uint32_t row) { return row; }, [&](uint32_t row) { return blocks[row]; },
      kept);
}

// Candidate i (value_of(i)) of `blocks.size()` rows, each in its pair partition of `lists`.
// Every row's partition is found first, so that each list is allocated once at its size:
// grown by doubling, millions of candidates were copied again and again.
template <typename Value, typename ValueOf>
void SpreadByPair(const UninitializedVector<uint8_t*>& blocks, ValueOf value_of,
                  std::vector<std::vector<Candidate<Value>>>* lists) {
  const size_t count = blocks.size();
  std::vector<uint8_t> partition_of(count);
  std::array<size_t, kPairPartitions> sizes{};
  for (size_t i = 0; i < count; ++i) {
    const size_t p =
        PairPartitionOf(absl::HashOf(static_cast<const uint8_t*>(blocks[i]), value_of(i)));
    partition_of[i] = static_cast<uint8_t>(p);
    ++sizes[p];
  }
  lists->resize(kPairPartitions);
  for (size_t p = 0; p < kPairPartitions; ++p) (*lists)[p].reserve(sizes[p]);
  for (size_t i = 0; i < count; ++i) {
    (*lists)[partition_of[i]].push_back({blocks[i], value_of(i), static_cast<uint32_t>(i)});
  }
}

}  // namespace

namespace {

// The bytes of each value of the one argument DistinctWords makes words of (an integer, date,
// time or timestamp, not dictionary-encoded), or 0 when it makes none.
size_t DistinctWordBytes(const std::vector<ArrayPtr>& args) {
  if (args.size() != 1 || args[0]->is_dictionary()) return 0;
  switch (args[0]->type().id()) {
    case types::TypeId::kInt16:
      return 2;
    case types::TypeId::kInt32:
    case types::TypeId::kDate:
      return 4;
    case types::TypeId::kInt64:
    case types::TypeId::kTime:
    case types::TypeId::kTimestamp:
    case types::TypeId::kTimestampTz:
      return 8;
    default:
      return 0;
  }
}

// Rows [begin, end)'s words into words[begin, end). Requires: DistinctWordBytes(args) > 0.
void DistinctWordsOf(const std::vector<ArrayPtr>& args, size_t begin, size_t end, uint64_t* words) {
  const columnar::Array& arg = *args[0];
  auto copy = [&](const auto* values) {
    for (size_t row = begin; row < end; ++row) {
      words[row] = static_cast<uint64_t>(static_cast<int64_t>(values[row]));
    }
  };
  switch (DistinctWordBytes(args)) {
    case 2:
      return copy(arg.values<int16_t>());
    case 4:
      return copy(arg.values<int32_t>());
    default:
      return copy(arg.values<int64_t>());
  }
}

}  // namespace

std::vector<uint64_t> DistinctWords(const std::vector<ArrayPtr>& args, int64_t num_rows) {
  if (DistinctWordBytes(args) == 0) return {};
  std::vector<uint64_t> words(static_cast<size_t>(num_rows));
  DistinctWordsOf(args, 0, words.size(), words.data());
  return words;
}

namespace {

// KeepAgainstBaseSets maps each of the base's blocks back to its group; unless the base applied
// its own rows (AggregateState::distinct_base), it leaves bases of more groups to the general
// way.
constexpr size_t kMaxBaseGroups = size_t{1} << 20;

// The rows to keep when there are two sources (two drivers) and one source's groups all kept
// their own blocks: the base of the merge, whose driver kept, per group, the set of the values
// it saw (AggregateState::seen_words, or seen for other than one word). Each driver dropped its
// own repeats, so a row repeats another only if it is the other source's, its group merged
// into a base group, and its value is in that group's set: one lookup in a set that exists,
// where the general way spreads every row of both sources by (group, value) and inserts them
// all into new sets (hits Q9 on two threads: 2.5 million rows). The base's own rows, if it
// deferred any, are all kept. Returns false, having done nothing, when this does not apply.
bool KeepAgainstBaseSets(const AggregateState& target, size_t a,
                         const std::vector<AggregateState*>& sources,
                         const std::vector<std::vector<uint8_t*>>& blocks_of,
                         const std::vector<SourceRows>& rows, int threads,
                         std::vector<std::vector<KeptRows>>* kept) {
  if (sources.size() != 2) return false;
  size_t base = 0;
  while (base < 2 && blocks_of[base] != sources[base]->state_blocks) ++base;
  if (base == 2) return false;
  const AggregateState& base_state = *sources[base];
  const size_t other = 1 - base;
  const AggregateState& other_state = *sources[other];
  const size_t base_groups = base_state.state_blocks.size();
  if ((!target.distinct_base && base_groups > kMaxBaseGroups) ||
      base_state.seen_words.size() <= a || base_state.seen_words[a].size() != base_groups ||
      base_state.seen[a].size() != base_groups) {
    return false;
  }
  // Per group of the other source, the base group it merged into, or -1 for a group of its own.
  absl::flat_hash_map<const uint8_t*, int64_t> base_group_of;
  base_group_of.reserve(base_groups);
  for (size_t g = 0; g < base_groups; ++g) {
    base_group_of.emplace(base_state.state_blocks[g], static_cast<int64_t>(g));
  }
  std::vector<int64_t> in_base(other_state.state_blocks.size(), -1);
  for (size_t h = 0; h < in_base.size(); ++h) {
    const uint8_t* block = blocks_of[other][h];
    if (block == other_state.state_blocks[h]) continue;
    const auto found = base_group_of.find(block);
    if (found == base_group_of.end()) return false;  // merged into a group the base lacks
    in_base[h] = found->second;
  }
  const auto& seen_words = base_state.seen_words[a];
  const auto& seen_keys = base_state.seen[a];
  const SourceRows& others = rows[other];
  constexpr size_t kRanges = 64;
  kept->assign(kRanges, std::vector<KeptRows>(2));
  RunInParallel(threads, 2 * kRanges, [&](size_t task) {
    const size_t s = task / kRanges;
    const size_t range = task % kRanges;
    const size_t count = rows[s].blocks.size();
    const size_t begin = count * range / kRanges;
    const size_t end = count * (range + 1) / kRanges;
    KeptRows& out = (*kept)[range][s];
    if (s == base) {
      KeepWhere(
          rows[s].blocks, begin, end, [](size_t) { return true; }, out);
      return;
    }
    std::string key;
    KeepWhere(
        others.blocks, begin, end,
        [&](size_t row) {
          const int64_t group = in_base[static_cast<size_t>(others.groups[row])];
          if (group < 0) return true;
          const auto g = static_cast<size_t>(group);
          if (!others.argument_words.empty() &&
              seen_words[g].contains(others.argument_words[row])) {
            return false;
          }
          // Values of one word are in seen_words, others in seen (hash_aggregate.cc).
          if (seen_keys[g].empty()) return true;
          key.clear();
          AppendRowKey(others.args, static_cast<int64_t>(row), &key);
          return !seen_keys[g].contains(key);
        },
        out);
  });
  return true;
}

// The general way: every source's rows spread by (merged group, arguments) over pair
// partitions, and in each partition the rows that no earlier row repeats kept, source by
// source; kept[p][s] holds source s's rows of pair partition p.
void KeepFirstOfAll(int threads, std::vector<SourceRows>* sources,
                    std::vector<std::vector<KeptRows>>* kept) {
  std::vector<SourceRows>& rows = *sources;
  const size_t num_sources = rows.size();
  // Each source's rows, split by a hash of (merged group, arguments): a repeat falls in
  // the partition of the row it repeats, whatever the group, so one group's rows spread
  // over all threads (one group may hold most rows: hits Q9's largest region).
  RunInParallel(threads, num_sources, [&](size_t s) {
    SourceRows& out = rows[s];
    const size_t count = out.blocks.size();
    const UninitializedVector<uint64_t>& words = out.argument_words;
    if (!words.empty()) {
      SpreadByPair<uint64_t>(
          out.blocks, [&](size_t i) { return words[i]; }, &out.words);
      return;
    }
    std::vector<size_t> ends(count);
    for (size_t i = 0; i < count; ++i) {
      AppendRowKey(out.args, static_cast<int64_t>(i), &out.key_bytes);
      ends[i] = out.key_bytes.size();
    }
    const std::string_view bytes(out.key_bytes);
    SpreadByPair<std::string_view>(
        out.blocks,
        [&](size_t i) {
          const size_t begin = i == 0 ? 0 : ends[i - 1];
          return bytes.substr(begin, ends[i] - begin);
        },
        &out.keys);
  });
  kept->assign(kPairPartitions, std::vector<KeptRows>(num_sources));
  RunInParallel(threads, kPairPartitions, [&](size_t p) {
    // Room for every candidate: most are distinct (each driver dropped its own repeats).
    size_t candidates = 0;
    for (const SourceRows& source : rows) {
      candidates += source.words.empty() ? source.keys[p].size() : source.words[p].size();
    }
    absl::flat_hash_set<std::pair<const uint8_t*, uint64_t>> seen_words;
    absl::flat_hash_set<std::pair<const uint8_t*, std::string_view>> seen_keys;
    for (size_t s = 0; s < num_sources; ++s) {
      const SourceRows& source = rows[s];
      if (!source.words.empty()) {
        if (seen_words.empty()) seen_words.reserve(candidates);
        KeepFirst(source.words[p], seen_words, (*kept)[p][s]);
      } else {
        if (seen_keys.empty()) seen_keys.reserve(candidates);
        KeepFirst(source.keys[p], seen_keys, (*kept)[p][s]);
      }
    }
  });
}

}  // namespace

Status ApplyDeferredDistinct(const AggregateState& target,
                             const std::vector<AggregateState*>& sources,
                             const std::vector<std::vector<uint8_t*>>& blocks_of, int threads) {
  const sql::LogicalOperator& plan = *target.plan;
  const size_t num_sources = sources.size();
  for (const size_t a : target.distinct_aggregates) {
    const sql::BoundAggregate& aggregate = plan.aggregates[a];
    // Each source's rows: per row, the block of its merged group and its argument as a word,
    // in ranges on all threads (with two drivers only the second one's rows are here, hits
    // Q9's 2.5 million, which one thread did alone while the other waited).
    std::vector<SourceRows> rows(num_sources);
    std::vector<std::pair<size_t, size_t>> ranges;  // (source, first row)
    for (size_t s = 0; s < num_sources; ++s) {
      AggregateState::BufferedRows& deferred = sources[s]->deferred[a];
      SourceRows& out = rows[s];
      for (auto& builder : deferred.columns) out.args.push_back(builder->Finish());
      out.groups = std::move(deferred.groups);
      deferred.groups = std::vector<int64_t>();
      const size_t count = out.groups.size();
      out.blocks.resize(count);
      if (DistinctWordBytes(out.args) > 0) out.argument_words.resize(count);
      for (size_t begin = 0; begin < count; begin += kRowsPerRange) ranges.emplace_back(s, begin);
    }
    RunInParallel(threads, ranges.size(), [&](size_t r) {
      const auto [s, begin] = ranges[r];
      SourceRows& out = rows[s];
      const size_t end = std::min(out.groups.size(), begin + kRowsPerRange);
      for (size_t i = begin; i < end; ++i) {
        out.blocks[i] = blocks_of[s][static_cast<size_t>(out.groups[i])];
      }
      if (!out.argument_words.empty()) {
        DistinctWordsOf(out.args, begin, end, out.argument_words.data());
      }
    });
    // kept[p][s]: source s's rows of piece p that no earlier row repeats.
    std::vector<std::vector<KeptRows>> kept;
    if (!KeepAgainstBaseSets(target, a, sources, blocks_of, rows, threads, &kept)) {
      // A target that applied its own rows has none here to compare with the others'.
      if (target.distinct_base && num_sources > 1) {
        return Status::Internal(
            "parallel DISTINCT aggregate: the second driver's values could not be checked "
            "against the first driver's");
      }
      KeepFirstOfAll(threads, &rows, &kept);
    }
    // The kept rows update their groups' states, split by group so that no two threads
    // update one state.
    std::vector<Status> errors(kGroupPartitions, Status::OK());
    RunInParallel(threads, kGroupPartitions, [&](size_t q) {
      for (size_t s = 0; s < num_sources && errors[q].ok(); ++s) {
        const SourceRows& source = rows[s];
        columnar::SelectionVector selected;
        std::vector<uint8_t*> states;
        for (size_t p = 0; p < kept.size(); ++p) {
          const KeptRows& part = kept[p][s];
          for (uint32_t k = q == 0 ? 0 : part.ends[q - 1]; k < part.ends[q]; ++k) {
            selected.mutable_rows().push_back(part.rows[k]);
            states.push_back(part.blocks[k] + target.state_offsets[a]);
          }
        }
        if (states.empty()) continue;
        std::vector<ArrayPtr> taken;
        for (const ArrayPtr& arg : source.args) taken.push_back(columnar::Take(*arg, selected));
        errors[q] =
            aggregate.function->Update(states.data(), taken, static_cast<int64_t>(states.size()));
      }
    });
    for (const Status& error : errors) BOYO_RETURN_IF_ERROR(error);
  }
  return Status::OK();
}

}  // namespace boyodb::exec
