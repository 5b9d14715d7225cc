#include "server/pgwire/pg_types.h"

#include <array>
#include <string>
#include <utility>

#include "common/sqlstate.h"

namespace boyodb::server::pgwire {
namespace {

using types::DataType;
using types::TypeId;

// A scalar PostgreSQL type and its array type.
struct ScalarMapping {
  uint32_t oid;
  uint32_t array_oid;
  int16_t typlen;
};

// VARHDRSZ: PostgreSQL's typmods for numeric (and varchar) count the 4-byte varlena header.
constexpr int32_t kVarlenaHeaderSize = 4;

int32_t NumericTypmod(int precision, int scale) {
  return ((precision << 16) | scale) + kVarlenaHeaderSize;
}

// The scalar PostgreSQL type for a non-nested type, or nullopt for the types sent as text.
std::optional<ScalarMapping> ScalarMappingFor(TypeId id) {
  switch (id) {
    case TypeId::kBoolean:
      return ScalarMapping{oid::kBool, oid::kBoolArray, 1};
    case TypeId::kInt8:
    case TypeId::kInt16:
      return ScalarMapping{oid::kInt2, oid::kInt2Array, 2};
    case TypeId::kInt32:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
      return ScalarMapping{oid::kInt4, oid::kInt4Array, 4};
    case TypeId::kInt64:
    case TypeId::kUInt32:
      return ScalarMapping{oid::kInt8, oid::kInt8Array, 8};
    case TypeId::kUInt64:
    case TypeId::kDecimal:
      return ScalarMapping{oid::kNumeric, oid::kNumericArray, -1};
    case TypeId::kFloat32:
      return ScalarMapping{oid::kFloat4, oid::kFloat4Array, 4};
    case TypeId::kFloat64:
      return ScalarMapping{oid::kFloat8, oid::kFloat8Array, 8};
    case TypeId::kString:
      return ScalarMapping{oid::kText, oid::kTextArray, -1};
    case TypeId::kBinary:
      return ScalarMapping{oid::kBytea, oid::kByteaArray, -1};
    case TypeId::kDate:
      return ScalarMapping{oid::kDate, oid::kDateArray, 4};
    case TypeId::kTime:
      return ScalarMapping{oid::kTime, oid::kTimeArray, 8};
    case TypeId::kTimestamp:
      return ScalarMapping{oid::kTimestamp, oid::kTimestampArray, 8};
    case TypeId::kTimestampTz:
      return ScalarMapping{oid::kTimestampTz, oid::kTimestampTzArray, 8};
    case TypeId::kInterval:
      return ScalarMapping{oid::kInterval, oid::kIntervalArray, 16};
    case TypeId::kUuid:
      return ScalarMapping{oid::kUuid, oid::kUuidArray, 16};
    case TypeId::kJson:
      return ScalarMapping{oid::kJson, oid::kJsonArray, -1};
    case TypeId::kIpv4:
    case TypeId::kIpv6:
      return ScalarMapping{oid::kInet, oid::kInetArray, -1};
    case TypeId::kNull:
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kStruct:
      return std::nullopt;
  }
  return std::nullopt;
}

int32_t TypmodFor(const DataType& type) {
  if (type.id() == TypeId::kUInt64) return NumericTypmod(20, 0);  // 18446744073709551615
  // Precision 0 is "any DECIMAL", which only function signatures use: no modifier.
  if (type.id() == TypeId::kDecimal && type.precision() > 0) {
    return NumericTypmod(type.precision(), type.scale());
  }
  return -1;
}

struct NamedOid {
  uint32_t oid;
  std::string_view name;
};

constexpr std::array<NamedOid, 41> kTypeNames = {{
    {oid::kBool, "bool"},
    {oid::kBytea, "bytea"},
    {oid::kName, "name"},
    {oid::kInt8, "int8"},
    {oid::kInt2, "int2"},
    {oid::kInt4, "int4"},
    {oid::kText, "text"},
    {oid::kOid, "oid"},
    {oid::kJson, "json"},
    {oid::kJsonArray, "_json"},
    {oid::kFloat4, "float4"},
    {oid::kFloat8, "float8"},
    {oid::kUnknown, "unknown"},
    {oid::kInet, "inet"},
    {oid::kBoolArray, "_bool"},
    {oid::kByteaArray, "_bytea"},
    {oid::kInt2Array, "_int2"},
    {oid::kInt4Array, "_int4"},
    {oid::kTextArray, "_text"},
    {oid::kVarcharArray, "_varchar"},
    {oid::kInt8Array, "_int8"},
    {oid::kFloat4Array, "_float4"},
    {oid::kFloat8Array, "_float8"},
    {oid::kInetArray, "_inet"},
    {oid::kBpchar, "bpchar"},
    {oid::kVarchar, "varchar"},
    {oid::kDate, "date"},
    {oid::kTime, "time"},
    {oid::kTimestamp, "timestamp"},
    {oid::kTimestampArray, "_timestamp"},
    {oid::kDateArray, "_date"},
    {oid::kTimeArray, "_time"},
    {oid::kTimestampTz, "timestamptz"},
    {oid::kTimestampTzArray, "_timestamptz"},
    {oid::kInterval, "interval"},
    {oid::kIntervalArray, "_interval"},
    {oid::kNumericArray, "_numeric"},
    {oid::kNumeric, "numeric"},
    {oid::kUuid, "uuid"},
    {oid::kUuidArray, "_uuid"},
    {oid::kJsonb, "jsonb"},
}};

// The DataType of a scalar parameter OID, or nullopt when we do not take it.
std::optional<DataType> ScalarDataTypeForOid(uint32_t type_oid) {
  switch (type_oid) {
    case oid::kBool:
      return DataType::Boolean();
    case oid::kBytea:
      return DataType::Binary();
    case oid::kInt2:
      return DataType::Int16();
    case oid::kInt4:
      return DataType::Int32();
    case oid::kInt8:
    case oid::kOid:
      return DataType::Int64();
    case oid::kText:
    case oid::kVarchar:
    case oid::kBpchar:
    case oid::kName:
      return DataType::String();
    case oid::kJson:
    case oid::kJsonb:
      return DataType::Json();
    case oid::kFloat4:
      return DataType::Float32();
    case oid::kFloat8:
      return DataType::Float64();
    case oid::kNumeric:
      return DataType::Decimal(38, 9);
    case oid::kDate:
      return DataType::Date();
    case oid::kTime:
      return DataType::Time();
    case oid::kTimestamp:
      return DataType::Timestamp();
    case oid::kTimestampTz:
      return DataType::TimestampTz();
    case oid::kInterval:
      return DataType::Interval();
    case oid::kUuid:
      return DataType::Uuid();
    default:
      return std::nullopt;
  }
}

// The element OID of an array OID we take, or 0.
uint32_t ArrayElementOid(uint32_t type_oid) {
  switch (type_oid) {
    case oid::kBoolArray:
      return oid::kBool;
    case oid::kByteaArray:
      return oid::kBytea;
    case oid::kInt2Array:
      return oid::kInt2;
    case oid::kInt4Array:
      return oid::kInt4;
    case oid::kInt8Array:
      return oid::kInt8;
    case oid::kTextArray:
      return oid::kText;
    case oid::kVarcharArray:
      return oid::kVarchar;
    case oid::kFloat4Array:
      return oid::kFloat4;
    case oid::kFloat8Array:
      return oid::kFloat8;
    case oid::kNumericArray:
      return oid::kNumeric;
    case oid::kDateArray:
      return oid::kDate;
    case oid::kTimeArray:
      return oid::kTime;
    case oid::kTimestampArray:
      return oid::kTimestamp;
    case oid::kTimestampTzArray:
      return oid::kTimestampTz;
    case oid::kIntervalArray:
      return oid::kInterval;
    case oid::kUuidArray:
      return oid::kUuid;
    case oid::kJsonArray:
      return oid::kJson;
    default:
      return 0;
  }
}

}  // namespace

PgTypeInfo PgTypeFor(const DataType& type) {
  if (type.id() == TypeId::kList) {
    const DataType& element = type.element_type();
    const std::optional<ScalarMapping> mapping = ScalarMappingFor(element.id());
    if (!mapping.has_value()) return PgTypeInfo{oid::kText, -1, -1};
    return PgTypeInfo{mapping->array_oid, -1, TypmodFor(element)};
  }
  const std::optional<ScalarMapping> mapping = ScalarMappingFor(type.id());
  if (!mapping.has_value()) return PgTypeInfo{oid::kText, -1, -1};
  return PgTypeInfo{mapping->oid, mapping->typlen, TypmodFor(type)};
}

Result<std::optional<DataType>> DataTypeForPgOid(uint32_t type_oid) {
  if (type_oid == oid::kUnspecified || type_oid == oid::kUnknown) {
    return std::optional<DataType>();
  }
  if (std::optional<DataType> scalar = ScalarDataTypeForOid(type_oid); scalar.has_value()) {
    return scalar;
  }
  const uint32_t element_oid = ArrayElementOid(type_oid);
  if (element_oid != 0) {
    std::optional<DataType> element = ScalarDataTypeForOid(element_oid);
    if (element.has_value()) return std::optional<DataType>(DataType::List(std::move(*element)));
  }
  std::string message = "parameter type OID " + std::to_string(type_oid);
  const std::string_view name = PgTypeName(type_oid);
  if (!name.empty()) message += " (" + std::string(name) + ")";
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                std::move(message) + " is not supported");
}

std::string_view PgTypeName(uint32_t type_oid) {
  for (const NamedOid& entry : kTypeNames) {
    if (entry.oid == type_oid) return entry.name;
  }
  return "";
}

}  // namespace boyodb::server::pgwire
