// PostgreSQL's number and boolean input functions (number_parsing.h).
// Thread safety: see the header.
#include "functions/cast/number_parsing.h"

#include <strings.h>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "common/sqlstate.h"
#include "functions/decimal/decimal_math.h"
#include "functions/function_errors.h"
#include "sql/binder/type_rules.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::TypeId;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string TypeName(TypeId id) {
  switch (id) {
    case TypeId::kInt8:
      return sql::PgTypeName(DataType::Int8());
    case TypeId::kInt16:
      return sql::PgTypeName(DataType::Int16());
    case TypeId::kInt32:
      return sql::PgTypeName(DataType::Int32());
    case TypeId::kUInt8:
      return sql::PgTypeName(DataType::UInt8());
    case TypeId::kUInt16:
      return sql::PgTypeName(DataType::UInt16());
    case TypeId::kUInt32:
      return sql::PgTypeName(DataType::UInt32());
    case TypeId::kUInt64:
      return sql::PgTypeName(DataType::UInt64());
    default:
      return sql::PgTypeName(DataType::Int64());
  }
}

// Parses optional sign and digits; *magnitude saturates at UINT64_MAX (then out of range).
bool ParseDigits(std::string_view text, bool* negative, uint64_t* magnitude, bool* overflow) {
  size_t pos = 0;
  *negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    *negative = text[pos] == '-';
    ++pos;
  }
  if (pos == text.size()) return false;
  uint64_t value = 0;
  *overflow = false;
  for (; pos < text.size(); ++pos) {
    if (!IsDigit(text[pos])) return false;
    if (__builtin_mul_overflow(value, 10u, &value) ||
        __builtin_add_overflow(value, static_cast<uint64_t>(text[pos] - '0'), &value)) {
      *overflow = true;
      value = std::numeric_limits<uint64_t>::max();
    }
  }
  *magnitude = value;
  return true;
}

int64_t SignedMax(TypeId id) {
  switch (id) {
    case TypeId::kInt8:
      return std::numeric_limits<int8_t>::max();
    case TypeId::kInt16:
      return std::numeric_limits<int16_t>::max();
    case TypeId::kInt32:
      return std::numeric_limits<int32_t>::max();
    default:
      return std::numeric_limits<int64_t>::max();
  }
}

uint64_t UnsignedMax(TypeId id) {
  switch (id) {
    case TypeId::kUInt8:
      return std::numeric_limits<uint8_t>::max();
    case TypeId::kUInt16:
      return std::numeric_limits<uint16_t>::max();
    case TypeId::kUInt32:
      return std::numeric_limits<uint32_t>::max();
    default:
      return std::numeric_limits<uint64_t>::max();
  }
}

// Copies the trimmed text to a NUL-terminated buffer for strtod.
template <typename T>
Result<T> ParseFloat(std::string_view original, const char* type_name,
                     T (*convert)(const char*, char**)) {
  const std::string_view text = TrimWhitespace(original);
  if (text.empty()) return InvalidTextRepresentation(type_name, original);
  const std::string terminated(text);
  // strtod reads "nan(...)" and "infinity" too; PostgreSQL spells out the words it takes.
  const char* start = terminated.c_str();
  const char* unsigned_start = (*start == '+' || *start == '-') ? start + 1 : start;
  if (strcasecmp(unsigned_start, "nan") == 0) {
    if (unsigned_start != start) return InvalidTextRepresentation(type_name, original);
    return std::numeric_limits<T>::quiet_NaN();
  }
  if (strcasecmp(unsigned_start, "infinity") == 0 || strcasecmp(unsigned_start, "inf") == 0) {
    return *start == '-' ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
  }
  char* end = nullptr;
  errno = 0;
  const T value = convert(start, &end);
  if (end != start + terminated.size() || end == start) {
    return InvalidTextRepresentation(type_name, original);
  }
  if (errno == ERANGE && (value == 0 || std::isinf(value))) {
    return NumericOutOfRange("\"" + std::string(original) + "\" is out of range for type " +
                             type_name);
  }
  return value;
}

}  // namespace

std::string_view TrimWhitespace(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

Result<int64_t> ParseInteger(std::string_view original, TypeId type) {
  bool negative = false, overflow = false;
  uint64_t magnitude = 0;
  if (!ParseDigits(TrimWhitespace(original), &negative, &magnitude, &overflow)) {
    return InvalidTextRepresentation(TypeName(type), original);
  }
  const uint64_t max = static_cast<uint64_t>(SignedMax(type));
  // The negative range has one more value than the positive one.
  if (overflow || magnitude > max + (negative ? 1 : 0)) {
    return ValueOutOfRangeForType(original, TypeName(type));
  }
  return negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

Result<uint64_t> ParseUnsigned(std::string_view original, TypeId type) {
  bool negative = false, overflow = false;
  uint64_t magnitude = 0;
  if (!ParseDigits(TrimWhitespace(original), &negative, &magnitude, &overflow)) {
    return InvalidTextRepresentation(TypeName(type), original);
  }
  if (overflow || (negative && magnitude != 0) || magnitude > UnsignedMax(type)) {
    return ValueOutOfRangeForType(original, TypeName(type));
  }
  return magnitude;
}

Result<double> ParseFloat64(std::string_view text) {
  return ParseFloat<double>(text, "double precision", std::strtod);
}

Result<float> ParseFloat32(std::string_view text) {
  return ParseFloat<float>(text, "real", std::strtof);
}

Result<types::Int128> ParseDecimal(std::string_view original, int precision, int scale) {
  const std::string_view text = TrimWhitespace(original);
  auto syntax_error = [&] { return InvalidTextRepresentation("numeric", original); };
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    negative = text[pos] == '-';
    ++pos;
  }
  if (const std::string_view word = text.substr(pos); word.size() <= 8) {
    std::string lower;
    for (const char c : word)
      lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (lower == "nan" || lower == "infinity" || lower == "inf") {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "NaN and infinity are not supported for type numeric");
    }
  }
  // Significant digits (leading zeros dropped) and the power of ten of the last one.
  std::string digits;
  int64_t exponent = 0;
  bool any_digit = false, seen_point = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (IsDigit(c)) {
      any_digit = true;
      if (!digits.empty() || c != '0') digits.push_back(c);
      if (seen_point) --exponent;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return syntax_error();
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool exponent_negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      exponent_negative = text[pos] == '-';
      ++pos;
    }
    if (pos == text.size() || !IsDigit(text[pos])) return syntax_error();
    int64_t written = 0;
    for (; pos < text.size() && IsDigit(text[pos]); ++pos) {
      written = std::min<int64_t>(written * 10 + (text[pos] - '0'), 1'000'000);
    }
    exponent += exponent_negative ? -written : written;
  }
  if (pos != text.size()) return syntax_error();
  auto overflow = [] { return NumericOutOfRange("numeric field overflow"); };
  // The value at `scale` is digits * 10^shift.
  const int64_t shift = exponent + scale;
  types::Int128 value = 0;
  if (shift >= 0) {
    if (static_cast<int64_t>(digits.size()) + shift > kMaxDecimalPrecision && !digits.empty()) {
      return overflow();
    }
    for (const char c : digits) value = value * 10 + (c - '0');
    if (!digits.empty()) value *= Pow10(static_cast<int>(shift));
  } else {
    const int64_t drop = -shift;
    const int64_t keep = static_cast<int64_t>(digits.size()) - drop;
    if (keep > kMaxDecimalPrecision) return overflow();
    for (int64_t i = 0; i < keep; ++i) value = value * 10 + (digits[static_cast<size_t>(i)] - '0');
    // Half away from zero: only the first dropped digit decides.
    if (keep >= 0 && keep < static_cast<int64_t>(digits.size()) &&
        digits[static_cast<size_t>(keep)] >= '5') {
      ++value;
    }
  }
  if (!FitsPrecision(value, precision)) return overflow();
  return negative ? -value : value;
}

Result<bool> ParseBoolean(std::string_view original) {
  const std::string_view text = TrimWhitespace(original);
  auto prefix_of = [&text](std::string_view word, size_t min_length) {
    if (text.size() < min_length || text.size() > word.size()) return false;
    return strncasecmp(text.data(), word.data(), text.size()) == 0;
  };
  if (!text.empty()) {
    switch (text[0]) {
      case 't':
      case 'T':
        if (prefix_of("true", 1)) return true;
        break;
      case 'f':
      case 'F':
        if (prefix_of("false", 1)) return false;
        break;
      case 'y':
      case 'Y':
        if (prefix_of("yes", 1)) return true;
        break;
      case 'n':
      case 'N':
        if (prefix_of("no", 1)) return false;
        break;
      case 'o':
      case 'O':
        // "o" alone is ambiguous between on and off.
        if (prefix_of("on", 2)) return true;
        if (prefix_of("off", 2)) return false;
        break;
      case '1':
        if (text.size() == 1) return true;
        break;
      case '0':
        if (text.size() == 1) return false;
        break;
      default:
        break;
    }
  }
  return InvalidTextRepresentation("boolean", original);
}

}  // namespace boyodb::functions
