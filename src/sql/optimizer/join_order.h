// Join order: the inputs of a tree of inner joins are joined in an order chosen by estimated
// size, because the hash join builds its table from the right input and streams the left.
// The largest input streams through (it is never held in memory); the others join it one by
// one, the step giving the fewest rows first, so that the tables built are small and the rows
// flowing up stay few. A step is one input or a unit: an input joined first to others (each
// time the join giving the fewest rows) until it has a fraction of its rows, then joined as one
// build side (TPC-H Q7's orders of one nation's customers). Units cut to a quarter or less are
// settled before the order is chosen. An input connected to the joined ones by no condition
// waits until no connected one is left (then it is a cross join). Conditions go to the first
// join that has all the inputs they read. A projection on top restores the original column
// order. Estimates: the inputs' rows as cardinality.h estimates them; a join gives the product
// of its inputs' rows divided, per equality, by the larger side's distinct values (a key
// joined to a foreign key gives the foreign key side's rows).
// Thread safety: pure function over immutable plans.
#pragma once

#include "sql/optimizer/statistics.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// `plan` with each tree of inner and cross joins in the order described above; unchanged
/// without statistics.
LogicalPtr ReorderJoins(const LogicalPtr& plan, const TableStatistics* statistics);

}  // namespace boyodb::sql
