// Privileges on tables and databases: GRANT / REVOKE ... ON ... TO / FROM, and the check every
// statement makes before it reads, writes or changes a table. Grants live in the grantee's
// catalog entry (storage::UserEntry::grants), so each GRANT is one durable PutUser.
// docs/design/users_and_roles.md.
#include <algorithm>

#include "common/sqlstate.h"
#include "engine/privileges.h"
#include "engine/session.h"
#include "engine/session_catalog.h"

namespace boyodb::engine {

namespace ast = sql::ast;
namespace privilege = storage::privilege;

namespace {

using Target = ast::PrivilegeStatement::Target;

// What a GRANT of `names` means on tables (or on databases, whose grants cover their tables).
Result<uint32_t> PrivilegeBits(const ast::PrivilegeStatement& statement, bool on_tables) {
  const uint32_t all = on_tables ? privilege::kAllOnTable : privilege::kAllOnDatabase;
  if (statement.privileges.empty()) return all;
  uint32_t bits = 0;
  for (const std::string& name : statement.privileges) {
    const std::optional<uint32_t> bit = PrivilegeFromName(name);
    if (!bit) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                    "unrecognized privilege type \"" + name + "\"")
          .WithPosition(statement.position);
    }
    if ((*bit & all) == 0) {
      std::string upper(storage::PrivilegeName(*bit));
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidGrantOperation,
                    "invalid privilege type " + upper + " for table");
    }
    bits |= *bit;
  }
  return bits;
}

// Adds or removes `bits` (or only their grant option) on one object in `user`'s grants.
void ApplyGrant(storage::UserEntry& user, const std::string& database, const std::string& table,
                uint32_t bits, bool grant, bool grant_option_only, bool with_grant_option) {
  auto found = std::find_if(user.grants.begin(), user.grants.end(), [&](const auto& entry) {
    return entry.database == database && entry.table == table;
  });
  if (grant) {
    if (found == user.grants.end()) {
      user.grants.push_back(storage::PrivilegeGrant{database, table, 0, 0});
      found = std::prev(user.grants.end());
    }
    found->privileges |= bits;
    if (with_grant_option) found->grant_option |= bits;
    return;
  }
  if (found == user.grants.end()) return;
  found->grant_option &= ~bits;
  if (!grant_option_only) found->privileges &= ~bits;
  if (found->privileges == 0) user.grants.erase(found);
}

}  // namespace

Status Session::RequirePrivilege(uint32_t privileges, const std::string& database,
                                 const std::string& table) const {
  if (embedded_ || (!temp_database_.empty() && database == temp_database_)) return Status::OK();
  BOYO_ASSIGN_OR_RETURN(const std::optional<UserInfo> me, SessionUser());
  if (!me) return Status::OK();
  if (!HoldsPrivileges(database_, *me, privileges, database, table, false)) {
    return PrivilegeDenied(database, table);
  }
  // As in PostgreSQL, a table of a schema is reached only with USAGE on the schema; everyone
  // has it on public, which is the default database here.
  if (!table.empty() && database != kDefaultDatabase &&
      !HoldsPrivileges(database_, *me, privilege::kUsage, database, "", false)) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInsufficientPrivilege,
                  "permission denied for schema " + database);
  }
  return Status::OK();
}

Status Session::GrantToCreator(const std::string& database, const std::string& table) {
  if (embedded_ || database == temp_database_) return Status::OK();
  BOYO_ASSIGN_OR_RETURN(std::optional<UserInfo> me, SessionUser());
  if (!me || me->superuser) return Status::OK();
  // The creator of a table or schema may do everything to it, as its owner in PostgreSQL.
  ApplyGrant(*me, database, table,
             table.empty() ? privilege::kAllOnDatabase : privilege::kAllOnTable,
             /*grant=*/true, /*grant_option_only=*/false, /*with_grant_option=*/true);
  return database_.ReplaceUser(*me);
}

Status Session::DropGrantsOn(const std::string& database, const std::string& table) {
  for (UserInfo user : database_.ListUsers()) {
    const size_t before = user.grants.size();
    std::erase_if(user.grants, [&](const storage::PrivilegeGrant& grant) {
      return grant.database == database && (table.empty() || grant.table == table);
    });
    if (user.grants.size() != before) BOYO_RETURN_IF_ERROR(database_.ReplaceUser(user));
  }
  return Status::OK();
}

Result<StatementResult> Session::RunPrivilege(const ast::PrivilegeStatement& statement) {
  BOYO_RETURN_IF_ERROR(RefuseInTransaction(statement.grant ? "GRANT" : "REVOKE"));
  // The objects, as (database, table) with table empty for a database.
  std::vector<std::pair<std::string, std::string>> objects;
  switch (statement.target) {
    case Target::kTables:
      for (const ast::QualifiedName& name : statement.tables) {
        BOYO_ASSIGN_OR_RETURN(auto resolved, ResolveName(name));
        BOYO_RETURN_IF_ERROR(
            Status(database_.DescribeTable(resolved.first, resolved.second).status())
                .WithPosition(name.position));
        objects.push_back(std::move(resolved));
      }
      break;
    case Target::kAllTablesInSchema:
      // The tables there now, as PostgreSQL's ALL TABLES IN SCHEMA.
      for (const std::string& written : statement.names) {
        const std::string schema = written == "public" ? current_database_ : written;
        BOYO_ASSIGN_OR_RETURN(const std::vector<std::string> tables, database_.ListTables(schema));
        for (const std::string& table : tables) objects.emplace_back(schema, table);
      }
      break;
    case Target::kSchemas:
    case Target::kDatabases:
      for (const std::string& written : statement.names) {
        // As in table names, PostgreSQL's schema "public" is the current database.
        const std::string name = written == "public" ? current_database_ : written;
        BOYO_RETURN_IF_ERROR(database_.ListTables(name));
        objects.emplace_back(name, "");
      }
      break;
  }
  const bool on_tables =
      statement.target == Target::kTables || statement.target == Target::kAllTablesInSchema;
  BOYO_ASSIGN_OR_RETURN(const uint32_t bits, PrivilegeBits(statement, on_tables));
  // Granting or revoking takes the grant option for what is granted (a superuser has it all).
  BOYO_ASSIGN_OR_RETURN(const std::optional<UserInfo> me, SessionUser());
  for (const auto& [database, table] : objects) {
    if (me && !HoldsPrivileges(database_, *me, bits, database, table, /*grantable=*/true)) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInsufficientPrivilege,
                    "permission denied to " + std::string(statement.grant ? "grant" : "revoke") +
                        " privileges on " +
                        (table.empty() ? "database " + database : "table " + table) +
                        " (it takes the privileges WITH GRANT OPTION)");
    }
  }
  for (const std::string& name : statement.grantees) {
    std::optional<UserInfo> grantee = database_.FindUser(name);
    if (!grantee) {
      return Status(StatusCode::kNotFound, sqlstate::kUndefinedObject,
                    "role \"" + name + "\" does not exist");
    }
    for (const auto& [database, table] : objects) {
      ApplyGrant(*grantee, database, table, bits, statement.grant,
                 /*grant_option_only=*/!statement.grant && statement.grant_option,
                 /*with_grant_option=*/statement.grant && statement.grant_option);
    }
    BOYO_RETURN_IF_ERROR(database_.ReplaceUser(*grantee));
  }
  return StatementResult::FromTag(statement.grant ? "GRANT" : "REVOKE");
}

}  // namespace boyodb::engine
