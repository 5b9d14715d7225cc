#include "storage/index/zone_map_builder.h"

#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <vector>

#include "columnar/selection_vector.h"
#include "common/check.h"

namespace boyodb::storage {

using columnar::Array;
using columnar::GetBit;
using types::DataType;
using types::Int128;
using types::TypeId;
using types::Value;

namespace {

// Min and max of the valid rows of a fixed-width column, through a loader (which reads one value,
// so unaligned 16-byte values are read with memcpy) and a strict weak order. Returns false when
// every row is NULL.
template <typename T, typename Load, typename Less>
bool MinMaxFixed(const Array& array, int64_t offset, int64_t length, Load load, Less less, T* min,
                 T* max) {
  const uint8_t* bits = array.null_count() == 0 ? nullptr : array.validity_bits();
  const int64_t bit_base = array.offset() + offset;
  int64_t i = 0;
  if (bits != nullptr) {
    while (i < length && !GetBit(bits, bit_base + i)) ++i;
  }
  if (i == length) return false;
  T lo = load(offset + i);
  T hi = lo;
  if (bits == nullptr) {
    // The hot case, branch-free so the compiler can use conditional moves or vector min/max.
    for (++i; i < length; ++i) {
      const T v = load(offset + i);
      lo = less(v, lo) ? v : lo;
      hi = less(hi, v) ? v : hi;
    }
  } else {
    for (++i; i < length; ++i) {
      if (!GetBit(bits, bit_base + i)) continue;
      const T v = load(offset + i);
      lo = less(v, lo) ? v : lo;
      hi = less(hi, v) ? v : hi;
    }
  }
  *min = lo;
  *max = hi;
  return true;
}

template <typename T>
bool MinMaxPlain(const Array& array, int64_t offset, int64_t length, T* min, T* max) {
  const T* values = array.values<T>();
  return MinMaxFixed<T>(
      array, offset, length, [values](int64_t i) { return values[i]; },
      [](T a, T b) { return a < b; }, min, max);
}

// Sets zone->min and zone->max from the integer range of a signed or unsigned column.
template <typename T, typename MakeValue>
void IntegerBounds(const Array& array, int64_t offset, int64_t length, MakeValue make,
                   ZoneMap* zone) {
  T lo{};
  T hi{};
  if (MinMaxPlain<T>(array, offset, length, &lo, &hi)) {
    zone->min = make(lo);
    zone->max = make(hi);
  }
}

// Floats in PostgreSQL's order: NaN above every number (and equal to itself).
template <typename T>
void FloatBounds(const Array& array, int64_t offset, int64_t length, ZoneMap* zone) {
  const T* values = array.values<T>() + offset;
  const uint8_t* bits = array.null_count() == 0 ? nullptr : array.validity_bits();
  const int64_t bit_base = array.offset() + offset;
  // NaN fails both comparisons, so it never becomes lo or hi; it is counted instead.
  T lo = std::numeric_limits<T>::infinity();
  T hi = -std::numeric_limits<T>::infinity();
  int64_t num_valid = 0;
  int64_t num_nan = 0;
  for (int64_t i = 0; i < length; ++i) {
    if (bits != nullptr && !GetBit(bits, bit_base + i)) continue;
    const T v = values[i];
    ++num_valid;
    num_nan += v != v;
    lo = v < lo ? v : lo;
    hi = v > hi ? v : hi;
  }
  if (num_valid == 0) return;
  const auto make = [](T v) {
    if constexpr (sizeof(T) == 4) {
      return Value::Float32(v);
    } else {
      return Value::Float64(v);
    }
  };
  const T nan = std::numeric_limits<T>::quiet_NaN();
  zone->min = make(num_nan == num_valid ? nan : lo);
  zone->max = make(num_nan > 0 ? nan : hi);
}

void BooleanBounds(const Array& array, int64_t offset, int64_t length, ZoneMap* zone) {
  const uint8_t* bits = array.null_count() == 0 ? nullptr : array.validity_bits();
  const uint8_t* values = array.bool_bits();
  const int64_t base = array.offset() + offset;
  bool any_true = false;
  bool any_false = false;
  for (int64_t i = 0; i < length; ++i) {
    if (bits != nullptr && !GetBit(bits, base + i)) continue;
    if (GetBit(values, base + i)) {
      any_true = true;
    } else {
      any_false = true;
    }
    if (any_true && any_false) break;
  }
  if (!any_true && !any_false) return;
  zone->min = Value::Boolean(!any_false);
  zone->max = Value::Boolean(any_true);
}

// 16 bytes compared as memcmp does: two big-endian words.
struct Bytes16 {
  uint64_t high;
  uint64_t low;
  bool operator<(const Bytes16& other) const {
    return high != other.high ? high < other.high : low < other.low;
  }
};

uint64_t LoadBigEndian64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return std::endian::native == std::endian::little ? __builtin_bswap64(v) : v;
}

void Bytes16Bounds(const Array& array, int64_t offset, int64_t length, ZoneMap* zone) {
  const uint8_t* base = array.buffers()[1]->data() + array.offset() * 16;
  const auto load = [base](int64_t i) {
    return Bytes16{LoadBigEndian64(base + i * 16), LoadBigEndian64(base + i * 16 + 8)};
  };
  Bytes16 lo{};
  Bytes16 hi{};
  if (!MinMaxFixed<Bytes16>(array, offset, length, load, std::less<Bytes16>(), &lo, &hi)) return;
  const auto make = [&array](const Bytes16& v) {
    std::array<uint8_t, 16> bytes;
    for (int i = 0; i < 8; ++i) {
      bytes[i] = static_cast<uint8_t>(v.high >> (56 - 8 * i));
      bytes[8 + i] = static_cast<uint8_t>(v.low >> (56 - 8 * i));
    }
    return array.type().id() == TypeId::kUuid ? Value::Uuid(bytes) : Value::Ipv6(bytes);
  };
  zone->min = make(lo);
  zone->max = make(hi);
}

void DecimalBounds(const Array& array, int64_t offset, int64_t length, ZoneMap* zone) {
  const uint8_t* base = array.buffers()[1]->data() + array.offset() * 16;
  const auto load = [base](int64_t i) {
    Int128 v;
    std::memcpy(&v, base + i * 16, 16);
    return v;
  };
  Int128 lo = 0;
  Int128 hi = 0;
  if (!MinMaxFixed<Int128>(array, offset, length, load, std::less<Int128>(), &lo, &hi)) return;
  zone->min = Value::Decimal(lo, array.type());
  zone->max = Value::Decimal(hi, array.type());
}

Value BytesValue(TypeId id, std::string_view bytes) {
  switch (id) {
    case TypeId::kJson:
      return Value::Json(std::string(bytes));
    case TypeId::kBinary:
      return Value::Binary(std::string(bytes));
    default:
      return Value::String(std::string(bytes));
  }
}

// A string with its first 8 bytes as a big-endian integer (zero-padded): most comparisons are
// decided by the prefixes alone, without a call to memcmp.
struct PrefixedView {
  uint64_t prefix;
  std::string_view bytes;
  bool operator<(const PrefixedView& other) const {
    if (prefix != other.prefix) return prefix < other.prefix;
    return bytes < other.bytes;
  }
};

void VariableBounds(const Array& array, int64_t offset, int64_t length, ZoneMap* zone) {
  const int32_t* offsets = array.offsets();
  const char* data = reinterpret_cast<const char*>(array.buffers()[2]->data());
  const auto load = [offsets, data](int64_t i) {
    const std::string_view bytes(data + offsets[i],
                                 static_cast<size_t>(offsets[i + 1] - offsets[i]));
    uint8_t head[8] = {};
    std::memcpy(head, bytes.data(), std::min<size_t>(8, bytes.size()));
    return PrefixedView{LoadBigEndian64(head), bytes};
  };
  PrefixedView lo{};
  PrefixedView hi{};
  if (!MinMaxFixed<PrefixedView>(array, offset, length, load, std::less<PrefixedView>(), &lo,
                                 &hi)) {
    return;
  }
  // Long bounds would bloat the index; a NULL bound means "unknown" to ZoneMayMatch.
  if (lo.bytes.size() <= kMaxZoneMapBytes) zone->min = BytesValue(array.type().id(), lo.bytes);
  if (hi.bytes.size() <= kMaxZoneMapBytes) zone->max = BytesValue(array.type().id(), hi.bytes);
}

void PlainBounds(const Array& array, int64_t offset, int64_t length, ZoneMap* zone) {
  switch (array.type().id()) {
    case TypeId::kBoolean:
      return BooleanBounds(array, offset, length, zone);
    case TypeId::kInt8:
      return IntegerBounds<int8_t>(array, offset, length, Value::Int8, zone);
    case TypeId::kInt16:
      return IntegerBounds<int16_t>(array, offset, length, Value::Int16, zone);
    case TypeId::kInt32:
      return IntegerBounds<int32_t>(array, offset, length, Value::Int32, zone);
    case TypeId::kInt64:
      return IntegerBounds<int64_t>(array, offset, length, Value::Int64, zone);
    case TypeId::kUInt8:
      return IntegerBounds<uint8_t>(array, offset, length, Value::UInt8, zone);
    case TypeId::kUInt16:
      return IntegerBounds<uint16_t>(array, offset, length, Value::UInt16, zone);
    case TypeId::kUInt32:
      return IntegerBounds<uint32_t>(array, offset, length, Value::UInt32, zone);
    case TypeId::kUInt64:
      return IntegerBounds<uint64_t>(array, offset, length, Value::UInt64, zone);
    case TypeId::kIpv4:
      return IntegerBounds<uint32_t>(array, offset, length, Value::Ipv4, zone);
    case TypeId::kDate:
      return IntegerBounds<int32_t>(array, offset, length, Value::Date, zone);
    case TypeId::kTime:
      return IntegerBounds<int64_t>(array, offset, length, Value::Time, zone);
    case TypeId::kTimestamp:
      return IntegerBounds<int64_t>(array, offset, length, Value::Timestamp, zone);
    case TypeId::kTimestampTz:
      return IntegerBounds<int64_t>(array, offset, length, Value::TimestampTz, zone);
    case TypeId::kFloat32:
      return FloatBounds<float>(array, offset, length, zone);
    case TypeId::kFloat64:
      return FloatBounds<double>(array, offset, length, zone);
    case TypeId::kDecimal:
      return DecimalBounds(array, offset, length, zone);
    case TypeId::kUuid:
    case TypeId::kIpv6:
      return Bytes16Bounds(array, offset, length, zone);
    case TypeId::kString:
    case TypeId::kJson:
    case TypeId::kBinary:
      return VariableBounds(array, offset, length, zone);
    default:
      return;
  }
}

// A dictionary array's bounds are those of the dictionary entries its rows use: mark them, take
// them out as a plain array, and summarize that (at most `length` entries, each compared once).
void DictionaryBounds(const Array& array, int64_t offset, int64_t length, ZoneMap* zone) {
  const Array& dictionary = *array.dictionary();
  const auto num_entries = static_cast<uint32_t>(dictionary.length());
  std::vector<uint8_t> used(num_entries, 0);
  const int32_t* codes = array.values<int32_t>() + offset;
  const uint8_t* bits = array.null_count() == 0 ? nullptr : array.validity_bits();
  const int64_t bit_base = array.offset() + offset;
  for (int64_t i = 0; i < length; ++i) {
    if (bits != nullptr && !GetBit(bits, bit_base + i)) continue;
    const auto code = static_cast<uint32_t>(codes[i]);
    if (code < num_entries) used[code] = 1;
  }
  columnar::SelectionVector selection;
  for (uint32_t code = 0; code < num_entries; ++code) {
    if (used[code] != 0) selection.mutable_rows().push_back(code);
  }
  if (selection.empty()) return;
  const columnar::ArrayPtr entries = columnar::Take(dictionary, selection);
  PlainBounds(*entries, 0, entries->length(), zone);
}

}  // namespace

bool ZoneMapKeepsBounds(const DataType& type) {
  return !type.is_nested() && type.id() != TypeId::kInterval && type.id() != TypeId::kNull;
}

ZoneMap ComputeZoneMap(const Array& array, int64_t offset, int64_t length) {
  BOYO_CHECK(offset >= 0 && length >= 0 && offset + length <= array.length());
  ZoneMap zone;
  zone.row_count = length;
  zone.min = Value::Null(array.type());
  zone.max = Value::Null(array.type());
  if (array.type().id() == TypeId::kNull) {
    zone.null_count = length;
    return zone;
  }
  const uint8_t* bits = array.validity_bits();
  if (bits != nullptr && array.null_count() > 0) {
    zone.null_count = length - columnar::CountSetBits(bits, array.offset() + offset, length);
  }
  if (zone.null_count == length || !ZoneMapKeepsBounds(array.type())) return zone;
  if (array.is_dictionary()) {
    DictionaryBounds(array, offset, length, &zone);
  } else {
    PlainBounds(array, offset, length, &zone);
  }
  return zone;
}

namespace {

void AppendUint64(uint64_t value, std::string* out) {
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(value >> (8 * i));
  out->append(bytes, 8);
}

uint64_t LoadUint64(const char* p) {
  uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = value << 8 | static_cast<uint8_t>(p[i]);
  return value;
}

Status Truncated(const DataType& type, size_t needed, size_t available) {
  return Status::Corruption("zone map value of type " + type.ToString() + " needs " +
                            std::to_string(needed) + " bytes, " + std::to_string(available) +
                            " remain");
}

Status OutOfRangeFor(const DataType& type, const std::string& text) {
  return Status::Corruption("zone map value " + text + " is out of range for type " +
                            type.ToString());
}

template <typename T>
Result<Value> CheckedSigned(const DataType& type, int64_t v, Value (*make)(T)) {
  if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) {
    return OutOfRangeFor(type, std::to_string(v));
  }
  return make(static_cast<T>(v));
}

template <typename T>
Result<Value> CheckedUnsigned(const DataType& type, uint64_t v, Value (*make)(T)) {
  if (v > std::numeric_limits<T>::max()) return OutOfRangeFor(type, std::to_string(v));
  return make(static_cast<T>(v));
}

}  // namespace

void AppendZoneMapValue(const Value& value, std::string* out) {
  BOYO_DCHECK(!value.is_null() && ZoneMapKeepsBounds(value.type()));
  const DataType& type = value.type();
  switch (type.id()) {
    case TypeId::kBoolean:
      out->push_back(value.boolean() ? 1 : 0);
      return;
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
    case TypeId::kIpv4:
      AppendUint64(value.uint64(), out);
      return;
    case TypeId::kFloat32:
    case TypeId::kFloat64:
      AppendUint64(std::bit_cast<uint64_t>(value.float64()), out);
      return;
    case TypeId::kDecimal: {
      const auto unscaled = static_cast<unsigned __int128>(value.decimal());
      AppendUint64(static_cast<uint64_t>(unscaled), out);
      AppendUint64(static_cast<uint64_t>(unscaled >> 64), out);
      return;
    }
    case TypeId::kUuid:
    case TypeId::kIpv6:
      out->append(value.bytes());
      return;
    case TypeId::kString:
    case TypeId::kJson:
    case TypeId::kBinary: {
      const std::string& bytes = value.bytes();
      const auto size = static_cast<uint32_t>(bytes.size());
      for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>(size >> (8 * i)));
      out->append(bytes);
      return;
    }
    default:
      AppendUint64(static_cast<uint64_t>(value.int64()), out);
      return;
  }
}

Result<Value> ParseZoneMapValue(const DataType& type, std::string_view* input) {
  if (!ZoneMapKeepsBounds(type)) {
    return Status::Corruption("zone map has a bound for a column of type " + type.ToString() +
                              ", which keeps none");
  }
  const auto take = [&](size_t n) -> Result<std::string_view> {
    if (input->size() < n) return Truncated(type, n, input->size());
    const std::string_view bytes = input->substr(0, n);
    input->remove_prefix(n);
    return bytes;
  };
  switch (type.id()) {
    case TypeId::kBoolean: {
      BOYO_ASSIGN_OR_RETURN(const std::string_view bytes, take(1));
      if (bytes[0] != 0 && bytes[0] != 1) {
        return OutOfRangeFor(type, std::to_string(static_cast<uint8_t>(bytes[0])));
      }
      return Value::Boolean(bytes[0] == 1);
    }
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      BOYO_ASSIGN_OR_RETURN(const std::string_view bytes, take(8));
      const auto v = std::bit_cast<double>(LoadUint64(bytes.data()));
      if (type.id() == TypeId::kFloat64) return Value::Float64(v);
      // A REAL bound was a float widened to double, so it narrows back bit for bit.
      if (std::bit_cast<uint64_t>(static_cast<double>(static_cast<float>(v))) !=
          std::bit_cast<uint64_t>(v)) {
        return OutOfRangeFor(type, std::to_string(v));
      }
      return Value::Float32(static_cast<float>(v));
    }
    case TypeId::kDecimal: {
      BOYO_ASSIGN_OR_RETURN(const std::string_view bytes, take(16));
      const auto unscaled = static_cast<unsigned __int128>(LoadUint64(bytes.data() + 8)) << 64 |
                            LoadUint64(bytes.data());
      return Value::Decimal(static_cast<Int128>(unscaled), type);
    }
    case TypeId::kUuid:
    case TypeId::kIpv6: {
      BOYO_ASSIGN_OR_RETURN(const std::string_view bytes, take(16));
      std::array<uint8_t, 16> raw;
      std::memcpy(raw.data(), bytes.data(), 16);
      return type.id() == TypeId::kUuid ? Value::Uuid(raw) : Value::Ipv6(raw);
    }
    case TypeId::kString:
    case TypeId::kJson:
    case TypeId::kBinary: {
      BOYO_ASSIGN_OR_RETURN(const std::string_view size_bytes, take(4));
      uint32_t size = 0;
      for (int i = 3; i >= 0; --i) size = size << 8 | static_cast<uint8_t>(size_bytes[i]);
      if (size > kMaxZoneMapBytes) {
        return Status::Corruption("zone map string bound of " + std::to_string(size) +
                                  " bytes is longer than the limit of " +
                                  std::to_string(kMaxZoneMapBytes));
      }
      BOYO_ASSIGN_OR_RETURN(const std::string_view bytes, take(size));
      return BytesValue(type.id(), bytes);
    }
    default:
      break;
  }
  BOYO_ASSIGN_OR_RETURN(const std::string_view bytes, take(8));
  const uint64_t raw = LoadUint64(bytes.data());
  const auto v = static_cast<int64_t>(raw);
  switch (type.id()) {
    case TypeId::kInt8:
      return CheckedSigned<int8_t>(type, v, Value::Int8);
    case TypeId::kInt16:
      return CheckedSigned<int16_t>(type, v, Value::Int16);
    case TypeId::kInt32:
      return CheckedSigned<int32_t>(type, v, Value::Int32);
    case TypeId::kInt64:
      return Value::Int64(v);
    case TypeId::kDate:
      return CheckedSigned<int32_t>(type, v, Value::Date);
    case TypeId::kTime:
      return Value::Time(v);
    case TypeId::kTimestamp:
      return Value::Timestamp(v);
    case TypeId::kTimestampTz:
      return Value::TimestampTz(v);
    case TypeId::kUInt8:
      return CheckedUnsigned<uint8_t>(type, raw, Value::UInt8);
    case TypeId::kUInt16:
      return CheckedUnsigned<uint16_t>(type, raw, Value::UInt16);
    case TypeId::kUInt32:
      return CheckedUnsigned<uint32_t>(type, raw, Value::UInt32);
    case TypeId::kUInt64:
      return Value::UInt64(raw);
    case TypeId::kIpv4:
      return CheckedUnsigned<uint32_t>(type, raw, Value::Ipv4);
    default:
      return Status::Corruption("zone map bound of unsupported type " + type.ToString());
  }
}

}  // namespace boyodb::storage
