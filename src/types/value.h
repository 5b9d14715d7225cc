// Value: one typed scalar (or nested) value, possibly NULL. Used for literals, zone-map bounds,
// predicates and tests; the executor works on whole arrays, never on Values per row.
// Thread safety: immutable value; share freely.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "types/data_type.h"
#include "types/datetime.h"

namespace boyodb::types {

using Int128 = __int128;

class Value {
 public:
  /// An untyped NULL.
  Value() = default;

  static Value Null(DataType type);
  static Value Boolean(bool value);
  static Value Int8(int8_t value) { return Signed(DataType::Int8(), value); }
  static Value Int16(int16_t value) { return Signed(DataType::Int16(), value); }
  static Value Int32(int32_t value) { return Signed(DataType::Int32(), value); }
  static Value Int64(int64_t value) { return Signed(DataType::Int64(), value); }
  static Value UInt8(uint8_t value) { return Unsigned(DataType::UInt8(), value); }
  static Value UInt16(uint16_t value) { return Unsigned(DataType::UInt16(), value); }
  static Value UInt32(uint32_t value) { return Unsigned(DataType::UInt32(), value); }
  static Value UInt64(uint64_t value) { return Unsigned(DataType::UInt64(), value); }
  static Value Float32(float value);
  static Value Float64(double value);
  /// unscaled * 10^-scale, e.g. Decimal(12345, DataType::Decimal(10, 2)) is 123.45.
  static Value Decimal(Int128 unscaled, DataType type);
  static Value String(std::string value);
  static Value Binary(std::string value);
  static Value Json(std::string value);
  static Value Date(int32_t days) { return Signed(DataType::Date(), days); }
  static Value Time(int64_t micros) { return Signed(DataType::Time(), micros); }
  static Value Timestamp(int64_t micros) { return Signed(DataType::Timestamp(), micros); }
  static Value TimestampTz(int64_t micros) { return Signed(DataType::TimestampTz(), micros); }
  static Value Interval(IntervalValue value);
  static Value Uuid(const std::array<uint8_t, 16>& bytes);
  static Value Ipv4(uint32_t address) { return Unsigned(DataType::Ipv4(), address); }
  static Value Ipv6(const std::array<uint8_t, 16>& bytes);
  /// Requires: each element is NULL or of the type's element type (entries structs for MAP).
  static Value Nested(DataType type, std::vector<Value> children);

  const DataType& type() const { return type_; }
  bool is_null() const { return std::holds_alternative<std::monostate>(data_); }

  // Accessors. Requires: !is_null() and a type stored in that form.
  bool boolean() const { return std::get<bool>(data_); }
  /// Signed integers, DATE, TIME, TIMESTAMP, TIMESTAMPTZ.
  int64_t int64() const { return std::get<int64_t>(data_); }
  /// Unsigned integers and IPV4.
  uint64_t uint64() const { return std::get<uint64_t>(data_); }
  /// REAL and DOUBLE PRECISION.
  double float64() const { return std::get<double>(data_); }
  /// The unscaled DECIMAL.
  Int128 decimal() const { return std::get<Int128>(data_); }
  /// TEXT, BYTEA and JSON contents; UUID and IPV6 as 16 raw bytes.
  const std::string& bytes() const { return std::get<std::string>(data_); }
  const IntervalValue& interval() const { return std::get<IntervalValue>(data_); }
  /// LIST elements, STRUCT fields, MAP entries (each a STRUCT of key and value).
  const std::vector<Value>& children() const;

  /// PostgreSQL's text output of the value: "t", "42", "1.5", "abc", "2024-01-02",
  /// "\x0a0b" for BYTEA, "{1,2,NULL}" for arrays; "NULL" for NULL.
  std::string ToString() const;

  /// Orders two non-NULL values of the same type (numbers by value, text and bytes byte-wise,
  /// floats with NaN greatest as PostgreSQL does); NULL sorts after everything.
  static int Compare(const Value& a, const Value& b);
  bool operator==(const Value& other) const;

 private:
  using Children = std::shared_ptr<const std::vector<Value>>;
  using Data = std::variant<std::monostate, bool, int64_t, uint64_t, double, Int128, std::string,
                            IntervalValue, Children>;

  Value(DataType type, Data data) : type_(std::move(type)), data_(std::move(data)) {}
  static Value Signed(DataType type, int64_t value) { return Value(std::move(type), value); }
  static Value Unsigned(DataType type, uint64_t value) { return Value(std::move(type), value); }

  DataType type_;
  Data data_;
};

/// Text of a 128-bit integer in decimal.
std::string Int128ToString(Int128 value);
/// Text of an unscaled decimal: (12345, 2) is "123.45".
std::string DecimalToString(Int128 unscaled, int scale);

}  // namespace boyodb::types
