#include "sql/binder/ordered_aggregates.h"

#include "common/sqlstate.h"

namespace boyodb::sql {

Status CheckAggregateOrder(const ast::FunctionExpr& call, const std::vector<BoundExprPtr>& args,
                           const std::vector<SortKey>& order_by, const FunctionCatalog& functions) {
  const AggregateFunctionSet* set = functions.FindAggregate(call.name);
  if (set != nullptr && set->ordered_set && !call.within_group) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kWrongObjectType,
                  "WITHIN GROUP is required for ordered-set aggregate " + call.name)
        .WithPosition(call.position);
  }
  if (set != nullptr && !set->ordered_set && call.within_group) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kWrongObjectType,
                  call.name + " is not an ordered-set aggregate, so it cannot have WITHIN GROUP")
        .WithPosition(call.position);
  }
  if (call.distinct && !call.within_group) {
    for (const SortKey& key : order_by) {
      bool found = false;
      for (const BoundExprPtr& arg : args) found = found || SameExpr(*arg, *key.expr);
      if (!found) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidColumnReference,
                      "in an aggregate with DISTINCT, ORDER BY expressions must appear in "
                      "argument list")
            .WithPosition(call.position);
      }
    }
  }
  return Status::OK();
}

}  // namespace boyodb::sql
