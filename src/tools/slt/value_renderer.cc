#include "tools/slt/value_renderer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>

#include "common/check.h"
#include "tools/slt/script_parser.h"

namespace boyodb::tools::slt {
namespace {

// The exact decimal expansion of a finite, nonzero |value|: significant digits (the first is
// not '0') and the power of ten of the first one, value = 0.d1d2d3... * 10^(exponent + 1).
struct DecimalDigits {
  std::string digits;
  int exponent = 0;
};

DecimalDigits ExactDecimal(double magnitude) {
  // A double's exact decimal expansion has at most 767 significant digits, so printing 800
  // digits after the first never rounds: glibc and musl print the exact value.
  constexpr int kPrecision = 800;
  char buffer[kPrecision + 32];
  const int length = std::snprintf(buffer, sizeof(buffer), "%.*e", kPrecision, magnitude);
  BOYO_CHECK(length > 0 && static_cast<size_t>(length) < sizeof(buffer));
  const std::string_view text(buffer, static_cast<size_t>(length));
  const size_t e_pos = text.find('e');
  BOYO_CHECK(e_pos != std::string_view::npos);
  DecimalDigits result;
  result.digits.reserve(e_pos);
  for (size_t i = 0; i < e_pos; ++i) {
    if (text[i] != '.') result.digits += text[i];
  }
  while (result.digits.size() > 1 && result.digits.back() == '0') result.digits.pop_back();
  result.exponent = std::atoi(std::string(text.substr(e_pos + 1)).c_str());
  return result;
}

// Rounds the decimal number half away from zero to a multiple of 10^power. Returns the digits
// of the rounded value divided by 10^power ("0" when it rounds to zero).
std::string RoundHalfUp(const DecimalDigits& number, int power) {
  const int num_kept = number.exponent - power + 1;
  if (num_kept < 0) return "0";
  if (num_kept == 0) return number.digits[0] >= '5' ? "1" : "0";
  std::string kept = number.digits.substr(0, std::min<size_t>(number.digits.size(), num_kept));
  kept.resize(static_cast<size_t>(num_kept), '0');
  const size_t next = static_cast<size_t>(num_kept);
  if (next < number.digits.size() && number.digits[next] >= '5') {
    size_t i = kept.size();
    while (i > 0 && kept[i - 1] == '9') kept[--i] = '0';
    if (i == 0) {
      kept.insert(kept.begin(), '1');
    } else {
      ++kept[i - 1];
    }
  }
  return kept;
}

const char* NonFiniteName(double value) {
  if (std::isnan(value)) return "NaN";
  return value > 0 ? "Inf" : "-Inf";
}

std::int32_t LowBits32(std::int64_t value) {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(static_cast<std::uint64_t>(value)));
}

std::int64_t DoubleToInt64(double value) {
  if (std::isnan(value)) return 0;
  if (value <= -9.223372036854775808e18) return std::numeric_limits<std::int64_t>::min();
  if (value >= 9.223372036854775807e18) return std::numeric_limits<std::int64_t>::max();
  return static_cast<std::int64_t>(value);
}

std::int32_t ToInt32(const Value& value) {
  if (const bool* b = std::get_if<bool>(&value)) return *b ? 1 : 0;
  if (const std::int64_t* i = std::get_if<std::int64_t>(&value)) return LowBits32(*i);
  if (std::holds_alternative<std::uint64_t>(value)) {
    return LowBits32(std::numeric_limits<std::int64_t>::max());
  }
  if (const double* d = std::get_if<double>(&value)) return LowBits32(DoubleToInt64(*d));
  if (const std::string* s = std::get_if<std::string>(&value)) {
    return LowBits32(TextToInteger(*s));
  }
  return 0;
}

double ToDouble(const Value& value) {
  if (const bool* b = std::get_if<bool>(&value)) return *b ? 1.0 : 0.0;
  if (const std::int64_t* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
  if (const std::uint64_t* u = std::get_if<std::uint64_t>(&value)) {
    return static_cast<double>(*u);
  }
  if (const double* d = std::get_if<double>(&value)) return *d;
  if (const std::string* s = std::get_if<std::string>(&value)) return TextToReal(*s);
  return 0.0;
}

std::string ToText(const Value& value) {
  if (const bool* b = std::get_if<bool>(&value)) return *b ? "1" : "0";
  if (const std::int64_t* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (const std::uint64_t* u = std::get_if<std::uint64_t>(&value)) return std::to_string(*u);
  if (const double* d = std::get_if<double>(&value)) return FormatRealAsText(*d);
  if (const std::string* s = std::get_if<std::string>(&value)) return *s;
  return "";
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string FormatReal3(double value) {
  if (!std::isfinite(value)) return NonFiniteName(value);
  if (value == 0) return "0.000";
  const DecimalDigits number = ExactDecimal(std::fabs(value));
  // Thousandths, or the 16th significant digit when the value has 13 or more integer digits.
  const int power = number.exponent >= 13 ? number.exponent - 15 : -3;
  std::string thousandths = RoundHalfUp(number, power);
  thousandths.append(static_cast<size_t>(power + 3), '0');
  if (thousandths.size() < 4) thousandths.insert(0, 4 - thousandths.size(), '0');
  std::string out = value < 0 ? "-" : "";
  out.append(thousandths, 0, thousandths.size() - 3);
  out += '.';
  out.append(thousandths, thousandths.size() - 3, 3);
  return out;
}

std::string FormatRealAsText(double value) {
  if (!std::isfinite(value)) return NonFiniteName(value);
  if (value == 0) return "0.0";
  constexpr int kSignificant = 15;
  const DecimalDigits number = ExactDecimal(std::fabs(value));
  std::string digits = RoundHalfUp(number, number.exponent - (kSignificant - 1));
  // A carry (9.99...95 to 10.0...0) adds a digit and moves the exponent up by one.
  const int exponent = number.exponent + static_cast<int>(digits.size()) - kSignificant;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();

  std::string out = value < 0 ? "-" : "";
  if (exponent < -4 || exponent >= kSignificant) {
    out += digits[0];
    out += '.';
    out += digits.size() > 1 ? digits.substr(1) : "0";
    char exponent_text[16];
    std::snprintf(exponent_text, sizeof(exponent_text), "e%c%02d", exponent < 0 ? '-' : '+',
                  std::abs(exponent));
    out += exponent_text;
  } else if (exponent < 0) {
    out += "0.";
    out.append(static_cast<size_t>(-exponent - 1), '0');
    out += digits;
  } else {
    const size_t num_whole = static_cast<size_t>(exponent) + 1;
    if (digits.size() <= num_whole) {
      out += digits;
      out.append(num_whole - digits.size(), '0');
      out += ".0";
    } else {
      out.append(digits, 0, num_whole);
      out += '.';
      out.append(digits, num_whole, std::string::npos);
    }
  }
  return out;
}

std::int64_t TextToInteger(std::string_view text) { return ParseLeadingInteger(text); }

double TextToReal(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size() && (text[pos] == ' ' || (text[pos] >= '\t' && text[pos] <= '\r'))) {
    ++pos;
  }
  const size_t begin = pos;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) ++pos;
  size_t num_digits = 0;
  while (pos < text.size() && IsDigit(text[pos])) ++pos, ++num_digits;
  if (pos < text.size() && text[pos] == '.') {
    // "1." is a number; "." alone is not, and ".5" needs a digit after the point.
    size_t after = pos + 1;
    size_t num_fraction = 0;
    while (after < text.size() && IsDigit(text[after])) ++after, ++num_fraction;
    if (num_digits > 0 || num_fraction > 0) {
      pos = after;
      num_digits += num_fraction;
    }
  }
  if (num_digits == 0) return 0.0;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    size_t after = pos + 1;
    if (after < text.size() && (text[after] == '+' || text[after] == '-')) ++after;
    const size_t exponent_begin = after;
    while (after < text.size() && IsDigit(text[after])) ++after;
    if (after > exponent_begin) pos = after;
  }
  const std::string number(text.substr(begin, pos - begin));
  return std::strtod(number.c_str(), nullptr);
}

std::string PrintableText(std::string_view text) {
  if (text.empty()) return "(empty)";
  std::string out(text);
  for (char& c : out) {
    if (c < ' ' || c > '~') c = '@';
  }
  return out;
}

std::string RenderValue(const Value& value, char type) {
  if (IsNull(value)) return "NULL";
  switch (type) {
    case 'I':
      return std::to_string(ToInt32(value));
    case 'R':
      return FormatReal3(ToDouble(value));
    default:
      return PrintableText(ToText(value));
  }
}

}  // namespace boyodb::tools::slt
