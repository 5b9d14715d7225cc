// DECIMAL arithmetic of decimal_math.h, with a 256-bit intermediate for products and quotients.
// Thread safety: see the header.
#include "functions/decimal/decimal_math.h"

#include <array>
#include <cstdlib>

#include "common/check.h"

namespace boyodb::functions {
namespace {

using Uint128 = unsigned __int128;

constexpr Uint128 kUint128Max = ~static_cast<Uint128>(0);

// An unsigned 256-bit integer, just enough for products and scaled dividends of DECIMALs.
struct Uint256 {
  Uint128 high = 0;
  Uint128 low = 0;
};

Uint128 Magnitude(Int128 value) {
  return value < 0 ? static_cast<Uint128>(0) - static_cast<Uint128>(value)
                   : static_cast<Uint128>(value);
}

Uint256 Multiply(Uint128 a, Uint128 b) {
  const uint64_t a0 = static_cast<uint64_t>(a), a1 = static_cast<uint64_t>(a >> 64);
  const uint64_t b0 = static_cast<uint64_t>(b), b1 = static_cast<uint64_t>(b >> 64);
  const Uint128 p00 = static_cast<Uint128>(a0) * b0;
  const Uint128 p01 = static_cast<Uint128>(a0) * b1;
  const Uint128 p10 = static_cast<Uint128>(a1) * b0;
  const Uint128 p11 = static_cast<Uint128>(a1) * b1;
  // Middle column: high half of p00 plus the low halves of the cross products.
  const Uint128 middle = (p00 >> 64) + static_cast<uint64_t>(p01) + static_cast<uint64_t>(p10);
  Uint256 out;
  out.low = (middle << 64) | static_cast<uint64_t>(p00);
  out.high = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
  return out;
}

// Divides a 256-bit value by a 128-bit one. False when the quotient does not fit in 128 bits.
bool DivideWide(Uint256 dividend, Uint128 divisor, Uint128* quotient, Uint128* remainder) {
  if (dividend.high == 0) {
    *quotient = dividend.low / divisor;
    *remainder = dividend.low % divisor;
    return true;
  }
  if (dividend.high >= divisor) return false;
  // Restoring long division, one bit at a time; the running remainder stays below divisor, so
  // one extra bit (`carry`) is enough to hold it shifted.
  Uint128 rem = dividend.high;
  Uint128 q = 0;
  for (int bit = 127; bit >= 0; --bit) {
    const bool carry = (rem >> 127) != 0;
    rem = (rem << 1) | ((dividend.low >> bit) & 1);
    q <<= 1;
    if (carry || rem >= divisor) {
      rem -= divisor;
      q |= 1;
    }
  }
  *quotient = q;
  *remainder = rem;
  return true;
}

Uint128 UPow10(int exponent) {
  static const auto kTable = [] {
    std::array<Uint128, kMaxDecimalPrecision + 1> table{};
    Uint128 value = 1;
    for (auto& entry : table) {
      entry = value;
      value *= 10;
    }
    return table;
  }();
  return kTable[static_cast<size_t>(exponent)];
}

// Divides by 10^digits in (at most) two steps, since 10^76 does not fit in 128 bits.
bool DivideByPow10Rounded(Uint256 value, int digits, Uint128* out) {
  Uint128 quotient = 0, remainder = 0;
  if (digits <= 38) {
    const Uint128 divisor = UPow10(digits);
    if (!DivideWide(value, divisor, &quotient, &remainder)) return false;
    if (digits > 0 && remainder >= divisor - remainder) ++quotient;
    *out = quotient;
    return true;
  }
  // Drop 38 digits, then the rest. The halfway point 5 * 10^(digits - 1) is a multiple of
  // 10^38, so the first remainder never decides the rounding: only the second one does.
  // value < 10^77 (a product of two 38-digit numbers), so value / 10^38 fits in 128 bits.
  Uint128 partial = 0, dropped = 0;
  if (!DivideWide(value, UPow10(38), &partial, &dropped)) return false;
  const Uint128 divisor = UPow10(digits - 38);
  quotient = partial / divisor;
  remainder = partial % divisor;
  if (remainder >= divisor / 2) ++quotient;
  *out = quotient;
  return true;
}

bool ToSigned(Uint128 magnitude, bool negative, Int128* out) {
  if (magnitude >= UPow10(kMaxDecimalPrecision)) return false;
  const Int128 value = static_cast<Int128>(magnitude);
  *out = negative ? -value : value;
  return true;
}

}  // namespace

Int128 Pow10(int exponent) {
  BOYO_DCHECK(exponent >= 0 && exponent <= kMaxDecimalPrecision);
  return static_cast<Int128>(UPow10(exponent));
}

bool FitsPrecision(Int128 value, int precision) { return Magnitude(value) < UPow10(precision); }

int DigitCount(Int128 value) {
  Uint128 magnitude = Magnitude(value);
  int digits = 1;
  while (magnitude >= 10) {
    magnitude /= 10;
    ++digits;
  }
  return digits;
}

Int128 ScaleDownRounded(Int128 value, int digits) {
  if (digits == 0) return value;
  const Uint128 divisor = UPow10(digits);
  const Uint128 magnitude = Magnitude(value);
  Uint128 quotient = magnitude / divisor;
  const Uint128 remainder = magnitude % divisor;
  if (remainder >= divisor - remainder) ++quotient;
  const Int128 result = static_cast<Int128>(quotient);
  return value < 0 ? -result : result;
}

Int128 ScaleDownTruncated(Int128 value, int digits) {
  if (digits == 0) return value;
  return value / Pow10(digits);
}

Int128 ScaleDownFloor(Int128 value, int digits) {
  if (digits == 0) return value;
  const Int128 divisor = Pow10(digits);
  const Int128 quotient = value / divisor;
  return (value % divisor != 0 && value < 0) ? quotient - 1 : quotient;
}

Int128 ScaleDownCeil(Int128 value, int digits) {
  if (digits == 0) return value;
  const Int128 divisor = Pow10(digits);
  const Int128 quotient = value / divisor;
  return (value % divisor != 0 && value > 0) ? quotient + 1 : quotient;
}

bool ScaleUp(Int128 value, int digits, Int128* out) {
  if (digits > kMaxDecimalPrecision) {
    if (value != 0) return false;
    *out = 0;
    return true;
  }
  const Uint128 magnitude = Magnitude(value);
  const Uint256 product = Multiply(magnitude, UPow10(digits));
  if (product.high != 0) return false;
  return ToSigned(product.low, value < 0, out);
}

bool Rescale(Int128 value, int from_scale, int to_scale, Int128* out) {
  if (to_scale >= from_scale) return ScaleUp(value, to_scale - from_scale, out);
  *out = ScaleDownRounded(value, from_scale - to_scale);
  return true;
}

bool AddDecimal(Int128 a, Int128 b, Int128* out) {
  // Both operands have at most 38 digits, so the sum cannot overflow 128 bits.
  const Int128 sum = a + b;
  if (!FitsPrecision(sum, kMaxDecimalPrecision)) return false;
  *out = sum;
  return true;
}

bool SubtractDecimal(Int128 a, Int128 b, Int128* out) {
  const Int128 difference = a - b;
  if (!FitsPrecision(difference, kMaxDecimalPrecision)) return false;
  *out = difference;
  return true;
}

bool MultiplyDecimal(Int128 a, Int128 b, int drop, Int128* out) {
  const Uint256 product = Multiply(Magnitude(a), Magnitude(b));
  Uint128 magnitude = 0;
  if (drop == 0) {
    if (product.high != 0) return false;
    magnitude = product.low;
  } else if (!DivideByPow10Rounded(product, drop, &magnitude)) {
    return false;
  }
  return ToSigned(magnitude, (a < 0) != (b < 0), out);
}

bool DivideDecimal(Int128 a, int shift, Int128 b, Int128* out) {
  BOYO_DCHECK(b != 0);
  const Uint128 divisor = Magnitude(b);
  Uint256 dividend;
  if (shift <= kMaxDecimalPrecision) {
    dividend = Multiply(Magnitude(a), UPow10(shift));
  } else {
    // a * 10^shift with shift > 38 has more than 38 digits unless a is zero; the quotient
    // may still fit when b is large, so multiply in two steps.
    const Uint256 partial = Multiply(Magnitude(a), UPow10(kMaxDecimalPrecision));
    if (partial.high != 0) return false;
    dividend = Multiply(partial.low, UPow10(shift - kMaxDecimalPrecision));
  }
  Uint128 quotient = 0, remainder = 0;
  if (!DivideWide(dividend, divisor, &quotient, &remainder)) return false;
  if (remainder >= divisor - remainder) {
    if (quotient == kUint128Max) return false;
    ++quotient;
  }
  return ToSigned(quotient, (a < 0) != (b < 0), out);
}

double DecimalToDouble(Int128 unscaled, int scale) {
  // Through text, so the result is the correctly rounded nearest double.
  const std::string text = types::DecimalToString(unscaled, scale);
  return std::strtod(text.c_str(), nullptr);
}

}  // namespace boyodb::functions
