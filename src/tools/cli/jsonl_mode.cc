#include "tools/cli/jsonl_mode.h"

#include <charconv>
#include <cmath>
#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "types/value.h"

namespace boyodb::tools::cli {

namespace {

using types::TypeId;

std::string JsonString(std::string_view text) {
  // nlohmann escapes as JSON requires; invalid UTF-8 is replaced rather than thrown on.
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

template <typename T>
std::string JsonFloat(T value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[64];
  // Shortest text that reads back as the same value.
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

std::string JsonValue(const columnar::Array& array, int64_t row) {
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
      return JsonFloat(array.values<float>()[row]);
    case TypeId::kFloat64:
      return JsonFloat(array.values<double>()[row]);
    case TypeId::kDecimal: {
      const types::Value value = array.GetValue(row);
      return types::DecimalToString(value.decimal(), type.scale());
    }
    case TypeId::kString:
    case TypeId::kJson:
      return JsonString(array.GetView(row));
    default:
      return JsonString(array.GetValue(row).ToString());
  }
}

}  // namespace

std::string AnswerJson(engine::Session& session, std::string_view sql) {
  Result<std::vector<engine::StatementResult>> results = session.Execute(sql);
  if (!results.ok()) {
    const Status& status = results.status();
    std::string message = status.FullMessage();
    if (status.position() > 0)
      message += " (at character " + std::to_string(status.position()) + ")";
    return "{\"ok\": false, \"error\": " + JsonString(message) + ", \"code\": \"" +
           std::string(status.sqlstate()) + "\"}";
  }
  // A request with several statements answers with the last one's result.
  if (results->empty() || !results->back().returns_rows) {
    return "{\"ok\": true, \"columns\": [], \"types\": [], \"rows\": []}";
  }
  const engine::StatementResult& result = results->back();
  std::string out = "{\"ok\": true, \"columns\": [";
  for (size_t i = 0; i < result.columns.size(); ++i) {
    if (i > 0) out += ", ";
    out += JsonString(result.columns[i].name);
  }
  out += "], \"types\": [";
  for (size_t i = 0; i < result.columns.size(); ++i) {
    if (i > 0) out += ", ";
    out += JsonString(result.columns[i].type.ToString());
  }
  out += "], \"rows\": [";
  bool first_row = true;
  for (const columnar::Chunk& chunk : result.chunks) {
    for (int64_t row = 0; row < chunk.num_rows(); ++row) {
      out += first_row ? "[" : ", [";
      first_row = false;
      for (size_t c = 0; c < chunk.num_columns(); ++c) {
        if (c > 0) out += ", ";
        out += JsonValue(*chunk.column(c), row);
      }
      out += "]";
    }
  }
  out += "]}";
  return out;
}

int RunJsonl(engine::Session& session, std::istream& in, std::ostream& out) {
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json request = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    std::string answer;
    if (request.is_discarded() || !request.is_object() || !request.contains("sql") ||
        !request["sql"].is_string()) {
      answer =
          "{\"ok\": false, \"error\": \"request must be a JSON object with a string \\\"sql\\\"\", "
          "\"code\": \"22023\"}";
    } else {
      answer = AnswerJson(session, request["sql"].get<std::string>());
    }
    out << answer << '\n';
    out.flush();
  }
  return 0;
}

}  // namespace boyodb::tools::cli
