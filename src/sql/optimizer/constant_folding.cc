#include "sql/optimizer/constant_folding.h"

#include "columnar/builder.h"

namespace boyodb::sql {

namespace {

using types::TypeId;

bool AllConstant(const BoundExpr& expr) {
  for (const BoundExprPtr& child : expr.children) {
    if (child->kind != BoundKind::kConstant) return false;
  }
  return true;
}

std::optional<columnar::ArrayPtr> OneRow(const BoundExpr& constant) {
  std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(constant.type);
  if (!builder->AppendValue(constant.constant).ok()) return std::nullopt;
  return builder->Finish();
}

// The value of a call or cast over constants, or null when it is not computed here.
BoundExprPtr Compute(const BoundExpr& expr) {
  if (!AllConstant(expr)) return nullptr;
  std::vector<columnar::ArrayPtr> args;
  for (const BoundExprPtr& child : expr.children) {
    std::optional<columnar::ArrayPtr> arg = OneRow(*child);
    if (!arg) return nullptr;
    args.push_back(std::move(*arg));
  }
  const EvalContext context;
  Result<columnar::ArrayPtr> result = Status::Internal("not computed");
  if (expr.kind == BoundKind::kCall) {
    if (expr.volatility != Volatility::kImmutable || !expr.kernel) return nullptr;
    result = expr.kernel(args, 1, context);
  } else if (expr.kind == BoundKind::kCast) {
    if (!expr.cast || args.size() != 1 || expr.type.id() == TypeId::kTimestampTz ||
        expr.children[0]->type.id() == TypeId::kTimestampTz) {
      return nullptr;
    }
    result = expr.cast(args[0], context);
  } else {
    return nullptr;
  }
  if (!result.ok() || (*result)->length() != 1) return nullptr;
  types::Value value = (*result)->GetValue(0);
  if (!(value.type() == expr.type) && !value.is_null()) return nullptr;
  if (value.is_null()) value = types::Value::Null(expr.type);
  return MakeConstant(std::move(value));
}

void FoldAll(std::vector<BoundExprPtr>* exprs) {
  for (BoundExprPtr& expr : *exprs) expr = FoldConstantExpr(expr);
}

void FoldKeys(std::vector<SortKey>* keys) {
  for (SortKey& key : *keys) key.expr = FoldConstantExpr(key.expr);
}

}  // namespace

BoundExprPtr FoldConstantExpr(const BoundExprPtr& expr) {
  if (expr == nullptr || expr->children.empty()) return expr;
  std::shared_ptr<BoundExpr> copy;
  for (size_t i = 0; i < expr->children.size(); ++i) {
    BoundExprPtr folded = FoldConstantExpr(expr->children[i]);
    if (folded == expr->children[i]) continue;
    if (copy == nullptr) copy = std::make_shared<BoundExpr>(*expr);
    copy->children[i] = std::move(folded);
  }
  const BoundExpr& current = copy != nullptr ? *copy : *expr;
  BoundExprPtr value = Compute(current);
  if (value != nullptr) return value;
  return copy != nullptr ? BoundExprPtr(std::move(copy)) : expr;
}

LogicalPtr FoldConstants(const LogicalPtr& plan) {
  auto copy = std::make_shared<LogicalOperator>(*plan);
  for (LogicalPtr& child : copy->children) child = FoldConstants(child);
  copy->condition = FoldConstantExpr(copy->condition);
  FoldAll(&copy->exprs);
  FoldAll(&copy->groups);
  for (BoundAggregate& aggregate : copy->aggregates) {
    FoldAll(&aggregate.args);
    aggregate.filter = FoldConstantExpr(aggregate.filter);
    FoldKeys(&aggregate.order_by);
  }
  FoldKeys(&copy->order);
  for (BoundWindow& window : copy->windows) {
    FoldAll(&window.args);
    window.filter = FoldConstantExpr(window.filter);
    FoldAll(&window.partition_by);
    FoldKeys(&window.order_by);
  }
  return copy;
}

}  // namespace boyodb::sql
