// Whole-table aggregates from metadata: count(*), count(column), min(column) and max(column)
// without GROUP BY over a table scan without conditions are answered from the table's summary
// (segment zone maps, storage/scan/table_summary.h) instead of a scan, as DuckDB and
// ClickHouse answer them. Min and max only for types whose zone maps keep exact bounds
// (storage/scan/exact_bounds.h).
// Thread safety: stateless.
#pragma once

#include <optional>

#include "columnar/chunk.h"
#include "exec/exec_context.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::exec {

/// The aggregate's one result row, or nullopt when the plan is not of that shape or the table
/// cannot be summarized exactly (the caller then aggregates a scan).
Result<std::optional<columnar::Chunk>> AggregateFromSummary(const sql::LogicalOperator& aggregate,
                                                            ExecContext& context);

}  // namespace boyodb::exec
