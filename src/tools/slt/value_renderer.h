// Value rendering: turns an engine's value into the string a sqllogictest script compares,
// by the query's type letter, exactly as SQLite's runner (slt_sqlite.c) prints it.
// Thread safety: free functions without shared state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tools/slt/value.h"

namespace boyodb::tools::slt {

/// Renders value for a column of type letter `type`:
/// - NULL is `NULL` for every type.
/// - 'I': the value as a 32-bit integer printed in decimal (sqlite3_column_int): a float is
///   truncated toward zero (saturating at the int64 range, NaN gives 0), a text takes its
///   leading integer, a boolean is 1 or 0; only the low 32 bits of the 64-bit value are kept.
/// - 'R': FormatReal3 of the value as a double; a text takes its leading number.
/// - 'T' (and any other letter): the text, FormatRealAsText for a float, decimal for an integer,
///   1/0 for a boolean; then `(empty)` for an empty string and `@` for every byte outside
///   ' '..'~'.
std::string RenderValue(const Value& value, char type);

/// SQLite's `%.3f` (sqlite3_snprintf): the exact binary value rounded half away from zero at
/// the third decimal, or at the 16th significant digit when that comes first (the digits after
/// it print as 0); `0.000` for a zero of either sign; `NaN`, `Inf`, `-Inf` for the others.
std::string FormatReal3(double value);

/// SQLite's REAL-to-TEXT conversion (`%!.15g`): 15 significant digits rounded half away from
/// zero, trailing zeros dropped but one digit kept after the point (`1.0`, `0.1`, `1.0e+20`,
/// `1.5e-05`); `0.0` for a zero; `NaN`, `Inf`, `-Inf` for the others.
std::string FormatRealAsText(double value);

/// The leading integer of a text (sqlite3Atoi64): whitespace, an optional sign, digits; 0 when
/// there are no digits; saturates at the int64 range.
std::int64_t TextToInteger(std::string_view text);

/// The leading number of a text (sqlite3AtoF): `[+-]?(digits[.digits]|.digits)([eE][+-]?digits)?`
/// after whitespace, read as the nearest double; 0.0 when there is none.
double TextToReal(std::string_view text);

/// `(empty)` for an empty text, otherwise the text with every byte outside ' '..'~' replaced
/// by '@'.
std::string PrintableText(std::string_view text);

}  // namespace boyodb::tools::slt
