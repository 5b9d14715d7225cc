#include "sql/binder/outer_references.h"

#include <memory>

namespace boyodb::sql {
namespace {

Result<LogicalPtr> MapPlan(const LogicalPtr& plan, int32_t depth, const OuterReferenceMap& map);

// `expr`, inside a plan `depth` levels below the enclosing query, with its references to
// that query mapped.
Result<BoundExprPtr> MapExpr(const BoundExprPtr& expr, int32_t depth,
                             const OuterReferenceMap& map) {
  if (expr == nullptr) return expr;
  if (expr->kind == BoundKind::kOuterColumn && expr->depth == depth) {
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr mapped, map(*expr));
    auto copy = std::make_shared<BoundExpr>(*mapped);
    copy->depth = depth;
    return BoundExprPtr(std::move(copy));
  }
  auto copy = std::make_shared<BoundExpr>(*expr);
  for (BoundExprPtr& child : copy->children) {
    BOYO_ASSIGN_OR_RETURN(child, MapExpr(child, depth, map));
  }
  if (copy->kind == BoundKind::kSubquery && copy->subquery != nullptr) {
    BOYO_ASSIGN_OR_RETURN(copy->subquery, MapPlan(copy->subquery, depth + 1, map));
  }
  return BoundExprPtr(std::move(copy));
}

Status MapExprs(std::vector<BoundExprPtr>* exprs, int32_t depth, const OuterReferenceMap& map) {
  for (BoundExprPtr& expr : *exprs) {
    BOYO_ASSIGN_OR_RETURN(expr, MapExpr(expr, depth, map));
  }
  return Status::OK();
}

Status MapKeys(std::vector<SortKey>* keys, int32_t depth, const OuterReferenceMap& map) {
  for (SortKey& key : *keys) {
    BOYO_ASSIGN_OR_RETURN(key.expr, MapExpr(key.expr, depth, map));
  }
  return Status::OK();
}

// Every expression-bearing field of LogicalOperator, and its children.
Result<LogicalPtr> MapPlan(const LogicalPtr& plan, int32_t depth, const OuterReferenceMap& map) {
  auto op = std::make_shared<LogicalOperator>(*plan);
  BOYO_ASSIGN_OR_RETURN(op->condition, MapExpr(op->condition, depth, map));
  BOYO_RETURN_IF_ERROR(MapExprs(&op->exprs, depth, map));
  for (std::vector<BoundExprPtr>& row : op->rows) {
    BOYO_RETURN_IF_ERROR(MapExprs(&row, depth, map));
  }
  BOYO_RETURN_IF_ERROR(MapExprs(&op->groups, depth, map));
  for (BoundAggregate& aggregate : op->aggregates) {
    BOYO_RETURN_IF_ERROR(MapExprs(&aggregate.args, depth, map));
    BOYO_ASSIGN_OR_RETURN(aggregate.filter, MapExpr(aggregate.filter, depth, map));
    BOYO_RETURN_IF_ERROR(MapKeys(&aggregate.order_by, depth, map));
  }
  BOYO_RETURN_IF_ERROR(MapKeys(&op->order, depth, map));
  for (BoundWindow& window : op->windows) {
    BOYO_RETURN_IF_ERROR(MapExprs(&window.args, depth, map));
    BOYO_ASSIGN_OR_RETURN(window.filter, MapExpr(window.filter, depth, map));
    BOYO_RETURN_IF_ERROR(MapExprs(&window.partition_by, depth, map));
    BOYO_RETURN_IF_ERROR(MapKeys(&window.order_by, depth, map));
    BOYO_ASSIGN_OR_RETURN(window.frame.range_key, MapExpr(window.frame.range_key, depth, map));
    BOYO_ASSIGN_OR_RETURN(window.frame.range_start_value,
                          MapExpr(window.frame.range_start_value, depth, map));
    BOYO_ASSIGN_OR_RETURN(window.frame.range_end_value,
                          MapExpr(window.frame.range_end_value, depth, map));
  }
  for (LogicalPtr& child : op->children) {
    BOYO_ASSIGN_OR_RETURN(child, MapPlan(child, depth, map));
  }
  return LogicalPtr(std::move(op));
}

}  // namespace

Result<LogicalPtr> MapOuterReferences(const LogicalPtr& plan, const OuterReferenceMap& map) {
  return MapPlan(plan, 1, map);
}

}  // namespace boyodb::sql
