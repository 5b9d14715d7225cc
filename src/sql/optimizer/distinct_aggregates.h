// DISTINCT aggregates as two aggregations: when every aggregate of a GROUP BY (or of a whole
// table) is count, sum, avg, min or max of DISTINCT x for one and the same x, grouping by the
// groups and x first removes the duplicates, and the plain aggregates over that give the
// answer (count(DISTINCT x) is count(x) over the distinct pairs, NULL x included as a pair
// and then skipped). Both aggregations are ordinary hash aggregations, which run on every
// thread, where DISTINCT's per-group sets run on one (hits Q4, Q5, Q8, Q10, Q13).
// Thread safety: pure function over immutable plans.
#pragma once

#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// `plan` with each such Aggregate split in two.
LogicalPtr SplitDistinctAggregates(const LogicalPtr& plan);

}  // namespace boyodb::sql
