#include "sql/optimizer/join_predicates.h"

#include <algorithm>
#include <utility>

#include "sql/optimizer/conjuncts.h"
#include "sql/optimizer/disjunctions.h"
#include "sql/optimizer/plan_rewrite.h"

namespace boyodb::sql {

namespace {

enum class Side : uint8_t { kNone, kLeft, kRight, kBoth, kPinned };

// Which side of a join of left width `left_width` a conjunct reads. kPinned: it must stay
// where it is (a subquery, an outer reference or a volatile call, whose meaning or cost
// depends on where it is evaluated); kNone: it reads no column.
Side SideOf(const BoundExpr& expr, int32_t left_width) {
  switch (expr.kind) {
    case BoundKind::kColumn:
      return expr.column_index < left_width ? Side::kLeft : Side::kRight;
    case BoundKind::kOuterColumn:
    case BoundKind::kSubquery:
    case BoundKind::kAggregateResult:
    case BoundKind::kWindowResult:
      return Side::kPinned;
    case BoundKind::kCall:
      if (expr.volatility == Volatility::kVolatile) return Side::kPinned;
      break;
    default:
      break;
  }
  Side side = Side::kNone;
  for (const BoundExprPtr& child : expr.children) {
    const Side child_side = SideOf(*child, left_width);
    if (child_side == Side::kPinned) return Side::kPinned;
    if (child_side == Side::kNone || child_side == side) continue;
    side = side == Side::kNone ? child_side : Side::kBoth;
  }
  return side;
}

// `expr` with every column index moved down by `delta` (a right-side conjunct over the right
// input alone).
BoundExprPtr ShiftColumns(const BoundExprPtr& expr, int32_t delta) {
  if (expr->kind == BoundKind::kColumn) {
    auto shifted = std::make_shared<BoundExpr>(*expr);
    shifted->column_index -= delta;
    return shifted;
  }
  if (expr->children.empty()) return expr;
  auto copy = std::make_shared<BoundExpr>(*expr);
  for (BoundExprPtr& child : copy->children) child = ShiftColumns(child, delta);
  return copy;
}

LogicalPtr WithFilter(LogicalPtr plan, std::vector<BoundExprPtr> conjuncts) {
  if (conjuncts.empty()) return plan;
  auto filter = std::make_shared<LogicalOperator>();
  filter->kind = LogicalKind::kFilter;
  filter->columns = plan->columns;
  filter->condition = Conjunction(std::move(conjuncts));
  filter->children.push_back(std::move(plan));
  return filter;
}

LogicalPtr Rewrite(const LogicalPtr& plan);
LogicalPtr PushInto(const LogicalPtr& plan, std::vector<BoundExprPtr> conjuncts);

LogicalPtr PushIntoJoin(const LogicalOperator& join, std::vector<BoundExprPtr> where) {
  const int32_t left_width = static_cast<int32_t>(join.children[0]->columns.size());
  const JoinType type = join.join_type;
  const bool inner = type == JoinType::kInner || type == JoinType::kCross;
  // WHERE conjuncts over a side whose rows the join never NULL-extends may go below it.
  const bool where_left = inner || type == JoinType::kLeft || type == JoinType::kSingle ||
                          type == JoinType::kSemi || type == JoinType::kAnti;
  const bool where_right = inner || type == JoinType::kRight;
  // ON conjuncts over the side whose rows it filters may go below it.
  const bool on_left = inner || type == JoinType::kRight;
  const bool on_right = inner || type == JoinType::kLeft || type == JoinType::kSingle ||
                        type == JoinType::kSemi || type == JoinType::kAnti;
  // Null-safe joins compare their keys as IS NOT DISTINCT FROM: nothing may join them.
  const bool take_both = inner && !join.null_safe_keys;

  std::vector<BoundExprPtr> left_down;
  std::vector<BoundExprPtr> right_down;
  std::vector<BoundExprPtr> on;
  std::vector<BoundExprPtr> above;
  std::vector<BoundExprPtr> on_given;
  SplitConjuncts(join.condition, &on_given);
  FactorDisjunctions(&on_given);
  FactorDisjunctions(&where);
  for (BoundExprPtr& conjunct : on_given) {
    const Side side = SideOf(*conjunct, left_width);
    if (side == Side::kLeft && on_left) {
      left_down.push_back(std::move(conjunct));
    } else if (side == Side::kRight && on_right) {
      right_down.push_back(ShiftColumns(conjunct, left_width));
    } else {
      on.push_back(std::move(conjunct));
    }
  }
  for (BoundExprPtr& conjunct : where) {
    const Side side = SideOf(*conjunct, left_width);
    if (side == Side::kLeft && where_left) {
      left_down.push_back(std::move(conjunct));
    } else if (side == Side::kRight && where_right) {
      right_down.push_back(ShiftColumns(conjunct, left_width));
    } else if (side == Side::kBoth && take_both) {
      // An OR over both sides may imply a filter on each side alone.
      if (where_left) {
        BoundExprPtr implied = ImpliedDisjunction(*conjunct, [&](const BoundExpr& term) {
          return SideOf(term, left_width) == Side::kLeft;
        });
        if (implied != nullptr) left_down.push_back(std::move(implied));
      }
      if (where_right) {
        BoundExprPtr implied = ImpliedDisjunction(*conjunct, [&](const BoundExpr& term) {
          return SideOf(term, left_width) == Side::kRight;
        });
        if (implied != nullptr) right_down.push_back(ShiftColumns(implied, left_width));
      }
      on.push_back(std::move(conjunct));
    } else {
      above.push_back(std::move(conjunct));
    }
  }
  auto rewritten = std::make_shared<LogicalOperator>(join);
  rewritten->children = {PushInto(join.children[0], std::move(left_down)),
                         PushInto(join.children[1], std::move(right_down))};
  if (inner) rewritten->join_type = on.empty() ? JoinType::kCross : JoinType::kInner;
  rewritten->condition = Conjunction(std::move(on));
  return WithFilter(std::move(rewritten), std::move(above));
}

// `plan` with `conjuncts` (over its output) applied as low in it as they can go.
LogicalPtr PushInto(const LogicalPtr& plan, std::vector<BoundExprPtr> conjuncts) {
  switch (plan->kind) {
    case LogicalKind::kFilter:
      SplitConjuncts(plan->condition, &conjuncts);
      return PushInto(plan->children.front(), std::move(conjuncts));
    case LogicalKind::kJoin:
      return PushIntoJoin(*plan, std::move(conjuncts));
    default:
      return WithFilter(Rewrite(plan), std::move(conjuncts));
  }
}

LogicalPtr Rewrite(const LogicalPtr& plan) {
  if (plan->kind == LogicalKind::kFilter || plan->kind == LogicalKind::kJoin) {
    return PushInto(plan, {});
  }
  return RewriteChildren(plan, Rewrite);
}

}  // namespace

LogicalPtr PushFiltersIntoJoins(const LogicalPtr& plan) { return Rewrite(plan); }

}  // namespace boyodb::sql
