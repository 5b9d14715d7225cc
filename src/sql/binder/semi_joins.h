// Semi joins for EXISTS: a WHERE conjunct `EXISTS (subquery)` or `NOT EXISTS (subquery)` whose
// subquery reads the outer query only in its own WHERE becomes a semi (anti) join of the outer
// rows with the subquery's FROM, on the subquery's WHERE. That is one hash join, where the
// general decorrelation (decorrelator.h) first computes the distinct outer values and
// aggregates per value. TPC-H Q4, Q21 and Q22 have this shape. Likewise a WHERE conjunct
// `x IN (uncorrelated subquery)` becomes a semi join on x = the subquery's column, which the
// optimizer can then move next to x's table (TPC-H Q18, Q20). NOT IN stays an expression:
// its NULL rules are not an anti join's.
// Thread safety: pure function over immutable plans.
#pragma once

#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// `input` semi-joined with the subquery of `conjunct` when it is EXISTS (anti-joined for NOT
/// EXISTS) of the form above; null otherwise, and the caller decorrelates it the general way.
/// Outer references in the subquery are columns of `input`.
LogicalPtr SemiJoinForExists(const LogicalPtr& input, const BoundExpr& conjunct);

/// `input` semi-joined with the subquery of `conjunct` when it is `x IN (subquery)` (or
/// `(x, y) IN ...`, `x = ANY (...)`) over a subquery that reads no enclosing query; null
/// otherwise.
LogicalPtr SemiJoinForIn(const LogicalPtr& input, const BoundExpr& conjunct);

}  // namespace boyodb::sql
