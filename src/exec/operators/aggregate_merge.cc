#include "exec/operators/aggregate_merge.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "columnar/selection_vector.h"

namespace boyodb::exec {
namespace {

using columnar::ArrayPtr;

constexpr int kPartitionBits = 6;
constexpr size_t kPartitions = size_t{1} << kPartitionBits;

// A group of the merged result: its first input row, the source and group number it was
// first found as, and that group's state block, which the later ones merge into.
struct MergedGroup {
  std::pair<uint64_t, int64_t> first_seen;
  uint32_t source = 0;
  uint32_t row = 0;
  uint8_t* block = nullptr;
};

// Runs work(0) ... work(tasks - 1) on up to `threads` threads, each taking the next task.
template <typename Work>
void RunOnThreads(int threads, size_t tasks, const Work& work) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t task = next.fetch_add(1); task < tasks; task = next.fetch_add(1)) work(task);
  };
  std::vector<std::thread> pool;
  const size_t extra = std::min(static_cast<size_t>(std::max(threads, 1)), tasks);
  for (size_t t = 1; t < extra; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& thread : pool) thread.join();
}

// Orders `order` (indices into keys) by keys[index], which are distinct: a least significant
// digit first radix sort, 16 bits a pass, skipping the passes whose digit all keys share.
void RadixSortBy(const std::vector<uint64_t>& keys, std::vector<uint32_t>* order) {
  constexpr int kDigitBits = 16;
  constexpr size_t kBuckets = size_t{1} << kDigitBits;
  std::vector<uint32_t> scratch(order->size());
  std::vector<size_t> counts(kBuckets);
  for (int shift = 0; shift < 64; shift += kDigitBits) {
    std::fill(counts.begin(), counts.end(), 0);
    for (const uint32_t index : *order) ++counts[(keys[index] >> shift) & (kBuckets - 1)];
    if (std::find(counts.begin(), counts.end(), order->size()) != counts.end()) continue;
    size_t total = 0;
    for (size_t& count : counts) {
      const size_t here = count;
      count = total;
      total += here;
    }
    for (const uint32_t index : *order) {
      scratch[counts[(keys[index] >> shift) & (kBuckets - 1)]++] = index;
    }
    order->swap(scratch);
  }
}

}  // namespace

Status MergeGroupsInParallel(AggregateState& target,
                             std::vector<std::shared_ptr<AggregateState>> locals, int threads) {
  const sql::LogicalOperator& plan = *target.plan;
  std::vector<AggregateState*> sources{&target};
  for (const auto& local : locals) sources.push_back(local.get());
  const size_t num_sources = sources.size();
  std::vector<types::DataType> key_types;
  for (const sql::BoundExprPtr& group : plan.groups) key_types.push_back(group->type);

  // Each source's key columns, and each of its groups' partition.
  std::vector<std::vector<ArrayPtr>> keys(num_sources);
  for (size_t s = 0; s < num_sources; ++s) {
    for (auto& builder : sources[s]->group_builders) keys[s].push_back(builder->Finish());
  }
  std::vector<std::vector<uint8_t>> parts(num_sources);
  RunOnThreads(threads, num_sources, [&](size_t s) {
    const auto num_groups = static_cast<int64_t>(sources[s]->state_blocks.size());
    std::vector<uint64_t> hashes;
    HashKeyRows(keys[s], num_groups, &hashes);
    parts[s].resize(hashes.size());
    for (size_t g = 0; g < hashes.size(); ++g) {
      parts[s][g] = static_cast<uint8_t>(hashes[g] >> (64 - kPartitionBits));
    }
  });
  std::vector<std::vector<std::vector<uint32_t>>> rows(
      kPartitions, std::vector<std::vector<uint32_t>>(num_sources));
  for (size_t s = 0; s < num_sources; ++s) {
    for (size_t g = 0; g < parts[s].size(); ++g) {
      rows[parts[s][g]][s].push_back(static_cast<uint32_t>(g));
    }
  }

  // Each partition on its own: its groups numbered by a map of its own, in source order.
  std::vector<std::vector<MergedGroup>> merged(kPartitions);
  std::vector<Status> errors(kPartitions, Status::OK());
  RunOnThreads(threads, kPartitions, [&](size_t p) {
    GroupKeyMap map(key_types);
    std::vector<MergedGroup>& out = merged[p];
    for (size_t s = 0; s < num_sources && errors[p].ok(); ++s) {
      const std::vector<uint32_t>& list = rows[p][s];
      if (list.empty()) continue;
      columnar::SelectionVector selection;
      selection.mutable_rows() = list;
      std::vector<ArrayPtr> taken;
      for (const ArrayPtr& column : keys[s]) taken.push_back(columnar::Take(*column, selection));
      std::vector<int64_t> groups;
      std::vector<int64_t> new_rows;
      map.Map(taken, static_cast<int64_t>(list.size()), &groups, &new_rows);
      const AggregateState& source = *sources[s];
      for (size_t i = 0; i < list.size(); ++i) {
        const auto group = static_cast<size_t>(groups[i]);
        const uint32_t row = list[i];
        if (group == out.size()) {  // numbered in order of first occurrence: a new group
          out.push_back(
              {source.first_seen[row], static_cast<uint32_t>(s), row, source.state_blocks[row]});
          continue;
        }
        MergedGroup& into = out[group];
        for (size_t a = 0; a < target.functions.size(); ++a) {
          if (target.functions[a] == nullptr) continue;
          const Status merged_state =
              target.functions[a]->Merge(into.block + target.state_offsets[a],
                                         source.state_blocks[row] + target.state_offsets[a]);
          if (!merged_state.ok()) {
            errors[p] = merged_state;
            break;
          }
        }
        into.first_seen = std::min(into.first_seen, source.first_seen[row]);
      }
    }
  });
  for (const Status& error : errors) BOYO_RETURN_IF_ERROR(error);

  // All groups in the order of their first input row, their keys gathered from the sources.
  std::vector<MergedGroup> all;
  for (std::vector<MergedGroup>& part : merged) all.insert(all.end(), part.begin(), part.end());
  // In the order of their first input row, unless any order will do. A first row (morsel
  // sequence, row in its chunk) packs into one word, which a radix sort orders.
  std::vector<uint32_t> output_order(all.size());
  for (size_t i = 0; i < all.size(); ++i) output_order[i] = static_cast<uint32_t>(i);
  if (!target.any_order) {
    std::vector<uint64_t> first_rows(all.size());
    bool packs = true;
    for (size_t i = 0; i < all.size(); ++i) {
      const auto [sequence, row] = all[i].first_seen;
      packs = packs && sequence <= UINT32_MAX && row >= 0 && row <= INT64_C(0xFFFFFFFF);
      first_rows[i] = (sequence << 32) | (static_cast<uint64_t>(row) & 0xFFFFFFFFu);
    }
    if (packs) {
      RadixSortBy(first_rows, &output_order);
    } else {
      std::sort(output_order.begin(), output_order.end(),
                [&](uint32_t x, uint32_t y) { return all[x].first_seen < all[y].first_seen; });
    }
  }
  std::vector<uint32_t> starts(num_sources, 0);
  std::vector<columnar::Chunk> key_chunks;
  const std::vector<sql::OutputColumn> key_columns(
      plan.columns.begin(), plan.columns.begin() + static_cast<std::ptrdiff_t>(plan.groups.size()));
  const columnar::SchemaPtr key_schema = SchemaOf(key_columns);
  uint32_t total = 0;
  for (size_t s = 0; s < num_sources; ++s) {
    starts[s] = total;
    const auto num_groups = static_cast<int64_t>(sources[s]->state_blocks.size());
    total += static_cast<uint32_t>(num_groups);
    key_chunks.emplace_back(key_schema, keys[s], num_groups);
  }
  const columnar::Chunk every_key = columnar::ConcatenateChunks(key_schema, key_chunks);
  columnar::SelectionVector order;
  target.merged_blocks.clear();
  for (const uint32_t index : output_order) {
    const MergedGroup& group = all[index];
    order.mutable_rows().push_back(starts[group.source] + group.row);
    target.merged_blocks.push_back(group.block);
  }
  target.merged_keys.clear();
  for (const ArrayPtr& column : every_key.columns()) {
    target.merged_keys.push_back(columnar::Take(*column, order));
  }
  target.merged = true;
  for (auto& local : locals) target.locals.push_back(std::move(local));
  return Status::OK();
}

}  // namespace boyodb::exec
