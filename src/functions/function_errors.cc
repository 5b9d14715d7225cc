// PostgreSQL-worded errors and type names of function_errors.h.
// Thread safety: see the header.
#include "functions/function_errors.h"

#include <cctype>

#include "common/sqlstate.h"
#include "sql/binder/type_rules.h"

namespace boyodb::functions {

using types::DataType;
using types::TypeId;

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
                "cannot cast type " + sql::PgTypeName(from) + " to " + sql::PgTypeName(to));
}

Status InvalidValue(std::string_view sqlstate, std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate, std::move(message));
}

}  // namespace boyodb::functions
