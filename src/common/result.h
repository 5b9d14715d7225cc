// Result<T>: a value or the Status saying why there is none. Its surface follows std::expected
// (has_value, value, error, operator*, operator->) so a later move to std::expected is mechanical.
// Thread safety: a Result is a value.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "common/check.h"
#include "common/status.h"

namespace boyodb {

template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<T, Status>, "Result<Status> is not meaningful");

 public:
  using value_type = T;

  /// Requires: status is not OK.
  Result(Status status) : storage_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    BOYO_CHECK(!std::get<Status>(storage_).ok());
  }
  Result(T value) : storage_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  template <typename U, typename = std::enable_if_t<std::is_convertible_v<U&&, T> &&
                                                    !std::is_same_v<std::decay_t<U>, Status> &&
                                                    !std::is_same_v<std::decay_t<U>, Result<T>>>>
  Result(U&& value) : storage_(T(std::forward<U>(value))) {}  // NOLINT

  bool ok() const { return storage_.index() == 1; }
  bool has_value() const { return ok(); }
  explicit operator bool() const { return ok(); }

  /// OK when a value is held.
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(storage_);
  }
  /// Requires: !ok().
  const Status& error() const { return std::get<Status>(storage_); }

  /// Requires: ok() (checked; aborts with the status otherwise).
  T& value() & {
    CheckOk();
    return std::get<T>(storage_);
  }
  const T& value() const& {
    CheckOk();
    return std::get<T>(storage_);
  }
  T&& value() && {
    CheckOk();
    return std::get<T>(std::move(storage_));
  }
  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? std::get<T>(storage_) : T(std::forward<U>(fallback));
  }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  void CheckOk() const {
    if (!ok())
      BoyoCheckFailed(__FILE__, __LINE__, "Result::value() on an error", error().ToString());
  }

  std::variant<Status, T> storage_;
};

namespace internal {
template <typename T>
const Status& AsStatus(const Result<T>& result) {
  return result.status();
}
}  // namespace internal

}  // namespace boyodb

/// Evaluates rexpr (a Result<T>); on error returns its Status, else moves the value into lhs,
/// which may be a declaration (`BOYO_ASSIGN_OR_RETURN(auto file, fs.Open(path));`).
#define BOYO_ASSIGN_OR_RETURN(lhs, rexpr) \
  BOYO_ASSIGN_OR_RETURN_IMPL(BOYO_CONCAT(boyo_result_, __LINE__), lhs, rexpr)

#define BOYO_ASSIGN_OR_RETURN_IMPL(result_name, lhs, rexpr) \
  auto result_name = (rexpr);                               \
  if (!result_name.ok()) return result_name.error();        \
  lhs = std::move(result_name).value()
