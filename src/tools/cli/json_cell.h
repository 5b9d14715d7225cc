// JSON text of result values, shared by the machine mode (--jsonl) and the shell's JSON output
// format: numbers and booleans as JSON literals, NULL as null, everything else as a string of
// PostgreSQL's text output.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "columnar/array.h"
#include "functions/datetime/time_zone.h"

namespace boyodb::tools::cli {

/// How NaN and the infinities are written: bare `NaN`, `Infinity`, `-Infinity` (the JSONL
/// contract allows them, though strict JSON parsers refuse them), or as JSON strings of the same
/// text (strict JSON).
enum class NonFiniteFloats { kBare, kString };

/// `text` as a JSON string literal, quotes included; invalid UTF-8 becomes U+FFFD.
std::string JsonString(std::string_view text);

/// One value of `array` as JSON text: null; true/false; integers exactly (all 64 bits); floats
/// in the shortest form that reads back as the same value; NUMERIC as a JSON number with its
/// scale; anything else as a string of its PostgreSQL text form, TIMESTAMPTZ shown in `zone`
/// (the session's TimeZone).
std::string JsonCell(const columnar::Array& array, int64_t row, const functions::TimeZone& zone,
                     NonFiniteFloats non_finite = NonFiniteFloats::kBare);

/// PostgreSQL's text output of one value of `array`, TIMESTAMPTZ shown in `zone`; NULL is
/// empty, as psql shows it by default.
std::string CellText(const columnar::Array& array, int64_t row, const functions::TimeZone& zone);

}  // namespace boyodb::tools::cli
