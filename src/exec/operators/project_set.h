// ProjectSet: runs set-returning calls (unnest, generate_series, regexp_matches ... in a select
// list or in FROM) over each chunk. Every call gives one array per input row; the row is
// repeated once per element of the longest of its arrays, and each call's column holds its
// elements in order, NULL once a shorter array has run out (PostgreSQL 10's rule).
// Thread safety: one instance per driver thread.
#pragma once

#include "exec/pipeline/pipeline.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::exec {

class ProjectSetOperator final : public Operator {
 public:
  explicit ProjectSetOperator(const sql::LogicalOperator& plan);
  Result<columnar::Chunk> Process(columnar::Chunk input, ExecContext& context) override;

 private:
  const sql::LogicalOperator& plan_;
  columnar::SchemaPtr schema_;
};

}  // namespace boyodb::exec
