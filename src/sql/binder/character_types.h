// CHARACTER VARYING(n) and CHARACTER(n): TEXT with a length limit. The binder reads the limit
// from a type's spelling (CREATE TABLE, ALTER TABLE ADD COLUMN, casts) and applies it where a
// value is cast to such a type or stored in such a column, through the varchar / bpchar
// functions (functions/string/character_length.h).
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include "sql/ast/expr.h"
#include "sql/binder/bound_expr.h"
#include "sql/binder/catalog_view.h"
#include "sql/binder/function_resolver.h"
#include "types/character_length.h"

namespace boyodb::sql {

/// The limit `name` declares: varchar(n) and character varying(n); char(n), character(n) and
/// bpchar(n) (the parser gives a bare CHAR a length of 1). nullopt for other types, for
/// VARCHAR without a length and for arrays. 22023 for a length below 1 or above 10485760.
Result<std::optional<types::CharacterLength>> DeclaredCharacterLength(const ast::TypeName& name);

/// `expr`, a TEXT value, fitted to `limit`: an explicit cast cuts a longer value, an
/// assignment refuses it (22001) unless only spaces go; CHARACTER(n) drops trailing spaces.
Result<BoundExprPtr> FitCharacterLength(const FunctionResolver& resolver, BoundExprPtr expr,
                                        types::CharacterLength limit, bool explicit_cast,
                                        int32_t position);

/// `expr`, already of column `column`'s type, fitted to the column's declared length if it
/// has one (an assignment).
Result<BoundExprPtr> FitToColumn(const FunctionResolver& resolver, const TableDescription& table,
                                 const std::string& column, BoundExprPtr expr, int32_t position);

}  // namespace boyodb::sql
