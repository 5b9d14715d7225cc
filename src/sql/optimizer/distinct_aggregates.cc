#include "sql/optimizer/distinct_aggregates.h"

#include "sql/binder/bound_expr.h"
#include "sql/optimizer/plan_rewrite.h"

namespace boyodb::sql {
namespace {

// Aggregates whose DISTINCT form equals the plain one over distinct values.
bool DistinctSplits(const BoundAggregate& call) {
  if (!call.distinct || call.args.size() != 1 || call.filter != nullptr || !call.order_by.empty() ||
      call.is_grouping) {
    return false;
  }
  return call.IgnoresArrivalOrder();
}

// The distinct argument all of the aggregate's calls share, or null when they do not.
BoundExprPtr SharedDistinctArgument(const LogicalOperator& aggregate) {
  if (aggregate.kind != LogicalKind::kAggregate || !aggregate.grouping_sets.empty() ||
      aggregate.aggregates.empty()) {
    return nullptr;
  }
  BoundExprPtr argument;
  for (const BoundAggregate& call : aggregate.aggregates) {
    if (!DistinctSplits(call)) return nullptr;
    if (argument == nullptr) {
      argument = call.args[0];
    } else if (!SameExpr(*argument, *call.args[0])) {
      return nullptr;
    }
  }
  return argument;
}

LogicalPtr Split(const LogicalPtr& plan) {
  LogicalPtr rewritten = RewriteChildren(plan, Split);
  const BoundExprPtr argument = SharedDistinctArgument(*rewritten);
  if (argument == nullptr) return rewritten;
  const LogicalOperator& original = *rewritten;
  const size_t num_groups = original.groups.size();
  // Inner: the distinct (groups..., x) rows.
  auto inner = std::make_shared<LogicalOperator>();
  inner->kind = LogicalKind::kAggregate;
  inner->children = original.children;
  inner->groups = original.groups;
  inner->groups.push_back(argument);
  inner->columns.assign(original.columns.begin(),
                        original.columns.begin() + static_cast<std::ptrdiff_t>(num_groups));
  inner->columns.push_back(OutputColumn{"distinct_value", argument->type});
  // Outer: the original groups and the plain aggregates over the distinct rows.
  auto outer = std::make_shared<LogicalOperator>(original);
  outer->children = {inner};
  outer->groups.clear();
  for (size_t g = 0; g < num_groups; ++g) {
    outer->groups.push_back(MakeColumn(static_cast<int32_t>(g), original.groups[g]->type));
  }
  for (BoundAggregate& call : outer->aggregates) {
    call.distinct = false;
    call.args = {MakeColumn(static_cast<int32_t>(num_groups), argument->type)};
  }
  return outer;
}

}  // namespace

LogicalPtr SplitDistinctAggregates(const LogicalPtr& plan) { return Split(plan); }

}  // namespace boyodb::sql
