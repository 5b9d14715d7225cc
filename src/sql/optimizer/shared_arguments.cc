#include "sql/optimizer/shared_arguments.h"

#include <vector>

#include "sql/binder/bound_expr.h"
#include "sql/optimizer/plan_rewrite.h"

namespace boyodb::sql {
namespace {

bool Eligible(const BoundAggregate& call) {
  return !call.distinct && call.filter == nullptr && call.order_by.empty() && !call.is_grouping;
}

bool Computed(const BoundExpr& expr) {
  return (expr.kind == BoundKind::kCall || expr.kind == BoundKind::kCast) && !expr.IsConstant();
}

// Branches of CASE and COALESCE, and the operands of AND and OR after the first, may run only
// for some rows: what is inside them stays there.
bool Lazy(const BoundExpr& expr) {
  return expr.kind == BoundKind::kCase || expr.kind == BoundKind::kCoalesce ||
         expr.kind == BoundKind::kAnd || expr.kind == BoundKind::kOr;
}

// Every computed node that every row evaluates, in preorder.
void CollectComputed(const BoundExprPtr& expr, std::vector<const BoundExpr*>* nodes) {
  if (Computed(*expr)) nodes->push_back(expr.get());
  if (Lazy(*expr)) return;
  for (const BoundExprPtr& child : expr->children) CollectComputed(child, nodes);
}

int IndexOf(const std::vector<BoundExprPtr>& shared, const BoundExpr& expr) {
  for (size_t i = 0; i < shared.size(); ++i) {
    if (SameExpr(*shared[i], expr)) return static_cast<int>(i);
  }
  return -1;
}

// Adds to `shared` the outermost computed nodes of `expr` that occur at least twice in `all`.
void ChooseShared(const BoundExprPtr& expr, const std::vector<const BoundExpr*>& all,
                  std::vector<BoundExprPtr>* shared) {
  if (Computed(*expr)) {
    int occurrences = 0;
    for (const BoundExpr* node : all) occurrences += SameExpr(*node, *expr) ? 1 : 0;
    if (occurrences >= 2) {
      if (IndexOf(*shared, *expr) < 0) shared->push_back(expr);
      return;
    }
  }
  if (Lazy(*expr)) return;
  for (const BoundExprPtr& child : expr->children) ChooseShared(child, all, shared);
}

// `expr` with each occurrence of a shared expression (outside lazy branches) replaced by its
// column, numbered from `first_column`.
BoundExprPtr ReadShared(const BoundExprPtr& expr, const std::vector<BoundExprPtr>& shared,
                        int32_t first_column) {
  const int index = IndexOf(shared, *expr);
  if (index >= 0) return MakeColumn(first_column + index, expr->type);
  if (Lazy(*expr) || expr->children.empty()) return expr;
  std::vector<BoundExprPtr> children;
  bool changed = false;
  for (const BoundExprPtr& child : expr->children) {
    children.push_back(ReadShared(child, shared, first_column));
    changed = changed || children.back() != child;
  }
  if (!changed) return expr;
  auto copy = std::make_shared<BoundExpr>(*expr);
  copy->children = std::move(children);
  return copy;
}

LogicalPtr Share(const LogicalPtr& plan) {
  LogicalPtr rewritten = RewriteChildren(plan, Share);
  if (rewritten->kind != LogicalKind::kAggregate) return rewritten;
  std::vector<const BoundExpr*> all;
  for (const BoundAggregate& call : rewritten->aggregates) {
    if (!Eligible(call)) continue;
    for (const BoundExprPtr& arg : call.args) {
      if (Repeatable(*arg)) CollectComputed(arg, &all);
    }
  }
  std::vector<BoundExprPtr> shared;
  for (const BoundAggregate& call : rewritten->aggregates) {
    if (!Eligible(call)) continue;
    for (const BoundExprPtr& arg : call.args) {
      if (Repeatable(*arg)) ChooseShared(arg, all, &shared);
    }
  }
  if (shared.empty()) return rewritten;
  // The input's columns, then the shared expressions.
  const LogicalPtr& input = rewritten->children[0];
  auto project = std::make_shared<LogicalOperator>();
  project->kind = LogicalKind::kProject;
  project->columns = input->columns;
  for (size_t i = 0; i < input->columns.size(); ++i) {
    project->exprs.push_back(MakeColumn(static_cast<int32_t>(i), input->columns[i].type));
  }
  for (const BoundExprPtr& expr : shared) {
    project->exprs.push_back(expr);
    project->columns.push_back(OutputColumn{"", expr->type});
  }
  project->children = {input};
  auto aggregate = std::make_shared<LogicalOperator>(*rewritten);
  const auto first_column = static_cast<int32_t>(input->columns.size());
  for (BoundAggregate& call : aggregate->aggregates) {
    if (!Eligible(call)) continue;
    for (BoundExprPtr& arg : call.args) {
      if (Repeatable(*arg)) arg = ReadShared(arg, shared, first_column);
    }
  }
  aggregate->children = {std::move(project)};
  return aggregate;
}

}  // namespace

LogicalPtr ShareAggregateArguments(const LogicalPtr& plan) { return Share(plan); }

}  // namespace boyodb::sql
