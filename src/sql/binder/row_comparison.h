// Row comparisons, as PostgreSQL evaluates `(a, b) op (c, d)`: = and <> pair the fields (all
// equal / some differ, with SQL's three-valued AND and OR), and <, <=, > and >= compare them
// left to right, the first pair that is unequal or NULL deciding. IN lists of rows, IS
// DISTINCT FROM between rows and `(a, b) IN (SELECT x, y ...)` are built from the same pieces.
// Thread safety: pure functions over one binder, one thread.
#pragma once

#include <string>
#include <vector>

#include "sql/binder/expression_binder.h"

namespace boyodb::sql {

/// `left op right` for two rows of fields already bound. 42601 `unequal number of entries in
/// row expressions` when the lengths differ, 0A000 for rows of no fields, 42883 for an
/// operator other than =, <>, <, <=, > and >=; each pair's operator resolves as usual (so a
/// pair of types without it is 42883 naming them).
Result<BoundExprPtr> CompareRows(const ExpressionBinder& binder, const std::string& op,
                                 const std::vector<BoundExprPtr>& left,
                                 const std::vector<BoundExprPtr>& right, int32_t position);

/// `left IS [NOT] DISTINCT FROM right` for two rows: distinct when some pair of fields is
/// (NULL is not distinct from NULL). Never NULL.
Result<BoundExprPtr> RowsDistinct(const ExpressionBinder& binder,
                                  const std::vector<BoundExprPtr>& left,
                                  const std::vector<BoundExprPtr>& right, bool negated,
                                  int32_t position);

/// The fields of a row written in SQL: the arguments of ROW(...) / (a, b), or the expression
/// itself when it is not a row.
std::vector<const ast::Expr*> RowFields(const ast::Expr& expr);

}  // namespace boyodb::sql
