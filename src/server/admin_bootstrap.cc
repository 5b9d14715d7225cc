#include "server/admin_bootstrap.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

#include "common/logging.h"
#include "common/sqlstate.h"
#include "security/scram_sha256.h"

namespace boyodb::server {
namespace {

// 24 characters drawn from the 64 of base64url (144 random bits): letters of both cases and
// digits almost surely, so it passes any policy of up to three character classes.
Result<std::string> GeneratePassword(const security::PasswordPolicy& policy) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (int attempt = 0; attempt < 100; ++attempt) {
    unsigned char bytes[24];
    if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
      return Status::Internal("could not draw random bytes for the admin password");
    }
    std::string password;
    for (const unsigned char byte : bytes) password.push_back(kAlphabet[byte % 64]);
    // The '-' and '_' make a fourth class likely but not certain; draw again if the policy
    // still refuses (it practically never does).
    if (policy.Check(kAdminUser, password).ok()) return password;
  }
  return Status::Internal("could not generate an admin password that the password policy accepts");
}

// Writes the password to a new file only its owner can read, and syncs it, before the user
// exists: a crash in between leaves the file, which the next start reads back.
Status WritePasswordFile(const std::string& path, const std::string& password) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status::FromErrno(errno, "creating", path);
  const std::string text = password + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                       ::fsync(fd) == 0;
  const int saved_errno = errno;
  ::close(fd);
  if (!written) return Status::FromErrno(saved_errno, "writing", path);
  return Status::OK();
}

}  // namespace

Result<std::string> BootstrapAdmin(engine::Database& database, const std::string& data_dir,
                                   const std::optional<std::string>& password_from_environment,
                                   const security::PasswordPolicy& policy) {
  if (!database.ListUsers().empty()) return std::string();
  std::string password;
  std::string file;
  if (password_from_environment) {
    password = *password_from_environment;
    Status accepted = policy.Check(kAdminUser, password);
    if (!accepted.ok()) {
      return std::move(accepted).WithContext(std::string("checking ") + kAdminPasswordVariable);
    }
  } else {
    file = data_dir + "/" + kAdminPasswordFile;
    std::ifstream existing(file);
    if (existing && std::getline(existing, password) && !password.empty()) {
      log::Warn("event=admin_password_reused file={}", file);
    } else {
      BOYO_ASSIGN_OR_RETURN(password, GeneratePassword(policy));
      BOYO_RETURN_IF_ERROR(WritePasswordFile(file, password));
    }
  }
  engine::UserInfo admin;
  admin.name = kAdminUser;
  admin.superuser = true;
  admin.login = true;
  admin.create_db = true;
  admin.create_user = true;
  BOYO_ASSIGN_OR_RETURN(admin.password_hash, security::HashPassword(password));
  BOYO_ASSIGN_OR_RETURN(const std::string salt, security::RandomSalt());
  BOYO_ASSIGN_OR_RETURN(
      admin.scram_verifier,
      security::MakeScramVerifier(password, salt, security::kDefaultScramIterations));
  BOYO_RETURN_IF_ERROR(database.CreateUser(admin));
  if (file.empty()) {
    log::Info("event=admin_created password_source={}", kAdminPasswordVariable);
  } else {
    log::Info("event=admin_created password_file={}", file);
  }
  return file;
}

Status EnsureBuiltinRoles(engine::Database& database) {
  namespace privilege = storage::privilege;
  const std::pair<const char*, uint32_t> roles[] = {
      {kReadonlyRole, privilege::kSelect | privilege::kUsage | privilege::kConnect},
      {kReadwriteRole, privilege::kSelect | privilege::kInsert | privilege::kUpdate |
                           privilege::kDelete | privilege::kTruncate | privilege::kUsage |
                           privilege::kConnect},
  };
  for (const auto& [name, privileges] : roles) {
    if (database.FindUser(name)) continue;
    engine::UserInfo role;
    role.name = name;
    role.login = false;
    // An empty database and table: every table of every database, now and later.
    role.grants.push_back(storage::PrivilegeGrant{"", "", privileges, 0});
    BOYO_RETURN_IF_ERROR(database.CreateUser(role));
    log::Info("event=builtin_role_created role={}", name);
  }
  return Status::OK();
}

}  // namespace boyodb::server
