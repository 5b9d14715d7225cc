// Exact arithmetic on DECIMAL values: 128-bit unscaled integers with a scale, as stored in
// DECIMAL arrays. Rounding is half away from zero, as PostgreSQL's numeric rounds; products and
// quotients use a 256-bit intermediate so no digits are lost before the final rounding.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "types/value.h"

namespace boyodb::functions {

using types::Int128;

inline constexpr int kMaxDecimalPrecision = 38;

/// 10^exponent. Requires: 0 <= exponent <= 38.
Int128 Pow10(int exponent);
/// True when |value| < 10^precision, i.e. the value has at most `precision` digits.
bool FitsPrecision(Int128 value, int precision);
/// The number of decimal digits of |value| (1 for 0).
int DigitCount(Int128 value);

/// value / 10^digits rounded half away from zero. Requires: 0 <= digits <= 38.
Int128 ScaleDownRounded(Int128 value, int digits);
/// value / 10^digits truncated toward zero.
Int128 ScaleDownTruncated(Int128 value, int digits);
/// value / 10^digits rounded toward +infinity (ceil) or -infinity (floor).
Int128 ScaleDownCeil(Int128 value, int digits);
Int128 ScaleDownFloor(Int128 value, int digits);
/// value * 10^digits into *out; false when that does not fit in 38 digits.
bool ScaleUp(Int128 value, int digits, Int128* out);
/// The value of scale `from_scale` at scale `to_scale` (rounded half away from zero when the
/// scale shrinks); false when it does not fit in 38 digits.
bool Rescale(Int128 value, int from_scale, int to_scale, Int128* out);

/// a + b and a - b; false when the result does not fit in 38 digits.
bool AddDecimal(Int128 a, Int128 b, Int128* out);
bool SubtractDecimal(Int128 a, Int128 b, Int128* out);
/// (a * b) / 10^drop rounded half away from zero; false when it does not fit in 38 digits.
/// Requires: 0 <= drop <= 76.
bool MultiplyDecimal(Int128 a, Int128 b, int drop, Int128* out);
/// (a * 10^shift) / b rounded half away from zero; false when it does not fit in 38 digits.
/// Requires: b != 0, 0 <= shift <= 76.
bool DivideDecimal(Int128 a, int shift, Int128 b, Int128* out);

/// The nearest double to unscaled * 10^-scale.
double DecimalToDouble(Int128 unscaled, int scale);

}  // namespace boyodb::functions
