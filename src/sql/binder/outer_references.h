// Rewriting a subquery's references to the query it is nested in, wherever they sit in its
// plan: in any operator's expressions, and inside subqueries nested deeper (where the same
// query is one level further out).
// Thread safety: pure functions over immutable plans.
#pragma once

#include <functional>

#include "common/result.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// Maps one reference (a kOuterColumn that reaches the enclosing query) to its replacement;
/// the replacement keeps the reference's depth.
using OuterReferenceMap = std::function<Result<BoundExprPtr>(const BoundExpr& reference)>;

/// `plan` (a subquery) with every reference to its enclosing query passed through `map`.
Result<LogicalPtr> MapOuterReferences(const LogicalPtr& plan, const OuterReferenceMap& map);

}  // namespace boyodb::sql
