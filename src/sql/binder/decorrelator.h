// Decorrelator: removes correlated subqueries from expressions by turning each into a join,
// so a subquery runs once for the whole query, never once per outer row (Neumann and Kemper,
// "Unnesting Arbitrary Queries"). The subquery's plan is rewritten to compute its result for
// every distinct value of the outer columns it reads (the domain), and the outer input is
// joined with that result on those values:
//   scalar subquery     -> LEFT single join, the value a column of the join
//   EXISTS              -> LEFT join with the domain values that have rows; a marker column
//   x op ANY/ALL (...)  -> LEFT join with per-domain bool_or / count aggregates, combined by
//                          SQL's NULL rules in a CASE
// Subqueries without outer references are left to the executor, which runs them once.
// Thread safety: one binder, one thread.
#pragma once

#include <vector>

#include "sql/binder/function_resolver.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// True when `expr` holds a subquery that reads columns of the query `expr` belongs to.
bool HasCorrelatedSubquery(const BoundExpr& expr);

/// The bound call of aggregate `name` over `args` (coerced to its overload's parameters).
Result<BoundAggregate> MakeAggregateCall(const FunctionResolver& resolver, const std::string& name,
                                         std::vector<BoundExprPtr> args);

/// True when `plan` reads a column of any enclosing query.
bool ReadsEnclosingQueries(const LogicalOperator& plan);

/// The columns of the enclosing query (depth 1) that `plan` reads, ascending.
std::vector<int32_t> OuterColumnsOf(const LogicalOperator& plan);

/// Rewrites `exprs` (over `input`) so that they hold no correlated subquery; returns the new
/// input: `input`'s columns, at the same positions, followed by the joined subquery results.
/// 0A000 for forms not handled yet (LIMIT inside a correlated subquery, correlation two
/// levels out, correlation inside set operations).
Result<LogicalPtr> DecorrelateExpressions(LogicalPtr input, std::vector<BoundExprPtr>* exprs,
                                          const FunctionResolver& resolver);

/// `input` joined with a LATERAL subquery whose outer references (depth 1) read `input`'s
/// columns: input's columns, then the subquery's, for each input row with each of the rows
/// the subquery gives for it (kLeft: an input row without any keeps one row of NULLs). The
/// subquery runs once for the distinct values it reads, not once per row.
Result<LogicalPtr> JoinLateral(LogicalPtr input, const LogicalPtr& subquery, JoinType type,
                               const FunctionResolver& resolver);

}  // namespace boyodb::sql
