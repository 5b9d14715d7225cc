// PostgreSQL's typing rules, as far as the binder needs them: the type a written type name
// denotes, which casts may happen implicitly, and the common type of several expressions (CASE,
// UNION, IN lists, COALESCE), following PostgreSQL's type categories and preferred types.
// Thread safety: pure functions.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "sql/ast/expr.h"
#include "types/data_type.h"

namespace boyodb::sql {

/// oid and its reg* aliases (regclass, regtype, regnamespace, regrole, regproc,
/// regprocedure): UINT32 columns; a cast to a reg* type from text looks the name up.
bool IsOidAliasType(const std::string& name);

/// The type a written name denotes ("int4" -> INTEGER, "varchar(10)" -> TEXT, "numeric(10,2)"
/// -> DECIMAL(10,2)). 42704 `type "x" does not exist` at the name's position otherwise.
Result<types::DataType> ResolveTypeName(const ast::TypeName& name);

/// SMALLSERIAL, SERIAL and BIGSERIAL (and serial2/4/8): an integer column of that width filled
/// from a sequence it owns. `integer_type` gets the column's type.
bool IsSerialType(const ast::TypeName& name, types::DataType* integer_type = nullptr);

/// PostgreSQL's name of a type for messages: integer, bigint, text, numeric, double precision.
std::string PgTypeName(const types::DataType& type);

enum class CastContext : uint8_t {
  kImplicit,    // in expressions: int4 -> int8 -> numeric -> float8, date -> timestamp, ...
  kAssignment,  // INSERT/UPDATE targets: also narrowing numbers and anything to text
  kExplicit,    // CAST / ::
};

/// Whether a value of `from` may become `to` in the given context (PostgreSQL's pg_cast
/// contexts). Always true for equal types and for the NULL type.
bool CastAllowed(const types::DataType& from, const types::DataType& to, CastContext context);

/// The type several inputs resolve to (PostgreSQL's "UNION, CASE and related constructs"
/// rules); `unknown` marks inputs that are untyped string literals or NULLs, which take the
/// others' type (all unknown: TEXT). 42804 naming `what` ("CASE", "UNION", "COALESCE") when two
/// inputs have no common type.
Result<types::DataType> CommonType(std::span<const types::DataType> types,
                                   const std::vector<bool>& unknown, std::string_view what);

/// True for the integer, float and decimal types.
bool IsNumeric(const types::DataType& type);
/// INT2 < INT4 < INT8 < NUMERIC < FLOAT4 < FLOAT8: PostgreSQL's numeric promotion order.
int NumericRank(const types::DataType& type);

}  // namespace boyodb::sql
