#include "exec/operators/hash_aggregate.h"

#include <algorithm>
#include <array>

#include "columnar/builder.h"
#include "columnar/dictionary.h"
#include "exec/expression/evaluator.h"
#include "exec/operators/aggregate_merge.h"
#include "exec/operators/distinct_merge.h"
#include "exec/operators/partitioned_groups.h"
#include "exec/operators/row_values.h"
#include "exec/operators/table_size_hints.h"

namespace boyodb::exec {

using columnar::ArrayPtr;
using columnar::Chunk;

namespace {

constexpr size_t kStateAlignment = 16;

size_t AlignUp(size_t value) {
  return (value + kStateAlignment - 1) / kStateAlignment * kStateAlignment;
}

// GROUPING(args) of groups [begin, end) in output order: a bit per argument, the first the
// most significant, set when the group's grouping set leaves the argument out.
void AppendGroupingMasks(const sql::BoundAggregate& call, const AggregateState& state,
                         int64_t begin, int64_t end, columnar::ArrayBuilder* out) {
  auto* builder = static_cast<columnar::FixedWidthBuilder<int32_t>*>(out);
  for (auto g = static_cast<size_t>(begin); g < static_cast<size_t>(end); ++g) {
    // Without grouping sets (maybe merged from several drivers) every group is set 0's.
    const int32_t set =
        state.plan->grouping_sets.empty()
            ? 0
            : state.group_set[state.output_order.empty() ? g : state.output_order[g]];
    const std::vector<bool>& kept = state.sets[static_cast<size_t>(set)];
    int32_t mask = 0;
    for (const int32_t column : call.grouping_columns) {
      mask = (mask << 1) | (kept[static_cast<size_t>(column)] ? 0 : 1);
    }
    builder->Append(mask);
  }
}

}  // namespace

AggregateState::~AggregateState() {
  std::vector<size_t> owning;  // the aggregates whose states own memory
  for (size_t a = 0; a < functions.size(); ++a) {
    if (functions[a] != nullptr && functions[a]->owns_memory()) owning.push_back(a);
  }
  if (owning.empty()) return;
  for (uint8_t* block : state_blocks) {
    for (const size_t a : owning) functions[a]->Destroy(block + state_offsets[a]);
  }
}

HashAggregateSink::HashAggregateSink(std::shared_ptr<AggregateState> state)
    : state_(std::move(state)) {
  const sql::LogicalOperator& plan = *state_->plan;
  std::vector<types::DataType> key_types;
  for (const sql::BoundExprPtr& group : plan.groups) {
    state_->group_builders.push_back(columnar::MakeBuilder(group->type));
    key_types.push_back(group->type);
  }
  if (plan.grouping_sets.empty()) state_->keys = std::make_unique<GroupKeyMap>(key_types);
  for (const sql::BoundAggregate& aggregate : plan.aggregates) {
    state_->functions.push_back(aggregate.function);  // null for GROUPING(...)
    state_->state_offsets.push_back(state_->block_size);
    if (aggregate.function != nullptr) {
      state_->block_size += AlignUp(aggregate.function->state_size());
    }
  }
  state_->block_size = std::max<size_t>(state_->block_size, kStateAlignment);
  state_->seen.resize(plan.aggregates.size());
  state_->seen_words.resize(plan.aggregates.size());
  for (size_t a = 0; a < plan.aggregates.size(); ++a) {
    if (plan.aggregates[a].distinct) state_->distinct_aggregates.push_back(a);
  }
  state_->deferred.resize(plan.aggregates.size());
  for (const size_t a : state_->distinct_aggregates) {
    for (const sql::BoundExprPtr& arg : plan.aggregates[a].args) {
      state_->deferred[a].columns.push_back(columnar::MakeBuilder(arg->type));
    }
  }
  state_->ordered.resize(plan.aggregates.size());
  for (size_t a = 0; a < plan.aggregates.size(); ++a) {
    const sql::BoundAggregate& aggregate = plan.aggregates[a];
    if (aggregate.order_by.empty()) continue;
    for (const sql::BoundExprPtr& arg : aggregate.args) {
      state_->ordered[a].columns.push_back(columnar::MakeBuilder(arg->type));
    }
    for (const sql::SortKey& key : aggregate.order_by) {
      state_->ordered[a].columns.push_back(columnar::MakeBuilder(key.expr->type));
    }
  }
  if (plan.grouping_sets.empty()) {
    state_->sets.emplace_back(plan.groups.size(), true);
  } else {
    for (const std::vector<int32_t>& set : plan.grouping_sets) {
      std::vector<bool> mask(plan.groups.size(), false);
      for (const int32_t group : set) mask[static_cast<size_t>(group)] = true;
      state_->sets.push_back(std::move(mask));
    }
  }
}

int64_t HashAggregateSink::AddGroup(int32_t set, const std::vector<ArrayPtr>& groups, int64_t row,
                                    uint64_t sequence) {
  const std::vector<bool>& kept = state_->sets[static_cast<size_t>(set)];
  for (size_t g = 0; g < state_->group_builders.size(); ++g) {
    if (kept[g]) {
      state_->group_builders[g]->AppendArray(*groups[g], row, 1);
    } else {
      state_->group_builders[g]->AppendNull();
    }
  }
  return AddStates(set, row, sequence);
}

int64_t HashAggregateSink::AddStates(int32_t set, int64_t row, uint64_t sequence) {
  // States are carved from arena slabs: one allocation for many groups.
  const size_t size = state_->block_size;
  if (state_->arena.empty() || state_->arena_used + size > state_->arena_capacity) {
    state_->arena_capacity = std::max<size_t>(size * 1024, 64 * 1024);
    state_->arena.push_back(std::make_unique_for_overwrite<uint8_t[]>(state_->arena_capacity));
    state_->arena_used = 0;
  }
  uint8_t* block = state_->arena.back().get() + state_->arena_used;
  state_->arena_used += size;
  for (size_t a = 0; a < state_->functions.size(); ++a) {
    if (state_->functions[a] != nullptr)
      state_->functions[a]->Init(block + state_->state_offsets[a]);
  }
  state_->state_blocks.push_back(block);
  // Only GROUPING() with grouping sets reads a group's set.
  if (!state_->plan->grouping_sets.empty()) state_->group_set.push_back(set);
  state_->first_seen.push_back(
      FirstSeen(sequence, row_numbers_ != nullptr ? row_numbers_[row] : row));
  // Only DISTINCT aggregates keep values seen (an empty set per group is 64 bytes, four times
  // a count's state).
  for (const size_t a : state_->distinct_aggregates) {
    state_->seen[a].emplace_back();
    state_->seen_words[a].emplace_back();
  }
  return static_cast<int64_t>(state_->state_blocks.size()) - 1;
}

void HashAggregateSink::AddGroups(const std::vector<ArrayPtr>& groups,
                                  const std::vector<int64_t>& rows, uint64_t sequence) {
  if (rows.size() < 16 || !state_->plan->grouping_sets.empty()) {
    for (const int64_t row : rows) AddGroup(0, groups, row, sequence);
    return;
  }
  columnar::SelectionVector selection;
  for (const int64_t row : rows) selection.mutable_rows().push_back(static_cast<uint32_t>(row));
  for (size_t g = 0; g < state_->group_builders.size(); ++g) {
    const ArrayPtr taken = columnar::Take(*groups[g], selection);
    state_->group_builders[g]->AppendArray(*taken, 0, taken->length());
  }
  for (const int64_t row : rows) AddStates(0, row, sequence);
}

int64_t HashAggregateSink::GroupOf(const std::string& key, int32_t set,
                                   const std::vector<ArrayPtr>& groups, int64_t row) {
  auto [entry, inserted] =
      state_->group_index.try_emplace(key, static_cast<int64_t>(state_->state_blocks.size()));
  if (inserted) AddGroup(set, groups, row, sequence_);
  return entry->second;
}

namespace {

// The start of the key of every group of grouping set `set`; empty without grouping sets.
std::string SetPrefix(const sql::LogicalOperator& plan, int32_t set) {
  if (plan.grouping_sets.empty()) return std::string();
  return std::string(reinterpret_cast<const char*>(&set), sizeof(set));
}

// Appends the selected rows' values (`taken`) and groups to `buffer`.
void BufferRows(const std::vector<ArrayPtr>& taken, const columnar::SelectionVector& selected,
                const std::vector<int64_t>& group_of_row, AggregateState::BufferedRows* buffer) {
  for (size_t c = 0; c < taken.size(); ++c) {
    buffer->columns[c]->AppendArray(*taken[c], 0, taken[c]->length());
  }
  for (const uint32_t row : selected.rows()) {
    buffer->groups.push_back(group_of_row[static_cast<size_t>(row)]);
  }
}

bool HasNulls(const columnar::Array& array) {
  return array.validity_bits() != nullptr && array.null_count() != 0;
}

}  // namespace

Status HashAggregateSink::Consume(Chunk input, ExecContext& context) {
  return ConsumeMorsel(std::move(input), arrival_++, context);
}

std::unique_ptr<Sink> HashAggregateSink::NewLocal() {
  const sql::LogicalOperator& plan = *state_->plan;
  if (!plan.grouping_sets.empty()) return nullptr;
  for (const sql::BoundExprPtr& group : plan.groups) {
    if (!ParallelSafe(*group)) return nullptr;
  }
  for (const sql::BoundAggregate& aggregate : plan.aggregates) {
    if (!aggregate.order_by.empty()) return nullptr;
    // A deferred DISTINCT aggregate gets its values in no one thread's order.
    if (aggregate.distinct && !aggregate.IgnoresArrivalOrder()) return nullptr;
    for (const sql::BoundExprPtr& arg : aggregate.args) {
      if (!ParallelSafe(*arg)) return nullptr;
    }
    if (aggregate.filter != nullptr && !ParallelSafe(*aggregate.filter)) return nullptr;
  }
  auto local = std::make_shared<AggregateState>();
  local->plan = &plan;
  // Before any input: every driver defers its DISTINCT aggregates, this one too unless it is
  // one of two (distinct_base).
  local->defer_distinct = !state_->distinct_aggregates.empty();
  local->size_hint_key = state_->size_hint_key;
  state_->defer_distinct = local->defer_distinct;
  // Every driver is made before any input arrives: whether this sink's driver is one of two
  // is settled by then.
  ++locals_made_;
  state_->distinct_base = state_->defer_distinct && locals_made_ == 1;
  // Drivers may go on to send their rows to hash partitions when they meet the same groups
  // by the hundred thousand (partitioned_groups.h); not with DISTINCT aggregates, whose
  // deferred rows go to groups by the merge's bookkeeping.
  if (!plan.groups.empty() && !state_->defer_distinct) {
    if (state_->partitioned == nullptr) {
      state_->partitioned = std::make_shared<PartitionedGroups>(plan, state_->any_order);
    }
    local->partitioned = state_->partitioned;
  }
  return std::make_unique<HashAggregateSink>(std::move(local));
}

Status HashAggregateSink::Absorb(Sink& local_sink, ExecContext& context) {
  (void)context;
  if (!state_->plan->groups.empty()) {
    // Merged with the others in parallel by Finalize.
    state_->locals.push_back(static_cast<HashAggregateSink&>(local_sink).state_);
    absorbed_ = true;
    return Status::OK();
  }
  AggregateState& from = *static_cast<HashAggregateSink&>(local_sink).state_;
  const auto num_groups = static_cast<int64_t>(from.state_blocks.size());
  if (num_groups == 0) return Status::OK();
  // The local groups' keys are rows to number like input rows.
  std::vector<ArrayPtr> keys;
  for (auto& builder : from.group_builders) keys.push_back(builder->Finish());
  std::vector<uint8_t*> blocks;
  BOYO_RETURN_IF_ERROR(MergeGroupsFrom(keys, num_groups, from, nullptr, &blocks));
  if (state_->defer_distinct) {
    absorbed_locals_.push_back(static_cast<HashAggregateSink&>(local_sink).state_);
    absorbed_blocks_.push_back(std::move(blocks));
  }
  absorbed_ = true;
  return Status::OK();
}

Status HashAggregateSink::MergeGroupsFrom(const std::vector<ArrayPtr>& keys, int64_t num_groups,
                                          const AggregateState& from, const uint32_t* rows,
                                          std::vector<uint8_t*>* blocks) {
  auto from_group = [&](int64_t i) {
    return rows != nullptr ? static_cast<size_t>(rows[i]) : static_cast<size_t>(i);
  };
  std::vector<int64_t> targets;
  std::vector<int64_t> new_rows;
  state_->keys->Map(keys, num_groups, &targets, &new_rows);
  for (const int64_t row : new_rows) {
    AddGroup(0, keys, row, 0);
    state_->first_seen.back() = from.first_seen[from_group(row)];
  }
  for (int64_t i = 0; i < num_groups; ++i) {
    const auto target = static_cast<size_t>(targets[static_cast<size_t>(i)]);
    const size_t g = from_group(i);
    if (blocks != nullptr) blocks->push_back(state_->state_blocks[target]);
    for (size_t a = 0; a < state_->functions.size(); ++a) {
      if (state_->functions[a] == nullptr) continue;
      if (state_->defer_distinct && state_->plan->aggregates[a].distinct) continue;
      BOYO_RETURN_IF_ERROR(
          state_->functions[a]->Merge(state_->state_blocks[target] + state_->state_offsets[a],
                                      from.state_blocks[g] + state_->state_offsets[a]));
    }
    state_->first_seen[target] = std::min(state_->first_seen[target], from.first_seen[g]);
  }
  return Status::OK();
}

Status HashAggregateSink::ConsumeMorsel(Chunk input, uint64_t sequence, ExecContext& context) {
  const sql::LogicalOperator& plan = *state_->plan;
  std::vector<ArrayPtr> groups;
  for (const sql::BoundExprPtr& group : plan.groups) {
    BOYO_ASSIGN_OR_RETURN(ArrayPtr values, EvaluateKeepingDictionary(*group, input, context));
    groups.push_back(std::move(values));
  }
  if (state_->partitioned != nullptr) {
    PartitionedGroups& partitioned = *state_->partitioned;
    if (partitions_ == nullptr) partitions_ = partitioned.NewDriver();
    if (!partitioned.active()) {
      partitioned.Observe(*partitions_, groups, input.num_rows(), state_->state_blocks.size());
    }
    if (partitioned.active()) return partitioned.Consume(input, groups, sequence, *partitions_);
  }
  return ConsumeKeyed(input, groups, sequence, nullptr, context);
}

Status HashAggregateSink::ConsumeKeyed(const Chunk& input, const std::vector<ArrayPtr>& groups,
                                       uint64_t sequence, const uint32_t* row_numbers,
                                       ExecContext& context) {
  sequence_ = sequence;
  if (!reserved_) {
    reserved_ = true;
    ReserveFromHints();
  }
  const sql::LogicalOperator& plan = *state_->plan;
  const int64_t num_rows = input.num_rows();
  // Each aggregate's arguments, and the rows it takes (FILTER passed, no NULL argument when
  // the aggregate skips NULLs), whatever group a row joins; `every_row` when it takes all.
  std::vector<std::vector<ArrayPtr>> args_of(plan.aggregates.size());
  std::vector<std::vector<int64_t>> rows_of(plan.aggregates.size());
  std::vector<bool> every_row(plan.aggregates.size(), false);
  for (size_t a = 0; a < plan.aggregates.size(); ++a) {
    const sql::BoundAggregate& aggregate = plan.aggregates[a];
    if (aggregate.is_grouping) continue;
    for (const sql::BoundExprPtr& arg : aggregate.args) {
      BOYO_ASSIGN_OR_RETURN(ArrayPtr values, Evaluate(*arg, input, context));
      args_of[a].push_back(std::move(values));
    }
    // An ordered aggregate buffers its sort keys after its arguments (not checked for NULLs).
    const size_t num_args = args_of[a].size();
    for (const sql::SortKey& key : aggregate.order_by) {
      BOYO_ASSIGN_OR_RETURN(ArrayPtr values, Evaluate(*key.expr, input, context));
      args_of[a].push_back(std::move(values));
    }
    ArrayPtr filter;
    if (aggregate.filter != nullptr) {
      BOYO_ASSIGN_OR_RETURN(filter, Evaluate(*aggregate.filter, input, context));
    }
    bool nulls_matter = false;
    if (aggregate.skip_nulls) {
      for (size_t i = 0; i < num_args; ++i) nulls_matter = nulls_matter || HasNulls(*args_of[a][i]);
    }
    if (filter == nullptr && !nulls_matter && !aggregate.distinct && aggregate.order_by.empty()) {
      every_row[a] = true;
      for (ArrayPtr& arg : args_of[a]) arg = columnar::DictionaryDecode(arg);
      continue;
    }
    for (int64_t row = 0; row < num_rows; ++row) {
      if (filter != nullptr &&
          (filter->IsNull(row) || !columnar::GetBit(filter->bool_bits(), filter->offset() + row))) {
        continue;
      }
      if (nulls_matter) {
        bool any_null = false;
        for (size_t i = 0; i < num_args; ++i) any_null = any_null || args_of[a][i]->IsNull(row);
        if (any_null) continue;
      }
      rows_of[a].push_back(row);
    }
  }

  std::vector<int64_t>& group_of_row = group_of_row_;
  if (state_->keys != nullptr) {
    std::vector<int64_t> new_rows;
    if (state_->keys->keyless()) {
      // Every row is in group 0, made by the first row. The vector is never written, only
      // sized, so it holds zeros: no pass over the chunk's rows (hits Q2's three aggregates
      // of two SMALLINT columns spent most of their time writing and reading row groups).
      group_of_row.resize(static_cast<size_t>(num_rows));
      if (state_->keys->size() == 0 && num_rows > 0) {
        std::vector<int64_t> first_group;
        state_->keys->Map(groups, 1, &first_group, &new_rows);
      }
    } else {
      state_->keys->Map(groups, num_rows, &group_of_row, &new_rows);
    }
    row_numbers_ = row_numbers;
    AddGroups(groups, new_rows, sequence_);
    row_numbers_ = nullptr;
    if (state_->first_seen_min && row_numbers != nullptr) {
      // Rows come from several drivers, so an earlier row may arrive after its group began.
      for (int64_t row = 0; row < num_rows; ++row) {
        uint64_t& first =
            state_->first_seen[static_cast<size_t>(group_of_row[static_cast<size_t>(row)])];
        first = std::min(first, FirstSeen(sequence, row_numbers[row]));
      }
    }
    return UpdateAggregates(args_of, rows_of, every_row, group_of_row, num_rows);
  }
  std::string key;
  std::vector<int64_t> set_group_of_row(static_cast<size_t>(num_rows));
  for (size_t set = 0; set < state_->sets.size(); ++set) {
    const std::vector<bool>& kept = state_->sets[set];
    std::vector<ArrayPtr> keys;
    for (size_t g = 0; g < groups.size(); ++g) {
      if (kept[g]) keys.push_back(groups[g]);
    }
    const std::string prefix = SetPrefix(plan, static_cast<int32_t>(set));
    for (int64_t row = 0; row < num_rows; ++row) {
      key = prefix;
      AppendRowKey(keys, row, &key);
      set_group_of_row[static_cast<size_t>(row)] =
          GroupOf(key, static_cast<int32_t>(set), groups, row);
    }
    BOYO_RETURN_IF_ERROR(UpdateAggregates(args_of, rows_of, every_row, set_group_of_row, num_rows));
  }
  return Status::OK();
}

Status HashAggregateSink::UpdateAggregates(const std::vector<std::vector<ArrayPtr>>& args_of,
                                           const std::vector<std::vector<int64_t>>& rows_of,
                                           const std::vector<bool>& every_row,
                                           const std::vector<int64_t>& group_of_row,
                                           int64_t num_rows) {
  const sql::LogicalOperator& plan = *state_->plan;
  std::vector<uint8_t*>& states = row_states_;
  std::string key;
  // With few groups so far (TPC-H q01's four), the rows' groups as bytes, for functions that
  // add up each group's rows apart (AggregateFunction::UpdateFewGroups). One group's are all
  // zero, and are never written but sized.
  const auto num_groups = static_cast<int64_t>(state_->state_blocks.size());
  const uint8_t* few_groups = nullptr;
  const bool any_every_row = std::find(every_row.begin(), every_row.end(), true) != every_row.end();
  if (any_every_row && num_groups <= sql::AggregateFunction::kMaxFewGroups && num_rows > 0) {
    if (num_groups == 1) {
      if (zero_groups_.size() < static_cast<size_t>(num_rows)) {
        zero_groups_.resize(static_cast<size_t>(num_rows));
      }
      few_groups = zero_groups_.data();
    } else {
      few_groups_.resize(static_cast<size_t>(num_rows));
      for (int64_t row = 0; row < num_rows; ++row) {
        few_groups_[static_cast<size_t>(row)] =
            static_cast<uint8_t>(group_of_row[static_cast<size_t>(row)]);
      }
      few_groups = few_groups_.data();
    }
  }
  std::array<uint8_t*, sql::AggregateFunction::kMaxFewGroups> group_states{};
  for (size_t a = 0; a < plan.aggregates.size(); ++a) {
    const sql::BoundAggregate& aggregate = plan.aggregates[a];
    if (aggregate.is_grouping) continue;
    if (every_row[a] && few_groups != nullptr) {
      for (int64_t group = 0; group < num_groups; ++group) {
        group_states[static_cast<size_t>(group)] = State(group, a);
      }
      BOYO_RETURN_IF_ERROR(aggregate.function->UpdateFewGroups(group_states.data(), num_groups,
                                                               few_groups, args_of[a], num_rows));
      continue;
    }
    if (every_row[a]) {
      // Every row counts: the arguments go to the function as they are.
      if (num_rows == 0) continue;
      states.resize(static_cast<size_t>(num_rows));
      for (int64_t row = 0; row < num_rows; ++row) {
        states[static_cast<size_t>(row)] = State(group_of_row[static_cast<size_t>(row)], a);
      }
      BOYO_RETURN_IF_ERROR(aggregate.function->Update(states.data(), args_of[a], num_rows));
      continue;
    }
    if (rows_of[a].empty()) continue;
    columnar::SelectionVector selected;
    states.clear();
    const std::vector<uint64_t> words =
        aggregate.distinct ? DistinctWords(args_of[a], num_rows) : std::vector<uint64_t>();
    for (const int64_t row : rows_of[a]) {
      const int64_t group = group_of_row[static_cast<size_t>(row)];
      if (!words.empty()) {
        auto& seen = state_->seen_words[a][static_cast<size_t>(group)];
        if (!seen.insert(words[static_cast<size_t>(row)]).second) continue;
      } else if (aggregate.distinct) {
        // DISTINCT compares the arguments; an ORDER BY under DISTINCT sorts by arguments.
        key.clear();
        AppendRowKey(args_of[a], row, &key);
        if (!state_->seen[a][static_cast<size_t>(group)].insert(key).second) continue;
      }
      selected.mutable_rows().push_back(static_cast<uint32_t>(row));
      states.push_back(State(group, a));
    }
    if (states.empty()) continue;
    std::vector<ArrayPtr> taken;
    for (const ArrayPtr& arg : args_of[a]) taken.push_back(columnar::Take(*arg, selected));
    // Deferred DISTINCT and ordered aggregates keep their rows until all input has arrived.
    if (aggregate.distinct && state_->defer_distinct && !state_->distinct_base) {
      BufferRows(taken, selected, group_of_row, &state_->deferred[a]);
      continue;
    }
    if (!aggregate.order_by.empty()) {
      BufferRows(taken, selected, group_of_row, &state_->ordered[a]);
      continue;
    }
    BOYO_RETURN_IF_ERROR(
        aggregate.function->Update(states.data(), taken, static_cast<int64_t>(states.size())));
  }
  return Status::OK();
}

Status HashAggregateSink::Finalize(ExecContext& context) {
  (void)context;
  // A grouping set without columns (no GROUP BY at all, or `()` in GROUPING SETS, ROLLUP and
  // CUBE) has its one row even when no input arrived.
  const sql::LogicalOperator& plan = *state_->plan;
  sequence_ = UINT64_MAX;  // after every input row
  for (size_t set = 0; set < state_->sets.size(); ++set) {
    const std::vector<bool>& kept = state_->sets[set];
    if (std::find(kept.begin(), kept.end(), true) != kept.end()) continue;
    if (state_->keys != nullptr) {
      std::vector<int64_t> groups;
      std::vector<int64_t> new_rows;
      state_->keys->Map({}, 1, &groups, &new_rows);
      for (const int64_t row : new_rows) AddGroup(0, {}, row, sequence_);
      continue;
    }
    GroupOf(SetPrefix(plan, static_cast<int32_t>(set)), static_cast<int32_t>(set), {}, 0);
  }
  RecordTableSizes();  // before the merge takes the drivers' states apart
  // Per source of groups (this state, then the drivers' merged or absorbed into it), per its
  // group, the block of the group it became: where deferred DISTINCT rows go.
  std::vector<AggregateState*> sources{state_.get()};
  std::vector<std::vector<uint8_t*>> blocks_of;
  if (state_->partitioned != nullptr && state_->partitioned->active()) {
    // The drivers sent their rows to partitions: aggregate those, with the groups found before.
    std::vector<std::shared_ptr<AggregateState>> locals = std::move(state_->locals);
    state_->locals.clear();
    for (const auto& local : locals) sources.push_back(local.get());
    BOYO_RETURN_IF_ERROR(state_->partitioned->Finish(*state_, sources, context));
    state_->partitioned.reset();
  } else if (!state_->locals.empty()) {
    std::vector<std::shared_ptr<AggregateState>> locals = std::move(state_->locals);
    state_->locals.clear();
    BOYO_RETURN_IF_ERROR(MergeGroupsInParallel(*state_, std::move(locals), context.threads,
                                               state_->defer_distinct ? &blocks_of : nullptr));
    for (const auto& local : state_->locals) sources.push_back(local.get());
  } else if (state_->defer_distinct) {
    blocks_of.push_back(state_->state_blocks);
    for (const auto& local : absorbed_locals_) sources.push_back(local.get());
    for (auto& blocks : absorbed_blocks_) blocks_of.push_back(std::move(blocks));
  }
  if (state_->defer_distinct) {
    BOYO_RETURN_IF_ERROR(ApplyDeferredDistinct(*state_, sources, blocks_of, context.threads));
  }
  if (!state_->merged && absorbed_) {
    // The groups in the order of their first input row, as one driver would have made them.
    std::vector<uint32_t>& order = state_->output_order;
    order.resize(state_->first_seen.size());
    for (size_t g = 0; g < order.size(); ++g) order[g] = static_cast<uint32_t>(g);
    std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
      return state_->first_seen[x] < state_->first_seen[y];
    });
  }
  for (size_t a = 0; a < plan.aggregates.size(); ++a) {
    if (!plan.aggregates[a].order_by.empty()) BOYO_RETURN_IF_ERROR(FeedOrdered(a));
  }
  state_->finalized = true;
  return Status::OK();
}

void HashAggregateSink::ReserveFromHints() {
  if (state_->size_hint_key == 0 || state_->keys == nullptr) return;
  const std::vector<int64_t> sizes = TableSizeHints::Global().Lookup(state_->size_hint_key);
  if (sizes.empty()) return;
  state_->keys->ReserveTables(sizes);
  state_->state_blocks.reserve(static_cast<size_t>(sizes[0]));
  state_->first_seen.reserve(static_cast<size_t>(sizes[0]));
}

void HashAggregateSink::RecordTableSizes() const {
  if (state_->size_hint_key == 0 || state_->keys == nullptr) return;
  std::vector<int64_t> sizes = state_->keys->TableSizes();
  for (const std::shared_ptr<AggregateState>& local : state_->locals) {
    TableSizeHints::KeepLargest(local->keys->TableSizes(), &sizes);
  }
  TableSizeHints::Global().Record(state_->size_hint_key, std::move(sizes));
}

Status HashAggregateSink::FeedOrdered(size_t a) {
  const sql::BoundAggregate& aggregate = state_->plan->aggregates[a];
  AggregateState::BufferedRows& ordered = state_->ordered[a];
  std::vector<ArrayPtr> columns;
  for (auto& builder : ordered.columns) columns.push_back(builder->Finish());
  const size_t num_args = aggregate.args.size();
  const std::vector<int64_t>& groups = ordered.groups;
  std::vector<uint32_t> order(groups.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
  // By group, then by the keys; ties keep their arrival order, as in a stable sort.
  std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    if (groups[x] != groups[y]) return groups[x] < groups[y];
    for (size_t k = 0; k < aggregate.order_by.size(); ++k) {
      const sql::SortKey& sort = aggregate.order_by[k];
      const columnar::Array& keys = *columns[num_args + k];
      const bool x_null = keys.IsNull(x);
      const bool y_null = keys.IsNull(y);
      if (x_null || y_null) {
        if (x_null && y_null) continue;
        return x_null == sort.nulls_first;
      }
      const int compared = CompareValues(keys, x, keys, y);
      if (compared != 0) return sort.descending ? compared > 0 : compared < 0;
    }
    return false;
  });
  if (order.empty()) return Status::OK();
  columnar::SelectionVector selected;
  std::vector<uint8_t*> states;
  for (const uint32_t row : order) {
    selected.mutable_rows().push_back(row);
    states.push_back(State(groups[row], a));
  }
  std::vector<ArrayPtr> args;
  for (size_t i = 0; i < num_args; ++i) args.push_back(columnar::Take(*columns[i], selected));
  ordered = AggregateState::BufferedRows();
  return aggregate.function->Update(states.data(), args, static_cast<int64_t>(states.size()));
}

namespace {

// The output positions of the groups a piece of output lays out: [begin, begin + count), or
// with `listed` those (increasing; a top-N's cut-off left out the others).
struct GroupPositions {
  int64_t begin = 0;
  int64_t count = 0;
  const std::vector<int64_t>* listed = nullptr;

  int64_t size() const { return listed == nullptr ? count : static_cast<int64_t>(listed->size()); }
  int64_t at(int64_t i) const {
    return listed == nullptr ? begin + i : (*listed)[static_cast<size_t>(i)];
  }
};

// The key values of the merged groups at `positions`, from their sources' key columns: a
// source's rows are taken at once, then laid out in output order run by run.
std::vector<ArrayPtr> GatherMergedKeys(const AggregateState& state,
                                       const GroupPositions& positions) {
  const UninitializedVector<uint64_t>& refs = state.merged_rows;
  const size_t num_sources = state.merged_source_keys.size();
  const int64_t count = positions.size();
  auto ref_at = [&](int64_t i) { return refs[static_cast<size_t>(positions.at(i))]; };
  std::vector<ArrayPtr> columns;
  const size_t num_keys = state.plan->groups.size();
  if (count == 0) {
    for (size_t c = 0; c < num_keys; ++c) {
      columns.push_back(columnar::MakeBuilder(state.plan->columns[c].type)->Finish());
    }
    return columns;
  }
  std::vector<columnar::SelectionVector> rows(num_sources);
  bool one_source = true;
  const auto first_source = static_cast<size_t>(ref_at(0) >> 32);
  for (int64_t i = 0; i < count; ++i) {
    const uint64_t ref = ref_at(i);
    const auto source = static_cast<size_t>(ref >> 32);
    rows[source].mutable_rows().push_back(static_cast<uint32_t>(ref));
    one_source = one_source && source == first_source;
  }
  const std::vector<uint32_t>& first_rows = rows[first_source].rows();
  const bool consecutive = one_source &&
                           first_rows.back() - first_rows.front() + 1 == first_rows.size() &&
                           std::is_sorted(first_rows.begin(), first_rows.end());
  for (size_t c = 0; c < num_keys; ++c) {
    if (consecutive) {
      const ArrayPtr& key = state.merged_source_keys[first_source][c];
      columns.push_back(key->Slice(first_rows.front(), count));
      continue;
    }
    if (one_source) {
      columns.push_back(
          columnar::Take(*state.merged_source_keys[first_source][c], rows[first_source]));
      continue;
    }
    std::vector<ArrayPtr> taken(num_sources);
    for (size_t s = 0; s < num_sources; ++s) {
      if (!rows[s].rows().empty()) {
        taken[s] = columnar::Take(*state.merged_source_keys[s][c], rows[s]);
      }
    }
    std::unique_ptr<columnar::ArrayBuilder> builder =
        columnar::MakeBuilder(state.plan->columns[c].type);
    std::vector<int64_t> used(num_sources, 0);
    int64_t i = 0;
    while (i < count) {
      const auto source = static_cast<size_t>(ref_at(i) >> 32);
      int64_t run = 1;
      while (i + run < count && (ref_at(i + run) >> 32) == source) ++run;
      builder->AppendArray(*taken[source], used[source], run);
      used[source] += run;
      i += run;
    }
    columns.push_back(builder->Finish());
  }
  return columns;
}

// Aggregate `a`'s values of the groups at `positions`.
Result<ArrayPtr> FinalizeAggregate(const AggregateState& state, size_t a,
                                   const GroupPositions& positions) {
  uint8_t* const* blocks = state.merged ? state.merged_blocks.data() : state.state_blocks.data();
  const std::vector<uint32_t>& order = state.output_order;
  std::vector<const uint8_t*> states(static_cast<size_t>(positions.size()));
  for (size_t i = 0; i < states.size(); ++i) {
    const auto g = static_cast<size_t>(positions.at(static_cast<int64_t>(i)));
    states[i] = blocks[order.empty() ? g : order[g]] + state.state_offsets[a];
  }
  const sql::BoundAggregate& aggregate = state.plan->aggregates[a];
  std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(aggregate.type);
  BOYO_RETURN_IF_ERROR(aggregate.function->Finalize(
      states.data(), static_cast<int64_t>(states.size()), builder.get()));
  return builder->Finish();
}

}  // namespace

Result<std::optional<Chunk>> AggregateSource::Next(ExecContext& context) {
  uint64_t sequence = 0;
  return NextMorsel(context, &sequence);
}

Result<std::optional<Chunk>> AggregateSource::NextMorsel(ExecContext& context, uint64_t* sequence) {
  if (!state_->finalized) return std::optional<Chunk>();
  int64_t num_groups = static_cast<int64_t>(state_->merged ? state_->merged_blocks.size()
                                                           : state_->state_blocks.size());
  // A LIMIT over the aggregation reads no more (its offset included).
  if (state_->output_limit >= 0) num_groups = std::min(num_groups, state_->output_limit);
  int64_t begin = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (next_group_ < 0) {
      next_group_ = 0;
      const std::vector<uint32_t>& order = state_->output_order;
      columnar::SelectionVector selection;
      if (!order.empty()) selection.mutable_rows() = order;
      for (auto& builder : state_->group_builders) {
        if (state_->merged) break;
        keys_.push_back(order.empty() ? builder->Finish()
                                      : columnar::Take(*builder->Finish(), selection));
      }
      // Pieces small enough that every driver gets some: finalizing the groups and the
      // operators after them would otherwise run on one thread whenever the groups are few.
      const int64_t per_driver = (num_groups + 4 * context.threads - 1) / (4 * context.threads);
      groups_per_chunk_ = std::clamp(per_driver, kMinGroupsPerChunk, kGroupsPerChunk);
    }
    if (next_group_ >= num_groups) return std::optional<Chunk>();
    begin = next_group_;
    next_group_ = std::min(num_groups, begin + groups_per_chunk_);
  }
  *sequence = static_cast<uint64_t>(begin / groups_per_chunk_);
  BOYO_ASSIGN_OR_RETURN(Chunk chunk,
                        Groups(begin, std::min(num_groups, begin + groups_per_chunk_)));
  return std::optional<Chunk>(std::move(chunk));
}

Result<Chunk> AggregateSource::Groups(int64_t begin, int64_t end) const {
  const sql::LogicalOperator& plan = *state_->plan;
  const int64_t count = end - begin;
  GroupPositions positions{begin, count, nullptr};
  // With a top-N's cut-off: its aggregate first, and only the groups that may still enter
  // the result from then on.
  ArrayPtr bound_values;
  std::vector<int64_t> remaining;
  if (state_->output_bound != nullptr) {
    BOYO_ASSIGN_OR_RETURN(bound_values,
                          FinalizeAggregate(*state_, state_->output_bound_aggregate, positions));
    if (const std::optional<columnar::SelectionVector> kept =
            state_->output_bound->RowsNotAfter(*bound_values)) {
      remaining.reserve(kept->size());
      for (const uint32_t row : kept->rows()) remaining.push_back(begin + row);
      positions.listed = &remaining;
      bound_values = columnar::Take(*bound_values, *kept);
    }
  }
  std::vector<ArrayPtr> columns;
  if (state_->merged) {
    columns = GatherMergedKeys(*state_, positions);
  } else if (positions.listed != nullptr) {
    columnar::SelectionVector rows;
    rows.mutable_rows().assign(remaining.begin(), remaining.end());
    for (const ArrayPtr& key : keys_) columns.push_back(columnar::Take(*key, rows));
  } else {
    for (const ArrayPtr& key : keys_) {
      columns.push_back(begin == 0 && count == key->length() ? key : key->Slice(begin, count));
    }
  }
  for (size_t a = 0; a < plan.aggregates.size(); ++a) {
    if (bound_values != nullptr && a == state_->output_bound_aggregate) {
      columns.push_back(bound_values);
      continue;
    }
    if (plan.aggregates[a].is_grouping) {
      // Only with grouping sets, which have no output_bound: every group is laid out.
      std::unique_ptr<columnar::ArrayBuilder> builder =
          columnar::MakeBuilder(plan.aggregates[a].type);
      AppendGroupingMasks(plan.aggregates[a], *state_, begin, end, builder.get());
      columns.push_back(builder->Finish());
      continue;
    }
    BOYO_ASSIGN_OR_RETURN(ArrayPtr values, FinalizeAggregate(*state_, a, positions));
    columns.push_back(std::move(values));
  }
  return Chunk(SchemaOf(plan.columns), std::move(columns), positions.size());
}

}  // namespace boyodb::exec
