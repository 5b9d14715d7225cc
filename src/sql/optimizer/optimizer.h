// The optimizer: the rewrites every plan goes through between the binder and the executor, in
// order. Subquery plans inside expressions are optimized when the executor runs them.
// Thread safety: pure function over immutable plans.
#pragma once

#include "sql/optimizer/statistics.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// Constants computed (constant_folding.h), DISTINCT aggregates split into two aggregations
/// (distinct_aggregates.h), filters into joins (join_predicates.h), semi
/// joins down to the input they test (semi_join_pushdown.h), inner joins ordered by size
/// when `statistics` are given (join_order.h), simple conjuncts into scans
/// (scan_predicates.h), then unread columns out (column_pruning.h).
LogicalPtr Optimize(const LogicalPtr& plan, const TableStatistics* statistics = nullptr);

}  // namespace boyodb::sql
