// sum(x + c) for a constant c is sum(x) + c * count(x): one sum and one count serve every
// shift of the same x (ClickBench's Q29 sums ResolutionWidth + 0 .. + 89, ninety sums of one
// column). The rewrite is exact: rows where x is NULL count in neither form, no rows give NULL
// either way, and it is only made where x + c cannot overflow its type (x widened from a
// smaller integer type, as `smallint_column + 1` is), so the original would not have failed.
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/binder/bound_expr.h"

namespace boyodb::sql {

struct ShiftedSum {
  BoundExprPtr base;    // x, of the type x + c has
  BoundExprPtr offset;  // c, negated for x - c
};

/// The x and c of `sum(x + c)`, `sum(c + x)` or `sum(x - c)` with bound argument `arg`, when
/// the rewrite above is exact; nullopt otherwise.
std::optional<ShiftedSum> AsShiftedSum(const std::string& name, const BoundExpr& arg);

}  // namespace boyodb::sql
