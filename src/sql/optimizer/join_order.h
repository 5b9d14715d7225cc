// Join order: the inputs of a tree of inner joins are joined in an order chosen by estimated
// size, because the hash join builds its table from the right input and streams the left.
// The largest input streams through (it is never held in memory); the others join it one by
// one, smallest connected input first, so that the tables built are small and the rows
// flowing up stay few. An input connected to the joined ones by no condition waits until no
// connected one is left (then it is a cross join). Conditions go to the first join that has
// all the inputs they read. A projection on top restores the original column order.
// Estimates: stored row counts (statistics.h), a fixed fraction per filter conjunct; a join
// gives the product of its inputs' rows divided, per equality, by the larger side's distinct
// values (a key joined to a foreign key gives the foreign key side's rows).
// Thread safety: pure function over immutable plans.
#pragma once

#include "sql/optimizer/statistics.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// `plan` with each tree of inner and cross joins in the order described above; unchanged
/// without statistics.
LogicalPtr ReorderJoins(const LogicalPtr& plan, const TableStatistics* statistics);

/// The estimated number of rows `plan` gives.
double EstimateRows(const LogicalOperator& plan, const TableStatistics* statistics);

/// The distinct values of output column `column` of `plan`, when it is a stored column's
/// (through filters, projections and joins) whose statistics know them.
std::optional<double> DistinctValues(const LogicalOperator& plan, int32_t column,
                                     const TableStatistics* statistics);

}  // namespace boyodb::sql
