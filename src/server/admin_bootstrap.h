// The first start of a server creates its first user, "admin" (SUPERUSER), so that a server is
// never reachable without a password and never has a default one. The password is
// BOYODB_ADMIN_PASSWORD when set (it must pass the password policy), or else a generated one
// written once to DATA/admin_password with mode 0600, for the operator to read and then change.
// Thread safety: call before the listeners start.
#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "engine/database.h"
#include "security/password_hash.h"

namespace boyodb::server {

inline constexpr const char* kAdminUser = "admin";
inline constexpr const char* kAdminPasswordFile = "admin_password";
inline constexpr const char* kAdminPasswordVariable = "BOYODB_ADMIN_PASSWORD";

/// When the catalog has no users: creates "admin" with the password from
/// `password_from_environment` (nullopt: generated, or read back from DATA/admin_password if a
/// start was cut off after writing it). Returns the path of the password file it wrote or
/// read, or "" when it did nothing or the password came from the environment. 22023 when the
/// given password breaks `policy`; 58030 when the file cannot be written.
Result<std::string> BootstrapAdmin(engine::Database& database, const std::string& data_dir,
                                   const std::optional<std::string>& password_from_environment,
                                   const security::PasswordPolicy& policy);

inline constexpr const char* kReadonlyRole = "readonly";
inline constexpr const char* kReadwriteRole = "readwrite";

/// Creates the built-in roles that are missing (a role of that name made by a user is left
/// alone): readonly (SELECT on every table of every database) and readwrite (SELECT, INSERT,
/// UPDATE, DELETE and TRUNCATE on them), both NOLOGIN, to be granted to users
/// (`GRANT readonly TO alice`).
Status EnsureBuiltinRoles(engine::Database& database);

}  // namespace boyodb::server
