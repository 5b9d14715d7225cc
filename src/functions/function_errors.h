// The errors built-in functions and casts raise, worded and coded as PostgreSQL 15 words and
// codes them (SQLSTATE class 22 for bad values, 42846 for a missing cast). Type names in them
// come from sql::PgTypeName.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "types/data_type.h"

namespace boyodb::functions {

/// 22003 "smallint out of range", "integer out of range", "bigint out of range" (and
/// "tinyint out of range") for the integer type `type`.
Status IntegerOutOfRange(types::TypeId type);
/// 22003 with `message` ("value out of range: overflow", "numeric field overflow").
Status NumericOutOfRange(std::string message);
/// 22012 "division by zero".
Status DivisionByZero();
/// 22P02 `invalid input syntax for type integer: "abc"`.
Status InvalidTextRepresentation(std::string_view type_name, std::string_view text);
/// 22003 `value "99999999999" is out of range for type integer`.
Status ValueOutOfRangeForType(std::string_view text, std::string_view type_name);
/// 42846 "cannot cast type boolean to date".
Status CannotCast(const types::DataType& from, const types::DataType& to);
/// An error with `sqlstate` and `message` caused by a bad argument value (class 22).
Status InvalidValue(std::string_view sqlstate, std::string message);

}  // namespace boyodb::functions
