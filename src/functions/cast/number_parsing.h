// PostgreSQL's input functions for numbers and booleans, as text-to-value casts use them:
// leading and trailing whitespace is allowed, anything else that is not the type's syntax is
// 22P02 `invalid input syntax for type integer: "abc"`, and values outside the type are 22003
// (`value "99999999999" is out of range for type integer`, `"1e400" is out of range for type
// double precision`, "numeric field overflow").
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/result.h"
#include "types/data_type.h"
#include "types/value.h"

namespace boyodb::functions {

/// `text` without leading and trailing whitespace (space, \t, \n, \r, \v, \f).
std::string_view TrimWhitespace(std::string_view text);

/// A signed integer of the width of `type` (kInt8 .. kInt64), returned as int64.
Result<int64_t> ParseInteger(std::string_view text, types::TypeId type);
/// An unsigned integer of the width of `type` (kUInt8 .. kUInt64).
Result<uint64_t> ParseUnsigned(std::string_view text, types::TypeId type);
/// DOUBLE PRECISION and REAL: decimal or hexadecimal floats, NaN, Infinity, inf, any case.
Result<double> ParseFloat64(std::string_view text);
Result<float> ParseFloat32(std::string_view text);
/// A numeric ("-1.5", "1e3", ".5") as an unscaled value at `scale`, rounded half away from
/// zero; "numeric field overflow" when it has more than `precision` digits there. NaN and
/// Infinity, which a 128-bit DECIMAL cannot hold, are 0A000.
Result<types::Int128> ParseDecimal(std::string_view text, int precision, int scale);
/// t/true/yes/on/1 and f/false/no/off/0, any case, and unique prefixes of the words.
Result<bool> ParseBoolean(std::string_view text);

}  // namespace boyodb::functions
