#include "security/password_hash.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "common/sqlstate.h"

namespace boyodb::security {
namespace {

constexpr uint32_t kPasses = 2;
constexpr uint32_t kMemoryKib = 19 * 1024;
constexpr uint32_t kLanes = 1;
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  unsigned char salt[kSaltBytes];
  if (RAND_bytes(salt, sizeof(salt)) != 1) {
    return Status::Internal("could not draw a random salt for a password hash");
  }
  const size_t encoded_length =
      argon2_encodedlen(kPasses, kMemoryKib, kLanes, kSaltBytes, kHashBytes, Argon2_id);
  std::vector<char> encoded(encoded_length);
  const int result =
      argon2id_hash_encoded(kPasses, kMemoryKib, kLanes, password.data(), password.size(), salt,
                            sizeof(salt), kHashBytes, encoded.data(), encoded.size());
  if (result != ARGON2_OK) {
    return Status::Internal(std::string("password hashing failed: ") +
                            argon2_error_message(result));
  }
  return std::string(encoded.data());
}

bool VerifyPassword(std::string_view password, const std::string& encoded) {
  if (!encoded.starts_with("$argon2id$")) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

Status PasswordPolicy::Check(std::string_view user, std::string_view password) const {
  const auto refuse = [](std::string message) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                  std::move(message));
  };
  if (password.size() < min_length) {
    return refuse("password must be at least " + std::to_string(min_length) + " characters long");
  }
  bool lower = false, upper = false, digit = false, other = false;
  for (const char c : password) {
    const auto byte = static_cast<unsigned char>(c);
    lower |= std::islower(byte) != 0;
    upper |= std::isupper(byte) != 0;
    digit |= std::isdigit(byte) != 0;
    other |= std::isalnum(byte) == 0;
  }
  const int classes = int{lower} + int{upper} + int{digit} + int{other};
  if (classes < min_character_classes) {
    return refuse("password must mix at least " + std::to_string(min_character_classes) +
                  " of: lower-case letters, upper-case letters, digits, other characters");
  }
  if (reject_user_name && !user.empty() && Lower(password).find(Lower(user)) != std::string::npos) {
    return refuse("password must not contain the user name");
  }
  return Status::OK();
}

}  // namespace boyodb::security
