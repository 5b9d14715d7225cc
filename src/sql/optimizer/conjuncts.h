// The conjuncts of a condition (`a AND (b AND c)` is a, b, c) and the AND of a list, which the
// optimizer's rewrites split and rebuild conditions with.
// Thread safety: pure functions.
#pragma once

#include <functional>
#include <vector>

#include "sql/binder/bound_expr.h"

namespace boyodb::sql {

/// Appends the conjuncts of `condition` (nothing for null) to `out`.
void SplitConjuncts(const BoundExprPtr& condition, std::vector<BoundExprPtr>* out);

/// The AND of `conjuncts`: null for none, the conjunct itself for one.
BoundExprPtr Conjunction(std::vector<BoundExprPtr> conjuncts);

/// `expr` with every column reference c moved to map(c) (rewrites that move an expression
/// to another operator's columns).
BoundExprPtr RenumberColumns(const BoundExprPtr& expr, const std::function<int32_t(int32_t)>& map);

}  // namespace boyodb::sql
