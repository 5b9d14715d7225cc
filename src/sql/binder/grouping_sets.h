// GROUP BY's grouping elements (plain expressions, ROLLUP, CUBE, GROUPING SETS and ()) expanded
// into the grouping sets they denote, as PostgreSQL defines them: the sets of the top-level
// elements combine by cross product, and the sets nested in GROUPING SETS by union.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "common/result.h"
#include "sql/ast/statement.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// One grouping set: positions in the query's list of group expressions.
using GroupingSet = std::vector<int32_t>;

/// Adds `expr` (an expression, or a parenthesized row of them) to the query's group list when
/// it is not there yet and returns the positions of its parts in that list.
using GroupIndexer = std::function<Result<GroupingSet>(const ast::Expr& expr)>;

/// The grouping sets of `elements`, in PostgreSQL's order (ROLLUP(a, b) is (a, b), (a), ()).
/// Empty when every element is a plain expression: one set of every group, the ordinary
/// GROUP BY. 54001 when there would be more than 4096 sets, PostgreSQL's limit. `distinct`
/// (GROUP BY DISTINCT) keeps the first of sets that group by the same expressions.
Result<std::vector<GroupingSet>> ExpandGroupingSets(
    const std::vector<ast::GroupingElement>& elements, const GroupIndexer& index_of, bool distinct,
    int32_t position);

/// GROUPING(args), with arguments bound over the query's input: 54023 beyond 31 arguments.
Result<BoundAggregate> MakeGroupingCall(std::vector<BoundExprPtr> args, int32_t position);

/// Sets the grouping_columns of every GROUPING call among `aggregates` once the query's group
/// list is known: 42803 when an argument is not one of `groups`.
Status ResolveGroupingCalls(const std::vector<BoundExprPtr>& groups,
                            std::vector<BoundAggregate>* aggregates);

}  // namespace boyodb::sql
