#include "exec/operators/partitioned_groups.h"

#include "columnar/selection_vector.h"
#include "common/hash.h"
#include "exec/operators/aggregate_merge.h"
#include "exec/operators/group_keys.h"
#include "exec/operators/table_size_hints.h"
#include "exec/pipeline/worker_pool.h"

namespace boyodb::exec {

using columnar::ArrayPtr;
using columnar::Chunk;

namespace {

// Marks in `read` the input columns `expr` reads; false when it may read others too (a
// subquery's plan can refer to the input's columns).
bool MarkColumns(const sql::BoundExpr& expr, std::vector<bool>* read) {
  if (expr.kind == sql::BoundKind::kSubquery || expr.kind == sql::BoundKind::kArrayCompare) {
    return false;
  }
  if (expr.kind == sql::BoundKind::kColumn) {
    const auto column = static_cast<size_t>(expr.column_index);
    if (read->size() <= column) read->resize(column + 1, false);
    (*read)[column] = true;
  }
  for (const sql::BoundExprPtr& child : expr.children) {
    if (!MarkColumns(*child, read)) return false;
  }
  return true;
}

}  // namespace

void PartitionedGroups::Observe(DriverPartitions& driver, const std::vector<ArrayPtr>& keys,
                                int64_t num_rows, size_t groups) {
  if (driver.decided_) return;
  for (const ArrayPtr& key : keys) {
    if (key->type().id() == types::TypeId::kString) {
      driver.decided_ = true;
      return;
    }
  }
  driver.rows_ += num_rows;
  // Keys are sampled only once the driver has a fair share of the groups that switch: an
  // aggregation into fewer groups (most are) then hashes no key for the question (hits
  // Q27's 10 million CounterIDs), and the sample from then on tells as well as one from the
  // start whether drivers meet the same groups.
  if (groups >= kSampleFromGroups && driver.sample_.size() < kSampleLimit) {
    std::vector<uint64_t> hashes;
    HashKeyRows(keys, num_rows, &hashes);
    for (const uint64_t hash : hashes) {
      if ((hash & kSampleMask) == 0) driver.sample_.insert(hash);
    }
  }
  if (groups < kSwitchGroups) return;
  if (static_cast<int64_t>(groups) * kRowsPerGroup < driver.rows_) {
    driver.decided_ = true;
    return;
  }
  // The largest share of this driver's sample that another driver's sample holds too; with no
  // other sample yet, the question waits for the next chunk.
  double shared = -1;
  {
    std::lock_guard<std::mutex> lock(drivers_mutex_);
    samples_[driver.index_] = driver.sample_;
    for (size_t d = 0; d < samples_.size(); ++d) {
      const absl::flat_hash_set<uint64_t>& other = samples_[d];
      if (d == driver.index_ || other.empty() || driver.sample_.empty()) continue;
      size_t common = 0;
      for (const uint64_t hash : driver.sample_) common += other.contains(hash) ? 1 : 0;
      const size_t smaller = std::min(other.size(), driver.sample_.size());
      shared = std::max(shared, static_cast<double>(common) / static_cast<double>(smaller));
    }
  }
  if (shared < 0) return;
  driver.decided_ = true;
  if (shared >= kSharedFraction) Activate();
}

PartitionedGroups::PartitionedGroups(const sql::LogicalOperator& plan, bool any_order)
    : plan_(plan), any_order_(any_order) {
  for (const sql::BoundAggregate& aggregate : plan.aggregates) {
    for (const sql::BoundExprPtr& arg : aggregate.args) {
      read_all_columns_ = read_all_columns_ || !MarkColumns(*arg, &read_columns_);
    }
    for (const sql::SortKey& key : aggregate.order_by) {
      read_all_columns_ = read_all_columns_ || !MarkColumns(*key.expr, &read_columns_);
    }
    if (aggregate.filter != nullptr) {
      read_all_columns_ = read_all_columns_ || !MarkColumns(*aggregate.filter, &read_columns_);
    }
  }
}

DriverPartitions* PartitionedGroups::NewDriver() {
  std::lock_guard<std::mutex> lock(drivers_mutex_);
  drivers_.push_back(std::make_unique<DriverPartitions>());
  drivers_.back()->index_ = drivers_.size() - 1;
  drivers_.back()->parts_.resize(kPartitions);
  samples_.emplace_back();
  return drivers_.back().get();
}

Status PartitionedGroups::Consume(const Chunk& input, const std::vector<ArrayPtr>& groups,
                                  uint64_t sequence, DriverPartitions& driver) {
  const int64_t num_rows = input.num_rows();
  if (num_rows == 0) return Status::OK();
  std::vector<uint64_t> hashes;
  HashKeyRows(groups, num_rows, &hashes);
  // The rows by partition, each partition's in input order (a counting sort).
  std::array<uint32_t, kPartitions + 1> starts{};
  for (const uint64_t hash : hashes) ++starts[(hash >> (64 - kPartitionBits)) + 1];
  for (size_t p = 1; p <= kPartitions; ++p) starts[p] += starts[p - 1];
  std::vector<uint32_t> rows(static_cast<size_t>(num_rows));
  std::array<uint32_t, kPartitions> fill{};
  std::copy(starts.begin(), starts.end() - 1, fill.begin());
  for (int64_t row = 0; row < num_rows; ++row) {
    rows[fill[hashes[static_cast<size_t>(row)] >> (64 - kPartitionBits)]++] =
        static_cast<uint32_t>(row);
  }
  for (size_t p = 0; p < kPartitions; ++p) {
    if (starts[p + 1] == starts[p]) continue;
    DriverPartitions::Part part;
    part.sequence = sequence;
    columnar::SelectionVector selection;
    selection.mutable_rows().assign(rows.begin() + starts[p], rows.begin() + starts[p + 1]);
    // The rows' numbers in their morsel only place each group's first row, which orders the
    // output; in any order, neither kept nor read back.
    if (!any_order_) part.rows = selection.rows();
    const auto length = static_cast<int64_t>(selection.rows().size());
    std::vector<ArrayPtr> columns;
    columns.reserve(input.num_columns());
    for (size_t c = 0; c < input.num_columns(); ++c) {
      const bool read = read_all_columns_ || (c < read_columns_.size() && read_columns_[c]);
      // A column no aggregate reads (a group key's) only has to have the right length.
      columns.push_back(read ? columnar::Take(*input.column(c), selection)
                             : input.column(c)->Slice(0, length));
    }
    part.input = Chunk(input.schema(), std::move(columns), length);
    part.keys.reserve(groups.size());
    for (const ArrayPtr& group : groups) part.keys.push_back(columnar::Take(*group, selection));
    driver.parts_[p].push_back(std::move(part));
  }
  return Status::OK();
}

Status PartitionedGroups::Finish(AggregateState& target,
                                 const std::vector<AggregateState*>& sources,
                                 ExecContext& context) {
  // The groups each source found before it sent rows to partitions, by partition; each
  // source on a thread of its own (hits Q4: about 65 thousand groups per driver, hashed on
  // one thread while the others waited).
  const size_t num_sources = sources.size();
  std::vector<std::vector<ArrayPtr>> keys(num_sources);
  std::vector<std::array<std::vector<uint32_t>, kPartitions>> members(num_sources);
  RunInParallel(context.threads, num_sources, [&](size_t s) {
    AggregateState& source = *sources[s];
    const auto num_groups = static_cast<int64_t>(source.state_blocks.size());
    if (num_groups == 0) return;
    for (auto& builder : source.group_builders) keys[s].push_back(builder->Finish());
    std::vector<uint64_t> hashes;
    HashKeyRows(keys[s], num_groups, &hashes);
    for (int64_t g = 0; g < num_groups; ++g) {
      members[s][hashes[static_cast<size_t>(g)] >> (64 - kPartitionBits)].push_back(
          static_cast<uint32_t>(g));
    }
  });
  // Each partition's table makes room at its first row for the most groups a partition of this
  // aggregation had at its last run (table_size_hints.h): growing it step by step inserted
  // every key again and again (hits Q4: 16 tables of 74 thousand groups each).
  const uint64_t hint_key =
      target.size_hint_key == 0 ? 0 : hash::Mix64(target.size_hint_key ^ kPartitionHintSalt);
  // Each partition on one thread: its rows from every driver, then the earlier groups.
  std::vector<std::shared_ptr<AggregateState>> states(kPartitions);
  std::vector<std::vector<ArrayPtr>> partition_keys(kPartitions);
  std::vector<Status> errors(kPartitions, Status::OK());
  RunInParallel(context.threads, kPartitions, [&](size_t p) {
    auto state = std::make_shared<AggregateState>();
    state->plan = &plan_;
    state->any_order = any_order_;
    state->first_seen_min = !any_order_;
    state->size_hint_key = hint_key;
    HashAggregateSink sink(state);
    Status& error = errors[p];
    for (const auto& driver : drivers_) {
      for (const DriverPartitions::Part& part : driver->parts_[p]) {
        if (error.ok()) {
          error = sink.ConsumeKeyed(part.input, part.keys, part.sequence,
                                    part.rows.empty() ? nullptr : part.rows.data(), context);
        }
      }
      std::vector<DriverPartitions::Part>().swap(driver->parts_[p]);  // freed as it goes
    }
    for (size_t s = 0; s < num_sources && error.ok(); ++s) {
      const std::vector<uint32_t>& rows = members[s][p];
      if (rows.empty()) continue;
      columnar::SelectionVector selection;
      selection.mutable_rows() = rows;
      std::vector<ArrayPtr> taken;
      for (const ArrayPtr& column : keys[s]) taken.push_back(columnar::Take(*column, selection));
      error = sink.MergeGroupsFrom(taken, static_cast<int64_t>(rows.size()), *sources[s],
                                   rows.data(), nullptr);
    }
    if (error.ok()) {
      for (auto& builder : state->group_builders) partition_keys[p].push_back(builder->Finish());
    }
    states[p] = std::move(state);
  });
  for (const Status& error : errors) BOYO_RETURN_IF_ERROR(error);
  if (hint_key != 0) {
    std::vector<int64_t> largest;
    for (const auto& state : states) {
      if (state->keys != nullptr) TableSizeHints::KeepLargest(state->keys->TableSizes(), &largest);
    }
    TableSizeHints::Global().Record(hint_key, std::move(largest));
  }

  // Every partition's groups, partition after partition, then in first-row order if need be:
  // each partition's entries written by a thread of its own.
  std::array<size_t, kPartitions + 1> starts{};
  for (size_t p = 0; p < kPartitions; ++p)
    starts[p + 1] = starts[p] + states[p]->state_blocks.size();
  const size_t total = starts[kPartitions];
  UninitializedVector<uint64_t> refs(total);
  UninitializedVector<uint8_t*> blocks(total);
  std::vector<uint64_t> first_seen(target.any_order ? 0 : total);
  RunInParallel(context.threads, kPartitions, [&](size_t p) {
    const AggregateState& state = *states[p];
    for (size_t g = 0; g < state.state_blocks.size(); ++g) {
      refs[starts[p] + g] = MergedRow(static_cast<uint32_t>(p), static_cast<uint32_t>(g));
      blocks[starts[p] + g] = state.state_blocks[g];
    }
    if (!target.any_order) {
      std::copy(state.first_seen.begin(), state.first_seen.end(),
                first_seen.begin() + static_cast<std::ptrdiff_t>(starts[p]));
    }
  });
  target.merged_source_keys = std::move(partition_keys);
  target.merged_rows.clear();
  target.merged_blocks.clear();
  if (target.any_order) {
    target.merged_rows = std::move(refs);
    target.merged_blocks = std::move(blocks);
  } else {
    // A LIMIT over the aggregation (output_limit) reads only the first groups.
    const std::vector<uint32_t> order =
        OutputOrder(first_seen, target.output_limit, context.threads);
    target.merged_rows.resize(order.size());
    target.merged_blocks.resize(order.size());
    // Written in kPartitions ranges of the order, on all threads.
    RunInParallel(context.threads, kPartitions, [&](size_t p) {
      const size_t begin = order.size() * p / kPartitions;
      const size_t end = order.size() * (p + 1) / kPartitions;
      for (size_t i = begin; i < end; ++i) {
        target.merged_rows[i] = refs[order[i]];
        target.merged_blocks[i] = blocks[order[i]];
      }
    });
  }
  target.merged = true;
  for (auto& state : states) target.locals.push_back(std::move(state));
  return Status::OK();
}

}  // namespace boyodb::exec
