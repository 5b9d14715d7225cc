#include "types/pg_type_catalog.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "common/sqlstate.h"

namespace boyodb::types {
namespace {

namespace oid = pg_oid;

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

// pg_type.dat's values for the types we list. Arrays: category 'A', typlen -1, aligned as
// their element when that needs 8 bytes.
constexpr std::array<PgTypeRow, 66> kPgTypes = {{
    {oid::kBool, "bool", 1, true, 'b', 'B', true, 0, oid::kBoolArray, 'c'},
    {oid::kBytea, "bytea", -1, false, 'b', 'U', false, 0, oid::kByteaArray, 'i'},
    {oid::kChar, "char", 1, true, 'b', 'Z', false, 0, oid::kCharArray, 'c'},
    {oid::kName, "name", 64, false, 'b', 'S', false, oid::kChar, oid::kNameArray, 'c'},
    {oid::kInt8, "int8", 8, true, 'b', 'N', false, 0, oid::kInt8Array, 'd'},
    {oid::kInt2, "int2", 2, true, 'b', 'N', false, 0, oid::kInt2Array, 's'},
    {oid::kInt2Vector, "int2vector", -1, false, 'b', 'A', false, oid::kInt2, oid::kInt2VectorArray,
     'i'},
    {oid::kInt4, "int4", 4, true, 'b', 'N', false, 0, oid::kInt4Array, 'i'},
    {oid::kRegproc, "regproc", 4, true, 'b', 'N', false, 0, oid::kRegprocArray, 'i'},
    {oid::kText, "text", -1, false, 'b', 'S', true, 0, oid::kTextArray, 'i'},
    {oid::kOid, "oid", 4, true, 'b', 'N', true, 0, oid::kOidArray, 'i'},
    {oid::kOidVector, "oidvector", -1, false, 'b', 'A', false, oid::kOid, oid::kOidVectorArray,
     'i'},
    {oid::kJson, "json", -1, false, 'b', 'U', false, 0, oid::kJsonArray, 'i'},
    {oid::kPgNodeTree, "pg_node_tree", -1, false, 'b', 'Z', false, 0, 0, 'i'},
    {oid::kJsonArray, "_json", -1, false, 'b', 'A', false, oid::kJson, 0, 'i'},
    {oid::kFloat4, "float4", 4, true, 'b', 'N', false, 0, oid::kFloat4Array, 'i'},
    {oid::kFloat8, "float8", 8, true, 'b', 'N', true, 0, oid::kFloat8Array, 'd'},
    {oid::kUnknown, "unknown", -2, false, 'p', 'X', false, 0, 0, 'c'},
    {oid::kInet, "inet", -1, false, 'b', 'I', true, 0, oid::kInetArray, 'i'},
    {oid::kBoolArray, "_bool", -1, false, 'b', 'A', false, oid::kBool, 0, 'i'},
    {oid::kByteaArray, "_bytea", -1, false, 'b', 'A', false, oid::kBytea, 0, 'i'},
    {oid::kCharArray, "_char", -1, false, 'b', 'A', false, oid::kChar, 0, 'i'},
    {oid::kNameArray, "_name", -1, false, 'b', 'A', false, oid::kName, 0, 'i'},
    {oid::kInt2Array, "_int2", -1, false, 'b', 'A', false, oid::kInt2, 0, 'i'},
    {oid::kInt2VectorArray, "_int2vector", -1, false, 'b', 'A', false, oid::kInt2Vector, 0, 'i'},
    {oid::kInt4Array, "_int4", -1, false, 'b', 'A', false, oid::kInt4, 0, 'i'},
    {oid::kRegprocArray, "_regproc", -1, false, 'b', 'A', false, oid::kRegproc, 0, 'i'},
    {oid::kTextArray, "_text", -1, false, 'b', 'A', false, oid::kText, 0, 'i'},
    {oid::kOidVectorArray, "_oidvector", -1, false, 'b', 'A', false, oid::kOidVector, 0, 'i'},
    {oid::kBpcharArray, "_bpchar", -1, false, 'b', 'A', false, oid::kBpchar, 0, 'i'},
    {oid::kVarcharArray, "_varchar", -1, false, 'b', 'A', false, oid::kVarchar, 0, 'i'},
    {oid::kInt8Array, "_int8", -1, false, 'b', 'A', false, oid::kInt8, 0, 'd'},
    {oid::kFloat4Array, "_float4", -1, false, 'b', 'A', false, oid::kFloat4, 0, 'i'},
    {oid::kFloat8Array, "_float8", -1, false, 'b', 'A', false, oid::kFloat8, 0, 'd'},
    {oid::kOidArray, "_oid", -1, false, 'b', 'A', false, oid::kOid, 0, 'i'},
    {oid::kAclitem, "aclitem", 12, false, 'b', 'U', false, 0, oid::kAclitemArray, 'i'},
    {oid::kAclitemArray, "_aclitem", -1, false, 'b', 'A', false, oid::kAclitem, 0, 'i'},
    {oid::kInetArray, "_inet", -1, false, 'b', 'A', false, oid::kInet, 0, 'i'},
    {oid::kBpchar, "bpchar", -1, false, 'b', 'S', false, 0, oid::kBpcharArray, 'i'},
    {oid::kVarchar, "varchar", -1, false, 'b', 'S', false, 0, oid::kVarcharArray, 'i'},
    {oid::kDate, "date", 4, true, 'b', 'D', false, 0, oid::kDateArray, 'i'},
    {oid::kTime, "time", 8, true, 'b', 'D', false, 0, oid::kTimeArray, 'd'},
    {oid::kTimestamp, "timestamp", 8, true, 'b', 'D', false, 0, oid::kTimestampArray, 'd'},
    {oid::kTimestampArray, "_timestamp", -1, false, 'b', 'A', false, oid::kTimestamp, 0, 'd'},
    {oid::kDateArray, "_date", -1, false, 'b', 'A', false, oid::kDate, 0, 'i'},
    {oid::kTimeArray, "_time", -1, false, 'b', 'A', false, oid::kTime, 0, 'd'},
    {oid::kTimestampTz, "timestamptz", 8, true, 'b', 'D', true, 0, oid::kTimestampTzArray, 'd'},
    {oid::kTimestampTzArray, "_timestamptz", -1, false, 'b', 'A', false, oid::kTimestampTz, 0, 'd'},
    {oid::kInterval, "interval", 16, false, 'b', 'T', true, 0, oid::kIntervalArray, 'd'},
    {oid::kIntervalArray, "_interval", -1, false, 'b', 'A', false, oid::kInterval, 0, 'd'},
    {oid::kNumericArray, "_numeric", -1, false, 'b', 'A', false, oid::kNumeric, 0, 'i'},
    {oid::kNumeric, "numeric", -1, false, 'b', 'N', false, 0, oid::kNumericArray, 'i'},
    {oid::kRegprocedure, "regprocedure", 4, true, 'b', 'N', false, 0, oid::kRegprocedureArray, 'i'},
    {oid::kRegclass, "regclass", 4, true, 'b', 'N', false, 0, oid::kRegclassArray, 'i'},
    {oid::kRegtype, "regtype", 4, true, 'b', 'N', false, 0, oid::kRegtypeArray, 'i'},
    {oid::kRegprocedureArray, "_regprocedure", -1, false, 'b', 'A', false, oid::kRegprocedure, 0,
     'i'},
    {oid::kRegclassArray, "_regclass", -1, false, 'b', 'A', false, oid::kRegclass, 0, 'i'},
    {oid::kRegtypeArray, "_regtype", -1, false, 'b', 'A', false, oid::kRegtype, 0, 'i'},
    {oid::kUuid, "uuid", 16, false, 'b', 'U', false, 0, oid::kUuidArray, 'c'},
    {oid::kUuidArray, "_uuid", -1, false, 'b', 'A', false, oid::kUuid, 0, 'i'},
    {oid::kJsonb, "jsonb", -1, false, 'b', 'U', false, 0, oid::kJsonbArray, 'i'},
    {oid::kJsonbArray, "_jsonb", -1, false, 'b', 'A', false, oid::kJsonb, 0, 'i'},
    {oid::kRegnamespace, "regnamespace", 4, true, 'b', 'N', false, 0, oid::kRegnamespaceArray, 'i'},
    {oid::kRegnamespaceArray, "_regnamespace", -1, false, 'b', 'A', false, oid::kRegnamespace, 0,
     'i'},
    {oid::kRegrole, "regrole", 4, true, 'b', 'N', false, 0, oid::kRegroleArray, 'i'},
    {oid::kRegroleArray, "_regrole", -1, false, 'b', 'A', false, oid::kRegrole, 0, 'i'},
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
  const PgTypeRow* row = FindPgType(type_oid);
  return row != nullptr && row->category == 'A' && row->typlen == -1 ? row->element : 0;
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

std::span<const PgTypeRow> PgTypeRows() { return kPgTypes; }

const PgTypeRow* FindPgType(uint32_t type_oid) {
  const auto found =
      std::lower_bound(kPgTypes.begin(), kPgTypes.end(), type_oid,
                       [](const PgTypeRow& row, uint32_t wanted) { return row.oid < wanted; });
  return found != kPgTypes.end() && found->oid == type_oid ? &*found : nullptr;
}

std::string_view PgTypeName(uint32_t type_oid) {
  const PgTypeRow* row = FindPgType(type_oid);
  return row == nullptr ? std::string_view() : row->name;
}

PgTypeInfo PgColumnTypeFor(const DataType& type, std::string_view declared_type) {
  if (declared_type.empty() || type.id() != TypeId::kString) return PgTypeFor(type);
  constexpr std::string_view kVarying = "character varying";
  constexpr std::string_view kFixed = "character";
  PgTypeInfo info{oid::kVarchar, -1, -1};
  std::string_view rest;
  if (declared_type.starts_with(kVarying)) {
    rest = declared_type.substr(kVarying.size());
  } else if (declared_type.starts_with(kFixed)) {
    info.oid = oid::kBpchar;
    rest = declared_type.substr(kFixed.size());
  } else {
    return PgTypeFor(type);
  }
  // "(20)": the length, which the typmod carries with the varlena header added.
  if (rest.size() > 2 && rest.front() == '(' && rest.back() == ')') {
    int32_t length = 0;
    for (const char c : rest.substr(1, rest.size() - 2)) {
      if (c < '0' || c > '9') return info;
      length = length * 10 + (c - '0');
    }
    info.typmod = length + kVarlenaHeaderSize;
  }
  return info;
}

std::string FormatPgType(uint32_t type_oid, int32_t typmod) {
  const PgTypeRow* row = FindPgType(type_oid);
  if (row == nullptr) return "???";
  // An array type shows as its element with "[]"; the typmod belongs to the element.
  if (row->category == 'A' && row->element != 0 && row->name.starts_with("_")) {
    return FormatPgType(row->element, typmod) + "[]";
  }
  const bool modified = typmod >= kVarlenaHeaderSize;
  switch (type_oid) {
    case oid::kBool:
      return "boolean";
    case oid::kChar:
      return "\"char\"";
    case oid::kInt8:
      return "bigint";
    case oid::kInt2:
      return "smallint";
    case oid::kInt4:
      return "integer";
    case oid::kFloat4:
      return "real";
    case oid::kFloat8:
      return "double precision";
    case oid::kBpchar:
      return modified ? "character(" + std::to_string(typmod - kVarlenaHeaderSize) + ")"
                      : std::string("bpchar");
    case oid::kVarchar:
      return modified ? "character varying(" + std::to_string(typmod - kVarlenaHeaderSize) + ")"
                      : std::string("character varying");
    case oid::kTime:
      return "time without time zone";
    case oid::kTimestamp:
      return "timestamp without time zone";
    case oid::kTimestampTz:
      return "timestamp with time zone";
    case oid::kNumeric: {
      if (!modified) return "numeric";
      const int32_t packed = typmod - kVarlenaHeaderSize;
      return "numeric(" + std::to_string((packed >> 16) & 0xffff) + "," +
             std::to_string(packed & 0xffff) + ")";
    }
    default:
      return std::string(row->name);
  }
}

std::optional<uint32_t> PgTypeOidForName(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower.starts_with("pg_catalog.")) lower.erase(0, std::string_view("pg_catalog.").size());
  if (lower.size() > 2 && lower.ends_with("[]")) {
    const std::optional<uint32_t> element = PgTypeOidForName(lower.substr(0, lower.size() - 2));
    if (!element) return std::nullopt;
    const PgTypeRow* row = FindPgType(*element);
    return row != nullptr && row->array != 0 ? std::optional<uint32_t>(row->array) : std::nullopt;
  }
  for (const PgTypeRow& row : kPgTypes) {
    if (row.name == lower || FormatPgType(row.oid, -1) == lower) return row.oid;
  }
  if (lower == "character") return oid::kBpchar;
  if (lower == "varchar" || lower == "character varying") return oid::kVarchar;
  // Any other spelling our SQL takes ("int", "decimal", "double", "string"), as its columns
  // are sent.
  const Result<DataType> type = ParseTypeName(lower);
  if (!type.ok()) return std::nullopt;
  return PgTypeFor(*type).oid;
}

}  // namespace boyodb::types
