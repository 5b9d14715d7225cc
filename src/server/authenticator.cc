#include "server/authenticator.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "common/logging.h"
#include "common/sqlstate.h"
#include "security/password_hash.h"

namespace boyodb::server {

// A rate limit reached: PostgreSQL's configuration_limit_exceeded, which clients treat as
// "try again later" rather than as an error in the request.
constexpr std::string_view kConfigurationLimitExceeded = "53400";
namespace {

std::string RandomKey() {
  std::string key(32, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), static_cast<int>(key.size())) != 1) {
    // Without a key nothing is remembered safely: an empty key makes Mac() return "" and the
    // cache is never used.
    log::Warn("event=random_failed what=authenticator");
    return "";
  }
  return key;
}

Status AuthenticationFailed(const std::string& user) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidPassword,
                "password authentication failed for user \"" + user + "\"");
}

}  // namespace

Authenticator::Authenticator(const engine::Database& database, LoginPolicy policy)
    : database_(database),
      policy_(policy),
      key_(RandomKey()),
      logins_per_address_(policy.login_attempts_per_minute / 60, policy.login_attempts_per_minute),
      requests_per_user_(policy.requests_per_second, policy.requests_per_second) {}

Status Authenticator::AdmitLogin(std::string_view address) {
  if (logins_per_address_.Allow(address)) return Status::OK();
  return Status(StatusCode::kResourceExhausted, kConfigurationLimitExceeded,
                "too many login attempts from " + std::string(address) + "; try again later");
}

Status Authenticator::AdmitRequest(std::string_view user) {
  if (requests_per_user_.Allow(user)) return Status::OK();
  return Status(StatusCode::kResourceExhausted, kConfigurationLimitExceeded,
                "too many requests from user \"" + std::string(user) + "\"; try again later");
}

std::string Authenticator::Mac(std::string_view password) const {
  if (key_.empty()) return "";
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
           reinterpret_cast<const unsigned char*>(password.data()), password.size(), mac,
           &length) == nullptr) {
    return "";
  }
  return std::string(reinterpret_cast<const char*>(mac), length);
}

Status Authenticator::LockedError(const std::string& user) const {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidAuthorizationSpecification,
                "role \"" + user + "\" is locked after too many failed logins; try again in " +
                    std::to_string(policy_.lockout.count()) + " seconds");
}

Status Authenticator::CheckNotLocked(const std::string& user) {
  std::lock_guard lock(mutex_);
  const auto found = users_.find(user);
  if (found != users_.end() && std::chrono::steady_clock::now() < found->second.locked_until) {
    return LockedError(user);
  }
  return Status::OK();
}

void Authenticator::RecordFailure(const std::string& user) {
  std::lock_guard lock(mutex_);
  UserState& state = users_[user];
  state.remembered_mac.clear();
  if (policy_.max_failures > 0 && ++state.failures >= policy_.max_failures) {
    state.failures = 0;
    state.locked_until = std::chrono::steady_clock::now() + policy_.lockout;
    log::Warn("event=user_locked user=\"{}\" seconds={}", user, policy_.lockout.count());
  }
}

void Authenticator::RecordSuccess(const std::string& user) {
  std::lock_guard lock(mutex_);
  users_[user].failures = 0;
}

Result<engine::UserInfo> Authenticator::CheckPassword(const std::string& user,
                                                      std::string_view password) {
  BOYO_RETURN_IF_ERROR(CheckNotLocked(user));
  const std::optional<engine::UserInfo> entry = database_.FindUser(user);
  const std::string mac = Mac(password);
  bool verified = false;
  if (entry && !entry->password_hash.empty()) {
    {
      std::lock_guard lock(mutex_);
      const UserState& state = users_[user];
      verified = !mac.empty() && state.remembered_for_hash == entry->password_hash &&
                 std::chrono::steady_clock::now() < state.remembered_until &&
                 state.remembered_mac.size() == mac.size() &&
                 CRYPTO_memcmp(state.remembered_mac.data(), mac.data(), mac.size()) == 0;
    }
    if (!verified) verified = security::VerifyPassword(password, entry->password_hash);
  } else {
    // Spend the same time as for a real user, so timing does not tell which users exist.
    (void)security::VerifyPassword(password,
                                   "$argon2id$v=19$m=19456,t=2,p=1$"
                                   "c29tZXNhbHRzb21lc2FsdA$"
                                   "qkxPIjpnHtJjPIBkl6LFUZ5zhx/0g6uAGTFkEPkX4c8");
  }
  if (!verified) {
    RecordFailure(user);
    return AuthenticationFailed(user);
  }
  if (!entry->login) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidAuthorizationSpecification,
                  "role \"" + user + "\" is not permitted to log in");
  }
  std::lock_guard lock(mutex_);
  UserState& state = users_[user];
  state.failures = 0;
  state.remembered_mac = mac;
  state.remembered_for_hash = entry->password_hash;
  state.remembered_until = std::chrono::steady_clock::now() + policy_.remember;
  return *entry;
}

}  // namespace boyodb::server
