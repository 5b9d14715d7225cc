#include "tools/cli/native_frames.h"

#include <array>
#include <cctype>

#include "common/sqlstate.h"

namespace boyodb::tools::cli {
namespace {

constexpr size_t kHeaderBytes = 4;

Status ProtocolViolation(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation, std::move(message));
}

bool IsSqlState(std::string_view code) {
  if (code.size() != 5) return false;
  for (const char c : code) {
    if (!std::isdigit(static_cast<unsigned char>(c)) &&
        !std::isupper(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

}  // namespace

Status WriteFrame(ClientStream& stream, std::string_view payload) {
  if (payload.size() > UINT32_MAX) {
    return Status(StatusCode::kResourceExhausted, sqlstate::kProgramLimitExceeded,
                  "request of " + std::to_string(payload.size()) +
                      " bytes exceeds the native protocol's frame limit of 4294967295 bytes");
  }
  // One write for header and payload: the request leaves in as few packets as possible.
  std::string frame;
  frame.reserve(kHeaderBytes + payload.size());
  const auto size = static_cast<uint32_t>(payload.size());
  for (int shift = 24; shift >= 0; shift -= 8) frame.push_back(static_cast<char>(size >> shift));
  frame.append(payload);
  return stream.WriteAll(frame);
}

Status WriteRequest(ClientStream& stream, const nlohmann::json& request) {
  return WriteFrame(stream, request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Result<std::string> ReadFrame(ClientStream& stream, uint32_t max_bytes) {
  std::array<char, kHeaderBytes> header;
  BOYO_RETURN_IF_ERROR(ReadExactly(stream, header.data(), header.size()));
  uint32_t size = 0;
  for (const char byte : header) size = (size << 8) | static_cast<unsigned char>(byte);
  if (size > max_bytes) {
    return ProtocolViolation("server sent a frame of " + std::to_string(size) +
                             " bytes, more than the client's limit of " +
                             std::to_string(max_bytes) + " bytes");
  }
  std::string payload(size, '\0');
  BOYO_RETURN_IF_ERROR(ReadExactly(stream, payload.data(), payload.size()));
  return payload;
}

const std::string* StringField(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return nullptr;
  return found->get_ptr<const std::string*>();
}

Result<nlohmann::json> ParseResponse(std::string_view payload) {
  nlohmann::json response = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  const std::string* status = StringField(response, "status");
  if (status == nullptr) {
    return ProtocolViolation("server sent a response that is not a JSON object with a status");
  }
  if (*status == "error") return ErrorFromResponse(response);
  if (*status != "ok")
    return ProtocolViolation("server sent an unknown status \"" + *status + "\"");
  return response;
}

Status ErrorFromResponse(const nlohmann::json& response) {
  const std::string* code = StringField(response, "code");
  const std::string* message = StringField(response, "message");
  const std::string text = message != nullptr ? *message : "server reported an error";
  if (code == nullptr || !IsSqlState(*code)) {
    return ProtocolViolation("server sent an error without a valid SQLSTATE: " + text);
  }
  Status status(CodeForSqlState(*code), *code, text);
  const auto position = response.find("position");
  if (position != response.end() && position->is_number_integer()) {
    const int64_t value = position->get<int64_t>();
    if (value > 0 && value <= INT32_MAX) status = std::move(status).WithPosition(value);
  }
  const auto context = response.find("context");
  if (context != response.end() && context->is_array()) {
    for (const nlohmann::json& entry : *context) {
      if (entry.is_string()) status = std::move(status).WithContext(entry.get<std::string>());
    }
  }
  return status;
}

StatusCode CodeForSqlState(std::string_view sqlstate) {
  static constexpr std::string_view kNotFound[] = {"42P01", "42703", "42704", "42883",
                                                   "3D000", "3F000", "58P01"};
  static constexpr std::string_view kAlreadyExists[] = {"42P04", "42P06", "42P07", "42710"};
  for (const std::string_view code : kNotFound) {
    if (sqlstate == code) return StatusCode::kNotFound;
  }
  for (const std::string_view code : kAlreadyExists) {
    if (sqlstate == code) return StatusCode::kAlreadyExists;
  }
  if (sqlstate == sqlstate::kDataCorrupted || sqlstate == sqlstate::kIndexCorrupted) {
    return StatusCode::kCorruption;
  }
  if (sqlstate == sqlstate::kDiskFull) return StatusCode::kDiskFull;
  if (sqlstate == sqlstate::kQueryCanceled) return StatusCode::kCancelled;
  const std::string_view sqlclass = sqlstate.substr(0, 2);
  if (sqlclass == "0A") return StatusCode::kNotSupported;
  if (sqlclass == "53" || sqlclass == "54") return StatusCode::kResourceExhausted;
  if (sqlclass == "58" || sqlclass == "08") return StatusCode::kIOError;
  if (sqlclass == "XX") return StatusCode::kInternal;
  return StatusCode::kInvalidArgument;
}

}  // namespace boyodb::tools::cli
