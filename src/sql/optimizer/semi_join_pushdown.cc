#include "sql/optimizer/semi_join_pushdown.h"

#include <algorithm>
#include <climits>
#include <functional>

#include "sql/optimizer/cardinality.h"
#include "sql/optimizer/conjuncts.h"

namespace boyodb::sql {

namespace {

// The lowest and highest column below `width` (the left input's) that `expr` reads; false
// when it reads something that pins it where it is (a subquery or an outer reference).
bool LeftColumnRange(const BoundExpr& expr, int32_t width, int32_t* low, int32_t* high) {
  if (expr.kind == BoundKind::kSubquery || expr.kind == BoundKind::kOuterColumn) return false;
  if (expr.kind == BoundKind::kColumn && expr.column_index < width) {
    *low = std::min(*low, expr.column_index);
    *high = std::max(*high, expr.column_index);
  }
  for (const BoundExprPtr& child : expr.children) {
    if (!LeftColumnRange(*child, width, low, high)) return false;
  }
  return true;
}

LogicalPtr WithChildren(const LogicalPtr& plan, std::vector<LogicalPtr> children) {
  auto copy = std::make_shared<LogicalOperator>(*plan);
  copy->children = std::move(children);
  return copy;
}

LogicalPtr SemiJoin(const LogicalOperator& semi, LogicalPtr left, BoundExprPtr condition) {
  auto join = std::make_shared<LogicalOperator>(semi);
  join->columns = left->columns;
  join->condition = std::move(condition);
  join->children = {std::move(left), semi.children[1]};
  return join;
}

// Whether the semi join is worth moving onto `target`, one input of the inner join below it.
// A small subquery side (TPC-H Q18's 57 orders) filters hard, and filtering first pays. A
// subquery side larger than the target (Q21's whole lineitem against the lineitems of one
// nation's suppliers) is better left above the join, where the join has cut its left input
// down and the semi join can build from that (semi_join_sides.h).
bool WorthPushing(const LogicalOperator& semi, const LogicalOperator& target,
                  const TableStatistics* statistics) {
  if (statistics == nullptr) return true;
  return EstimateRows(*semi.children[1], statistics) <= EstimateRows(target, statistics);
}

// The semi join `semi` (already rewritten below) placed as low in its left input as it goes.
LogicalPtr Sink(const LogicalOperator& semi, const TableStatistics* statistics) {
  const LogicalPtr& left = semi.children[0];
  const auto width = static_cast<int32_t>(left->columns.size());
  if (semi.condition == nullptr) return std::make_shared<LogicalOperator>(semi);
  // The lowest and highest left column the condition reads.
  int32_t low = INT32_MAX;
  int32_t high = -1;
  if (!LeftColumnRange(*semi.condition, width, &low, &high) || high < 0) {
    return std::make_shared<LogicalOperator>(semi);
  }
  const bool inner_join =
      left->kind == LogicalKind::kJoin &&
      (left->join_type == JoinType::kInner || left->join_type == JoinType::kCross) &&
      !left->null_safe_keys;
  if (!inner_join) return std::make_shared<LogicalOperator>(semi);
  const auto a_width = static_cast<int32_t>(left->children[0]->columns.size());
  if (high < a_width && WorthPushing(semi, *left->children[0], statistics)) {
    // Into the join's left input: the subquery's columns move down by the right's width.
    const int32_t b_width = width - a_width;
    BoundExprPtr condition =
        RenumberColumns(semi.condition, [&](int32_t c) { return c < width ? c : c - b_width; });
    LogicalPtr pushed = Sink(*SemiJoin(semi, left->children[0], std::move(condition)), statistics);
    return WithChildren(left, {pushed, left->children[1]});
  }
  if (low >= a_width && WorthPushing(semi, *left->children[1], statistics)) {
    BoundExprPtr condition =
        RenumberColumns(semi.condition, [&](int32_t c) { return c - a_width; });
    LogicalPtr pushed = Sink(*SemiJoin(semi, left->children[1], std::move(condition)), statistics);
    return WithChildren(left, {left->children[0], pushed});
  }
  return std::make_shared<LogicalOperator>(semi);
}

}  // namespace

LogicalPtr PushSemiJoinsDown(const LogicalPtr& plan, const TableStatistics* statistics) {
  std::vector<LogicalPtr> children;
  bool changed = false;
  for (const LogicalPtr& child : plan->children) {
    children.push_back(PushSemiJoinsDown(child, statistics));
    changed = changed || children.back() != child;
  }
  const bool semi = plan->kind == LogicalKind::kJoin &&
                    (plan->join_type == JoinType::kSemi || plan->join_type == JoinType::kAnti);
  if (!semi && !changed) return plan;
  LogicalPtr rewritten = changed ? WithChildren(plan, std::move(children)) : plan;
  if (!semi) return rewritten;
  return Sink(*rewritten, statistics);
}

}  // namespace boyodb::sql
