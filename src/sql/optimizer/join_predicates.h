// Filter pushdown through joins: WHERE conditions move to where they cost least. A Filter's
// conjuncts over both sides of an inner or cross join become the join's condition (so
// `FROM a, b WHERE a.x = b.y` is a hash join on x = y, not a cross product), and conjuncts
// over one side move below the join onto that side, recursively, until they sit over scans.
// Outer joins take only what keeps their meaning: a WHERE conjunct over the preserved side
// goes below it, and an ON conjunct over the nullable side goes into that side.
// Conjuncts with subqueries, outer references or volatile calls stay where they are.
// Thread safety: pure function over immutable plans.
#pragma once

#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// `plan` with its Filters pushed into and below joins as described above.
LogicalPtr PushFiltersIntoJoins(const LogicalPtr& plan);

}  // namespace boyodb::sql
