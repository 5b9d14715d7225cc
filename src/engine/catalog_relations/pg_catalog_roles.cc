// pg_catalog's relations about roles, databases and settings: pg_roles, pg_user,
// pg_auth_members, pg_database and pg_settings. Password hashes are never shown: the
// password columns read "********" as PostgreSQL's pg_roles does.
#include "engine/catalog_relations/catalog_columns.h"

namespace boyodb::engine::catalog_columns {

namespace {

constexpr std::string_view kHiddenPassword = "********";

void RoleRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RoleEntry& role : snapshot.roles()) {
    const UserInfo& user = role.user;
    rows.Add({user.name, user.superuser,
              true,  // rolinherit
              user.create_user, user.create_db, user.login,
              false,  // rolreplication
              -1,     // rolconnlimit
              kHiddenPassword,
              std::nullopt,  // rolvaliduntil
              user.superuser, std::nullopt, role.oid});
  }
}

void UserRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RoleEntry& role : snapshot.roles()) {
    const UserInfo& user = role.user;
    if (!user.login) continue;
    rows.Add({user.name, role.oid, user.create_db, user.superuser,
              false,  // userepl
              user.superuser, kHiddenPassword, std::nullopt, std::nullopt});
  }
}

void AuthMemberRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RoleEntry& member : snapshot.roles()) {
    for (const std::string& name : member.user.member_of) {
      const RoleEntry* role = snapshot.FindRole(name);
      if (role == nullptr) continue;
      rows.Add({role->oid, member.oid, snapshot.owner_oid(), false});
    }
  }
}

void DatabaseRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  constexpr int64_t kUtf8Encoding = 6;  // pg_encoding_to_char(6) = 'UTF8'
  for (const DatabaseEntry& database : snapshot.databases()) {
    if (database.name.starts_with("pg_temp_")) continue;  // sessions' temporary schemas
    rows.Add({database.oid, database.name, snapshot.owner_oid(), kUtf8Encoding, CatalogChar('c'),
              false,  // datistemplate
              true,   // datallowconn
              -1,     // datconnlimit
              catalog_oid::kDefaultTablespace, "C", "C", std::nullopt, std::nullopt});
  }
}

void SettingRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  if (!snapshot.context().settings) return;
  for (const auto& [name, value] : snapshot.context().settings()) {
    rows.Add(
        {name, value, std::nullopt, "Client Connection Defaults", std::nullopt, "user", "string"});
  }
}

}  // namespace

std::vector<VirtualRelation> PgCatalogRoleRelations() {
  std::vector<VirtualRelation> out;
  out.push_back({"pg_catalog", "pg_roles", 'v',
                 Columns({{"rolname", Text()},
                          {"rolsuper", Bool()},
                          {"rolinherit", Bool()},
                          {"rolcreaterole", Bool()},
                          {"rolcreatedb", Bool()},
                          {"rolcanlogin", Bool()},
                          {"rolreplication", Bool()},
                          {"rolconnlimit", Int4()},
                          {"rolpassword", Text()},
                          {"rolvaliduntil", TimestampTz()},
                          {"rolbypassrls", Bool()},
                          {"rolconfig", TextArray()},
                          {"oid", Oid()}}),
                 RoleRows});
  out.push_back({"pg_catalog", "pg_user", 'v',
                 Columns({{"usename", Text()},
                          {"usesysid", Oid()},
                          {"usecreatedb", Bool()},
                          {"usesuper", Bool()},
                          {"userepl", Bool()},
                          {"usebypassrls", Bool()},
                          {"passwd", Text()},
                          {"valuntil", TimestampTz()},
                          {"useconfig", TextArray()}}),
                 UserRows});
  out.push_back(
      {"pg_catalog", "pg_auth_members", 'r',
       Columns(
           {{"roleid", Oid()}, {"member", Oid()}, {"grantor", Oid()}, {"admin_option", Bool()}}),
       AuthMemberRows});
  out.push_back({"pg_catalog", "pg_database", 'r',
                 Columns({{"oid", Oid()},
                          {"datname", Text()},
                          {"datdba", Oid()},
                          {"encoding", Int4()},
                          {"datlocprovider", Text()},
                          {"datistemplate", Bool()},
                          {"datallowconn", Bool()},
                          {"datconnlimit", Int4()},
                          {"dattablespace", Oid()},
                          {"datcollate", Text()},
                          {"datctype", Text()},
                          {"daticulocale", Text()},
                          {"datacl", TextArray()}}),
                 DatabaseRows});
  out.push_back({"pg_catalog", "pg_settings", 'v',
                 Columns({{"name", Text()},
                          {"setting", Text()},
                          {"unit", Text()},
                          {"category", Text()},
                          {"short_desc", Text()},
                          {"context", Text()},
                          {"vartype", Text()}}),
                 SettingRows});
  return out;
}

}  // namespace boyodb::engine::catalog_columns
