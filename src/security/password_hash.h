// Password hashes: Argon2id (RFC 9106) in its standard encoded form
// ("$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>"), through libargon2, and the password policy
// that CREATE USER and ALTER USER ... PASSWORD enforce. A password is never stored or logged in
// clear; only these hashes (and the SCRAM verifier, scram_sha256.h) are kept.
// Thread safety: pure functions (the policy is a value).
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace boyodb::security {

/// Argon2id with 19 MiB of memory, 2 passes, 1 lane and a 16-byte random salt (OWASP's
/// recommended minimum): about 30 ms of one core per hash, so guessing is slow and a login is
/// not. XX000 only if the system's random source or the library fails.
Result<std::string> HashPassword(std::string_view password);

/// True when `password` matches `encoded`, a HashPassword result (any Argon2id parameters).
/// False for a wrong password and for an encoded hash that is not valid Argon2id.
bool VerifyPassword(std::string_view password, const std::string& encoded);

struct PasswordPolicy {
  size_t min_length = 8;
  /// Characters from at least this many classes: lower case, upper case, digits, others.
  int min_character_classes = 2;
  /// The password may not contain the user's name (case-insensitively).
  bool reject_user_name = true;

  /// 22023 naming the rule the password breaks.
  Status Check(std::string_view user, std::string_view password) const;
};

}  // namespace boyodb::security
