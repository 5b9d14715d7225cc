// DataType, Field and Schema: BoyoDB's logical types (ARCHITECTURE.md section 2) and how each one
// is laid out in memory in Arrow's columnar format.
// Thread safety: immutable values; share freely between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace boyodb::types {

/// Logical type identifiers. Persisted only by name (schema JSON), never by number.
enum class TypeId : uint8_t {
  kNull,  // the type of an untyped NULL literal
  kBoolean,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kUInt8,
  kUInt16,
  kUInt32,
  kUInt64,
  kFloat32,
  kFloat64,
  kDecimal,      // DECIMAL(p, s), p <= 38, stored as a 128-bit two's complement integer
  kString,       // TEXT / VARCHAR, UTF-8
  kBinary,       // BYTEA
  kDate,         // days since 1970-01-01, int32
  kTime,         // microseconds since midnight, int64
  kTimestamp,    // microseconds since 1970-01-01 00:00:00, int64
  kTimestampTz,  // microseconds since 1970-01-01 00:00:00 UTC, int64
  kInterval,     // months (int32), days (int32), nanoseconds (int64): Arrow's MONTH_DAY_NANO
  kUuid,         // 16 bytes
  kJson,         // JSON text, UTF-8
  kIpv4,         // uint32, host order value of the address
  kIpv6,         // 16 bytes, network order
  kList,         // ARRAY(T)
  kMap,          // MAP(K, V): a list of (key, value) structs
  kStruct,       // STRUCT(name T, ...)
};

/// How values of a type sit in memory; selects the Arrow buffers an array has.
enum class Layout : uint8_t {
  kNull,        // no buffers
  kBitmap,      // validity + bit-packed values (BOOLEAN)
  kFixedWidth,  // validity + values of fixed_width() bytes each
  kVariable,    // validity + int32 offsets + bytes (TEXT, BYTEA, JSON)
  kList,        // validity + int32 offsets, one child (LIST, MAP)
  kStruct,      // validity, one child per field
};

class DataType;

struct Field {
  std::string name;
  std::shared_ptr<const DataType> type_ptr;  // never null
  bool nullable = true;

  Field(std::string name, DataType type, bool nullable = true);
  const DataType& type() const { return *type_ptr; }
  bool operator==(const Field& other) const;
};

class DataType {
 public:
  /// The NULL type.
  DataType() : id_(TypeId::kNull) {}

  static DataType Null() { return DataType(TypeId::kNull); }
  static DataType Boolean() { return DataType(TypeId::kBoolean); }
  static DataType Int8() { return DataType(TypeId::kInt8); }
  static DataType Int16() { return DataType(TypeId::kInt16); }
  static DataType Int32() { return DataType(TypeId::kInt32); }
  static DataType Int64() { return DataType(TypeId::kInt64); }
  static DataType UInt8() { return DataType(TypeId::kUInt8); }
  static DataType UInt16() { return DataType(TypeId::kUInt16); }
  static DataType UInt32() { return DataType(TypeId::kUInt32); }
  static DataType UInt64() { return DataType(TypeId::kUInt64); }
  static DataType Float32() { return DataType(TypeId::kFloat32); }
  static DataType Float64() { return DataType(TypeId::kFloat64); }
  /// Requires: 1 <= precision <= 38, 0 <= scale <= precision (checked by MakeDecimal).
  static DataType Decimal(uint8_t precision, uint8_t scale);
  static Result<DataType> MakeDecimal(int precision, int scale);
  static DataType String() { return DataType(TypeId::kString); }
  static DataType Binary() { return DataType(TypeId::kBinary); }
  static DataType Date() { return DataType(TypeId::kDate); }
  static DataType Time() { return DataType(TypeId::kTime); }
  static DataType Timestamp() { return DataType(TypeId::kTimestamp); }
  static DataType TimestampTz() { return DataType(TypeId::kTimestampTz); }
  static DataType Interval() { return DataType(TypeId::kInterval); }
  static DataType Uuid() { return DataType(TypeId::kUuid); }
  static DataType Json() { return DataType(TypeId::kJson); }
  static DataType Ipv4() { return DataType(TypeId::kIpv4); }
  static DataType Ipv6() { return DataType(TypeId::kIpv6); }
  static DataType List(DataType element);
  static DataType Map(DataType key, DataType value);
  static DataType Struct(std::vector<Field> fields);

  TypeId id() const { return id_; }
  uint8_t precision() const { return precision_; }
  uint8_t scale() const { return scale_; }
  /// LIST: one field "item"; MAP: one field "entries" of STRUCT(key, value); STRUCT: its fields.
  const std::vector<Field>& children() const;
  /// Requires: id() is kList or kMap. For MAP, the entries struct.
  const DataType& element_type() const { return children()[0].type(); }
  /// Requires: id() is kMap.
  const DataType& key_type() const { return element_type().children()[0].type(); }
  const DataType& value_type() const { return element_type().children()[1].type(); }

  Layout layout() const;
  /// Bytes per value for kFixedWidth layouts, otherwise 0.
  int fixed_width() const;
  bool is_integer() const;
  bool is_signed_integer() const;
  bool is_unsigned_integer() const;
  bool is_floating() const { return id_ == TypeId::kFloat32 || id_ == TypeId::kFloat64; }
  bool is_numeric() const { return is_integer() || is_floating() || id_ == TypeId::kDecimal; }
  bool is_string_like() const {
    return id_ == TypeId::kString || id_ == TypeId::kJson || id_ == TypeId::kBinary;
  }
  bool is_nested() const {
    return id_ == TypeId::kList || id_ == TypeId::kMap || id_ == TypeId::kStruct;
  }

  /// The SQL name, parseable by ParseTypeName: "BIGINT", "DECIMAL(10,2)", "TEXT[]",
  /// "MAP(TEXT, BIGINT)", "STRUCT(a INTEGER, b TEXT)".
  std::string ToString() const;

  bool operator==(const DataType& other) const;
  bool operator!=(const DataType& other) const { return !(*this == other); }

 private:
  explicit DataType(TypeId id) : id_(id) {}

  TypeId id_;
  uint8_t precision_ = 0;
  uint8_t scale_ = 0;
  std::shared_ptr<const std::vector<Field>> children_;
};

/// Parses a type name as ToString writes it and PostgreSQL spells it, case-insensitively:
/// BOOLEAN/BOOL, TINYINT, SMALLINT/INT2/INT16, INTEGER/INT/INT4/INT32, BIGINT/INT8/INT64
/// (INT8 is PostgreSQL's 8-byte integer), UINT8..UINT64, REAL/FLOAT4/FLOAT32,
/// DOUBLE PRECISION/DOUBLE/FLOAT8/FLOAT64/FLOAT, DECIMAL/NUMERIC[(p[,s])],
/// TEXT/VARCHAR[(n)]/STRING, BYTEA/BLOB, DATE, TIME, TIMESTAMP, TIMESTAMPTZ / TIMESTAMP WITH TIME
/// ZONE, INTERVAL, UUID, JSON, IPV4, IPV6, T[], ARRAY(T), MAP(K, V), STRUCT(name T, ...).
/// InvalidArgument (SQLSTATE 42704) naming the text when it is not a type.
Result<DataType> ParseTypeName(std::string_view text);

class Schema {
 public:
  Schema() = default;
  explicit Schema(std::vector<Field> fields) : fields_(std::move(fields)) {}

  const std::vector<Field>& fields() const { return fields_; }
  const Field& field(size_t index) const { return fields_[index]; }
  size_t num_fields() const { return fields_.size(); }
  /// Index of the field with this name (exact match), or -1.
  int FieldIndex(std::string_view name) const;
  /// "(a BIGINT NOT NULL, b TEXT)".
  std::string ToString() const;
  bool operator==(const Schema& other) const { return fields_ == other.fields_; }

 private:
  std::vector<Field> fields_;
};

/// Serializes a schema as JSON: {"fields":[{"name":"a","type":"BIGINT","nullable":false},...]}.
std::string SchemaToJson(const Schema& schema);
/// Parses SchemaToJson's output; InvalidArgument describing the problem for malformed input.
Result<Schema> SchemaFromJson(std::string_view json);

}  // namespace boyodb::types
