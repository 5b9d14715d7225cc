#include "sql/optimizer/conjuncts.h"

namespace boyodb::sql {

void SplitConjuncts(const BoundExprPtr& condition, std::vector<BoundExprPtr>* out) {
  if (condition == nullptr) return;
  if (condition->kind == BoundKind::kAnd) {
    for (const BoundExprPtr& child : condition->children) SplitConjuncts(child, out);
    return;
  }
  out->push_back(condition);
}

BoundExprPtr Conjunction(std::vector<BoundExprPtr> conjuncts) {
  if (conjuncts.empty()) return nullptr;
  if (conjuncts.size() == 1) return conjuncts.front();
  auto conjunction = std::make_shared<BoundExpr>();
  conjunction->kind = BoundKind::kAnd;
  conjunction->type = types::DataType::Boolean();
  conjunction->children = std::move(conjuncts);
  return conjunction;
}

BoundExprPtr RenumberColumns(const BoundExprPtr& expr, const std::function<int32_t(int32_t)>& map) {
  if (expr->kind == BoundKind::kColumn) return MakeColumn(map(expr->column_index), expr->type);
  if (expr->children.empty()) return expr;
  auto copy = std::make_shared<BoundExpr>(*expr);
  for (BoundExprPtr& child : copy->children) child = RenumberColumns(child, map);
  return copy;
}

}  // namespace boyodb::sql
