#include "sql/optimizer/scan_predicates.h"

#include <optional>

#include "types/datetime.h"

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

// `CAST(date_column AS TIMESTAMP) op timestamp` as the same test on the date itself (TPC-H's
// `l_shipdate < date '1994-01-01' + interval '1' year`): a date stands for its midnight, so
// before a timestamp inside day D is at most D, and after it is after D.
std::optional<ColumnPredicate> DateCastPredicate(const std::string& column, CompareOp op,
                                                 const types::Value& timestamp) {
  const int64_t micros = timestamp.int64();
  if (!types::IsFiniteTimestamp(micros)) return std::nullopt;
  constexpr int64_t kMicrosPerDay = 86'400'000'000;
  int64_t days = micros / kMicrosPerDay;
  if (micros % kMicrosPerDay < 0) --days;
  if (days <= types::kDateMinusInfinity || days >= types::kDateInfinity) return std::nullopt;
  const types::Value date = types::Value::Date(static_cast<int32_t>(days));
  if (micros % kMicrosPerDay == 0) return ColumnPredicate{column, op, date};
  switch (op) {
    case CompareOp::kLt:
    case CompareOp::kLe:
      return ColumnPredicate{column, CompareOp::kLe, date};
    case CompareOp::kGt:
    case CompareOp::kGe:
      return ColumnPredicate{column, CompareOp::kGt, date};
    default:
      return std::nullopt;
  }
}

// The storage form of `conjunct` over `get`'s output, when it has one. The storage engine
// keeps exactly the rows for which the conjunct is true.
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
    if (column_side.kind == BoundKind::kCast && constant_side.kind == BoundKind::kConstant &&
        !constant_side.constant.is_null() && column_side.type.id() == types::TypeId::kTimestamp &&
        constant_side.type.id() == types::TypeId::kTimestamp &&
        column_side.children[0]->type.id() == types::TypeId::kDate) {
      const std::optional<std::string> date_column = table_column(*column_side.children[0]);
      const std::optional<CompareOp> op = ComparisonOf(conjunct.function_name, swapped);
      if (!date_column || !op) return std::nullopt;
      return DateCastPredicate(*date_column, *op, constant_side.constant);
    }
    if (column_side.kind == BoundKind::kCast && constant_side.kind == BoundKind::kConstant &&
        !constant_side.constant.is_null() && constant_side.type == column_side.type &&
        WidensInteger(column_side.children[0]->type, column_side.type)) {
      // The storage predicate compares the column's narrower values with the constant as it
      // is (beyond the column's range, every row compares alike).
      const std::optional<std::string> narrow_column = table_column(*column_side.children[0]);
      const std::optional<CompareOp> op = ComparisonOf(conjunct.function_name, swapped);
      if (!narrow_column || !op) return std::nullopt;
      ColumnPredicate predicate{*narrow_column, *op, constant_side.constant};
      if (!storage::BindPredicate(predicate, column_side.children[0]->type).ok()) {
        return std::nullopt;
      }
      return predicate;
    }
    const std::optional<std::string> column = table_column(column_side);
    // Decimals of another scale compare by value: the storage predicate rescales the
    // constant (or declines when it has more digits than the column).
    const bool decimals = column_side.type.id() == types::TypeId::kDecimal &&
                          constant_side.type.id() == types::TypeId::kDecimal;
    if (!column || constant_side.kind != BoundKind::kConstant || constant_side.constant.is_null() ||
        (constant_side.type != column_side.type && !decimals)) {
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

// Whether the storage engine's test of a pushed conjunct is exactly SQL's: comparisons of
// numbers (not floats), dates and times are, and so are text comparisons, byte by byte in
// both places (the C collation is the only one). The filter then does not test the scan's
// rows again (hits Q24 spent a third of its time on `SearchPhrase <> ''` a second time).
bool ExactInStorage(const BoundExpr& conjunct) {
  if (conjunct.kind == BoundKind::kIsNull) return true;
  for (const BoundExprPtr& side : conjunct.children) {
    const types::DataType& type = side->type;
    const bool exact = type.is_integer() || type.id() == types::TypeId::kDecimal ||
                       type.id() == types::TypeId::kDate || type.id() == types::TypeId::kTime ||
                       type.id() == types::TypeId::kTimestamp ||
                       type.id() == types::TypeId::kTimestampTz ||
                       type.id() == types::TypeId::kString;
    if (!exact) return false;
  }
  return true;
}

}  // namespace

bool WidensInteger(const types::DataType& from, const types::DataType& to) {
  if (!from.is_integer() || !to.is_integer()) return false;
  if (from.is_signed_integer() == to.is_signed_integer()) {
    return to.fixed_width() >= from.fixed_width();
  }
  return !from.is_signed_integer() && to.fixed_width() > from.fixed_width();
}

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
    std::vector<BoundExprPtr> rest;
    for (const BoundExprPtr& conjunct : conjuncts) {
      std::optional<ColumnPredicate> predicate = StoragePredicate(*conjunct, *get);
      if (!predicate) {
        rest.push_back(conjunct);
        continue;
      }
      if (!ExactInStorage(*conjunct)) rest.push_back(conjunct);
      get->predicates.push_back(std::move(*predicate));
    }
    if (get->predicates.size() != children.front()->predicates.size()) {
      // The scan returns only rows that pass its predicates: the filter keeps the rest.
      if (rest.empty()) return get;
      auto filter = std::make_shared<LogicalOperator>(*plan);
      filter->condition = Conjunction(std::move(rest));
      filter->children = {std::move(get)};
      return filter;
    }
  }
  if (!changed) return plan;
  auto copy = std::make_shared<LogicalOperator>(*plan);
  copy->children = std::move(children);
  return copy;
}

}  // namespace boyodb::sql
