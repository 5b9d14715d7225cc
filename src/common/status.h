// Status: the outcome of a fallible operation, carrying a code, the SQLSTATE a client sees, a
// message in PostgreSQL's style, and context added as the error climbs (file, offset, object).
// Thread safety: a Status is a value; distinct objects may be used from distinct threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boyodb {

/// The broad class of an error; callers branch on this, clients see the SQLSTATE.
enum class StatusCode : uint8_t {
  kOk = 0,
  kInvalidArgument,    // bad input from a user: 22xxx / 42xxx
  kNotFound,           // a named object does not exist
  kAlreadyExists,      // a named object exists already
  kOutOfRange,         // a value or offset outside its domain
  kNotSupported,       // valid request that BoyoDB does not do
  kCorruption,         // stored bytes fail a check: XX001, always names file and offset
  kIOError,            // the environment failed: 58030
  kDiskFull,           // no space left: 53100
  kResourceExhausted,  // memory or another limit: 53xxx / 54000
  kCancelled,          // query cancelled or timed out: 57014
  kInternal,           // a bug: XX000
};

/// Returns a short name for a code ("corruption"), for messages and tests.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  /// An OK status; allocation-free.
  Status() = default;
  Status(StatusCode code, std::string_view sqlstate, std::string message);

  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;
  ~Status() = default;

  static Status OK() { return Status(); }

  // Constructors for each class of error, with the SQLSTATE PostgreSQL would use by default.
  // Callers pass a more specific SQLSTATE through the three-argument constructor.
  static Status InvalidArgument(std::string message);
  static Status NotFound(std::string message);
  static Status AlreadyExists(std::string message);
  static Status OutOfRange(std::string message);
  static Status NotSupported(std::string message);
  static Status Corruption(std::string message);
  static Status IOError(std::string message);
  static Status DiskFull(std::string message);
  static Status ResourceExhausted(std::string message);
  static Status Cancelled(std::string message);
  static Status Internal(std::string message);
  /// An IOError or DiskFull built from an errno value, naming the operation and the path.
  static Status FromErrno(int error_number, std::string_view operation, std::string_view path);

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  /// Five characters, "00000" for OK.
  std::string_view sqlstate() const;
  /// The message without context; empty for OK.
  std::string_view message() const;
  /// Context entries, innermost first ("reading wal-000042.log at offset 96").
  const std::vector<std::string>& context() const;

  bool IsNotFound() const { return code() == StatusCode::kNotFound; }
  bool IsCorruption() const { return code() == StatusCode::kCorruption; }
  bool IsIOError() const { return code() == StatusCode::kIOError; }

  /// Returns this status with one more context entry; OK stays OK.
  Status WithContext(std::string context) const&;
  Status WithContext(std::string context) &&;
  /// Returns this status with the SQLSTATE replaced; OK stays OK.
  Status WithSqlState(std::string_view sqlstate) &&;
  /// Returns this status pointing at a character of the statement it is about (1-based, as
  /// PostgreSQL's error field P counts); OK stays OK.
  Status WithPosition(int32_t position) &&;
  /// The 1-based character position in the statement text, 0 when the error has none.
  int32_t position() const { return state_ ? state_->position : 0; }

  /// "corruption [XX001]: message (context1; context2)"; "OK" for OK.
  std::string ToString() const;
  /// The message followed by the context, as a client sees it: "message (context1; context2)".
  std::string FullMessage() const;

 private:
  struct State {
    StatusCode code;
    char sqlstate[6];
    std::string message;
    std::vector<std::string> context;
    int32_t position = 0;
  };
  std::unique_ptr<State> state_;
};

namespace internal {
inline const Status& AsStatus(const Status& status) { return status; }
}  // namespace internal

}  // namespace boyodb

#define BOYO_CONCAT_INNER(a, b) a##b
#define BOYO_CONCAT(a, b) BOYO_CONCAT_INNER(a, b)

/// Evaluates expr (a Status or a Result) and returns its Status from the caller when not OK.
#define BOYO_RETURN_IF_ERROR(expr)                                                               \
  do {                                                                                           \
    const auto& boyo_status_or_result_ = (expr);                                                 \
    const ::boyodb::Status& boyo_status_ = ::boyodb::internal::AsStatus(boyo_status_or_result_); \
    if (!boyo_status_.ok()) return boyo_status_;                                                 \
  } while (false)
