// PostgreSQL's float output (float_format.h) on top of std::to_chars.
// Thread safety: see the header.
#include "functions/cast/float_format.h"

#include <charconv>
#include <cmath>
#include <string_view>

namespace boyodb::functions {
namespace {

// Rewrites std::to_chars' shortest scientific form ("-1.2345e+20") as PostgreSQL prints it.
// `fixed_limit` is the exponent from which PostgreSQL switches to exponential notation.
template <typename T>
void AppendShortest(T value, int fixed_limit, std::string* out) {
  if (std::isnan(value)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(value)) {
    out->append(value > 0 ? "Infinity" : "-Infinity");
    return;
  }
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  const std::string_view text(buffer, static_cast<size_t>(result.ptr - buffer));
  const size_t e = text.find('e');
  // The exponent ("+20", "-05") ends where to_chars stopped: the buffer is not terminated,
  // so it is parsed within the text's bounds.
  int exponent = 0;
  const char* exponent_digits = text.data() + e + 1;
  const bool negative_exponent = *exponent_digits == '-';
  if (*exponent_digits == '+' || *exponent_digits == '-') ++exponent_digits;
  std::from_chars(exponent_digits, text.data() + text.size(), exponent);
  if (negative_exponent) exponent = -exponent;
  const bool negative = text[0] == '-';
  std::string digits;  // the significant digits without the point
  for (size_t i = negative ? 1 : 0; i < e; ++i) {
    if (text[i] != '.') digits.push_back(text[i]);
  }
  if (exponent < -4 || exponent >= fixed_limit) {
    // Scientific notation, which to_chars already writes as PostgreSQL does.
    out->append(text);
    return;
  }
  if (negative) out->push_back('-');
  if (exponent < 0) {
    out->append("0.");
    out->append(static_cast<size_t>(-exponent - 1), '0');
    out->append(digits);
    return;
  }
  const size_t integer_digits = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= integer_digits) {
    out->append(digits);
    out->append(integer_digits - digits.size(), '0');
  } else {
    out->append(digits, 0, integer_digits);
    out->push_back('.');
    out->append(digits, integer_digits, std::string::npos);
  }
}

}  // namespace

void AppendFloat64(double value, std::string* out) { AppendShortest(value, 15, out); }

void AppendFloat32(float value, std::string* out) { AppendShortest(value, 6, out); }

}  // namespace boyodb::functions
