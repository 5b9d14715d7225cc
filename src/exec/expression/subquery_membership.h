// IN and NOT IN over an uncorrelated subquery, by hashing: `(a, b) = ANY (SELECT x, y ...)`
// and `<> ALL`. The subquery's rows, converted to the comparison's types, go into a hash set
// once per statement; each tested row is then one lookup, so the work is O(outer + inner)
// rather than their product. SQL's NULL rules hold: a tested row that matches no row is NULL,
// not FALSE, when a NULL field could have made it match.
// Thread safety: the set is built once under the context's subquery mutex and only read
// afterwards; any number of threads may evaluate at once.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "columnar/chunk.h"
#include "exec/exec_context.h"
#include "sql/binder/bound_expr.h"

namespace boyodb::exec {

/// The result of `expr` (a kSubquery of form kAny whose comparison is = per field, or kAll
/// whose comparison is <> per field) over `input`, or nullopt when the comparison has another
/// shape and must be evaluated row by row. `rows` are the subquery's rows.
Result<std::optional<columnar::ArrayPtr>> EvaluateMembership(
    const sql::BoundExpr& expr, const std::shared_ptr<const std::vector<columnar::Chunk>>& rows,
    const columnar::Chunk& input, ExecContext& context);

}  // namespace boyodb::exec
