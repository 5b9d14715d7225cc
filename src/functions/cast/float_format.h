// PostgreSQL 15's text output of REAL and DOUBLE PRECISION (extra_float_digits = 1): the
// shortest digits that read back to the same value, in fixed notation when the decimal
// exponent is in [-4, 15) for doubles ([-4, 6) for reals) and otherwise as "1e+20", "1.5e-07"
// (at least two exponent digits); "NaN", "Infinity", "-Infinity", "-0".
// Thread safety: pure functions.
#pragma once

#include <string>

namespace boyodb::functions {

/// Appends the text of `value` to *out.
void AppendFloat64(double value, std::string* out);
void AppendFloat32(float value, std::string* out);

}  // namespace boyodb::functions
