// The array forms of expressions: ARRAY[...] constructors, subscripts and slices, and
// `x op ANY|ALL (array)`. Each evaluates its children with Evaluate and works a whole vector
// at a time: an ANY/ALL comparison runs once over all the elements of all the rows.
// Thread safety: stateless; any number of threads may evaluate at once.
#pragma once

#include "columnar/chunk.h"
#include "exec/exec_context.h"
#include "sql/binder/bound_expr.h"

namespace boyodb::exec {

/// BoundKind::kArray: one list per row holding the children's values of that row.
Result<columnar::ArrayPtr> EvaluateArrayConstructor(const sql::BoundExpr& expr,
                                                    const columnar::Chunk& input,
                                                    ExecContext& context);

/// BoundKind::kSubscript: the element (or, for a slice, the sub-array) of each row's array;
/// NULL where the array or an index is NULL or the index is out of range, as in PostgreSQL.
Result<columnar::ArrayPtr> EvaluateSubscript(const sql::BoundExpr& expr,
                                             const columnar::Chunk& input, ExecContext& context);

/// BoundKind::kArrayCompare: ANY is TRUE when the comparison holds for some element, else
/// NULL when one was NULL, else FALSE (so FALSE for an empty array); ALL the reverse. NULL for
/// a NULL array.
Result<columnar::ArrayPtr> EvaluateArrayComparison(const sql::BoundExpr& expr,
                                                   const columnar::Chunk& input,
                                                   ExecContext& context);

}  // namespace boyodb::exec
