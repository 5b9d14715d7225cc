#include "types/value.h"

#include <arpa/inet.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "common/check.h"

namespace boyodb::types {

Value Value::Null(DataType type) { return Value(std::move(type), std::monostate{}); }
Value Value::Boolean(bool value) { return Value(DataType::Boolean(), value); }
Value Value::Float32(float value) { return Value(DataType::Float32(), static_cast<double>(value)); }
Value Value::Float64(double value) { return Value(DataType::Float64(), value); }
Value Value::Decimal(Int128 unscaled, DataType type) {
  BOYO_CHECK(type.id() == TypeId::kDecimal);
  return Value(std::move(type), unscaled);
}
Value Value::String(std::string value) { return Value(DataType::String(), std::move(value)); }
Value Value::Binary(std::string value) { return Value(DataType::Binary(), std::move(value)); }
Value Value::Json(std::string value) { return Value(DataType::Json(), std::move(value)); }
Value Value::Interval(IntervalValue value) { return Value(DataType::Interval(), value); }
Value Value::Uuid(const std::array<uint8_t, 16>& bytes) {
  return Value(DataType::Uuid(), std::string(bytes.begin(), bytes.end()));
}
Value Value::Ipv6(const std::array<uint8_t, 16>& bytes) {
  return Value(DataType::Ipv6(), std::string(bytes.begin(), bytes.end()));
}
Value Value::Nested(DataType type, std::vector<Value> children) {
  BOYO_CHECK(type.is_nested());
  return Value(std::move(type), std::make_shared<const std::vector<Value>>(std::move(children)));
}

const std::vector<Value>& Value::children() const { return *std::get<Children>(data_); }

std::string Int128ToString(Int128 value) {
  if (value == 0) return "0";
  const bool negative = value < 0;
  // Work with the unsigned magnitude so the most negative value does not overflow.
  unsigned __int128 magnitude = negative ? static_cast<unsigned __int128>(-(value + 1)) + 1
                                         : static_cast<unsigned __int128>(value);
  std::string digits;
  while (magnitude != 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  }
  if (negative) digits.push_back('-');
  return std::string(digits.rbegin(), digits.rend());
}

std::string DecimalToString(Int128 unscaled, int scale) {
  std::string text = Int128ToString(unscaled);
  if (scale == 0) return text;
  const bool negative = text[0] == '-';
  std::string digits = negative ? text.substr(1) : text;
  if (digits.size() <= static_cast<size_t>(scale)) {
    digits.insert(0, static_cast<size_t>(scale) - digits.size() + 1, '0');
  }
  digits.insert(digits.size() - static_cast<size_t>(scale), 1, '.');
  return negative ? "-" + digits : digits;
}

namespace {

std::string FormatDouble(double value, bool single_precision) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[64];
  const auto result =
      single_precision ? std::to_chars(buffer, buffer + sizeof(buffer), static_cast<float>(value))
                       : std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

std::string HexBytes(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

// A float as PostgreSQL's float4out/float8out print it: the shortest digits that read back,
// in fixed notation unless the decimal exponent is below -4 or at least 6 (real) or 15
// (double precision). (std::to_chars alone picks whichever notation is shorter.)
std::string PgFloatText(double value, bool single_precision) {
  if (std::isnan(value) || std::isinf(value)) return FormatDouble(value, single_precision);
  char buffer[64];
  const auto result =
      single_precision
          ? std::to_chars(buffer, buffer + sizeof(buffer), static_cast<float>(value),
                          std::chars_format::scientific)
          : std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  const std::string scientific(buffer, result.ptr);
  const size_t e = scientific.find('e');
  const int exponent = std::atoi(scientific.c_str() + e + 1);
  if (exponent < -4 || exponent >= (single_precision ? 6 : 15)) return scientific;
  const bool negative = scientific[0] == '-';
  std::string digits;
  for (size_t i = negative ? 1 : 0; i < e; ++i) {
    if (scientific[i] != '.') digits += scientific[i];
  }
  std::string out = negative ? "-" : "";
  if (exponent < 0)
    return out + "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  const size_t integer_digits = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= integer_digits) {
    return out + digits + std::string(integer_digits - digits.size(), '0');
  }
  return out + digits.substr(0, integer_digits) + "." + digits.substr(integer_digits);
}

// Array elements are quoted when PostgreSQL's array_out would quote them: empty, the word
// NULL in any case, or holding a brace, comma, quote, backslash or white space. Floats print
// as PostgreSQL prints them.
std::string ArrayElementText(const Value& element) {
  if (element.is_null()) return "NULL";
  const TypeId id = element.type().id();
  std::string text = id == TypeId::kFloat32 || id == TypeId::kFloat64
                         ? PgFloatText(element.float64(), id == TypeId::kFloat32)
                         : element.ToString();
  bool needs_quotes = text.empty() || element.type().is_nested();
  if (text.size() == 4) {
    std::string lower = text;
    for (char& c : lower) c = static_cast<char>(c | 0x20);
    needs_quotes = needs_quotes || lower == "null";
  }
  for (const char c : text) {
    if (c == ',' || c == '{' || c == '}' || c == '"' || c == '\\' || c == ' ' || c == '\t' ||
        c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      needs_quotes = true;
    }
  }
  if (!needs_quotes || element.type().id() == TypeId::kList) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

template <typename T>
int Cmp(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

}  // namespace

std::string Value::ToString() const {
  if (is_null()) return "NULL";
  switch (type_.id()) {
    case TypeId::kNull:
      return "NULL";
    case TypeId::kBoolean:
      return boolean() ? "t" : "f";
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
      return std::to_string(int64());
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
      return std::to_string(uint64());
    case TypeId::kFloat32:
      return FormatDouble(float64(), true);
    case TypeId::kFloat64:
      return FormatDouble(float64(), false);
    case TypeId::kDecimal:
      return DecimalToString(decimal(), type_.scale());
    case TypeId::kString:
    case TypeId::kJson:
      return bytes();
    case TypeId::kBinary:
      return "\\x" + HexBytes(bytes());
    case TypeId::kDate:
      return FormatDate(static_cast<int32_t>(int64()));
    case TypeId::kTime:
      return FormatTime(int64());
    case TypeId::kTimestamp:
      return FormatTimestamp(int64());
    case TypeId::kTimestampTz:
      return FormatTimestampTz(int64());
    case TypeId::kInterval:
      return FormatInterval(interval());
    case TypeId::kUuid: {
      const std::string hex = HexBytes(bytes());
      return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
             hex.substr(16, 4) + "-" + hex.substr(20);
    }
    case TypeId::kIpv4: {
      const uint64_t a = uint64();
      return std::to_string(a >> 24 & 255) + "." + std::to_string(a >> 16 & 255) + "." +
             std::to_string(a >> 8 & 255) + "." + std::to_string(a & 255);
    }
    case TypeId::kIpv6: {
      char buffer[INET6_ADDRSTRLEN];
      if (::inet_ntop(AF_INET6, bytes().data(), buffer, sizeof(buffer)) == nullptr) return "?";
      return buffer;
    }
    case TypeId::kList: {
      std::string out = "{";
      for (size_t i = 0; i < children().size(); ++i) {
        if (i > 0) out += ",";
        out += ArrayElementText(children()[i]);
      }
      return out + "}";
    }
    case TypeId::kStruct: {
      std::string out = "(";
      for (size_t i = 0; i < children().size(); ++i) {
        if (i > 0) out += ",";
        if (!children()[i].is_null()) out += children()[i].ToString();
      }
      return out + ")";
    }
    case TypeId::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < children().size(); ++i) {
        if (i > 0) out += ", ";
        const Value& entry = children()[i];
        out += entry.children()[0].ToString() + "=" + entry.children()[1].ToString();
      }
      return out + "}";
    }
  }
  return "?";
}

int Value::Compare(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Cmp(a.is_null(), b.is_null());
  if (std::holds_alternative<double>(a.data_) && std::holds_alternative<double>(b.data_)) {
    const double x = a.float64(), y = b.float64();
    if (std::isnan(x) || std::isnan(y)) return Cmp(std::isnan(x), std::isnan(y));
    return Cmp(x, y);
  }
  if (a.data_.index() != b.data_.index()) return Cmp(a.data_.index(), b.data_.index());
  switch (a.data_.index()) {
    case 1:
      return Cmp(a.boolean(), b.boolean());
    case 2:
      return Cmp(a.int64(), b.int64());
    case 3:
      return Cmp(a.uint64(), b.uint64());
    case 5:
      return Cmp(a.decimal(), b.decimal());
    case 6:
      return a.bytes().compare(b.bytes()) < 0 ? -1 : (a.bytes() == b.bytes() ? 0 : 1);
    case 7: {
      const IntervalValue& x = a.interval();
      const IntervalValue& y = b.interval();
      if (x.months != y.months) return Cmp(x.months, y.months);
      if (x.days != y.days) return Cmp(x.days, y.days);
      return Cmp(x.nanos, y.nanos);
    }
    case 8: {
      const auto& x = a.children();
      const auto& y = b.children();
      for (size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
        const int c = Compare(x[i], y[i]);
        if (c != 0) return c;
      }
      return Cmp(x.size(), y.size());
    }
    default:
      return 0;
  }
}

bool Value::operator==(const Value& other) const {
  if (type_ != other.type_ || is_null() != other.is_null()) return false;
  // Compare orders NaN equal to NaN, which round-trip tests rely on.
  return is_null() || Compare(*this, other) == 0;
}

}  // namespace boyodb::types
