#include "types/data_type.h"

#include <cctype>

#include "common/check.h"
#include "common/sqlstate.h"

namespace boyodb::types {

Field::Field(std::string name, DataType type, bool nullable)
    : name(std::move(name)),
      type_ptr(std::make_shared<const DataType>(std::move(type))),
      nullable(nullable) {}

bool Field::operator==(const Field& other) const {
  return name == other.name && nullable == other.nullable && type() == other.type();
}

DataType DataType::Decimal(uint8_t precision, uint8_t scale) {
  // Precision 0 (with scale 0) is not a column type: function signatures use it to mean "any
  // DECIMAL" (sql/function/function_api.h). MakeDecimal, which checks user input, refuses it.
  BOYO_CHECK(precision <= 38 && scale <= precision);
  DataType type(TypeId::kDecimal);
  type.precision_ = precision;
  type.scale_ = scale;
  return type;
}

Result<DataType> DataType::MakeDecimal(int precision, int scale) {
  if (precision < 1 || precision > 38) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                  "NUMERIC precision " + std::to_string(precision) + " must be between 1 and 38");
  }
  if (scale < 0 || scale > precision) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                  "NUMERIC scale " + std::to_string(scale) + " must be between 0 and precision " +
                      std::to_string(precision));
  }
  return Decimal(static_cast<uint8_t>(precision), static_cast<uint8_t>(scale));
}

DataType DataType::List(DataType element) {
  DataType type(TypeId::kList);
  type.children_ = std::make_shared<const std::vector<Field>>(
      std::vector<Field>{Field("item", std::move(element), true)});
  return type;
}

DataType DataType::Map(DataType key, DataType value) {
  DataType entries =
      Struct({Field("key", std::move(key), false), Field("value", std::move(value))});
  DataType type(TypeId::kMap);
  type.children_ = std::make_shared<const std::vector<Field>>(
      std::vector<Field>{Field("entries", std::move(entries), false)});
  return type;
}

DataType DataType::Struct(std::vector<Field> fields) {
  DataType type(TypeId::kStruct);
  type.children_ = std::make_shared<const std::vector<Field>>(std::move(fields));
  return type;
}

const std::vector<Field>& DataType::children() const {
  static const std::vector<Field> kNone;
  return children_ ? *children_ : kNone;
}

Layout DataType::layout() const {
  switch (id_) {
    case TypeId::kNull:
      return Layout::kNull;
    case TypeId::kBoolean:
      return Layout::kBitmap;
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kJson:
      return Layout::kVariable;
    case TypeId::kList:
    case TypeId::kMap:
      return Layout::kList;
    case TypeId::kStruct:
      return Layout::kStruct;
    default:
      return Layout::kFixedWidth;
  }
}

int DataType::fixed_width() const {
  switch (id_) {
    case TypeId::kInt8:
    case TypeId::kUInt8:
      return 1;
    case TypeId::kInt16:
    case TypeId::kUInt16:
      return 2;
    case TypeId::kInt32:
    case TypeId::kUInt32:
    case TypeId::kFloat32:
    case TypeId::kDate:
    case TypeId::kIpv4:
      return 4;
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kFloat64:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return 8;
    case TypeId::kDecimal:
    case TypeId::kInterval:
    case TypeId::kUuid:
    case TypeId::kIpv6:
      return 16;
    default:
      return 0;
  }
}

bool DataType::is_signed_integer() const {
  return id_ == TypeId::kInt8 || id_ == TypeId::kInt16 || id_ == TypeId::kInt32 ||
         id_ == TypeId::kInt64;
}

bool DataType::is_unsigned_integer() const {
  return id_ == TypeId::kUInt8 || id_ == TypeId::kUInt16 || id_ == TypeId::kUInt32 ||
         id_ == TypeId::kUInt64;
}

bool DataType::is_integer() const { return is_signed_integer() || is_unsigned_integer(); }

namespace {

// Struct field names that are not plain identifiers are double-quoted so the name parses back.
std::string QuoteFieldName(const std::string& name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (const char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') plain = false;
  }
  if (plain) return name;
  std::string quoted = "\"";
  for (const char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::string DataType::ToString() const {
  switch (id_) {
    case TypeId::kNull:
      return "NULL";
    case TypeId::kBoolean:
      return "BOOLEAN";
    case TypeId::kInt8:
      return "TINYINT";
    case TypeId::kInt16:
      return "SMALLINT";
    case TypeId::kInt32:
      return "INTEGER";
    case TypeId::kInt64:
      return "BIGINT";
    case TypeId::kUInt8:
      return "UINT8";
    case TypeId::kUInt16:
      return "UINT16";
    case TypeId::kUInt32:
      return "UINT32";
    case TypeId::kUInt64:
      return "UINT64";
    case TypeId::kFloat32:
      return "REAL";
    case TypeId::kFloat64:
      return "DOUBLE PRECISION";
    case TypeId::kDecimal:
      return "DECIMAL(" + std::to_string(precision_) + "," + std::to_string(scale_) + ")";
    case TypeId::kString:
      return "TEXT";
    case TypeId::kBinary:
      return "BYTEA";
    case TypeId::kDate:
      return "DATE";
    case TypeId::kTime:
      return "TIME";
    case TypeId::kTimestamp:
      return "TIMESTAMP";
    case TypeId::kTimestampTz:
      return "TIMESTAMPTZ";
    case TypeId::kInterval:
      return "INTERVAL";
    case TypeId::kUuid:
      return "UUID";
    case TypeId::kJson:
      return "JSON";
    case TypeId::kIpv4:
      return "IPV4";
    case TypeId::kIpv6:
      return "IPV6";
    case TypeId::kList: {
      const DataType& element = element_type();
      // T[] is ambiguous for nested arrays of maps/structs only in readability; ARRAY(T) is exact.
      if (element.is_nested()) return "ARRAY(" + element.ToString() + ")";
      return element.ToString() + "[]";
    }
    case TypeId::kMap:
      return "MAP(" + key_type().ToString() + ", " + value_type().ToString() + ")";
    case TypeId::kStruct: {
      std::string out = "STRUCT(";
      for (size_t i = 0; i < children().size(); ++i) {
        if (i > 0) out += ", ";
        out += QuoteFieldName(children()[i].name) + " " + children()[i].type().ToString();
      }
      return out + ")";
    }
  }
  return "UNKNOWN";
}

bool DataType::operator==(const DataType& other) const {
  if (id_ != other.id_ || precision_ != other.precision_ || scale_ != other.scale_) return false;
  return children() == other.children();
}

int Schema::FieldIndex(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::string Schema::ToString() const {
  std::string out = "(";
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) out += ", ";
    out += fields_[i].name + " " + fields_[i].type().ToString();
    if (!fields_[i].nullable) out += " NOT NULL";
  }
  return out + ")";
}

}  // namespace boyodb::types
