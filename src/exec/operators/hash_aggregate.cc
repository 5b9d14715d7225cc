#include "exec/operators/hash_aggregate.h"

#include "columnar/builder.h"
#include "exec/expression/evaluator.h"
#include "exec/operators/row_values.h"

namespace boyodb::exec {

using columnar::ArrayPtr;
using columnar::Chunk;

namespace {

constexpr size_t kStateAlignment = 16;

size_t AlignUp(size_t value) {
  return (value + kStateAlignment - 1) / kStateAlignment * kStateAlignment;
}

}  // namespace

AggregateState::~AggregateState() {
  for (std::unique_ptr<uint8_t[]>& block : state_blocks) {
    for (size_t a = 0; a < functions.size(); ++a)
      functions[a]->Destroy(block.get() + state_offsets[a]);
  }
}

HashAggregateSink::HashAggregateSink(std::shared_ptr<AggregateState> state)
    : state_(std::move(state)) {
  const sql::LogicalOperator& plan = *state_->plan;
  for (const sql::BoundExprPtr& group : plan.groups) {
    state_->group_builders.push_back(columnar::MakeBuilder(group->type));
  }
  for (const sql::BoundAggregate& aggregate : plan.aggregates) {
    state_->functions.push_back(aggregate.function);
    state_->state_offsets.push_back(state_->block_size);
    state_->block_size += AlignUp(aggregate.function->state_size());
  }
  state_->seen.resize(plan.aggregates.size());
}

int64_t HashAggregateSink::GroupOf(const std::string& key, const std::vector<ArrayPtr>& groups,
                                   int64_t row) {
  auto [entry, inserted] =
      state_->group_index.try_emplace(key, static_cast<int64_t>(state_->state_blocks.size()));
  if (!inserted) return entry->second;
  for (size_t g = 0; g < groups.size(); ++g)
    state_->group_builders[g]->AppendArray(*groups[g], row, 1);
  auto block = std::make_unique<uint8_t[]>(std::max<size_t>(state_->block_size, 1));
  for (size_t a = 0; a < state_->functions.size(); ++a) {
    state_->functions[a]->Init(block.get() + state_->state_offsets[a]);
  }
  state_->state_blocks.push_back(std::move(block));
  for (auto& seen : state_->seen) seen.emplace_back();
  return entry->second;
}

Status HashAggregateSink::Consume(Chunk input, ExecContext& context) {
  const sql::LogicalOperator& plan = *state_->plan;
  const int64_t num_rows = input.num_rows();
  std::vector<ArrayPtr> groups;
  for (const sql::BoundExprPtr& group : plan.groups) {
    BOYO_ASSIGN_OR_RETURN(ArrayPtr values, Evaluate(*group, input, context));
    groups.push_back(std::move(values));
  }
  std::vector<int64_t> group_of_row(static_cast<size_t>(num_rows));
  std::string key;
  for (int64_t row = 0; row < num_rows; ++row) {
    key.clear();
    AppendRowKey(groups, row, &key);
    group_of_row[static_cast<size_t>(row)] = GroupOf(key, groups, row);
  }
  for (size_t a = 0; a < plan.aggregates.size(); ++a) {
    const sql::BoundAggregate& aggregate = plan.aggregates[a];
    std::vector<ArrayPtr> args;
    for (const sql::BoundExprPtr& arg : aggregate.args) {
      BOYO_ASSIGN_OR_RETURN(ArrayPtr values, Evaluate(*arg, input, context));
      args.push_back(std::move(values));
    }
    ArrayPtr filter;
    if (aggregate.filter != nullptr) {
      BOYO_ASSIGN_OR_RETURN(filter, Evaluate(*aggregate.filter, input, context));
    }
    columnar::SelectionVector selected;
    std::vector<uint8_t*> states;
    for (int64_t row = 0; row < num_rows; ++row) {
      if (filter != nullptr &&
          (filter->IsNull(row) || !columnar::GetBit(filter->bool_bits(), filter->offset() + row))) {
        continue;
      }
      if (aggregate.skip_nulls) {
        bool any_null = false;
        for (const ArrayPtr& arg : args) any_null = any_null || arg->IsNull(row);
        if (any_null) continue;
      }
      const int64_t group = group_of_row[static_cast<size_t>(row)];
      if (aggregate.distinct) {
        key.clear();
        AppendRowKey(args, row, &key);
        if (!state_->seen[a][static_cast<size_t>(group)].insert(key).second) continue;
      }
      selected.mutable_rows().push_back(static_cast<uint32_t>(row));
      states.push_back(state_->state_blocks[static_cast<size_t>(group)].get() +
                       state_->state_offsets[a]);
    }
    if (states.empty()) continue;
    std::vector<ArrayPtr> taken;
    for (const ArrayPtr& arg : args) taken.push_back(columnar::Take(*arg, selected));
    BOYO_RETURN_IF_ERROR(
        aggregate.function->Update(states.data(), taken, static_cast<int64_t>(states.size())));
  }
  return Status::OK();
}

Status HashAggregateSink::Finalize(ExecContext& context) {
  (void)context;
  // An aggregate without GROUP BY has one row even when no input arrived.
  if (state_->plan->groups.empty() && state_->state_blocks.empty()) GroupOf("", {}, 0);
  state_->finalized = true;
  return Status::OK();
}

Result<std::optional<Chunk>> AggregateSource::Next(ExecContext& context) {
  (void)context;
  const int64_t num_groups = static_cast<int64_t>(state_->state_blocks.size());
  if (next_group_ > 0 || !state_->finalized) return std::optional<Chunk>();
  next_group_ = num_groups;
  if (num_groups == 0) return std::optional<Chunk>();
  const sql::LogicalOperator& plan = *state_->plan;
  std::vector<ArrayPtr> columns;
  for (auto& builder : state_->group_builders) columns.push_back(builder->Finish());
  std::vector<const uint8_t*> states(static_cast<size_t>(num_groups));
  for (size_t a = 0; a < plan.aggregates.size(); ++a) {
    for (int64_t g = 0; g < num_groups; ++g) {
      states[static_cast<size_t>(g)] =
          state_->state_blocks[static_cast<size_t>(g)].get() + state_->state_offsets[a];
    }
    std::unique_ptr<columnar::ArrayBuilder> builder =
        columnar::MakeBuilder(plan.aggregates[a].type);
    BOYO_RETURN_IF_ERROR(
        plan.aggregates[a].function->Finalize(states.data(), num_groups, builder.get()));
    columns.push_back(builder->Finish());
  }
  return std::optional<Chunk>(Chunk(SchemaOf(plan.columns), std::move(columns), num_groups));
}

}  // namespace boyodb::exec
