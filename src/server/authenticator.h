// Authenticator: password logins for every listener, with lockout. A password is checked
// against the user's Argon2id hash; a login that succeeded is remembered (an HMAC of the
// password under a per-process key, never the password) for a few minutes, so a client that
// sends its password with every request (HTTP) does not pay Argon2id's cost each time. After
// `max_failures` failed logins in a row a user is locked out for `lockout`; the SCRAM exchange
// of the PostgreSQL protocol reports its outcome here too.
// Thread safety: every method is thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "common/result.h"
#include "engine/database.h"
#include "server/rate_limiter.h"

namespace boyodb::server {

struct LoginPolicy {
  /// Failed logins in a row that lock a user out; 0: never.
  int max_failures = 5;
  std::chrono::seconds lockout{300};
  /// How long a successful password login is remembered.
  std::chrono::seconds remember{300};
  /// Rate limits (0: none): login attempts per minute from one client address, and requests
  /// per second of one user, each allowed in bursts of that many.
  double login_attempts_per_minute = 0;
  double requests_per_second = 0;
};

class Authenticator {
 public:
  /// `database` must outlive the authenticator.
  Authenticator(const engine::Database& database, LoginPolicy policy);

  /// The user, when `password` is theirs and they may log in. 28P01 `password authentication
  /// failed for user "x"` for a wrong password, an unknown user or a user without a password
  /// (the same answer, so a client cannot learn which users exist); 28000 for a role that may
  /// not log in, or one locked out after too many failures.
  Result<engine::UserInfo> CheckPassword(const std::string& user, std::string_view password);

  /// 28000 while `user` is locked out (checked before a SCRAM exchange starts).
  Status CheckNotLocked(const std::string& user);
  /// The outcome of a login checked elsewhere (SCRAM).
  void RecordFailure(const std::string& user);
  void RecordSuccess(const std::string& user);

  /// 53400 when `address` (a client's IP address) has used up its login attempts for now;
  /// every protocol asks before checking a password.
  Status AdmitLogin(std::string_view address);
  /// 53400 when `user` has used up its requests for now; asked before each request runs.
  Status AdmitRequest(std::string_view user);

 private:
  struct UserState {
    int failures = 0;
    std::chrono::steady_clock::time_point locked_until{};
    // A password that verified, as HMAC-SHA-256 under key_, for the hash it verified against.
    std::string remembered_mac;
    std::string remembered_for_hash;
    std::chrono::steady_clock::time_point remembered_until{};
  };
  std::string Mac(std::string_view password) const;
  Status LockedError(const std::string& user) const;

  const engine::Database& database_;
  const LoginPolicy policy_;
  const std::string key_;  // random per process
  std::mutex mutex_;
  std::map<std::string, UserState> users_;
  RateLimiter logins_per_address_;
  RateLimiter requests_per_user_;
};

}  // namespace boyodb::server
