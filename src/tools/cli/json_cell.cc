#include "tools/cli/json_cell.h"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "types/value.h"

namespace boyodb::tools::cli {
namespace {

using types::TypeId;

template <typename T>
std::string JsonFloat(T value, NonFiniteFloats non_finite) {
  if (!std::isfinite(value)) {
    const std::string text = std::isnan(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    return non_finite == NonFiniteFloats::kBare ? text : "\"" + text + "\"";
  }
  char buffer[64];
  // Shortest text that reads back as the same value.
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

}  // namespace

std::string JsonString(std::string_view text) {
  // nlohmann escapes as JSON requires; invalid UTF-8 is replaced rather than thrown on.
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string CellText(const columnar::Array& array, int64_t row, const functions::TimeZone& zone) {
  if (array.IsNull(row)) return std::string();
  if (array.type().id() == TypeId::kTimestampTz) {
    return functions::FormatTimestampTz(array.values<int64_t>()[row], zone);
  }
  return array.GetValue(row).ToString();
}

std::string JsonCell(const columnar::Array& array, int64_t row, const functions::TimeZone& zone,
                     NonFiniteFloats non_finite) {
  if (array.IsNull(row)) return "null";
  const types::DataType& type = array.type();
  switch (type.id()) {
    case TypeId::kNull:
      return "null";
    case TypeId::kBoolean:
      return columnar::GetBit(array.bool_bits(), array.offset() + row) ? "true" : "false";
    case TypeId::kInt8:
      return std::to_string(array.values<int8_t>()[row]);
    case TypeId::kInt16:
      return std::to_string(array.values<int16_t>()[row]);
    case TypeId::kInt32:
      return std::to_string(array.values<int32_t>()[row]);
    case TypeId::kInt64:
      return std::to_string(array.values<int64_t>()[row]);
    case TypeId::kUInt8:
      return std::to_string(array.values<uint8_t>()[row]);
    case TypeId::kUInt16:
      return std::to_string(array.values<uint16_t>()[row]);
    case TypeId::kUInt32:
      return std::to_string(array.values<uint32_t>()[row]);
    case TypeId::kUInt64:
      return std::to_string(array.values<uint64_t>()[row]);
    case TypeId::kFloat32:
      return JsonFloat(array.values<float>()[row], non_finite);
    case TypeId::kFloat64:
      return JsonFloat(array.values<double>()[row], non_finite);
    case TypeId::kDecimal:
      return types::DecimalToString(array.GetValue(row).decimal(), type.scale());
    case TypeId::kString:
    case TypeId::kJson:
      return JsonString(array.GetView(row));
    default:
      return JsonString(CellText(array, row, zone));
  }
}

}  // namespace boyodb::tools::cli
