#include "sql/optimizer/cardinality.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sql/optimizer/conjuncts.h"

namespace boyodb::sql {

namespace {

constexpr double kUnknownTableRows = 1e6;
// Fractions kept when a statistic is unknown.
constexpr double kEqualFraction = 0.1;
constexpr double kRangeFraction = 0.33;
constexpr double kInListFraction = 0.2;
constexpr double kLikeFraction = 0.25;
constexpr double kOtherFraction = 0.33;
// IS NOT NULL keeps most rows (the decorrelator adds it to every equated key).
constexpr double kNotNullFraction = 0.95;
// The least fraction a range is estimated to keep, however far outside the column's values.
constexpr double kLeastRangeFraction = 0.001;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// A stored column: a Get and the name of one of its columns.
struct StoredColumn {
  const LogicalOperator* get = nullptr;
  std::string name;

  bool operator<(const StoredColumn& other) const {
    return std::tie(get, name) < std::tie(other.get, other.name);
  }
};

// The stored column that output column `column` of `plan` passes on unchanged, if any.
std::optional<StoredColumn> FindStoredColumn(const LogicalOperator& plan, int32_t column) {
  switch (plan.kind) {
    case LogicalKind::kGet:
      if (plan.table_columns[static_cast<size_t>(column)] == kRowIdColumn) return std::nullopt;
      return StoredColumn{&plan, plan.columns[static_cast<size_t>(column)].name};
    case LogicalKind::kFilter:
    case LogicalKind::kSort:
    case LogicalKind::kLimit:
      return FindStoredColumn(*plan.children[0], column);
    case LogicalKind::kProject: {
      const BoundExpr& expr = *plan.exprs[static_cast<size_t>(column)];
      if (expr.kind != BoundKind::kColumn) return std::nullopt;
      return FindStoredColumn(*plan.children[0], expr.column_index);
    }
    case LogicalKind::kAggregate: {
      if (static_cast<size_t>(column) >= plan.groups.size()) return std::nullopt;
      const BoundExpr& group = *plan.groups[static_cast<size_t>(column)];
      if (group.kind != BoundKind::kColumn) return std::nullopt;
      return FindStoredColumn(*plan.children[0], group.column_index);
    }
    case LogicalKind::kJoin: {
      const auto left_width = static_cast<int32_t>(plan.children[0]->columns.size());
      if (column < left_width) return FindStoredColumn(*plan.children[0], column);
      return FindStoredColumn(*plan.children[1], column - left_width);
    }
    default:
      return std::nullopt;
  }
}

std::optional<double> StoredDistinctValues(const StoredColumn& column,
                                           const TableStatistics& statistics) {
  return statistics.DistinctValues(column.get->database, column.get->table, column.name);
}

// Where a value lies on the number line of its type (days, microseconds, the number itself),
// for the types whose ranges are estimated.
std::optional<double> Position(const types::Value& value) {
  if (value.is_null()) return std::nullopt;
  const types::DataType& type = value.type();
  switch (type.id()) {
    case types::TypeId::kDate:
    case types::TypeId::kTime:
    case types::TypeId::kTimestamp:
    case types::TypeId::kTimestampTz:
      return static_cast<double>(value.int64());
    case types::TypeId::kDecimal:
      return static_cast<double>(value.decimal()) / std::pow(10.0, type.scale());
    case types::TypeId::kFloat32:
    case types::TypeId::kFloat64:
      return value.float64();
    default:
      if (type.is_signed_integer()) return static_cast<double>(value.int64());
      if (type.is_unsigned_integer()) return static_cast<double>(value.uint64());
      return std::nullopt;
  }
}

// Whether positions of the two types are on the same number line.
bool SameScale(const types::DataType& a, const types::DataType& b) {
  auto scale = [](const types::DataType& type) {
    if (type.is_numeric()) return 0;
    if (type.id() == types::TypeId::kTimestampTz)
      return static_cast<int>(types::TypeId::kTimestamp);
    return static_cast<int>(type.id());
  };
  return scale(a) == scale(b);
}

// The positions a range of one stored column lets through, narrowed by each comparison.
struct RangeBounds {
  double low = -kInfinity;
  double high = kInfinity;
  std::optional<types::DataType> constant_type;
  bool comparable = true;

  void Narrow(storage::CompareOp op, const types::Value& constant) {
    const std::optional<double> position = Position(constant);
    if (!position || (constant_type && !SameScale(*constant_type, constant.type()))) {
      comparable = false;
      return;
    }
    constant_type = constant.type();
    if (op == storage::CompareOp::kGt || op == storage::CompareOp::kGe) {
      low = std::max(low, *position);
    } else {
      high = std::min(high, *position);
    }
  }
};

// The fraction of a column's rows within `bounds`, taking values as spread evenly between the
// column's smallest and largest; nullopt when the column's range is unknown.
std::optional<double> RangeFraction(const StoredColumn& column, const RangeBounds& bounds,
                                    const TableStatistics& statistics) {
  if (!bounds.comparable || !bounds.constant_type) return std::nullopt;
  const std::optional<std::pair<types::Value, types::Value>> range =
      statistics.ValueRange(column.get->database, column.get->table, column.name);
  if (!range || !SameScale(range->first.type(), *bounds.constant_type)) return std::nullopt;
  const std::optional<double> min = Position(range->first);
  const std::optional<double> max = Position(range->second);
  if (!min || !max) return std::nullopt;
  if (*max <= *min) {
    return bounds.low <= *min && *min <= bounds.high ? 1.0 : kLeastRangeFraction;
  }
  const double covered = std::min(bounds.high, *max) - std::max(bounds.low, *min);
  return std::clamp(covered / (*max - *min), kLeastRangeFraction, 1.0);
}

std::optional<storage::CompareOp> CompareOpOf(const std::string& name) {
  if (name == "=") return storage::CompareOp::kEq;
  if (name == "<>") return storage::CompareOp::kNe;
  if (name == "<") return storage::CompareOp::kLt;
  if (name == "<=") return storage::CompareOp::kLe;
  if (name == ">") return storage::CompareOp::kGt;
  if (name == ">=") return storage::CompareOp::kGe;
  return std::nullopt;
}

storage::CompareOp Mirrored(storage::CompareOp op) {
  switch (op) {
    case storage::CompareOp::kLt:
      return storage::CompareOp::kGt;
    case storage::CompareOp::kLe:
      return storage::CompareOp::kGe;
    case storage::CompareOp::kGt:
      return storage::CompareOp::kLt;
    case storage::CompareOp::kGe:
      return storage::CompareOp::kLe;
    default:
      return op;
  }
}

bool IsRange(storage::CompareOp op) {
  return op == storage::CompareOp::kLt || op == storage::CompareOp::kLe ||
         op == storage::CompareOp::kGt || op == storage::CompareOp::kGe;
}

// `column op constant`, with the column a stored one.
struct Comparison {
  StoredColumn column;
  storage::CompareOp op;
  types::Value constant;
};

std::optional<Comparison> AsComparison(const BoundExpr& conjunct, const LogicalOperator& input) {
  if (conjunct.kind != BoundKind::kCall || conjunct.children.size() != 2) return std::nullopt;
  std::optional<storage::CompareOp> op = CompareOpOf(conjunct.function_name);
  if (!op) return std::nullopt;
  const BoundExpr* column = conjunct.children[0].get();
  const BoundExpr* constant = conjunct.children[1].get();
  if (column->kind != BoundKind::kColumn) {
    std::swap(column, constant);
    op = Mirrored(*op);
  }
  if (column->kind != BoundKind::kColumn || constant->kind != BoundKind::kConstant ||
      constant->constant.is_null()) {
    return std::nullopt;
  }
  std::optional<StoredColumn> stored = FindStoredColumn(input, column->column_index);
  if (!stored) return std::nullopt;
  return Comparison{std::move(*stored), *op, constant->constant};
}

// The fraction `column = constant` keeps: one of the column's distinct values.
double EqualFraction(const StoredColumn& column, const TableStatistics& statistics) {
  const std::optional<double> distinct = StoredDistinctValues(column, statistics);
  return distinct ? 1.0 / std::max(*distinct, 1.0) : kEqualFraction;
}

// The fraction a list of conditions keeps together, as independent conditions except that
// the ranges on one column are one range.
class ConjunctionEstimate {
 public:
  explicit ConjunctionEstimate(const TableStatistics& statistics) : statistics_(statistics) {}

  void AddComparison(const Comparison& comparison) {
    if (IsRange(comparison.op)) {
      ranges_[comparison.column].Narrow(comparison.op, comparison.constant);
    } else if (comparison.op == storage::CompareOp::kEq) {
      fraction_ *= EqualFraction(comparison.column, statistics_);
    } else {
      fraction_ *= 1.0 - EqualFraction(comparison.column, statistics_);
    }
  }
  void AddFraction(double fraction) { fraction_ *= fraction; }

  double Fraction() const {
    double fraction = fraction_;
    for (const auto& [column, bounds] : ranges_) {
      int comparisons = 0;
      if (bounds.low > -kInfinity) ++comparisons;
      if (bounds.high < kInfinity) ++comparisons;
      fraction *= RangeFraction(column, bounds, statistics_)
                      .value_or(std::pow(kRangeFraction, std::max(comparisons, 1)));
    }
    return fraction;
  }

 private:
  const TableStatistics& statistics_;
  double fraction_ = 1.0;
  std::map<StoredColumn, RangeBounds> ranges_;
};

double ConjunctsSelectivity(const std::vector<BoundExprPtr>& conjuncts,
                            const LogicalOperator& input, const TableStatistics* statistics);

double SelectivityOf(const BoundExpr& conjunct, const LogicalOperator& input,
                     const TableStatistics* statistics) {
  switch (conjunct.kind) {
    case BoundKind::kAnd:
      return ConjunctsSelectivity(conjunct.children, input, statistics);
    case BoundKind::kOr: {
      // Branches taken as disjoint: `a = 1 OR a = 2` keeps two values' rows.
      double fraction = 0;
      for (const BoundExprPtr& branch : conjunct.children) {
        fraction += SelectivityOf(*branch, input, statistics);
      }
      return std::min(fraction, 1.0);
    }
    case BoundKind::kNot:
      return std::max(1.0 - SelectivityOf(*conjunct.children[0], input, statistics), 0.05);
    case BoundKind::kIsNull:
      return conjunct.negated ? kNotNullFraction : 1.0 - kNotNullFraction;
    case BoundKind::kInList: {
      double fraction = kInListFraction;
      const BoundExpr& tested = *conjunct.children[0];
      if (statistics != nullptr && tested.kind == BoundKind::kColumn) {
        std::optional<StoredColumn> column = FindStoredColumn(input, tested.column_index);
        std::optional<double> distinct;
        if (column) distinct = StoredDistinctValues(*column, *statistics);
        if (distinct) {
          const auto items = static_cast<double>(conjunct.children.size() - 1);
          fraction = std::min(items / std::max(*distinct, 1.0), 1.0);
        }
      }
      return conjunct.negated ? std::max(1.0 - fraction, 0.05) : fraction;
    }
    case BoundKind::kCall: {
      if (conjunct.function_name == "~~" || conjunct.function_name == "~~*") return kLikeFraction;
      if (conjunct.function_name == "=" || conjunct.function_name == "<>" ||
          CompareOpOf(conjunct.function_name)) {
        if (statistics != nullptr) {
          if (std::optional<Comparison> comparison = AsComparison(conjunct, input)) {
            ConjunctionEstimate estimate(*statistics);
            estimate.AddComparison(*comparison);
            return estimate.Fraction();
          }
        }
        if (conjunct.function_name == "=") return kEqualFraction;
        if (conjunct.function_name == "<>") return 1.0 - kEqualFraction;
        return kRangeFraction;
      }
      return kOtherFraction;
    }
    default:
      return kOtherFraction;
  }
}

double ConjunctsSelectivity(const std::vector<BoundExprPtr>& conjuncts,
                            const LogicalOperator& input, const TableStatistics* statistics) {
  if (statistics == nullptr) {
    double fraction = 1.0;
    for (const BoundExprPtr& conjunct : conjuncts) {
      fraction *= SelectivityOf(*conjunct, input, statistics);
    }
    return fraction;
  }
  ConjunctionEstimate estimate(*statistics);
  for (const BoundExprPtr& conjunct : conjuncts) {
    std::optional<Comparison> comparison = AsComparison(*conjunct, input);
    if (comparison) {
      estimate.AddComparison(*comparison);
    } else {
      estimate.AddFraction(SelectivityOf(*conjunct, input, statistics));
    }
  }
  return estimate.Fraction();
}

// The fraction of a Get's rows its storage predicates keep.
double PredicatesSelectivity(const LogicalOperator& get, const TableStatistics* statistics) {
  if (statistics == nullptr) {
    double fraction = 1.0;
    for (const storage::ColumnPredicate& predicate : get.predicates) {
      fraction *= predicate.op == storage::CompareOp::kEq          ? kEqualFraction
                  : predicate.op == storage::CompareOp::kIsNotNull ? kNotNullFraction
                                                                   : kRangeFraction;
    }
    return fraction;
  }
  ConjunctionEstimate estimate(*statistics);
  for (const storage::ColumnPredicate& predicate : get.predicates) {
    switch (predicate.op) {
      case storage::CompareOp::kIsNull:
        estimate.AddFraction(1.0 - kNotNullFraction);
        break;
      case storage::CompareOp::kIsNotNull:
        estimate.AddFraction(kNotNullFraction);
        break;
      default:
        estimate.AddComparison(
            Comparison{StoredColumn{&get, predicate.column}, predicate.op, predicate.value});
    }
  }
  return estimate.Fraction();
}

// The fraction of its left rows a semi join keeps: at most half, and at most as many of the
// left key's distinct values as the right input has rows, when an equality names a left
// column whose distinct values are known.
double SemiJoinFraction(const LogicalOperator& semi, const TableStatistics* statistics) {
  double fraction = 0.5;
  const auto left_width = static_cast<int32_t>(semi.children[0]->columns.size());
  std::vector<BoundExprPtr> conjuncts;
  SplitConjuncts(semi.condition, &conjuncts);
  for (const BoundExprPtr& conjunct : conjuncts) {
    if (conjunct->kind != BoundKind::kCall || conjunct->function_name != "=") continue;
    for (const BoundExprPtr& side : conjunct->children) {
      if (side->kind != BoundKind::kColumn || side->column_index >= left_width) continue;
      const std::optional<double> distinct =
          DistinctValues(*semi.children[0], side->column_index, statistics);
      if (!distinct || *distinct < 1) continue;
      fraction = std::min(fraction, EstimateRows(*semi.children[1], statistics) / *distinct);
    }
  }
  return fraction;
}

}  // namespace

std::optional<double> DistinctValues(const LogicalOperator& plan, int32_t column,
                                     const TableStatistics* statistics) {
  if (statistics == nullptr) return std::nullopt;
  const std::optional<StoredColumn> stored = FindStoredColumn(plan, column);
  if (!stored) return std::nullopt;
  return StoredDistinctValues(*stored, *statistics);
}

double Selectivity(const BoundExpr& conjunct, const LogicalOperator& input,
                   const TableStatistics* statistics) {
  return SelectivityOf(conjunct, input, statistics);
}

double EstimateRows(const LogicalOperator& plan, const TableStatistics* statistics) {
  auto child = [&](size_t i) { return EstimateRows(*plan.children[i], statistics); };
  switch (plan.kind) {
    case LogicalKind::kGet: {
      std::optional<int64_t> rows;
      if (statistics != nullptr) rows = statistics->RowCount(plan.database, plan.table);
      const double estimate = rows ? static_cast<double>(*rows) : kUnknownTableRows;
      return std::max(estimate * PredicatesSelectivity(plan, statistics), 1.0);
    }
    case LogicalKind::kFilter: {
      std::vector<BoundExprPtr> conjuncts;
      SplitConjuncts(plan.condition, &conjuncts);
      const double fraction = ConjunctsSelectivity(conjuncts, *plan.children[0], statistics);
      return std::max(child(0) * fraction, 1.0);
    }
    case LogicalKind::kValues:
      return static_cast<double>(std::max<size_t>(plan.rows.size(), 1));
    case LogicalKind::kLimit:
      return plan.limit >= 0 ? std::min(child(0), static_cast<double>(plan.limit) + 1) : child(0);
    case LogicalKind::kAggregate: {
      if (plan.groups.empty()) return 1.0;
      // The product of the keys' distinct values when all are known (at most the input's
      // rows), a tenth of the input otherwise.
      double groups = 1.0;
      for (const BoundExprPtr& group : plan.groups) {
        std::optional<double> distinct;
        if (group->kind == BoundKind::kColumn) {
          distinct = DistinctValues(*plan.children[0], group->column_index, statistics);
        }
        groups = distinct ? groups * std::max(*distinct, 1.0) : kInfinity;
      }
      const double input = child(0);
      return std::max(groups < kInfinity ? std::min(input, groups) : input * 0.1, 1.0);
    }
    case LogicalKind::kDistinct:
      return std::max(child(0) * 0.5, 1.0);
    case LogicalKind::kJoin:
      switch (plan.join_type) {
        case JoinType::kCross:
          return child(0) * child(1);
        case JoinType::kInner:
          return plan.condition == nullptr ? child(0) * child(1) : std::max(child(0), child(1));
        case JoinType::kSemi:
          return std::max(child(0) * SemiJoinFraction(plan, statistics), 1.0);
        case JoinType::kAnti:
          return std::max(child(0) * 0.5, 1.0);
        case JoinType::kLeft:
        case JoinType::kSingle:
          return child(0);
        case JoinType::kRight:
          return child(1);
        case JoinType::kFull:
          return child(0) + child(1);
      }
      return child(0);
    case LogicalKind::kSetOp: {
      double total = 0;
      for (size_t i = 0; i < plan.children.size(); ++i) total += child(i);
      return total;
    }
    default:
      return plan.children.empty() ? 1.0 : child(0);
  }
}

}  // namespace boyodb::sql
