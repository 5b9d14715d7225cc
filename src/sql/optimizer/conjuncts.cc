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

}  // namespace boyodb::sql
