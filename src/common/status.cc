#include "common/status.h"

#include <cerrno>
#include <cstring>

#include "common/sqlstate.h"

namespace boyodb {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid argument";
    case StatusCode::kNotFound:
      return "not found";
    case StatusCode::kAlreadyExists:
      return "already exists";
    case StatusCode::kOutOfRange:
      return "out of range";
    case StatusCode::kNotSupported:
      return "not supported";
    case StatusCode::kCorruption:
      return "corruption";
    case StatusCode::kIOError:
      return "io error";
    case StatusCode::kDiskFull:
      return "disk full";
    case StatusCode::kResourceExhausted:
      return "resource exhausted";
    case StatusCode::kCancelled:
      return "cancelled";
    case StatusCode::kInternal:
      return "internal error";
  }
  return "unknown";
}

Status::Status(StatusCode code, std::string_view sqlstate, std::string message)
    : state_(std::make_unique<State>()) {
  state_->code = code;
  std::memset(state_->sqlstate, 0, sizeof(state_->sqlstate));
  std::memcpy(state_->sqlstate, sqlstate.data(), std::min<size_t>(sqlstate.size(), 5));
  state_->message = std::move(message);
}

Status::Status(const Status& other)
    : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) {
    state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
  }
  return *this;
}

Status Status::InvalidArgument(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue, std::move(message));
}
Status Status::NotFound(std::string message) {
  return Status(StatusCode::kNotFound, sqlstate::kUndefinedObject, std::move(message));
}
Status Status::AlreadyExists(std::string message) {
  return Status(StatusCode::kAlreadyExists, sqlstate::kDuplicateObject, std::move(message));
}
Status Status::OutOfRange(std::string message) {
  return Status(StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange, std::move(message));
}
Status Status::NotSupported(std::string message) {
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported, std::move(message));
}
Status Status::Corruption(std::string message) {
  return Status(StatusCode::kCorruption, sqlstate::kDataCorrupted, std::move(message));
}
Status Status::IOError(std::string message) {
  return Status(StatusCode::kIOError, sqlstate::kIoError, std::move(message));
}
Status Status::DiskFull(std::string message) {
  return Status(StatusCode::kDiskFull, sqlstate::kDiskFull, std::move(message));
}
Status Status::ResourceExhausted(std::string message) {
  return Status(StatusCode::kResourceExhausted, sqlstate::kInsufficientResources,
                std::move(message));
}
Status Status::Cancelled(std::string message) {
  return Status(StatusCode::kCancelled, sqlstate::kQueryCanceled, std::move(message));
}
Status Status::Internal(std::string message) {
  return Status(StatusCode::kInternal, sqlstate::kInternalError, std::move(message));
}

Status Status::FromErrno(int error_number, std::string_view operation, std::string_view path) {
  std::string message = "could not ";
  message += operation;
  message += " \"";
  message += path;
  message += "\": ";
  message += std::strerror(error_number);
  if (error_number == ENOSPC || error_number == EDQUOT) return DiskFull(std::move(message));
  if (error_number == ENOENT) {
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedFile, std::move(message));
  }
  return IOError(std::move(message));
}

std::string_view Status::sqlstate() const {
  return state_ ? std::string_view(state_->sqlstate) : std::string_view("00000");
}

std::string_view Status::message() const {
  return state_ ? std::string_view(state_->message) : std::string_view();
}

const std::vector<std::string>& Status::context() const {
  static const std::vector<std::string> kEmpty;
  return state_ ? state_->context : kEmpty;
}

Status Status::WithContext(std::string context) const& {
  Status copy(*this);
  return std::move(copy).WithContext(std::move(context));
}

Status Status::WithContext(std::string context) && {
  if (state_) state_->context.push_back(std::move(context));
  return std::move(*this);
}

Status Status::WithSqlState(std::string_view sqlstate) && {
  if (state_) {
    std::memset(state_->sqlstate, 0, sizeof(state_->sqlstate));
    std::memcpy(state_->sqlstate, sqlstate.data(), std::min<size_t>(sqlstate.size(), 5));
  }
  return std::move(*this);
}

Status Status::WithPosition(int32_t position) && {
  if (state_) state_->position = position;
  return std::move(*this);
}

std::string Status::FullMessage() const {
  if (!state_) return "";
  std::string out = state_->message;
  if (!state_->context.empty()) {
    out += " (";
    for (size_t i = 0; i < state_->context.size(); ++i) {
      if (i > 0) out += "; ";
      out += state_->context[i];
    }
    out += ")";
  }
  return out;
}

std::string Status::ToString() const {
  if (!state_) return "OK";
  std::string out(StatusCodeName(state_->code));
  out += " [";
  out += state_->sqlstate;
  out += "]: ";
  out += FullMessage();
  return out;
}

}  // namespace boyodb
