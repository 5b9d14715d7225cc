// Constant folding: a call of an immutable function, or a cast, whose arguments are all
// constants becomes its value, computed once when the statement is planned instead of once
// per row (TPC-H Q6's `date '1994-01-01' + interval '1' year` and `0.06 - 0.01`). Constants
// can then also reach the scans as storage predicates. A call that fails (1/0 inside a CASE
// branch never taken) stays as it is, to fail only if it runs. Casts from or to TIMESTAMPTZ
// depend on the session's time zone and are left to the executor.
// Thread safety: pure function over immutable plans.
#pragma once

#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// `plan` with the constant parts of every expression computed.
LogicalPtr FoldConstants(const LogicalPtr& plan);

/// `expr` with its constant parts computed.
BoundExprPtr FoldConstantExpr(const BoundExprPtr& expr);

}  // namespace boyodb::sql
