// Evaluator: computes a bound expression over a chunk, a whole vector at a time. Kernels see
// dense arrays; CASE, COALESCE, AND and OR evaluate their later branches only on the rows that
// need them, so `CASE WHEN x = 0 THEN 0 ELSE 1 / x END` never divides by zero.
// Thread safety: stateless; any number of threads may evaluate at once.
#pragma once

#include "columnar/chunk.h"
#include "exec/exec_context.h"
#include "sql/binder/bound_expr.h"

namespace boyodb::exec {

/// One value per row of `input` (num_rows values; never dictionary-encoded).
Result<columnar::ArrayPtr> Evaluate(const sql::BoundExpr& expr, const columnar::Chunk& input,
                                    ExecContext& context);

/// As Evaluate, except that a column reference returns the column as it is, dictionary-encoded
/// or not: for consumers that handle dictionary arrays (projections, group and join keys), so
/// a text column is not decoded just to be passed on or hashed once per distinct value.
Result<columnar::ArrayPtr> EvaluateKeepingDictionary(const sql::BoundExpr& expr,
                                                     const columnar::Chunk& input,
                                                     ExecContext& context);

/// Evaluates a boolean expression and returns the rows where it is TRUE (not NULL, not FALSE).
Result<columnar::SelectionVector> EvaluateFilter(const sql::BoundExpr& expr,
                                                 const columnar::Chunk& input,
                                                 ExecContext& context);

/// An array of `num_rows` copies of `value` (NULLs of `type` when the value is NULL).
Result<columnar::ArrayPtr> Broadcast(const types::Value& value, const types::DataType& type,
                                     int64_t num_rows);

/// The array without dictionary encoding or slicing surprises: plain values of its type.
columnar::ArrayPtr Decoded(const columnar::ArrayPtr& array);

/// The rows of `chunk` listed by `selection`.
columnar::Chunk TakeRows(const columnar::Chunk& chunk, const columnar::SelectionVector& selection);

}  // namespace boyodb::exec
