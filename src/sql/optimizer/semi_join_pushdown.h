// Semi and anti joins move down to the input whose columns they test. The binder plans
// `o_orderkey IN (SELECT ...)` and EXISTS as a semi join over the whole FROM clause (TPC-H
// Q18 joins customer, orders and lineitem first); when the condition reads one join input's
// columns only, the semi join filters that input before the join instead.
// Thread safety: pure function over immutable plans.
#pragma once

#include "sql/optimizer/statistics.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// `plan` with every semi and anti join as far down its left input's inner joins as its
/// condition and the estimates allow (filters stay below it: they are cheaper and go first).
/// Without statistics the condition alone decides.
LogicalPtr PushSemiJoinsDown(const LogicalPtr& plan, const TableStatistics* statistics);

}  // namespace boyodb::sql
