#include "server/json_response.h"

namespace boyodb::server {

nlohmann::json ErrorJson(const Status& status) {
  nlohmann::json error = {{"status", "error"},
                          {"code", std::string(status.sqlstate())},
                          {"message", std::string(status.message())}};
  if (status.position() > 0) error["position"] = status.position();
  if (!status.context().empty()) error["context"] = status.context();
  return error;
}

std::string DumpJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace boyodb::server
