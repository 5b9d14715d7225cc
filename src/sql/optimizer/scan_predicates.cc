#include "sql/optimizer/scan_predicates.h"

#include <optional>

#include "sql/optimizer/conjuncts.h"

namespace boyodb::sql {

namespace {

using storage::ColumnPredicate;
using storage::CompareOp;

std::optional<CompareOp> ComparisonOf(const std::string& name, bool swapped) {
  if (name == "=") return CompareOp::kEq;
  if (name == "<>" || name == "!=") return CompareOp::kNe;
  if (name == "<") return swapped ? CompareOp::kGt : CompareOp::kLt;
  if (name == "<=") return swapped ? CompareOp::kGe : CompareOp::kLe;
  if (name == ">") return swapped ? CompareOp::kLt : CompareOp::kGt;
  if (name == ">=") return swapped ? CompareOp::kLe : CompareOp::kGe;
  return std::nullopt;
}

// The storage form of `conjunct` over `get`'s output, when it has one.
std::optional<ColumnPredicate> StoragePredicate(const BoundExpr& conjunct,
                                                const LogicalOperator& get) {
  auto table_column = [&](const BoundExpr& expr) -> std::optional<std::string> {
    if (expr.kind != BoundKind::kColumn) return std::nullopt;
    const size_t index = static_cast<size_t>(expr.column_index);
    if (index >= get.table_columns.size() || get.table_columns[index] == kRowIdColumn) {
      return std::nullopt;
    }
    return get.columns[index].name;
  };
  if (conjunct.kind == BoundKind::kIsNull) {
    const std::optional<std::string> column = table_column(*conjunct.children[0]);
    if (!column) return std::nullopt;
    return ColumnPredicate{*column, conjunct.negated ? CompareOp::kIsNotNull : CompareOp::kIsNull,
                           types::Value()};
  }
  if (conjunct.kind != BoundKind::kCall || conjunct.children.size() != 2) return std::nullopt;
  for (const bool swapped : {false, true}) {
    const BoundExpr& column_side = *conjunct.children[swapped ? 1 : 0];
    const BoundExpr& constant_side = *conjunct.children[swapped ? 0 : 1];
    const std::optional<std::string> column = table_column(column_side);
    if (!column || constant_side.kind != BoundKind::kConstant || constant_side.constant.is_null() ||
        constant_side.type != column_side.type) {
      continue;
    }
    // Floats stay with the Filter: NaN orders above every number in SQL, not in zone maps.
    if (column_side.type.is_floating()) return std::nullopt;
    const std::optional<CompareOp> op = ComparisonOf(conjunct.function_name, swapped);
    if (!op) return std::nullopt;
    ColumnPredicate predicate{*column, *op, constant_side.constant};
    if (!storage::BindPredicate(predicate, column_side.type).ok()) return std::nullopt;
    return predicate;
  }
  return std::nullopt;
}

}  // namespace

LogicalPtr PushPredicatesIntoScans(const LogicalPtr& plan) {
  std::vector<LogicalPtr> children;
  bool changed = false;
  for (const LogicalPtr& child : plan->children) {
    children.push_back(PushPredicatesIntoScans(child));
    changed = changed || children.back() != child;
  }
  if (plan->kind == LogicalKind::kFilter && children.front()->kind == LogicalKind::kGet) {
    std::vector<BoundExprPtr> conjuncts;
    SplitConjuncts(plan->condition, &conjuncts);
    auto get = std::make_shared<LogicalOperator>(*children.front());
    for (const BoundExprPtr& conjunct : conjuncts) {
      std::optional<ColumnPredicate> predicate = StoragePredicate(*conjunct, *get);
      if (predicate) get->predicates.push_back(std::move(*predicate));
    }
    if (get->predicates.size() != children.front()->predicates.size()) {
      children.front() = std::move(get);
      changed = true;
    }
  }
  if (!changed) return plan;
  auto copy = std::make_shared<LogicalOperator>(*plan);
  copy->children = std::move(children);
  return copy;
}

}  // namespace boyodb::sql
