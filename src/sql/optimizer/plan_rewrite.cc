#include "sql/optimizer/plan_rewrite.h"

namespace boyodb::sql {

LogicalPtr RewriteChildren(const LogicalPtr& plan,
                           const std::function<LogicalPtr(const LogicalPtr&)>& rewrite) {
  std::vector<LogicalPtr> children;
  bool changed = false;
  for (const LogicalPtr& child : plan->children) {
    children.push_back(rewrite(child));
    changed = changed || children.back() != child;
  }
  if (!changed) return plan;
  auto copy = std::make_shared<LogicalOperator>(*plan);
  copy->children = std::move(children);
  return copy;
}

}  // namespace boyodb::sql
