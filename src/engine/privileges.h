// Who may do what to tables and databases: a role's own grants and those of every role it is
// a member of (inheritance, followed transitively), against the privilege a statement needs.
// Superusers hold every privilege. docs/design/users_and_roles.md.
// Thread safety: pure functions over catalog snapshots.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/database.h"

namespace boyodb::engine {

/// True when `user` or a role it is a member of (transitively) holds every bit of `privileges`
/// on `database`.`table` (`table` empty: on the database itself), through a grant on that table,
/// on its database, or on every database; with `grantable`, also the grant option for them.
bool HoldsPrivileges(const Database& database, const UserInfo& user, uint32_t privileges,
                     std::string_view database_name, std::string_view table, bool grantable);

/// The bit of a privilege as GRANT spells it ("select", "SELECT"), or nullopt.
std::optional<uint32_t> PrivilegeFromName(std::string_view name);

/// 42501 "permission denied for table db.t" (or "for database db" when `table` is empty).
Status PrivilegeDenied(std::string_view database_name, std::string_view table);

}  // namespace boyodb::engine
