#include "exec/operators/distinct_merge.h"

#include <absl/container/flat_hash_set.h>

#include <string>
#include <utility>

#include "columnar/selection_vector.h"
#include "exec/operators/row_values.h"
#include "exec/pipeline/worker_pool.h"

namespace boyodb::exec {

using columnar::ArrayPtr;

namespace {

constexpr int kPartitionBits = 6;
constexpr size_t kPartitions = size_t{1} << kPartitionBits;

size_t PartitionOf(const uint8_t* block) {
  constexpr uint64_t kGoldenRatio = 0x9E3779B97F4A7C15ULL;  // multiplicative hashing
  return static_cast<size_t>((reinterpret_cast<uintptr_t>(block) * kGoldenRatio) >>
                             (64 - kPartitionBits));
}

// One source's deferred rows of one aggregate, ready to deduplicate.
struct SourceRows {
  std::vector<ArrayPtr> args;
  std::vector<uint64_t> words;   // one integer-like argument: each row's value as a word
  std::vector<uint8_t*> blocks;  // per row, the block of its merged group
  std::vector<std::vector<uint32_t>> by_partition;
};

}  // namespace

std::vector<uint64_t> DistinctWords(const std::vector<ArrayPtr>& args, int64_t num_rows) {
  if (args.size() != 1 || args[0]->is_dictionary()) return {};
  const columnar::Array& arg = *args[0];
  std::vector<uint64_t> words(static_cast<size_t>(num_rows));
  auto copy = [&](const auto* values) {
    for (int64_t row = 0; row < num_rows; ++row) {
      words[static_cast<size_t>(row)] = static_cast<uint64_t>(static_cast<int64_t>(values[row]));
    }
  };
  switch (arg.type().id()) {
    case types::TypeId::kInt16:
      copy(arg.values<int16_t>());
      break;
    case types::TypeId::kInt32:
    case types::TypeId::kDate:
      copy(arg.values<int32_t>());
      break;
    case types::TypeId::kInt64:
    case types::TypeId::kTime:
    case types::TypeId::kTimestamp:
    case types::TypeId::kTimestampTz:
      copy(arg.values<int64_t>());
      break;
    default:
      return {};
  }
  return words;
}

Status ApplyDeferredDistinct(const AggregateState& target,
                             const std::vector<AggregateState*>& sources,
                             const std::vector<std::vector<uint8_t*>>& blocks_of, int threads) {
  const sql::LogicalOperator& plan = *target.plan;
  for (const size_t a : target.distinct_aggregates) {
    const sql::BoundAggregate& aggregate = plan.aggregates[a];
    std::vector<SourceRows> rows(sources.size());
    RunInParallel(threads, sources.size(), [&](size_t s) {
      AggregateState::BufferedRows& deferred = sources[s]->deferred[a];
      SourceRows& out = rows[s];
      for (auto& builder : deferred.columns) out.args.push_back(builder->Finish());
      const size_t count = deferred.groups.size();
      out.words = DistinctWords(out.args, static_cast<int64_t>(count));
      out.blocks.resize(count);
      out.by_partition.resize(kPartitions);
      for (size_t i = 0; i < count; ++i) {
        uint8_t* block = blocks_of[s][static_cast<size_t>(deferred.groups[i])];
        out.blocks[i] = block;
        out.by_partition[PartitionOf(block)].push_back(static_cast<uint32_t>(i));
      }
      deferred.groups = std::vector<int64_t>();
    });
    std::vector<Status> errors(kPartitions, Status::OK());
    RunInParallel(threads, kPartitions, [&](size_t p) {
      absl::flat_hash_set<std::pair<const uint8_t*, uint64_t>> seen_words;
      absl::flat_hash_set<std::string> seen_keys;
      // Room for every candidate: most are distinct (each driver dropped its own repeats).
      size_t candidates = 0;
      for (const SourceRows& source : rows) candidates += source.by_partition[p].size();
      bool words = false;
      for (const SourceRows& source : rows) words = words || !source.words.empty();
      if (words) {
        seen_words.reserve(candidates);
      } else {
        seen_keys.reserve(candidates);
      }
      std::string key;
      for (size_t s = 0; s < sources.size() && errors[p].ok(); ++s) {
        const SourceRows& source = rows[s];
        const std::vector<uint32_t>& candidates = source.by_partition[p];
        if (candidates.empty()) continue;
        columnar::SelectionVector selected;
        std::vector<uint8_t*> states;
        for (const uint32_t i : candidates) {
          uint8_t* block = source.blocks[i];
          bool fresh = false;
          if (!source.words.empty()) {
            fresh = seen_words.emplace(block, source.words[i]).second;
          } else {
            key.assign(reinterpret_cast<const char*>(&block), sizeof(block));
            AppendRowKey(source.args, i, &key);
            fresh = seen_keys.insert(key).second;
          }
          if (!fresh) continue;
          selected.mutable_rows().push_back(i);
          states.push_back(block + target.state_offsets[a]);
        }
        if (states.empty()) continue;
        std::vector<ArrayPtr> taken;
        for (const ArrayPtr& arg : source.args) taken.push_back(columnar::Take(*arg, selected));
        errors[p] =
            aggregate.function->Update(states.data(), taken, static_cast<int64_t>(states.size()));
      }
    });
    for (const Status& error : errors) BOYO_RETURN_IF_ERROR(error);
  }
  return Status::OK();
}

}  // namespace boyodb::exec
