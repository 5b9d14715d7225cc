#include "functions/function_errors.h"

#include <cctype>

#include "common/sqlstate.h"

namespace boyodb::functions {

using types::DataType;
using types::TypeId;

std::string PostgresTypeName(const DataType& type) {
  switch (type.id()) {
    case TypeId::kNull:
      return "unknown";
    case TypeId::kBoolean:
      return "boolean";
    case TypeId::kInt8:
      return "tinyint";
    case TypeId::kInt16:
      return "smallint";
    case TypeId::kInt32:
      return "integer";
    case TypeId::kInt64:
      return "bigint";
    case TypeId::kFloat32:
      return "real";
    case TypeId::kFloat64:
      return "double precision";
    case TypeId::kDecimal:
      return "numeric";
    case TypeId::kString:
      return "text";
    case TypeId::kBinary:
      return "bytea";
    case TypeId::kDate:
      return "date";
    case TypeId::kTime:
      return "time without time zone";
    case TypeId::kTimestamp:
      return "timestamp without time zone";
    case TypeId::kTimestampTz:
      return "timestamp with time zone";
    case TypeId::kInterval:
      return "interval";
    case TypeId::kUuid:
      return "uuid";
    case TypeId::kJson:
      return "json";
    case TypeId::kList:
      return PostgresTypeName(type.element_type()) + "[]";
    default: {
      std::string name = type.ToString();
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return name;
    }
  }
}

Status IntegerOutOfRange(TypeId type) {
  const char* name = "bigint";
  switch (type) {
    case TypeId::kInt8:
      name = "tinyint";
      break;
    case TypeId::kInt16:
      name = "smallint";
      break;
    case TypeId::kInt32:
      name = "integer";
      break;
    default:
      break;
  }
  return Status(StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange,
                std::string(name) + " out of range");
}

Status NumericOutOfRange(std::string message) {
  return Status(StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange, std::move(message));
}

Status DivisionByZero() {
  return Status(StatusCode::kInvalidArgument, sqlstate::kDivisionByZero, "division by zero");
}

Status InvalidTextRepresentation(std::string_view type_name, std::string_view text) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidTextRepresentation,
                "invalid input syntax for type " + std::string(type_name) + ": \"" +
                    std::string(text) + "\"");
}

Status ValueOutOfRangeForType(std::string_view text, std::string_view type_name) {
  return Status(
      StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange,
      "value \"" + std::string(text) + "\" is out of range for type " + std::string(type_name));
}

Status CannotCast(const DataType& from, const DataType& to) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kCannotCoerce,
                "cannot cast type " + PostgresTypeName(from) + " to " + PostgresTypeName(to));
}

Status InvalidValue(std::string_view sqlstate, std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate, std::move(message));
}

}  // namespace boyodb::functions
