#include "sql/optimizer/group_domain_filter.h"

#include <optional>

#include "sql/optimizer/cardinality.h"
#include "sql/optimizer/conjuncts.h"
#include "sql/optimizer/plan_rewrite.h"

namespace boyodb::sql {

namespace {

// How much smaller than the aggregation's input the domain must look: the semi join costs a
// second run of the domain's plan and a probe per input row, which only pays when it drops
// most of the rows.
constexpr double kDomainSmallerBy = 2.0;

// A key of the join: left column `outer` equals group `group` of the aggregation on the right.
struct DomainKey {
  int32_t outer = 0;
  size_t group = 0;
  BoundExprPtr equality;  // the join's conjunct, whose "=" the semi join reuses
};

// The aggregation that right-side column `column` of `plan` is a group of, through filters and
// projections that pass columns on; sets *group. Null when it is not one.
const LogicalOperator* GroupOf(const LogicalOperator& plan, int32_t column, size_t* group) {
  const LogicalOperator* op = &plan;
  while (op->kind == LogicalKind::kProject || op->kind == LogicalKind::kFilter) {
    // A filter above the aggregation (HAVING) judges each group by its own rows too.
    if (op->kind == LogicalKind::kProject) {
      const BoundExprPtr& expr = op->exprs[static_cast<size_t>(column)];
      if (expr->kind != BoundKind::kColumn) return nullptr;
      column = expr->column_index;
    }
    op = op->children[0].get();
  }
  if (op->kind != LogicalKind::kAggregate || !op->grouping_sets.empty() ||
      static_cast<size_t>(column) >= op->groups.size()) {
    return nullptr;
  }
  *group = static_cast<size_t>(column);
  return op;
}

// A plan that can run a second time with the same result: scans, filters, projections and
// joins of repeatable expressions.
bool Repeatable(const LogicalOperator& plan) {
  switch (plan.kind) {
    case LogicalKind::kGet:
      break;
    case LogicalKind::kFilter:
    case LogicalKind::kJoin:
      if (plan.condition != nullptr && !Repeatable(*plan.condition)) return false;
      break;
    case LogicalKind::kProject:
      for (const BoundExprPtr& expr : plan.exprs) {
        if (!Repeatable(*expr)) return false;
      }
      break;
    default:
      return false;
  }
  for (const LogicalPtr& child : plan.children) {
    if (!Repeatable(*child)) return false;
  }
  return true;
}

// A part of the outer input whose columns `columns` hold every value that the outer input's
// `outer` columns hold (perhaps more).
struct Domain {
  LogicalPtr plan;
  std::vector<int32_t> columns;
};

// The parts of `plan` that hold all the values of its columns `columns`: the plan itself and,
// through projections, filters, the input of an inner join that has them and the left input
// of a semi or anti join, the smaller plans below it.
std::vector<Domain> DomainCandidates(const LogicalPtr& plan, std::vector<int32_t> columns) {
  std::vector<Domain> out;
  LogicalPtr op = plan;
  while (true) {
    out.push_back({op, columns});
    if (op->kind == LogicalKind::kProject) {
      for (int32_t& column : columns) {
        const BoundExprPtr& expr = op->exprs[static_cast<size_t>(column)];
        if (expr->kind != BoundKind::kColumn) return out;
        column = expr->column_index;
      }
      op = op->children[0];
      continue;
    }
    if (op->kind == LogicalKind::kFilter) {
      op = op->children[0];
      continue;
    }
    if (op->kind != LogicalKind::kJoin || op->null_safe_keys) return out;
    const JoinType type = op->join_type;
    const auto left_width = static_cast<int32_t>(op->children[0]->columns.size());
    bool all_left = true;
    bool all_right = true;
    for (const int32_t column : columns) {
      all_left = all_left && column < left_width;
      all_right = all_right && column >= left_width;
    }
    if (type == JoinType::kSemi || type == JoinType::kAnti ||
        ((type == JoinType::kInner || type == JoinType::kCross) && all_left)) {
      op = op->children[0];
      continue;
    }
    if ((type == JoinType::kInner || type == JoinType::kCross) && all_right) {
      for (int32_t& column : columns) column -= left_width;
      op = op->children[1];
      continue;
    }
    return out;
  }
}

// A copy of every operator of `plan`: the domain runs in two places, and the executor keys
// per-operator state by the operator's address.
LogicalPtr DeepCopy(const LogicalPtr& plan) {
  auto copy = std::make_shared<LogicalOperator>(*plan);
  for (LogicalPtr& child : copy->children) child = DeepCopy(child);
  return copy;
}

// `plan` (the join's right input) with aggregation `aggregate` replaced by `replacement`,
// through the projections above it.
LogicalPtr Replace(const LogicalPtr& plan, const LogicalOperator* aggregate,
                   const LogicalPtr& replacement) {
  if (plan.get() == aggregate) return replacement;
  auto copy = std::make_shared<LogicalOperator>(*plan);
  copy->children[0] = Replace(plan->children[0], aggregate, replacement);
  return copy;
}

// The join with the semi join added below its right input's aggregation; null when it does
// not apply or does not look worth it.
LogicalPtr AddDomainFilter(const LogicalOperator& join, const TableStatistics& statistics) {
  const JoinType type = join.join_type;
  if (join.kind != LogicalKind::kJoin || join.condition == nullptr ||
      (type != JoinType::kInner && type != JoinType::kLeft && type != JoinType::kSingle &&
       type != JoinType::kSemi)) {
    return nullptr;
  }
  const auto left_width = static_cast<int32_t>(join.children[0]->columns.size());
  std::vector<BoundExprPtr> conjuncts;
  SplitConjuncts(join.condition, &conjuncts);
  const LogicalOperator* aggregate = nullptr;
  std::vector<DomainKey> keys;
  for (const BoundExprPtr& conjunct : conjuncts) {
    if (conjunct->kind != BoundKind::kCall || conjunct->function_name != "=" ||
        conjunct->children.size() != 2) {
      continue;
    }
    const BoundExpr& a = *conjunct->children[0];
    const BoundExpr& b = *conjunct->children[1];
    if (a.kind != BoundKind::kColumn || b.kind != BoundKind::kColumn || a.type != b.type) continue;
    const bool a_left = a.column_index < left_width;
    if (a_left == (b.column_index < left_width)) continue;
    const int32_t outer = a_left ? a.column_index : b.column_index;
    const int32_t right = (a_left ? b.column_index : a.column_index) - left_width;
    size_t group = 0;
    const LogicalOperator* found = GroupOf(*join.children[1], right, &group);
    if (found == nullptr || (aggregate != nullptr && found != aggregate)) continue;
    aggregate = found;
    keys.push_back({outer, group, conjunct});
  }
  if (aggregate == nullptr) return nullptr;
  std::vector<int32_t> outer_columns;
  for (const DomainKey& key : keys) outer_columns.push_back(key.outer);
  std::optional<Domain> best;
  double best_rows = 0;
  for (Domain& candidate : DomainCandidates(join.children[0], outer_columns)) {
    const double rows = EstimateRows(*candidate.plan, &statistics);
    if (!best || rows < best_rows) {
      best = std::move(candidate);
      best_rows = rows;
    }
  }
  const LogicalPtr& input = aggregate->children[0];
  // A whole table as the domain filters nothing where the key is a foreign key (TPC-H Q18's
  // orders against lineitem's order keys), and the estimates cannot tell.
  if (best->plan->kind == LogicalKind::kGet && best->plan->predicates.empty()) return nullptr;
  if (best_rows * kDomainSmallerBy > EstimateRows(*input, &statistics) ||
      !Repeatable(*best->plan)) {
    return nullptr;
  }
  // The domain's key columns, then the semi join of the aggregation's input with them.
  auto domain = std::make_shared<LogicalOperator>();
  domain->kind = LogicalKind::kProject;
  domain->children = {DeepCopy(best->plan)};
  for (const int32_t column : best->columns) {
    const OutputColumn& output = best->plan->columns[static_cast<size_t>(column)];
    domain->exprs.push_back(MakeColumn(column, output.type));
    domain->columns.push_back(output);
  }
  const auto input_width = static_cast<int32_t>(input->columns.size());
  std::vector<BoundExprPtr> equalities;
  for (size_t k = 0; k < keys.size(); ++k) {
    auto equality = std::make_shared<BoundExpr>(*keys[k].equality);
    const BoundExprPtr& group = aggregate->groups[keys[k].group];
    equality->children = {group, MakeColumn(input_width + static_cast<int32_t>(k), group->type)};
    equalities.push_back(std::move(equality));
  }
  auto semi = std::make_shared<LogicalOperator>();
  semi->kind = LogicalKind::kJoin;
  semi->join_type = JoinType::kSemi;
  semi->null_safe_keys = join.null_safe_keys;
  semi->columns = input->columns;
  semi->condition = Conjunction(std::move(equalities));
  semi->children = {input, std::move(domain)};
  auto filtered = std::make_shared<LogicalOperator>(*aggregate);
  filtered->children = {std::move(semi)};
  auto copy = std::make_shared<LogicalOperator>(join);
  copy->children[1] = Replace(join.children[1], aggregate, std::move(filtered));
  return copy;
}

}  // namespace

LogicalPtr FilterGroupsByDomain(const LogicalPtr& plan, const TableStatistics* statistics) {
  if (statistics == nullptr) return plan;
  LogicalPtr rewritten = RewriteChildren(
      plan, [&](const LogicalPtr& child) { return FilterGroupsByDomain(child, statistics); });
  LogicalPtr filtered = AddDomainFilter(*rewritten, *statistics);
  return filtered != nullptr ? filtered : rewritten;
}

}  // namespace boyodb::sql
