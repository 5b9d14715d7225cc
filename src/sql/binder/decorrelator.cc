#include "sql/binder/decorrelator.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "common/sqlstate.h"
#include "sql/binder/expression_binder.h"
#include "sql/optimizer/conjuncts.h"

namespace boyodb::sql {

using types::DataType;

namespace {

Status NotYet(std::string_view what) {
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                std::string(what) + " in a correlated subquery is not supported yet");
}

// Outer references of a plan, as seen from the plan's own level: depth 1 is the query the plan
// is a subquery of. `beyond` is set when something reaches further out (or a nested subquery
// reaches this plan's outer query), which the decorrelator does not handle yet.
struct OuterRefs {
  std::set<int32_t> columns;
  bool beyond = false;
};

void CollectPlan(const LogicalOperator& op, int32_t depth, OuterRefs* refs);

void CollectExpr(const BoundExpr& expr, int32_t depth, OuterRefs* refs) {
  if (expr.kind == BoundKind::kOuterColumn) {
    if (expr.depth == depth && depth == 1) {
      refs->columns.insert(expr.column_index);
    } else if (expr.depth >= depth) {
      refs->beyond = true;
    }
  }
  if (expr.kind == BoundKind::kSubquery) CollectPlan(*expr.subquery, depth + 1, refs);
  for (const BoundExprPtr& child : expr.children) CollectExpr(*child, depth, refs);
}

void CollectPlan(const LogicalOperator& op, int32_t depth, OuterRefs* refs) {
  auto visit = [&](const BoundExprPtr& expr) {
    if (expr != nullptr) CollectExpr(*expr, depth, refs);
  };
  visit(op.condition);
  for (const BoundExprPtr& expr : op.exprs) visit(expr);
  for (const BoundExprPtr& expr : op.groups) visit(expr);
  for (const BoundAggregate& aggregate : op.aggregates) {
    for (const BoundExprPtr& arg : aggregate.args) visit(arg);
    visit(aggregate.filter);
  }
  for (const SortKey& key : op.order) visit(key.expr);
  for (const auto& row : op.rows) {
    for (const BoundExprPtr& expr : row) visit(expr);
  }
  for (const LogicalPtr& child : op.children) CollectPlan(*child, depth, refs);
}

}  // namespace

bool ReadsEnclosingQueries(const LogicalOperator& plan) {
  OuterRefs refs;
  CollectPlan(plan, 1, &refs);
  return !refs.columns.empty() || refs.beyond;
}

std::vector<int32_t> OuterColumnsOf(const LogicalOperator& plan) {
  OuterRefs refs;
  CollectPlan(plan, 1, &refs);
  return std::vector<int32_t>(refs.columns.begin(), refs.columns.end());
}

namespace {

bool Correlated(const LogicalOperator& op) {
  OuterRefs refs;
  CollectPlan(op, 1, &refs);
  return !refs.columns.empty() || refs.beyond;
}

// Rebuilds `expr` with every column reference passed through `map` (other nodes copied).
BoundExprPtr MapColumns(const BoundExprPtr& expr,
                        const std::function<BoundExprPtr(const BoundExpr&)>& map) {
  if (expr == nullptr) return expr;
  if (expr->kind == BoundKind::kColumn || expr->kind == BoundKind::kOuterColumn) {
    BoundExprPtr mapped = map(*expr);
    if (mapped != nullptr) return mapped;
  }
  if (expr->children.empty()) return expr;
  auto copy = std::make_shared<BoundExpr>(*expr);
  for (BoundExprPtr& child : copy->children) child = MapColumns(child, map);
  return copy;
}

LogicalPtr MakeJoinNode(LogicalPtr left, LogicalPtr right, JoinType type, BoundExprPtr condition,
                        bool null_safe) {
  auto join = std::make_shared<LogicalOperator>();
  join->kind = LogicalKind::kJoin;
  join->join_type = type;
  join->null_safe_keys = null_safe;
  join->columns = left->columns;
  join->columns.insert(join->columns.end(), right->columns.begin(), right->columns.end());
  join->condition = std::move(condition);
  join->children = {std::move(left), std::move(right)};
  return join;
}

LogicalPtr MakeProjectNode(LogicalPtr input, std::vector<BoundExprPtr> exprs,
                           std::vector<OutputColumn> columns) {
  auto project = std::make_shared<LogicalOperator>();
  project->kind = LogicalKind::kProject;
  project->columns = std::move(columns);
  project->exprs = std::move(exprs);
  project->children.push_back(std::move(input));
  return project;
}

// Rewrites one correlated subquery plan so that it runs for every value of the domain (the
// distinct values of the outer columns it reads) at once.
class Unnester {
 public:
  Unnester(std::vector<int32_t> outer_columns, LogicalPtr domain, const FunctionResolver& resolver)
      : outer_columns_(std::move(outer_columns)), domain_(std::move(domain)), resolver_(resolver) {}

  int32_t width() const { return static_cast<int32_t>(outer_columns_.size()); }
  const LogicalPtr& domain() const { return domain_; }

  /// `op` for every domain value: its columns followed by the domain's.
  Result<LogicalPtr> PushDown(const LogicalOperator& op) {
    if (!Correlated(op)) {
      return MakeJoinNode(std::make_shared<LogicalOperator>(op), domain_, JoinType::kCross, nullptr,
                          false);
    }
    const int32_t k = width();
    switch (op.kind) {
      case LogicalKind::kFilter: {
        if (!Correlated(*op.children[0])) {
          LogicalPtr direct = PushDownEquatedFilter(op);
          if (direct != nullptr) return direct;
        }
        const int32_t w = Width(*op.children[0]);
        BOYO_ASSIGN_OR_RETURN(LogicalPtr child, PushDown(*op.children[0]));
        auto filter = std::make_shared<LogicalOperator>(op);
        filter->condition = Rewrite(op.condition, w, w);
        filter->columns = child->columns;
        filter->children = {std::move(child)};
        return LogicalPtr(std::move(filter));
      }
      case LogicalKind::kProject: {
        const int32_t w = Width(*op.children[0]);
        BOYO_ASSIGN_OR_RETURN(LogicalPtr child, PushDown(*op.children[0]));
        auto project = std::make_shared<LogicalOperator>(op);
        project->exprs.clear();
        for (const BoundExprPtr& expr : op.exprs) project->exprs.push_back(Rewrite(expr, w, w));
        for (int32_t i = 0; i < k; ++i) {
          project->exprs.push_back(
              MakeColumn(w + i, child->columns[static_cast<size_t>(w + i)].type));
          project->columns.push_back(child->columns[static_cast<size_t>(w + i)]);
        }
        project->children = {std::move(child)};
        return LogicalPtr(std::move(project));
      }
      case LogicalKind::kProjectSet: {
        // Set-returning calls (unnest(t.tags), generate_series(1, t.n)) for each domain value:
        // the calls run over the pushed-down input, then the domain columns go last again.
        const int32_t w = Width(*op.children[0]);
        BOYO_ASSIGN_OR_RETURN(LogicalPtr child, PushDown(*op.children[0]));
        auto project_set = std::make_shared<LogicalOperator>(op);
        project_set->exprs.clear();
        for (const BoundExprPtr& expr : op.exprs) {
          project_set->exprs.push_back(Rewrite(expr, w, w));
        }
        const auto sets = static_cast<int32_t>(op.columns.size()) - w;
        project_set->columns = child->columns;
        for (int32_t i = 0; i < sets; ++i) {
          project_set->columns.push_back(op.columns[static_cast<size_t>(w + i)]);
        }
        project_set->children = {std::move(child)};
        std::vector<int32_t> order;
        for (int32_t i = 0; i < w; ++i) order.push_back(i);
        for (int32_t i = 0; i < sets; ++i) order.push_back(w + k + i);
        for (int32_t i = 0; i < k; ++i) order.push_back(w + i);
        std::vector<BoundExprPtr> exprs;
        std::vector<OutputColumn> columns;
        for (const int32_t column : order) {
          const OutputColumn& output = project_set->columns[static_cast<size_t>(column)];
          exprs.push_back(MakeColumn(column, output.type));
          columns.push_back(output);
        }
        return MakeProjectNode(std::move(project_set), std::move(exprs), std::move(columns));
      }
      case LogicalKind::kAggregate:
        return PushDownAggregate(op);
      case LogicalKind::kDistinct: {
        BOYO_ASSIGN_OR_RETURN(LogicalPtr child, PushDown(*op.children[0]));
        auto distinct = std::make_shared<LogicalOperator>(op);
        distinct->columns = child->columns;
        distinct->children = {std::move(child)};
        return LogicalPtr(std::move(distinct));
      }
      case LogicalKind::kSort:
        // Without LIMIT the order of a subquery's rows does not matter.
        return PushDown(*op.children[0]);
      case LogicalKind::kJoin:
        return PushDownJoin(op);
      case LogicalKind::kLimit:
        return PushDownLimit(op);
      case LogicalKind::kSetOp:
        return NotYet("UNION, INTERSECT or EXCEPT");
      default:
        return NotYet("this construct");
    }
  }

  /// Whether a domain value without subquery rows still gets its row (an aggregate without
  /// GROUP BY over no rows); the caller turns it off when a missing row reads the same.
  void set_rows_for_empty_domain_values(bool rows) { rows_for_empty_domain_values_ = rows; }

 private:
  static int32_t Width(const LogicalOperator& op) {
    return static_cast<int32_t>(op.columns.size());
  }

  // A filter over an uncorrelated input whose condition equates every outer column with an
  // expression of the input (`l_partkey = p_partkey`): the input's rows carry that
  // expression as the domain value, so the domain itself (the outer query's distinct values,
  // computed by running the outer query's input once more) is not needed. Values outside the
  // domain give extra groups, which the join back to the outer rows drops. Null if the
  // condition does not have that form.
  LogicalPtr PushDownEquatedFilter(const LogicalOperator& op) {
    const int32_t k = width();
    std::vector<BoundExprPtr> conjuncts;
    SplitConjuncts(op.condition, &conjuncts);
    std::vector<BoundExprPtr> equated(static_cast<size_t>(k));
    std::vector<bool> used(conjuncts.size(), false);
    for (size_t c = 0; c < conjuncts.size(); ++c) {
      const BoundExpr& conjunct = *conjuncts[c];
      if (conjunct.kind != BoundKind::kCall || conjunct.function_name != "=" ||
          conjunct.children.size() != 2) {
        continue;
      }
      for (size_t side = 0; side < 2 && !used[c]; ++side) {
        const BoundExpr& outer = *conjunct.children[side];
        const BoundExprPtr& inner = conjunct.children[1 - side];
        if (outer.kind != BoundKind::kOuterColumn || outer.depth != 1 ||
            inner->type != outer.type || !OverInputOnly(*inner)) {
          continue;
        }
        const int32_t d = DomainIndex(outer.column_index);
        if (d >= k || outer_columns_[static_cast<size_t>(d)] != outer.column_index ||
            equated[static_cast<size_t>(d)] != nullptr) {
          continue;
        }
        equated[static_cast<size_t>(d)] = inner;
        used[c] = true;
      }
    }
    for (const BoundExprPtr& inner : equated) {
      if (inner == nullptr) return nullptr;
    }
    // The other conjuncts read the equated expressions in place of the outer columns; a NULL
    // equals nothing, so rows whose value is NULL belong to no domain value.
    std::vector<BoundExprPtr> kept;
    for (size_t c = 0; c < conjuncts.size(); ++c) {
      if (used[c]) continue;
      kept.push_back(MapColumns(conjuncts[c], [&](const BoundExpr& column) -> BoundExprPtr {
        if (column.kind != BoundKind::kOuterColumn || column.depth != 1) return nullptr;
        return equated[static_cast<size_t>(DomainIndex(column.column_index))];
      }));
    }
    for (const BoundExprPtr& inner : equated) kept.push_back(MakeIsNull(inner, true));
    auto filter = std::make_shared<LogicalOperator>();
    filter->kind = LogicalKind::kFilter;
    filter->columns = op.children[0]->columns;
    filter->condition = Conjunction(std::move(kept));
    filter->children = op.children;
    const int32_t w = Width(*op.children[0]);
    std::vector<BoundExprPtr> exprs;
    std::vector<OutputColumn> columns = filter->columns;
    for (int32_t i = 0; i < w; ++i) {
      exprs.push_back(MakeColumn(i, columns[static_cast<size_t>(i)].type));
    }
    for (const BoundExprPtr& inner : equated) exprs.push_back(inner);
    for (const OutputColumn& column : DomainColumns()) columns.push_back(column);
    return MakeProjectNode(std::move(filter), std::move(exprs), std::move(columns));
  }

  // No outer reference, subquery or volatile call: the expression is a function of one input
  // row.
  static bool OverInputOnly(const BoundExpr& expr) {
    if (expr.kind == BoundKind::kOuterColumn || expr.kind == BoundKind::kSubquery) return false;
    if (expr.kind == BoundKind::kCall && expr.volatility == Volatility::kVolatile) return false;
    for (const BoundExprPtr& child : expr.children) {
      if (!OverInputOnly(*child)) return false;
    }
    return true;
  }

  // Column references of an expression written over an input of `old_width` columns, for the
  // same input followed by the domain columns at `domain_base`: input columns keep their
  // positions, outer references become domain columns.
  BoundExprPtr Rewrite(const BoundExprPtr& expr, int32_t domain_base, int32_t old_width) {
    (void)old_width;
    return MapColumns(expr, [&](const BoundExpr& column) -> BoundExprPtr {
      if (column.kind != BoundKind::kOuterColumn || column.depth != 1) return nullptr;
      return MakeColumn(domain_base + DomainIndex(column.column_index), column.type);
    });
  }

  int32_t DomainIndex(int32_t outer_column) const {
    return static_cast<int32_t>(
        std::lower_bound(outer_columns_.begin(), outer_columns_.end(), outer_column) -
        outer_columns_.begin());
  }

  std::vector<OutputColumn> DomainColumns() const { return domain_->columns; }

  // LIMIT (over an ORDER BY or not) for every domain value: the rows numbered within their
  // domain value in the sort order, filtered to the window OFFSET and LIMIT leave.
  Result<LogicalPtr> PushDownLimit(const LogicalOperator& op) {
    if (!op.tie_columns.empty()) return NotYet("FETCH ... WITH TIES");
    const int32_t k = width();
    const LogicalOperator* input = op.children[0].get();
    std::vector<SortKey> order;
    if (input->kind == LogicalKind::kSort) {
      order = input->order;
      input = input->children[0].get();
    }
    const int32_t w = Width(*input);
    BOYO_ASSIGN_OR_RETURN(LogicalPtr child, PushDown(*input));
    BoundWindow number;
    number.kind = BoundWindow::Kind::kRowNumber;
    number.name = "row_number";
    number.type = DataType::Int64();
    for (int32_t i = 0; i < k; ++i) {
      number.partition_by.push_back(
          MakeColumn(w + i, child->columns[static_cast<size_t>(w + i)].type));
    }
    for (SortKey key : order) {
      key.expr = Rewrite(key.expr, w, w);
      number.order_by.push_back(std::move(key));
    }
    number.frame.units = WindowFrame::Units::kRows;
    auto window = std::make_shared<LogicalOperator>();
    window->kind = LogicalKind::kWindow;
    window->columns = child->columns;
    window->columns.push_back({"row_number", DataType::Int64()});
    window->windows.push_back(std::move(number));
    window->children.push_back(child);
    const BoundExprPtr row_number = MakeColumn(w + k, DataType::Int64());
    std::vector<BoundExprPtr> bounds;
    if (op.offset > 0) {
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr after, Compare(">", row_number, op.offset));
      bounds.push_back(std::move(after));
    }
    if (op.limit >= 0) {
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr within, Compare("<=", row_number, op.offset + op.limit));
      bounds.push_back(std::move(within));
    }
    LogicalPtr kept = window;
    if (!bounds.empty()) {
      auto filter = std::make_shared<LogicalOperator>();
      filter->kind = LogicalKind::kFilter;
      filter->columns = window->columns;
      filter->condition = Conjunction(std::move(bounds));
      filter->children.push_back(std::move(window));
      kept = std::move(filter);
    }
    std::vector<BoundExprPtr> exprs;
    for (size_t i = 0; i < child->columns.size(); ++i) {
      exprs.push_back(MakeColumn(static_cast<int32_t>(i), child->columns[i].type));
    }
    return MakeProjectNode(std::move(kept), std::move(exprs), child->columns);
  }

  Result<BoundExprPtr> Compare(const std::string& name, const BoundExprPtr& value,
                               int64_t bound) const {
    BOYO_ASSIGN_OR_RETURN(
        ResolvedCall call,
        resolver_.ResolveScalar(name, {value, MakeConstant(types::Value::Int64(bound))}, true, 0));
    return MakeScalarCall(name, std::move(call));
  }

  Result<LogicalPtr> PushDownAggregate(const LogicalOperator& op) {
    if (!op.grouping_sets.empty()) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "correlated subqueries with GROUPING SETS, ROLLUP or CUBE are not supported");
    }
    const int32_t k = width();
    const int32_t w = Width(*op.children[0]);
    BOYO_ASSIGN_OR_RETURN(LogicalPtr child, PushDown(*op.children[0]));
    auto aggregate = std::make_shared<LogicalOperator>();
    aggregate->kind = LogicalKind::kAggregate;
    for (const BoundExprPtr& group : op.groups) aggregate->groups.push_back(Rewrite(group, w, w));
    for (int32_t i = 0; i < k; ++i) {
      aggregate->groups.push_back(
          MakeColumn(w + i, child->columns[static_cast<size_t>(w + i)].type));
    }
    for (const BoundAggregate& call : op.aggregates) {
      BoundAggregate rewritten = call;
      for (BoundExprPtr& arg : rewritten.args) arg = Rewrite(arg, w, w);
      rewritten.filter = Rewrite(call.filter, w, w);
      aggregate->aggregates.push_back(std::move(rewritten));
    }
    const size_t num_groups = op.groups.size();
    for (size_t g = 0; g < aggregate->groups.size(); ++g) {
      aggregate->columns.push_back({"group" + std::to_string(g), aggregate->groups[g]->type});
    }
    for (const BoundAggregate& call : aggregate->aggregates) {
      aggregate->columns.push_back({call.name, call.type});
    }
    aggregate->children = {std::move(child)};
    // Reorder to the operator's columns followed by the domain.
    std::vector<BoundExprPtr> exprs;
    std::vector<OutputColumn> columns;
    const size_t num_all_groups = aggregate->groups.size();
    for (size_t g = 0; g < num_groups; ++g) {
      exprs.push_back(MakeColumn(static_cast<int32_t>(g), aggregate->columns[g].type));
    }
    for (size_t a = 0; a < aggregate->aggregates.size(); ++a) {
      exprs.push_back(MakeColumn(static_cast<int32_t>(num_all_groups + a),
                                 aggregate->columns[num_all_groups + a].type));
    }
    for (int32_t i = 0; i < k; ++i) {
      exprs.push_back(MakeColumn(static_cast<int32_t>(num_groups) + i,
                                 aggregate->columns[num_groups + static_cast<size_t>(i)].type));
    }
    columns = op.columns;
    for (const OutputColumn& column : DomainColumns()) columns.push_back(column);
    LogicalPtr reordered = MakeProjectNode(std::move(aggregate), std::move(exprs), columns);
    if (num_groups > 0 || !rows_for_empty_domain_values_) return reordered;

    // An aggregate without GROUP BY has a row for every domain value, even one with no input
    // rows: join the domain with the results and give count its empty-input value, 0.
    std::vector<BoundExprPtr> keys;
    const int32_t right_base = k;
    const int32_t right_domain = right_base + static_cast<int32_t>(op.columns.size());
    for (int32_t i = 0; i < k; ++i) {
      const DataType& type = domain_->columns[static_cast<size_t>(i)].type;
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr equal,
                            Equal(MakeColumn(i, type), MakeColumn(right_domain + i, type)));
      keys.push_back(std::move(equal));
    }
    LogicalPtr joined =
        MakeJoinNode(domain_, reordered, JoinType::kLeft, Conjunction(std::move(keys)), true);
    std::vector<BoundExprPtr> out;
    for (size_t a = 0; a < op.aggregates.size(); ++a) {
      BoundExprPtr value = MakeColumn(right_base + static_cast<int32_t>(a), op.columns[a].type);
      if (op.aggregates[a].name == "count") {
        auto coalesce = std::make_shared<BoundExpr>();
        coalesce->kind = BoundKind::kCoalesce;
        coalesce->type = value->type;
        coalesce->children = {value, MakeConstant(types::Value::Int64(0))};
        value = std::move(coalesce);
      }
      out.push_back(std::move(value));
    }
    for (int32_t i = 0; i < k; ++i) {
      out.push_back(MakeColumn(i, domain_->columns[static_cast<size_t>(i)].type));
    }
    return MakeProjectNode(std::move(joined), std::move(out), columns);
  }

  Result<LogicalPtr> PushDownJoin(const LogicalOperator& op) {
    const int32_t k = width();
    const LogicalOperator& left = *op.children[0];
    const LogicalOperator& right = *op.children[1];
    const int32_t lw = Width(left);
    const int32_t rw = Width(right);
    const bool left_correlated = Correlated(left);
    const bool right_correlated = Correlated(right);
    const bool inner = op.join_type == JoinType::kInner || op.join_type == JoinType::kCross;
    if (left_correlated && right_correlated) return NotYet("a join of two correlated inputs");
    if (right_correlated) {
      if (!inner) return NotYet("an outer join with a correlated inner side");
      BOYO_ASSIGN_OR_RETURN(LogicalPtr pushed, PushDown(right));
      auto join = std::make_shared<LogicalOperator>(op);
      join->condition = Rewrite(op.condition, lw + rw, lw + rw);
      join->columns = op.columns;
      for (const OutputColumn& column : DomainColumns()) join->columns.push_back(column);
      join->children = {op.children[0], std::move(pushed)};
      if (join->join_type == JoinType::kCross && join->condition != nullptr) {
        join->join_type = JoinType::kInner;
      }
      return LogicalPtr(std::move(join));
    }
    if (!inner && op.join_type != JoinType::kLeft) {
      return NotYet("this outer join");
    }
    // Correlation in the left input or only in the condition: the domain rides on the left.
    BOYO_ASSIGN_OR_RETURN(LogicalPtr pushed, PushDown(left));
    auto join = std::make_shared<LogicalOperator>(op);
    join->condition = MapColumns(op.condition, [&](const BoundExpr& column) -> BoundExprPtr {
      if (column.kind == BoundKind::kOuterColumn && column.depth == 1) {
        return MakeColumn(lw + DomainIndex(column.column_index), column.type);
      }
      if (column.kind == BoundKind::kColumn && column.column_index >= lw) {
        return MakeColumn(column.column_index + k, column.type);
      }
      return nullptr;
    });
    if (join->join_type == JoinType::kCross && join->condition != nullptr) {
      join->join_type = JoinType::kInner;
    }
    join->columns = pushed->columns;
    join->columns.insert(join->columns.end(), right.columns.begin(), right.columns.end());
    join->children = {std::move(pushed), op.children[1]};
    // Reorder to left, right, domain.
    std::vector<BoundExprPtr> exprs;
    std::vector<OutputColumn> columns;
    for (int32_t i = 0; i < lw; ++i)
      exprs.push_back(MakeColumn(i, join->columns[static_cast<size_t>(i)].type));
    for (int32_t i = 0; i < rw; ++i) {
      exprs.push_back(MakeColumn(lw + k + i, join->columns[static_cast<size_t>(lw + k + i)].type));
    }
    for (int32_t i = 0; i < k; ++i)
      exprs.push_back(MakeColumn(lw + i, join->columns[static_cast<size_t>(lw + i)].type));
    columns = op.columns;
    for (const OutputColumn& column : DomainColumns()) columns.push_back(column);
    return MakeProjectNode(std::move(join), std::move(exprs), std::move(columns));
  }

 public:
  Result<BoundExprPtr> Equal(BoundExprPtr left, BoundExprPtr right) const {
    BOYO_ASSIGN_OR_RETURN(
        ResolvedCall call,
        resolver_.ResolveScalar("=", {std::move(left), std::move(right)}, true, 0));
    return MakeScalarCall("=", std::move(call));
  }

  static BoundExprPtr Conjunction(std::vector<BoundExprPtr> terms) {
    if (terms.empty()) return nullptr;
    if (terms.size() == 1) return terms.front();
    return MakeLogical(BoundKind::kAnd, std::move(terms));
  }

 private:
  std::vector<int32_t> outer_columns_;
  LogicalPtr domain_;
  const FunctionResolver& resolver_;
  bool rows_for_empty_domain_values_ = true;
};

// The distinct values of `columns` of `input`.
LogicalPtr MakeDomain(const LogicalPtr& input, const std::vector<int32_t>& columns) {
  std::vector<BoundExprPtr> exprs;
  std::vector<OutputColumn> outputs;
  for (int32_t column : columns) {
    const OutputColumn& source = input->columns[static_cast<size_t>(column)];
    exprs.push_back(MakeColumn(column, source.type));
    outputs.push_back({"domain_" + source.name, source.type});
  }
  LogicalPtr project = MakeProjectNode(input, std::move(exprs), outputs);
  auto distinct = std::make_shared<LogicalOperator>();
  distinct->kind = LogicalKind::kDistinct;
  distinct->columns = std::move(outputs);
  distinct->children.push_back(std::move(project));
  return distinct;
}

// Whether an expression is NULL whenever every column it reads is (a strict arithmetic over
// them, like `0.2 * avg(x)`).
bool NullWhenColumnsAreNull(const BoundExpr& expr) {
  switch (expr.kind) {
    case BoundKind::kColumn:
      return true;
    case BoundKind::kCast:
      return NullWhenColumnsAreNull(*expr.children[0]);
    case BoundKind::kCall: {
      static const std::set<std::string> kStrict = {"+", "-", "*", "/"};
      if (kStrict.count(expr.function_name) == 0) return false;
      for (const BoundExprPtr& child : expr.children) {
        if (NullWhenColumnsAreNull(*child)) return true;
      }
      return false;
    }
    default:
      return false;
  }
}

// Whether a scalar subquery that is an aggregate without GROUP BY (under projections) gives
// NULL over no rows in every column: then the left join that finds no row for an outer value
// reads the same as the aggregate over no rows, and the decorrelated plan needs no row per
// domain value (count, whose empty value is 0, does).
bool MissingRowReadsAsNoRows(const LogicalOperator& subquery) {
  const LogicalOperator* op = &subquery;
  std::vector<const LogicalOperator*> projects;
  while (op->kind == LogicalKind::kProject) {
    projects.push_back(op);
    op = op->children[0].get();
  }
  if (op->kind != LogicalKind::kAggregate || !op->groups.empty() || !op->grouping_sets.empty()) {
    return false;
  }
  static const std::set<std::string> kNullOverNoRows = {"sum", "avg", "min", "max"};
  for (const BoundAggregate& aggregate : op->aggregates) {
    if (kNullOverNoRows.count(aggregate.name) == 0 || aggregate.is_grouping) return false;
  }
  for (const LogicalOperator* project : projects) {
    for (const BoundExprPtr& expr : project->exprs) {
      if (!NullWhenColumnsAreNull(*expr)) return false;
    }
  }
  return true;
}

class Rewriter {
 public:
  Rewriter(LogicalPtr input, const FunctionResolver& resolver)
      : original_(input), plan_(std::move(input)), resolver_(resolver) {}

  LogicalPtr plan() const { return plan_; }

  Result<BoundExprPtr> Replace(const BoundExprPtr& expr) {
    if (expr->kind == BoundKind::kSubquery) {
      OuterRefs refs;
      CollectPlan(*expr->subquery, 1, &refs);
      if (refs.beyond) {
        return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      "subqueries correlated with a query two or more levels out are not "
                      "supported yet");
      }
      if (!refs.columns.empty()) return Unnest(*expr, refs);
    }
    if (expr->children.empty()) return expr;
    auto copy = std::make_shared<BoundExpr>(*expr);
    for (BoundExprPtr& child : copy->children) {
      BOYO_ASSIGN_OR_RETURN(child, Replace(child));
    }
    return BoundExprPtr(std::move(copy));
  }

 private:
  int32_t width() const { return static_cast<int32_t>(plan_->columns.size()); }

  // Joins `right` (whose last k columns are the domain) to the plan on the domain values.
  Result<LogicalPtr> JoinOnDomain(const Unnester& unnester, const std::vector<int32_t>& columns,
                                  LogicalPtr right, JoinType type) {
    const int32_t base = width();
    const int32_t domain_start =
        base + static_cast<int32_t>(right->columns.size()) - unnester.width();
    std::vector<BoundExprPtr> keys;
    for (size_t i = 0; i < columns.size(); ++i) {
      const DataType& type_i = plan_->columns[static_cast<size_t>(columns[i])].type;
      BOYO_ASSIGN_OR_RETURN(
          BoundExprPtr equal,
          unnester.Equal(MakeColumn(columns[i], type_i),
                         MakeColumn(domain_start + static_cast<int32_t>(i), type_i)));
      keys.push_back(std::move(equal));
    }
    const JoinType join_type = keys.empty() ? JoinType::kCross : type;
    return MakeJoinNode(plan_, std::move(right), join_type, Unnester::Conjunction(std::move(keys)),
                        true);
  }

  Result<BoundExprPtr> Unnest(const BoundExpr& expr, const OuterRefs& refs) {
    std::set<int32_t> column_set = refs.columns;
    std::vector<BoundExprPtr> tests;
    if (expr.subquery_form == SubqueryForm::kAny || expr.subquery_form == SubqueryForm::kAll) {
      // The tested fields are outer expressions of the comparison inside the subquery.
      for (const BoundExprPtr& field : expr.children) {
        BoundExprPtr test = MapColumns(field, [&](const BoundExpr& column) -> BoundExprPtr {
          if (column.kind != BoundKind::kColumn) return nullptr;
          column_set.insert(column.column_index);
          auto outer = std::make_shared<BoundExpr>(column);
          outer->kind = BoundKind::kOuterColumn;
          outer->depth = 1;
          return outer;
        });
        if (test->kind == BoundKind::kSubquery || HasCorrelatedSubquery(*test)) {
          return NotYet("a subquery inside the tested value of ANY/ALL");
        }
        tests.push_back(std::move(test));
      }
    }
    const std::vector<int32_t> columns(column_set.begin(), column_set.end());
    Unnester unnester(columns, MakeDomain(original_, columns), resolver_);
    const int32_t k = unnester.width();
    switch (expr.subquery_form) {
      case SubqueryForm::kScalar: {
        // The fields of a row subquery share its plan: join it once, read each column.
        auto joined = joined_scalars_.find(expr.subquery.get());
        if (joined == joined_scalars_.end()) {
          unnester.set_rows_for_empty_domain_values(!MissingRowReadsAsNoRows(*expr.subquery));
          BOYO_ASSIGN_OR_RETURN(LogicalPtr pushed, unnester.PushDown(*expr.subquery));
          const int32_t value = width();
          BOYO_ASSIGN_OR_RETURN(plan_, JoinOnDomain(unnester, columns, pushed, JoinType::kSingle));
          joined = joined_scalars_.emplace(expr.subquery.get(), value).first;
        }
        return MakeColumn(joined->second + expr.subquery_column, expr.type);
      }
      case SubqueryForm::kExists: {
        BOYO_ASSIGN_OR_RETURN(LogicalPtr pushed, unnester.PushDown(*expr.subquery));
        // The domain values that have at least one row, with a TRUE marker.
        const int32_t pushed_width = static_cast<int32_t>(pushed->columns.size());
        auto having_rows = std::make_shared<LogicalOperator>();
        having_rows->kind = LogicalKind::kAggregate;
        std::vector<BoundExprPtr> exprs;
        std::vector<OutputColumn> outputs;
        for (int32_t i = 0; i < k; ++i) {
          const OutputColumn& column = pushed->columns[static_cast<size_t>(pushed_width - k + i)];
          having_rows->groups.push_back(MakeColumn(pushed_width - k + i, column.type));
          having_rows->columns.push_back(column);
          exprs.push_back(MakeColumn(i, column.type));
          outputs.push_back(column);
        }
        having_rows->children.push_back(std::move(pushed));
        exprs.push_back(MakeConstant(types::Value::Boolean(true)));
        outputs.push_back({"exists", DataType::Boolean()});
        // The domain columns must come last for JoinOnDomain: put the marker first.
        std::rotate(exprs.begin(), exprs.end() - 1, exprs.end());
        std::rotate(outputs.begin(), outputs.end() - 1, outputs.end());
        LogicalPtr marked =
            MakeProjectNode(std::move(having_rows), std::move(exprs), std::move(outputs));
        const int32_t marker = width();
        BOYO_ASSIGN_OR_RETURN(plan_, JoinOnDomain(unnester, columns, marked, JoinType::kLeft));
        return MakeIsNull(MakeColumn(marker, DataType::Boolean()), /*negated=*/true);
      }
      case SubqueryForm::kAny:
      case SubqueryForm::kAll: {
        const bool any = expr.subquery_form == SubqueryForm::kAny;
        // cmp = test op value, computed inside the subquery: the comparison's columns
        // 0..n-1 are the tested fields, n..2n-1 the subquery's columns.
        const LogicalOperator& subquery = *expr.subquery;
        const int32_t n = static_cast<int32_t>(tests.size());
        BoundExprPtr compare =
            MapColumns(expr.comparison, [&](const BoundExpr& column) -> BoundExprPtr {
              if (column.kind != BoundKind::kColumn) return nullptr;
              const int32_t index = column.column_index;
              if (index < n) return tests[static_cast<size_t>(index)];
              return MakeColumn(index - n, subquery.columns[static_cast<size_t>(index - n)].type);
            });
        LogicalPtr with_compare = MakeProjectNode(expr.subquery, {compare},
                                                  {OutputColumn{"compare", DataType::Boolean()}});
        BOYO_ASSIGN_OR_RETURN(LogicalPtr pushed, unnester.PushDown(*with_compare));
        // Per domain value: bool_or(cmp) (ANY) or bool_or(NOT cmp) (ALL), count(*), count(cmp).
        const BoundExprPtr cmp = MakeColumn(0, DataType::Boolean());
        BOYO_ASSIGN_OR_RETURN(BoundAggregate decided,
                              MakeAggregateCall(resolver_, "bool_or",
                                                {any ? cmp : MakeLogical(BoundKind::kNot, {cmp})}));
        BOYO_ASSIGN_OR_RETURN(BoundAggregate rows, MakeAggregateCall(resolver_, "count", {}));
        BOYO_ASSIGN_OR_RETURN(BoundAggregate known, MakeAggregateCall(resolver_, "count", {cmp}));
        auto aggregate = std::make_shared<LogicalOperator>();
        aggregate->kind = LogicalKind::kAggregate;
        for (int32_t i = 0; i < k; ++i) {
          const OutputColumn& column = pushed->columns[static_cast<size_t>(1 + i)];
          aggregate->groups.push_back(MakeColumn(1 + i, column.type));
          aggregate->columns.push_back(column);
        }
        aggregate->aggregates = {decided, rows, known};
        aggregate->columns.push_back({"decided", DataType::Boolean()});
        aggregate->columns.push_back({"rows", DataType::Int64()});
        aggregate->columns.push_back({"known", DataType::Int64()});
        aggregate->children.push_back(std::move(pushed));
        std::vector<BoundExprPtr> exprs;
        std::vector<OutputColumn> outputs;
        for (int32_t i = 0; i < 3; ++i) {
          exprs.push_back(MakeColumn(k + i, aggregate->columns[static_cast<size_t>(k + i)].type));
          outputs.push_back(aggregate->columns[static_cast<size_t>(k + i)]);
        }
        for (int32_t i = 0; i < k; ++i) {
          exprs.push_back(MakeColumn(i, aggregate->columns[static_cast<size_t>(i)].type));
          outputs.push_back(aggregate->columns[static_cast<size_t>(i)]);
        }
        LogicalPtr summary =
            MakeProjectNode(std::move(aggregate), std::move(exprs), std::move(outputs));
        const int32_t base = width();
        BOYO_ASSIGN_OR_RETURN(plan_, JoinOnDomain(unnester, columns, summary, JoinType::kLeft));
        const BoundExprPtr decided_column = MakeColumn(base, DataType::Boolean());
        const BoundExprPtr rows_column = MakeColumn(base + 1, DataType::Int64());
        const BoundExprPtr known_column = MakeColumn(base + 2, DataType::Int64());
        BOYO_ASSIGN_OR_RETURN(ResolvedCall less,
                              resolver_.ResolveScalar("<", {known_column, rows_column}, true, 0));
        // ANY: no rows -> FALSE; some cmp TRUE -> TRUE; some cmp NULL -> NULL; else FALSE.
        // ALL: no rows -> TRUE; some cmp FALSE -> FALSE; some cmp NULL -> NULL; else TRUE.
        const types::Value none = types::Value::Boolean(!any);
        return MakeCase(
            {MakeIsNull(rows_column, false), MakeConstant(none), decided_column,
             MakeConstant(types::Value::Boolean(any)), MakeScalarCall("<", std::move(less)),
             MakeConstant(types::Value::Null(DataType::Boolean())), MakeConstant(none)},
            DataType::Boolean());
      }
    }
    return Status::Internal("unknown subquery form");
  }

  LogicalPtr original_;
  LogicalPtr plan_;
  const FunctionResolver& resolver_;
  // Scalar subqueries already joined to plan_, with the index of their first column there.
  std::map<const LogicalOperator*, int32_t> joined_scalars_;
};

}  // namespace

Result<BoundAggregate> MakeAggregateCall(const FunctionResolver& resolver, const std::string& name,
                                         std::vector<BoundExprPtr> args) {
  BOYO_ASSIGN_OR_RETURN(ResolvedCall call, resolver.ResolveAggregate(name, std::move(args), 0));
  std::vector<DataType> types;
  for (const BoundExprPtr& arg : call.args) types.push_back(arg->type);
  BOYO_ASSIGN_OR_RETURN(std::shared_ptr<const AggregateFunction> function,
                        call.aggregate->make(types));
  BoundAggregate aggregate;
  aggregate.name = name;
  aggregate.args = std::move(call.args);
  aggregate.function = std::move(function);
  aggregate.skip_nulls = call.aggregate->skip_nulls;
  aggregate.type = call.result;
  return aggregate;
}

bool HasCorrelatedSubquery(const BoundExpr& expr) {
  if (expr.kind == BoundKind::kSubquery) {
    OuterRefs refs;
    CollectPlan(*expr.subquery, 1, &refs);
    if (!refs.columns.empty() || refs.beyond) return true;
  }
  for (const BoundExprPtr& child : expr.children) {
    if (HasCorrelatedSubquery(*child)) return true;
  }
  return false;
}

Result<LogicalPtr> JoinLateral(LogicalPtr input, const LogicalPtr& subquery, JoinType type,
                               const FunctionResolver& resolver) {
  OuterRefs refs;
  CollectPlan(*subquery, 1, &refs);
  if (refs.beyond) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "a LATERAL subquery that reads a query two or more levels out is not "
                  "supported yet");
  }
  if (refs.columns.empty()) {
    return MakeJoinNode(std::move(input), subquery,
                        type == JoinType::kLeft ? JoinType::kLeft : JoinType::kCross, nullptr,
                        false);
  }
  // The subquery for every distinct value of the columns it reads, joined back on them.
  const std::vector<int32_t> columns(refs.columns.begin(), refs.columns.end());
  Unnester unnester(columns, MakeDomain(input, columns), resolver);
  const int32_t k = unnester.width();
  BOYO_ASSIGN_OR_RETURN(LogicalPtr pushed, unnester.PushDown(*subquery));
  const auto input_width = static_cast<int32_t>(input->columns.size());
  const auto pushed_width = static_cast<int32_t>(pushed->columns.size());
  std::vector<BoundExprPtr> keys;
  for (int32_t i = 0; i < k; ++i) {
    const DataType& column_type = input->columns[static_cast<size_t>(columns[i])].type;
    BOYO_ASSIGN_OR_RETURN(
        BoundExprPtr equal,
        unnester.Equal(MakeColumn(columns[i], column_type),
                       MakeColumn(input_width + pushed_width - k + i, column_type)));
    keys.push_back(std::move(equal));
  }
  std::vector<OutputColumn> outputs = input->columns;
  outputs.insert(outputs.end(), subquery->columns.begin(), subquery->columns.end());
  LogicalPtr joined = MakeJoinNode(std::move(input), std::move(pushed),
                                   type == JoinType::kLeft ? JoinType::kLeft : JoinType::kInner,
                                   Unnester::Conjunction(std::move(keys)), true);
  // Without the domain columns.
  std::vector<BoundExprPtr> exprs;
  for (size_t i = 0; i < outputs.size(); ++i) {
    exprs.push_back(MakeColumn(static_cast<int32_t>(i), outputs[i].type));
  }
  return MakeProjectNode(std::move(joined), std::move(exprs), std::move(outputs));
}

Result<LogicalPtr> DecorrelateExpressions(LogicalPtr input, std::vector<BoundExprPtr>* exprs,
                                          const FunctionResolver& resolver) {
  bool any = false;
  for (const BoundExprPtr& expr : *exprs) any = any || HasCorrelatedSubquery(*expr);
  if (!any) return input;
  Rewriter rewriter(std::move(input), resolver);
  for (BoundExprPtr& expr : *exprs) {
    BOYO_ASSIGN_OR_RETURN(expr, rewriter.Replace(expr));
  }
  return rewriter.plan();
}

}  // namespace boyodb::sql
