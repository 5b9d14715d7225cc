#include "tools/cli/literal_conversion.h"

#include <arpa/inet.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "common/sqlstate.h"
#include "types/datetime.h"

namespace boyodb::tools::cli {
namespace {

using types::DataType;
using types::Int128;
using types::TypeId;
using types::Value;

// 10^38 - 1 is the largest magnitude a DECIMAL(38) holds; keep one more digit of headroom.
constexpr int kMaxDigits = 38;

Int128 PowerOfTen(int exponent) {
  Int128 result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

std::string Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// PostgreSQL's name of a type in messages ("integer", "date").
std::string TypeName(const DataType& type) { return Lower(type.ToString()); }

Status InvalidSyntax(const DataType& type, std::string_view text) {
  return Status(
      StatusCode::kInvalidArgument, sqlstate::kInvalidTextRepresentation,
      "invalid input syntax for type " + TypeName(type) + ": \"" + std::string(text) + "\"");
}

Status OutOfRange(const DataType& type, std::string_view text) {
  return Status(StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange,
                "value \"" + std::string(text) + "\" is out of range for type " + TypeName(type));
}

Status WrongKind(const DataType& type, std::string_view column, std::string_view kind) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                "column \"" + std::string(column) + "\" is of type " + TypeName(type) +
                    " but expression is of type " + std::string(kind));
}

// A number written in decimal: mantissa * 10^exponent, exactly.
struct ExactNumber {
  Int128 mantissa = 0;
  int exponent = 0;
};

// Parses [+-]digits[.digits][e[+-]digits]; nullopt-like error for anything else or for more
// than 38 significant digits.
Result<ExactNumber> ParseExactNumber(std::string_view text, const DataType& type) {
  ExactNumber number;
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) negative = text[pos++] == '-';
  int digits = 0;
  bool any_digit = false;
  bool seen_point = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) break;
    any_digit = true;
    if (number.mantissa == 0 && c == '0') {
      if (seen_point) --number.exponent;
      continue;
    }
    if (++digits > kMaxDigits) return OutOfRange(type, text);
    number.mantissa = number.mantissa * 10 + (c - '0');
    if (seen_point) --number.exponent;
  }
  if (!any_digit) return InvalidSyntax(type, text);
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool exponent_negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      exponent_negative = text[pos++] == '-';
    }
    int exponent = 0;
    bool exponent_digit = false;
    for (; pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])); ++pos) {
      exponent_digit = true;
      if (exponent > 10'000) return OutOfRange(type, text);
      exponent = exponent * 10 + (text[pos] - '0');
    }
    if (!exponent_digit) return InvalidSyntax(type, text);
    number.exponent += exponent_negative ? -exponent : exponent;
  }
  if (pos != text.size()) return InvalidSyntax(type, text);
  if (negative) number.mantissa = -number.mantissa;
  return number;
}

// mantissa * 10^(exponent + scale), rounded half away from zero, as PostgreSQL rounds numerics.
Result<Int128> Rescale(const ExactNumber& number, int scale, const DataType& type,
                       std::string_view text) {
  const int shift = number.exponent + scale;
  if (number.mantissa == 0) return Int128{0};
  if (shift >= 0) {
    Int128 value = number.mantissa;
    for (int i = 0; i < shift; ++i) {
      const Int128 limit = PowerOfTen(kMaxDigits);
      if (value >= limit / 10 || value <= -limit / 10) return OutOfRange(type, text);
      value *= 10;
    }
    return value;
  }
  if (-shift > kMaxDigits) return Int128{0};
  const Int128 divisor = PowerOfTen(-shift);
  Int128 quotient = number.mantissa / divisor;
  const Int128 remainder = number.mantissa % divisor;
  if (remainder * 2 >= divisor) ++quotient;
  if (remainder * 2 <= -divisor) --quotient;
  return quotient;
}

Result<Value> ToInteger(std::string_view text, const DataType& type) {
  BOYO_ASSIGN_OR_RETURN(const ExactNumber number, ParseExactNumber(text, type));
  BOYO_ASSIGN_OR_RETURN(const Int128 value, Rescale(number, 0, type, text));
  auto in_range = [&](Int128 low, Int128 high) { return value >= low && value <= high; };
  switch (type.id()) {
    case TypeId::kInt8:
      if (!in_range(INT8_MIN, INT8_MAX)) break;
      return Value::Int8(static_cast<int8_t>(value));
    case TypeId::kInt16:
      if (!in_range(INT16_MIN, INT16_MAX)) break;
      return Value::Int16(static_cast<int16_t>(value));
    case TypeId::kInt32:
      if (!in_range(INT32_MIN, INT32_MAX)) break;
      return Value::Int32(static_cast<int32_t>(value));
    case TypeId::kInt64:
      if (!in_range(INT64_MIN, INT64_MAX)) break;
      return Value::Int64(static_cast<int64_t>(value));
    case TypeId::kUInt8:
      if (!in_range(0, UINT8_MAX)) break;
      return Value::UInt8(static_cast<uint8_t>(value));
    case TypeId::kUInt16:
      if (!in_range(0, UINT16_MAX)) break;
      return Value::UInt16(static_cast<uint16_t>(value));
    case TypeId::kUInt32:
      if (!in_range(0, UINT32_MAX)) break;
      return Value::UInt32(static_cast<uint32_t>(value));
    case TypeId::kUInt64:
      if (!in_range(0, static_cast<Int128>(UINT64_MAX))) break;
      return Value::UInt64(static_cast<uint64_t>(value));
    default:
      return Status::Internal("ToInteger called for type " + type.ToString());
  }
  return OutOfRange(type, text);
}

Result<Value> ToDecimal(std::string_view text, const DataType& type) {
  BOYO_ASSIGN_OR_RETURN(const ExactNumber number, ParseExactNumber(text, type));
  BOYO_ASSIGN_OR_RETURN(const Int128 unscaled, Rescale(number, type.scale(), type, text));
  const Int128 limit = PowerOfTen(type.precision());
  if (unscaled >= limit || unscaled <= -limit) {
    return Status(
        StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange,
        "numeric field overflow: \"" + std::string(text) + "\" does not fit " + TypeName(type));
  }
  return Value::Decimal(unscaled, type);
}

Result<Value> ToFloat(std::string_view text, const DataType& type) {
  const std::string trimmed = Trim(text);
  const std::string lower = Lower(trimmed);
  double value = 0;
  if (lower == "nan") {
    value = std::numeric_limits<double>::quiet_NaN();
  } else if (lower == "infinity" || lower == "+infinity" || lower == "inf") {
    value = std::numeric_limits<double>::infinity();
  } else if (lower == "-infinity" || lower == "-inf") {
    value = -std::numeric_limits<double>::infinity();
  } else {
    if (trimmed.empty()) return InvalidSyntax(type, text);
    char* end = nullptr;
    errno = 0;
    value = std::strtod(trimmed.c_str(), &end);
    if (end != trimmed.c_str() + trimmed.size() ||
        lower.find_first_of("xnp") != std::string::npos) {
      return InvalidSyntax(type, text);
    }
    if (errno == ERANGE && std::isinf(value)) return OutOfRange(type, text);
  }
  if (type.id() == TypeId::kFloat32) {
    if (std::isfinite(value) && std::abs(value) > std::numeric_limits<float>::max()) {
      return OutOfRange(type, text);
    }
    return Value::Float32(static_cast<float>(value));
  }
  return Value::Float64(value);
}

Result<Value> ToBoolean(std::string_view text, const DataType& type) {
  const std::string word = Lower(Trim(text));
  for (const char* yes : {"t", "true", "y", "yes", "on", "1"}) {
    if (word == yes) return Value::Boolean(true);
  }
  for (const char* no : {"f", "false", "n", "no", "off", "0"}) {
    if (word == no) return Value::Boolean(false);
  }
  return InvalidSyntax(type, text);
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<Value> ToUuid(std::string_view text, const DataType& type) {
  std::string hex;
  for (const char c : Trim(text)) {
    if (c == '-' || c == '{' || c == '}') continue;
    if (HexDigit(c) < 0) return InvalidSyntax(type, text);
    hex += c;
  }
  if (hex.size() != 32) return InvalidSyntax(type, text);
  std::array<uint8_t, 16> bytes{};
  for (size_t i = 0; i < 16; ++i) {
    bytes[i] = static_cast<uint8_t>(HexDigit(hex[2 * i]) * 16 + HexDigit(hex[2 * i + 1]));
  }
  return Value::Uuid(bytes);
}

Result<Value> ToBinary(std::string_view text, const DataType& type) {
  if (text.size() < 2 || text[0] != '\\' || (text[1] != 'x' && text[1] != 'X')) {
    return Value::Binary(std::string(text));
  }
  // PostgreSQL's hex format: \x0a0b.
  std::string bytes;
  const std::string_view hex = text.substr(2);
  if (hex.size() % 2 != 0) return InvalidSyntax(type, text);
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int high = HexDigit(hex[i]);
    const int low = HexDigit(hex[i + 1]);
    if (high < 0 || low < 0) return InvalidSyntax(type, text);
    bytes += static_cast<char>(high * 16 + low);
  }
  return Value::Binary(std::move(bytes));
}

Result<Value> ToAddress(std::string_view text, const DataType& type) {
  const std::string trimmed = Trim(text);
  if (type.id() == TypeId::kIpv4) {
    in_addr address{};
    if (::inet_pton(AF_INET, trimmed.c_str(), &address) != 1) return InvalidSyntax(type, text);
    return Value::Ipv4(ntohl(address.s_addr));
  }
  std::array<uint8_t, 16> bytes{};
  if (::inet_pton(AF_INET6, trimmed.c_str(), bytes.data()) != 1) return InvalidSyntax(type, text);
  return Value::Ipv6(bytes);
}

// A string literal parsed as a value of `type`.
Result<Value> FromString(const std::string& text, const DataType& type) {
  switch (type.id()) {
    case TypeId::kBoolean:
      return ToBoolean(text, type);
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64: {
      // Unlike numeric literals, PostgreSQL's integer input does not accept fractions.
      const std::string trimmed = Trim(text);
      if (trimmed.find_first_of(".eE") != std::string::npos) return InvalidSyntax(type, text);
      return ToInteger(trimmed, type);
    }
    case TypeId::kFloat32:
    case TypeId::kFloat64:
      return ToFloat(text, type);
    case TypeId::kDecimal:
      return ToDecimal(Trim(text), type);
    case TypeId::kString:
      return Value::String(text);
    case TypeId::kJson:
      return Value::Json(text);
    case TypeId::kBinary:
      return ToBinary(text, type);
    case TypeId::kDate: {
      BOYO_ASSIGN_OR_RETURN(const int32_t days, types::ParseDate(Trim(text)));
      return Value::Date(days);
    }
    case TypeId::kTime: {
      BOYO_ASSIGN_OR_RETURN(const int64_t micros, types::ParseTime(Trim(text)));
      return Value::Time(micros);
    }
    case TypeId::kTimestamp: {
      BOYO_ASSIGN_OR_RETURN(const int64_t micros, types::ParseTimestamp(Trim(text)));
      return Value::Timestamp(micros);
    }
    case TypeId::kTimestampTz: {
      BOYO_ASSIGN_OR_RETURN(const int64_t micros, types::ParseTimestamp(Trim(text)));
      return Value::TimestampTz(micros);
    }
    case TypeId::kUuid:
      return ToUuid(text, type);
    case TypeId::kIpv4:
    case TypeId::kIpv6:
      return ToAddress(text, type);
    default:
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "the admin shell cannot write values of type " + TypeName(type) + " yet");
  }
}

}  // namespace

Result<Value> ConvertLiteral(const Literal& literal, const DataType& type,
                             std::string_view column) {
  switch (literal.kind) {
    case Literal::Kind::kNull:
      return Value::Null(type);
    case Literal::Kind::kString:
      return FromString(literal.text, type);
    case Literal::Kind::kBoolean:
      if (type.id() == TypeId::kBoolean) return Value::Boolean(literal.boolean);
      if (type.id() == TypeId::kString) return Value::String(literal.boolean ? "true" : "false");
      return WrongKind(type, column, "boolean");
    case Literal::Kind::kNumber:
      if (type.is_integer()) return ToInteger(literal.text, type);
      if (type.is_floating()) return ToFloat(literal.text, type);
      if (type.id() == TypeId::kDecimal) return ToDecimal(literal.text, type);
      if (type.id() == TypeId::kString) return Value::String(literal.text);
      if (type.id() == TypeId::kJson) return Value::Json(literal.text);
      return WrongKind(
          type, column,
          literal.text.find_first_of(".eE") == std::string::npos ? "integer" : "numeric");
  }
  return Status::Internal("unknown literal kind");
}

}  // namespace boyodb::tools::cli
