// Conditions joined by OR, made useful to joins and scans. TPC-H Q19's WHERE is three ORed
// branches that each repeat the join key `p_partkey = l_partkey`; as written it has no
// equality for a hash join, and the join would compare every pair of rows.
//   - Factoring: (a AND b) OR (a AND c) is a AND (b OR c), in SQL's three-valued logic too,
//     so a conjunct every branch repeats becomes a conjunct of its own (a join key).
//   - Implied filters: when every branch has conjuncts over one input of a join alone, the OR
//     of those conjuncts (one AND per branch) holds for every row the join keeps, and can
//     filter that input before the join. The original condition stays on the join.
// Thread safety: pure functions.
#pragma once

#include <functional>
#include <vector>

#include "sql/binder/bound_expr.h"

namespace boyodb::sql {

/// Replaces each OR in `conjuncts` whose branches share conjuncts by the shared conjuncts and
/// the OR of what is left of the branches (nothing, when a branch has nothing left).
void FactorDisjunctions(std::vector<BoundExprPtr>* conjuncts);

/// For an OR: the OR, over its branches, of each branch's conjuncts for which `selected` is
/// true; null when some branch has none (then nothing is implied), or `disjunction` is no OR.
BoundExprPtr ImpliedDisjunction(const BoundExpr& disjunction,
                                const std::function<bool(const BoundExpr&)>& selected);

}  // namespace boyodb::sql
