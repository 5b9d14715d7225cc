// How a bound WHERE condition becomes operators over the FROM clause's plan. The conjuncts
// without correlated subqueries filter first, so that a subquery runs for the outer rows that
// pass them only; `x IN (subquery)` and simple EXISTS become semi joins (semi_joins.h); the
// other correlated subqueries become joins below a last filter (decorrelator.h), their
// columns after the FROM columns, so the scope's positions stay valid.
// Thread safety: one binder, one thread.
#pragma once

#include "sql/binder/function_resolver.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// `plan` (the FROM clause) with `condition` applied.
Result<LogicalPtr> ApplyWhere(LogicalPtr plan, const BoundExprPtr& condition,
                              const FunctionResolver& resolver);

}  // namespace boyodb::sql
