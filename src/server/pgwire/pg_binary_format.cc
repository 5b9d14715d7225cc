#include "server/pgwire/pg_binary_format.h"

#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <vector>

#include "common/sqlstate.h"
#include "types/datetime.h"

namespace boyodb::server::pgwire {
namespace {

using types::DataType;
using types::TypeId;
using types::Value;

// PostgreSQL counts dates and timestamps from 2000-01-01, BoyoDB from 1970-01-01.
constexpr int32_t kPostgresEpochDays = 10957;
constexpr int64_t kPostgresEpochMicros = int64_t{kPostgresEpochDays} * 86'400'000'000;
// NUMERIC's sign word.
constexpr uint16_t kNumericPositive = 0x0000;
constexpr uint16_t kNumericNegative = 0x4000;
constexpr uint16_t kNumericNaN = 0xC000;
constexpr uint16_t kNumericPositiveInfinity = 0xD000;
constexpr uint16_t kNumericNegativeInfinity = 0xF000;
// PGSQL_AF_INET and PGSQL_AF_INET6 of PostgreSQL's inet.h.
constexpr uint8_t kInetFamilyV4 = 2;
constexpr uint8_t kInetFamilyV6 = 3;

template <typename T>
void AppendBigEndian(T value, std::string* out) {
  using Unsigned = std::make_unsigned_t<T>;
  auto bits = static_cast<Unsigned>(value);
  for (int shift = (sizeof(T) - 1) * 8; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((bits >> shift) & 0xFF));
  }
}

template <typename T>
T ReadBigEndian(std::string_view bytes, size_t offset) {
  std::make_unsigned_t<T> bits = 0;
  for (size_t i = 0; i < sizeof(T); ++i) {
    bits = static_cast<std::make_unsigned_t<T>>((bits << 8) |
                                                static_cast<unsigned char>(bytes[offset + i]));
  }
  return static_cast<T>(bits);
}

Status InvalidBinary(const DataType& type, std::string_view why) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidBinaryRepresentation,
                "incorrect binary data format for a parameter of type " + type.ToString() + ": " +
                    std::string(why));
}

Status CheckLength(std::string_view bytes, size_t expected, const DataType& type) {
  if (bytes.size() == expected) return Status::OK();
  return InvalidBinary(
      type, "expected " + std::to_string(expected) + " bytes, got " + std::to_string(bytes.size()));
}

// Dates and timestamps keep their infinities (the extremes of the type) across the epochs.
template <typename T>
T ShiftEpoch(T value, T offset) {
  if (value == std::numeric_limits<T>::min() || value == std::numeric_limits<T>::max()) {
    return value;
  }
  return value + offset;
}

// NUMERIC from a non-negative digit string and a scale: base-10000 groups aligned on the
// decimal point, with leading and trailing zero groups dropped.
void AppendNumeric(std::string digits, bool negative, int scale, std::string* out) {
  if (static_cast<int>(digits.size()) <= scale) {
    digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
  }
  std::string integer = digits.substr(0, digits.size() - static_cast<size_t>(scale));
  std::string fraction = digits.substr(digits.size() - static_cast<size_t>(scale));
  integer.erase(0, std::min(integer.find_first_not_of('0'), integer.size()));
  integer.insert(0, (4 - integer.size() % 4) % 4, '0');
  fraction.append((4 - fraction.size() % 4) % 4, '0');
  std::vector<int16_t> groups;
  for (size_t i = 0; i < integer.size(); i += 4) groups.push_back(std::stoi(integer.substr(i, 4)));
  int weight = static_cast<int>(groups.size()) - 1;
  for (size_t i = 0; i < fraction.size(); i += 4) {
    groups.push_back(std::stoi(fraction.substr(i, 4)));
  }
  size_t first = 0;
  while (first < groups.size() && groups[first] == 0) {
    ++first;
    --weight;
  }
  size_t end = groups.size();
  while (end > first && groups[end - 1] == 0) --end;
  if (first == end) {  // zero
    weight = 0;
    negative = false;
  }
  AppendBigEndian(static_cast<int16_t>(end - first), out);
  AppendBigEndian(static_cast<int16_t>(weight), out);
  AppendBigEndian(negative ? kNumericNegative : kNumericPositive, out);
  AppendBigEndian(static_cast<int16_t>(scale), out);
  for (size_t i = first; i < end; ++i) AppendBigEndian(groups[i], out);
}

std::string UnsignedDigits(unsigned __int128 value) {
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  } while (value != 0);
  return std::string(digits.rbegin(), digits.rend());
}

Result<std::string> NumericText(std::string_view bytes, const DataType& type) {
  if (bytes.size() < 8) return InvalidBinary(type, "numeric header is truncated");
  const int16_t num_digits = ReadBigEndian<int16_t>(bytes, 0);
  const int16_t weight = ReadBigEndian<int16_t>(bytes, 2);
  const uint16_t sign = ReadBigEndian<uint16_t>(bytes, 4);
  const int16_t display_scale = ReadBigEndian<int16_t>(bytes, 6);
  if (sign == kNumericNaN) return std::string("NaN");
  if (sign == kNumericPositiveInfinity) return std::string("Infinity");
  if (sign == kNumericNegativeInfinity) return std::string("-Infinity");
  if (num_digits < 0 || display_scale < 0 ||
      (sign != kNumericPositive && sign != kNumericNegative)) {
    return InvalidBinary(type, "invalid numeric header");
  }
  if (bytes.size() != 8 + 2 * static_cast<size_t>(num_digits)) {
    return InvalidBinary(type, "numeric digit count does not match the length");
  }
  std::vector<int> digits;
  for (int16_t i = 0; i < num_digits; ++i) {
    const int16_t digit = ReadBigEndian<int16_t>(bytes, 8 + 2 * static_cast<size_t>(i));
    if (digit < 0 || digit >= 10000) return InvalidBinary(type, "invalid numeric digit");
    digits.push_back(digit);
  }
  auto group = [&](int index) {
    const int digit = index >= 0 && index < num_digits ? digits[static_cast<size_t>(index)] : 0;
    std::string text = std::to_string(digit);
    return std::string(4 - text.size(), '0') + text;
  };
  std::string integer;
  for (int index = 0; index <= weight; ++index) integer += group(index);
  integer.erase(0, std::min(integer.find_first_not_of('0'), integer.size()));
  if (integer.empty()) integer = "0";
  std::string fraction;
  for (int index = weight + 1; fraction.size() < static_cast<size_t>(display_scale); ++index) {
    fraction += group(index);
  }
  fraction.resize(static_cast<size_t>(display_scale));
  std::string text = sign == kNumericNegative ? "-" : "";
  text += integer;
  if (!fraction.empty()) text += "." + fraction;
  return text;
}

}  // namespace

bool HasBinaryFormat(const DataType& type) {
  switch (type.id()) {
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kStruct:
    case TypeId::kNull:
      return false;
    default:
      return true;
  }
}

Status CheckBinaryFormat(const DataType& type) {
  if (HasBinaryFormat(type)) return Status::OK();
  return Status(
      StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
      "binary format is not supported for type " + type.ToString() + "; ask for text format");
}

void AppendBinaryValue(const Value& value, const DataType& type, std::string* out) {
  switch (type.id()) {
    case TypeId::kBoolean:
      out->push_back(value.boolean() ? 1 : 0);
      return;
    case TypeId::kInt8:
    case TypeId::kInt16:
      AppendBigEndian(static_cast<int16_t>(value.int64()), out);
      return;
    case TypeId::kInt32:
      AppendBigEndian(static_cast<int32_t>(value.int64()), out);
      return;
    case TypeId::kUInt8:
    case TypeId::kUInt16:
      AppendBigEndian(static_cast<int32_t>(value.uint64()), out);
      return;
    case TypeId::kInt64:
      AppendBigEndian(value.int64(), out);
      return;
    case TypeId::kUInt32:
      AppendBigEndian(static_cast<int64_t>(value.uint64()), out);
      return;
    case TypeId::kUInt64:
      AppendNumeric(UnsignedDigits(value.uint64()), false, 0, out);
      return;
    case TypeId::kDecimal: {
      const types::Int128 unscaled = value.decimal();
      const bool negative = unscaled < 0;
      const auto magnitude =
          negative ? static_cast<unsigned __int128>(0) - static_cast<unsigned __int128>(unscaled)
                   : static_cast<unsigned __int128>(unscaled);
      AppendNumeric(UnsignedDigits(magnitude), negative, type.scale(), out);
      return;
    }
    case TypeId::kFloat32:
      AppendBigEndian(std::bit_cast<uint32_t>(static_cast<float>(value.float64())), out);
      return;
    case TypeId::kFloat64:
      AppendBigEndian(std::bit_cast<uint64_t>(value.float64()), out);
      return;
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kJson:
    case TypeId::kUuid:
      out->append(value.bytes());
      return;
    case TypeId::kDate:
      AppendBigEndian(ShiftEpoch(static_cast<int32_t>(value.int64()), -kPostgresEpochDays), out);
      return;
    case TypeId::kTime:
      AppendBigEndian(value.int64(), out);
      return;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      AppendBigEndian(ShiftEpoch(value.int64(), -kPostgresEpochMicros), out);
      return;
    case TypeId::kInterval: {
      const types::IntervalValue& interval = value.interval();
      AppendBigEndian(interval.nanos / 1000, out);
      AppendBigEndian(interval.days, out);
      AppendBigEndian(interval.months, out);
      return;
    }
    case TypeId::kIpv4:
      out->push_back(static_cast<char>(kInetFamilyV4));
      out->push_back(32);
      out->push_back(0);
      out->push_back(4);
      AppendBigEndian(static_cast<uint32_t>(value.uint64()), out);
      return;
    case TypeId::kIpv6:
      out->push_back(static_cast<char>(kInetFamilyV6));
      out->push_back(static_cast<char>(128));
      out->push_back(0);
      out->push_back(16);
      out->append(value.bytes());
      return;
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kStruct:
    case TypeId::kNull:
      break;
  }
  BOYO_CHECK(HasBinaryFormat(type));
}

Result<BinaryParameter> DecodeBinaryParameter(std::string_view bytes, const DataType& type) {
  BOYO_RETURN_IF_ERROR(CheckBinaryFormat(type));
  BinaryParameter parameter;
  auto out_of_range = [&type] {
    return Status(StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange,
                  "parameter value out of range for type " + type.ToString());
  };
  switch (type.id()) {
    case TypeId::kBoolean:
      BOYO_RETURN_IF_ERROR(CheckLength(bytes, 1, type));
      parameter.value = Value::Boolean(bytes[0] != 0);
      break;
    case TypeId::kInt8: {
      BOYO_RETURN_IF_ERROR(CheckLength(bytes, 2, type));
      const int16_t value = ReadBigEndian<int16_t>(bytes, 0);
      if (value < std::numeric_limits<int8_t>::min() || value > std::numeric_limits<int8_t>::max())
        return out_of_range();
      parameter.value = Value::Int8(static_cast<int8_t>(value));
      break;
    }
    case TypeId::kInt16:
      BOYO_RETURN_IF_ERROR(CheckLength(bytes, 2, type));
      parameter.value = Value::Int16(ReadBigEndian<int16_t>(bytes, 0));
      break;
    case TypeId::kInt32:
      BOYO_RETURN_IF_ERROR(CheckLength(bytes, 4, type));
      parameter.value = Value::Int32(ReadBigEndian<int32_t>(bytes, 0));
      break;
    case TypeId::kUInt8:
    case TypeId::kUInt16: {
      BOYO_RETURN_IF_ERROR(CheckLength(bytes, 4, type));
      const int32_t value = ReadBigEndian<int32_t>(bytes, 0);
      const int32_t limit = type.id() == TypeId::kUInt8 ? 0xFF : 0xFFFF;
      if (value < 0 || value > limit) return out_of_range();
      parameter.value = type.id() == TypeId::kUInt8 ? Value::UInt8(static_cast<uint8_t>(value))
                                                    : Value::UInt16(static_cast<uint16_t>(value));
      break;
    }
    case TypeId::kInt64:
      BOYO_RETURN_IF_ERROR(CheckLength(bytes, 8, type));
      parameter.value = Value::Int64(ReadBigEndian<int64_t>(bytes, 0));
      break;
    case TypeId::kUInt32: {
      BOYO_RETURN_IF_ERROR(CheckLength(bytes, 8, type));
      const int64_t value = ReadBigEndian<int64_t>(bytes, 0);
      if (value < 0 || value > 0xFFFFFFFFLL) return out_of_range();
      parameter.value = Value::UInt32(static_cast<uint32_t>(value));
      break;
    }
    case TypeId::kUInt64:
    case TypeId::kDecimal: {
      BOYO_ASSIGN_OR_RETURN(parameter.numeric_text, NumericText(bytes, type));
      break;
    }
    case TypeId::kFloat32:
      BOYO_RETURN_IF_ERROR(CheckLength(bytes, 4, type));
      parameter.value = Value::Float32(std::bit_cast<float>(ReadBigEndian<uint32_t>(bytes, 0)));
      break;
    case TypeId::kFloat64:
      BOYO_RETURN_IF_ERROR(CheckLength(bytes, 8, type));
      parameter.value = Value::Float64(std::bit_cast<double>(ReadBigEndian<uint64_t>(bytes, 0)));
      break;
    case TypeId::kString:
      parameter.value = Value::String(std::string(bytes));
      break;
    case TypeId::kJson:
      parameter.value = Value::Json(std::string(bytes));
      break;
    case TypeId::kBinary:
      parameter.value = Value::Binary(std::string(bytes));
      break;
    case TypeId::kDate:
      BOYO_RETURN_IF_ERROR(CheckLength(bytes, 4, type));
      parameter.value =
          Value::Date(ShiftEpoch(ReadBigEndian<int32_t>(bytes, 0), kPostgresEpochDays));
      break;
    case TypeId::kTime:
      BOYO_RETURN_IF_ERROR(CheckLength(bytes, 8, type));
      parameter.value = Value::Time(ReadBigEndian<int64_t>(bytes, 0));
      break;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: {
      BOYO_RETURN_IF_ERROR(CheckLength(bytes, 8, type));
      const int64_t micros = ShiftEpoch(ReadBigEndian<int64_t>(bytes, 0), kPostgresEpochMicros);
      parameter.value =
          type.id() == TypeId::kTimestamp ? Value::Timestamp(micros) : Value::TimestampTz(micros);
      break;
    }
    case TypeId::kInterval: {
      BOYO_RETURN_IF_ERROR(CheckLength(bytes, 16, type));
      types::IntervalValue interval;
      const int64_t micros = ReadBigEndian<int64_t>(bytes, 0);
      if (micros > std::numeric_limits<int64_t>::max() / 1000 ||
          micros < std::numeric_limits<int64_t>::min() / 1000) {
        return out_of_range();
      }
      interval.nanos = micros * 1000;
      interval.days = ReadBigEndian<int32_t>(bytes, 8);
      interval.months = ReadBigEndian<int32_t>(bytes, 12);
      parameter.value = Value::Interval(interval);
      break;
    }
    case TypeId::kUuid: {
      BOYO_RETURN_IF_ERROR(CheckLength(bytes, 16, type));
      std::array<uint8_t, 16> uuid;
      std::memcpy(uuid.data(), bytes.data(), uuid.size());
      parameter.value = Value::Uuid(uuid);
      break;
    }
    case TypeId::kIpv4:
    case TypeId::kIpv6: {
      const bool v4 = type.id() == TypeId::kIpv4;
      const size_t length = v4 ? 4 : 16;
      BOYO_RETURN_IF_ERROR(CheckLength(bytes, 4 + length, type));
      if (static_cast<uint8_t>(bytes[0]) != (v4 ? kInetFamilyV4 : kInetFamilyV6) ||
          static_cast<uint8_t>(bytes[1]) != length * 8 ||
          static_cast<uint8_t>(bytes[3]) != length) {
        return InvalidBinary(type, "expected a host address of that family");
      }
      if (v4) {
        parameter.value = Value::Ipv4(ReadBigEndian<uint32_t>(bytes, 4));
      } else {
        std::array<uint8_t, 16> address;
        std::memcpy(address.data(), bytes.data() + 4, address.size());
        parameter.value = Value::Ipv6(address);
      }
      break;
    }
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kStruct:
    case TypeId::kNull:
      break;
  }
  return parameter;
}

}  // namespace boyodb::server::pgwire
