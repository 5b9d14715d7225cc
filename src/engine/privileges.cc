#include "engine/privileges.h"

#include <cctype>
#include <set>

#include "common/sqlstate.h"

namespace boyodb::engine {
namespace {

// The bits of `wanted` that `user`'s own grants cover, or their grant option when `grantable`.
uint32_t CoveredByOwnGrants(const UserInfo& user, uint32_t wanted, std::string_view database_name,
                            std::string_view table, bool grantable) {
  uint32_t covered = 0;
  for (const storage::PrivilegeGrant& grant : user.grants) {
    const bool database_matches = grant.database.empty() || grant.database == database_name;
    // A grant on a table covers that table only; one on a database covers it and its tables.
    const bool object_matches = grant.table.empty() || (!table.empty() && grant.table == table);
    if (database_matches && object_matches) {
      covered |= (grantable ? grant.grant_option : grant.privileges) & wanted;
    }
    // A grant on every database (the built-in roles') lets its holder use every schema.
    if (grant.database.empty() && grant.table.empty() && !grantable) {
      covered |= storage::privilege::kUsage & wanted;
    }
  }
  return covered;
}

}  // namespace

bool HoldsPrivileges(const Database& database, const UserInfo& user, uint32_t privileges,
                     std::string_view database_name, std::string_view table, bool grantable) {
  if (user.superuser) return true;
  uint32_t covered = 0;
  std::set<std::string> seen;
  std::vector<UserInfo> pending = {user};
  while (!pending.empty() && (covered & privileges) != privileges) {
    const UserInfo role = std::move(pending.back());
    pending.pop_back();
    if (!seen.insert(role.name).second) continue;
    covered |= CoveredByOwnGrants(role, privileges, database_name, table, grantable);
    for (const std::string& parent : role.member_of) {
      if (std::optional<UserInfo> found = database.FindUser(parent)) {
        if (found->superuser) return true;
        pending.push_back(std::move(*found));
      }
    }
  }
  return (covered & privileges) == privileges;
}

std::optional<uint32_t> PrivilegeFromName(std::string_view name) {
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (uint32_t i = 0; i < storage::privilege::kNumBits; ++i) {
    if (storage::PrivilegeName(1u << i) == upper) return 1u << i;
  }
  return std::nullopt;
}

Status PrivilegeDenied(std::string_view database_name, std::string_view table) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInsufficientPrivilege,
                table.empty() ? "permission denied for database " + std::string(database_name)
                              : "permission denied for table " + std::string(table));
}

}  // namespace boyodb::engine
