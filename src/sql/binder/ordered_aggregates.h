// The rules for ORDER BY inside an aggregate call and for WITHIN GROUP, as PostgreSQL applies
// them before the call is resolved.
#pragma once

#include <vector>

#include "common/status.h"
#include "sql/ast/expr.h"
#include "sql/function/function_api.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// 42809 when WITHIN GROUP is missing on an ordered-set aggregate or present on another one;
/// 42P10 when DISTINCT is combined with an ORDER BY expression that is not an argument.
/// `args` are the bound arguments, `order_by` the bound ORDER BY / WITHIN GROUP keys.
Status CheckAggregateOrder(const ast::FunctionExpr& call, const std::vector<BoundExprPtr>& args,
                           const std::vector<SortKey>& order_by, const FunctionCatalog& functions);

}  // namespace boyodb::sql
