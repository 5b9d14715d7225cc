// The optimizer: the rewrites every plan goes through between the binder and the executor, in
// order. Subquery plans inside expressions are optimized when the executor runs them.
// Thread safety: pure function over immutable plans.
#pragma once

#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// Filters into joins (join_predicates.h), then simple conjuncts into scans
/// (scan_predicates.h).
LogicalPtr Optimize(const LogicalPtr& plan);

}  // namespace boyodb::sql
