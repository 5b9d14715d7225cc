#include "sql/binder/semi_joins.h"

#include "sql/binder/decorrelator.h"
#include "sql/optimizer/conjuncts.h"

namespace boyodb::sql {

namespace {

// Whether `expr` can move into a join condition: no subquery, outer references one level out
// only.
bool Movable(const BoundExpr& expr) {
  if (expr.kind == BoundKind::kSubquery) return false;
  if (expr.kind == BoundKind::kOuterColumn && expr.depth != 1) return false;
  for (const BoundExprPtr& child : expr.children) {
    if (!Movable(*child)) return false;
  }
  return true;
}

// `expr` over the joined row: the subquery's columns after the outer input's `left_width`,
// outer references as the outer input's columns.
BoundExprPtr OverJoinedRow(const BoundExprPtr& expr, int32_t left_width) {
  if (expr->kind == BoundKind::kColumn) {
    return MakeColumn(expr->column_index + left_width, expr->type);
  }
  if (expr->kind == BoundKind::kOuterColumn) return MakeColumn(expr->column_index, expr->type);
  if (expr->children.empty()) return expr;
  auto copy = std::make_shared<BoundExpr>(*expr);
  for (BoundExprPtr& child : copy->children) child = OverJoinedRow(child, left_width);
  return copy;
}

// `expr` reads only the current query's columns (no outer reference, no subquery).
bool Local(const BoundExpr& expr) {
  if (expr.kind == BoundKind::kSubquery || expr.kind == BoundKind::kOuterColumn) return false;
  for (const BoundExprPtr& child : expr.children) {
    if (!Local(*child)) return false;
  }
  return true;
}

// The ANY comparison (over the tested fields as columns 0..n-1 and a subquery row as n..2n-1)
// as a join condition: the tested fields over the input, the subquery's columns after it.
BoundExprPtr ComparisonOverJoin(const BoundExprPtr& expr, const std::vector<BoundExprPtr>& tests,
                                int32_t left_width) {
  if (expr->kind == BoundKind::kColumn) {
    const auto n = static_cast<int32_t>(tests.size());
    if (expr->column_index < n) return tests[static_cast<size_t>(expr->column_index)];
    return MakeColumn(left_width + expr->column_index - n, expr->type);
  }
  if (expr->children.empty()) return expr;
  auto copy = std::make_shared<BoundExpr>(*expr);
  for (BoundExprPtr& child : copy->children) {
    child = ComparisonOverJoin(child, tests, left_width);
  }
  return copy;
}

}  // namespace

LogicalPtr SemiJoinForIn(const LogicalPtr& input, const BoundExpr& conjunct) {
  if (conjunct.kind != BoundKind::kSubquery || conjunct.subquery_form != SubqueryForm::kAny ||
      conjunct.comparison == nullptr || ReadsEnclosingQueries(*conjunct.subquery)) {
    return nullptr;
  }
  for (const BoundExprPtr& test : conjunct.children) {
    if (!Local(*test)) return nullptr;
  }
  // Equalities only: they are the hash join's keys.
  std::vector<BoundExprPtr> equalities;
  SplitConjuncts(conjunct.comparison, &equalities);
  for (const BoundExprPtr& equality : equalities) {
    if (equality->kind != BoundKind::kCall || equality->function_name != "=") return nullptr;
  }
  auto join = std::make_shared<LogicalOperator>();
  join->kind = LogicalKind::kJoin;
  join->join_type = JoinType::kSemi;
  join->columns = input->columns;
  join->condition = ComparisonOverJoin(conjunct.comparison, conjunct.children,
                                       static_cast<int32_t>(input->columns.size()));
  join->children = {input, conjunct.subquery};
  return join;
}

LogicalPtr SemiJoinForExists(const LogicalPtr& input, const BoundExpr& conjunct) {
  bool anti = false;
  const BoundExpr* exists = &conjunct;
  if (exists->kind == BoundKind::kNot) {
    anti = true;
    exists = exists->children[0].get();
  }
  if (exists->kind != BoundKind::kSubquery || exists->subquery_form != SubqueryForm::kExists) {
    return nullptr;
  }
  // Whether a row exists does not depend on the select list, its order or DISTINCT.
  const LogicalOperator* op = exists->subquery.get();
  while (op->kind == LogicalKind::kProject || op->kind == LogicalKind::kSort ||
         op->kind == LogicalKind::kDistinct) {
    op = op->children[0].get();
  }
  std::vector<BoundExprPtr> conditions;
  while (op->kind == LogicalKind::kFilter) {
    SplitConjuncts(op->condition, &conditions);
    op = op->children[0].get();
  }
  if (conditions.empty() || ReadsEnclosingQueries(*op)) return nullptr;
  const auto left_width = static_cast<int32_t>(input->columns.size());
  std::vector<BoundExprPtr> on;
  for (const BoundExprPtr& condition : conditions) {
    if (!Movable(*condition)) return nullptr;
    on.push_back(OverJoinedRow(condition, left_width));
  }
  auto join = std::make_shared<LogicalOperator>();
  join->kind = LogicalKind::kJoin;
  join->join_type = anti ? JoinType::kAnti : JoinType::kSemi;
  join->columns = input->columns;
  join->condition = Conjunction(std::move(on));
  // The subquery's FROM is shared with the bound subquery plan, which is immutable.
  join->children = {input, LogicalPtr(exists->subquery, op)};
  return join;
}

}  // namespace boyodb::sql
