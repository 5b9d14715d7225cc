#include "sql/binder/where_clause.h"

#include "sql/binder/decorrelator.h"
#include "sql/binder/semi_joins.h"
#include "sql/optimizer/conjuncts.h"

namespace boyodb::sql {

namespace {

LogicalPtr WithFilter(LogicalPtr input, BoundExprPtr condition) {
  auto filter = std::make_shared<LogicalOperator>();
  filter->kind = LogicalKind::kFilter;
  filter->columns = input->columns;
  filter->condition = std::move(condition);
  filter->children.push_back(std::move(input));
  return filter;
}

}  // namespace

Result<LogicalPtr> ApplyWhere(LogicalPtr plan, const BoundExprPtr& condition,
                              const FunctionResolver& resolver) {
  std::vector<BoundExprPtr> conjuncts;
  SplitConjuncts(condition, &conjuncts);
  std::vector<BoundExprPtr> plain;
  std::vector<BoundExprPtr> in_subqueries;
  std::vector<BoundExprPtr> correlated;
  for (BoundExprPtr& conjunct : conjuncts) {
    if (HasCorrelatedSubquery(*conjunct)) {
      correlated.push_back(std::move(conjunct));
    } else if (conjunct->kind == BoundKind::kSubquery &&
               conjunct->subquery_form == SubqueryForm::kAny) {
      in_subqueries.push_back(std::move(conjunct));
    } else {
      plain.push_back(std::move(conjunct));
    }
  }
  if (!plain.empty()) plan = WithFilter(std::move(plan), Conjunction(std::move(plain)));
  for (BoundExprPtr& conjunct : in_subqueries) {
    LogicalPtr joined = SemiJoinForIn(plan, *conjunct);
    plan = joined != nullptr ? std::move(joined) : WithFilter(std::move(plan), std::move(conjunct));
  }
  if (correlated.empty()) return plan;
  std::vector<BoundExprPtr> rest;
  for (BoundExprPtr& conjunct : correlated) {
    LogicalPtr joined = SemiJoinForExists(plan, *conjunct);
    if (joined != nullptr) {
      plan = std::move(joined);
    } else {
      rest.push_back(std::move(conjunct));
    }
  }
  if (rest.empty()) return plan;
  std::vector<BoundExprPtr> conditions = {Conjunction(std::move(rest))};
  BOYO_ASSIGN_OR_RETURN(plan, DecorrelateExpressions(std::move(plan), &conditions, resolver));
  return WithFilter(std::move(plan), std::move(conditions.front()));
}

}  // namespace boyodb::sql
