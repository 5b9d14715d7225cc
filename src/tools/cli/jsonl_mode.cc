#include "tools/cli/jsonl_mode.h"

#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "tools/cli/json_cell.h"

namespace boyodb::tools::cli {
namespace {

// The answer line for the outcome of one request.
std::string Answer(const Result<std::vector<engine::StatementResult>>& results) {
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
        out += JsonCell(*chunk.column(c), row, result.time_zone);
      }
      out += "]";
    }
  }
  out += "]}";
  return out;
}

}  // namespace

std::string AnswerJson(SqlConnection& connection, std::string_view sql) {
  return Answer(connection.Execute(sql));
}

std::string AnswerJson(engine::Session& session, std::string_view sql) {
  return Answer(session.Execute(sql));
}

int RunJsonl(SqlConnection& connection, std::istream& in, std::ostream& out) {
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
      answer = AnswerJson(connection, request["sql"].get<std::string>());
    }
    out << answer << '\n';
    out.flush();
  }
  return 0;
}

}  // namespace boyodb::tools::cli
