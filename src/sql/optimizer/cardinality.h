// Cardinality estimates: how many rows an operator gives and how many distinct values a column
// holds, from stored tables' statistics (statistics.h). The join order (join_order.h), the
// semi join rules and the group domain filter choose plans by them.
//   - A table gives its row count; a filter keeps, per conjunct, what the conjunct's shape
//     and the column's statistics suggest: `column = constant` keeps 1/distinct values,
//     ranges on one column keep the part of the column's [min, max] they cover, OR adds its
//     branches; fixed fractions stand in when a statistic is unknown.
//   - An inner join keeps the larger input's rows (a key joined to a foreign key); the join
//     order estimates its own joins more finely.
// Thread safety: pure functions over immutable plans.
#pragma once

#include <optional>

#include "sql/optimizer/statistics.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// The estimated number of rows `plan` gives, at least 1.
double EstimateRows(const LogicalOperator& plan, const TableStatistics* statistics);

/// The distinct values of output column `column` of `plan`, when it is a stored column's
/// (through filters, projections, group keys and joins) whose statistics know them.
std::optional<double> DistinctValues(const LogicalOperator& plan, int32_t column,
                                     const TableStatistics* statistics);

/// The fraction of `input`'s rows that the conjunct keeps, estimated; `conjunct` reads
/// `input`'s columns.
double Selectivity(const BoundExpr& conjunct, const LogicalOperator& input,
                   const TableStatistics* statistics);

}  // namespace boyodb::sql
