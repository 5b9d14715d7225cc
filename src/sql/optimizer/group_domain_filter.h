// Decorrelated subqueries that aggregate compute their groups for every value of the
// correlation key, although the join above them keeps only the groups whose key occurs in the
// outer query (TPC-H Q17 averages the quantity of all 200 thousand parts to compare against
// 2 thousand). When the outer rows' keys come from an input estimated much smaller than the
// aggregation's input, the aggregation's input first goes through a semi join with that
// input's keys (the "domain"), so only the groups the join can keep are built. The domain's
// plan is copied: it runs twice, once for the semi join and once in the outer query.
// Correct because an aggregate's value depends on its group's rows only, and the join drops
// every group whose key matches no outer row (inner, left, single and semi joins with the
// aggregation on the right).
// Thread safety: pure function over immutable plans.
#pragma once

#include "sql/optimizer/statistics.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// `plan` with the semi joins described above added; unchanged without statistics.
LogicalPtr FilterGroupsByDomain(const LogicalPtr& plan, const TableStatistics* statistics);

}  // namespace boyodb::sql
