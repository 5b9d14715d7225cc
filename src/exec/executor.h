// Executor: turns a logical plan into pipelines (the physical plan) and runs them, dependencies
// first, collecting the root's output.
// Thread safety: one Run per ExecContext at a time; plans are shared read-only.
#pragma once

#include <vector>

#include "exec/exec_context.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::exec {

struct QueryResult {
  std::vector<sql::OutputColumn> columns;
  std::vector<columnar::Chunk> chunks;
  int64_t num_rows() const;
};

/// Runs the plan to completion. Uncorrelated subqueries of its expressions run once each,
/// through context.run_subquery, which this sets when empty.
Result<QueryResult> Execute(const sql::LogicalOperator& plan, ExecContext& context);

}  // namespace boyodb::exec
