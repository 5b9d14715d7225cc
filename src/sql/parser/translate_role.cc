// CREATE / ALTER / DROP USER or ROLE, and GRANT / REVOKE role TO / FROM role.
#include "common/sqlstate.h"
#include "sql/parser/translator.h"

namespace boyodb::sql::internal {

namespace {

using Action = ast::RoleStatement::Action;

// The name a RoleSpec node gives (CURRENT_USER and the like are refused by the caller, which
// knows the position).
const char* RoleName(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_ROLE_SPEC) return nullptr;
  const PgQuery__RoleSpec& spec = *node->role_spec;
  if (spec.roletype != PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING) return nullptr;
  return spec.rolename;
}

ast::Statement RoleStatement(std::unique_ptr<ast::RoleStatement> role) {
  ast::Statement statement;
  statement.kind = ast::StatementKind::kRole;
  statement.role = std::move(role);
  return statement;
}

}  // namespace

Result<std::vector<ast::Option>> Translator::RoleOptions(PgQuery__Node** options, size_t count) {
  std::vector<ast::Option> out;
  for (size_t i = 0; i < count; ++i) {
    if (options[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) {
      return Unsupported("option " + NodeName(*options[i]), -1);
    }
    const PgQuery__DefElem& element = *options[i]->def_elem;
    ast::Option option;
    option.name = element.defname;
    option.position = Position(element.location);
    if (option.name == "password") {
      if (element.arg == nullptr) option.name = "nopassword";
      option.value = OptionValue(element.arg);
    } else if (option.name == "addroleto") {
      // IN ROLE a, b: a list of RoleSpec nodes.
      option.name = "in_role";
      if (element.arg != nullptr && element.arg->node_case == PG_QUERY__NODE__NODE_LIST) {
        for (size_t k = 0; k < element.arg->list->n_items; ++k) {
          const char* name = RoleName(element.arg->list->items[k]);
          if (name == nullptr) return Unsupported("IN ROLE with CURRENT_USER or PUBLIC", -1);
          if (!option.value.empty()) option.value += ",";
          option.value += name;
        }
      }
    } else {
      if (option.name == "canlogin") option.name = "login";
      option.value = OptionValue(element.arg);
    }
    out.push_back(std::move(option));
  }
  return out;
}

Result<ast::Statement> Translator::CreateRole(const PgQuery__CreateRoleStmt& create) {
  if (create.stmt_type == PG_QUERY__ROLE_STMT_TYPE__ROLESTMT_GROUP) {
    return Unsupported("CREATE GROUP (use CREATE ROLE)", -1);
  }
  auto role = std::make_unique<ast::RoleStatement>();
  role->action = Action::kCreate;
  role->is_user = create.stmt_type == PG_QUERY__ROLE_STMT_TYPE__ROLESTMT_USER;
  role->names.push_back(create.role);
  BOYO_ASSIGN_OR_RETURN(role->options, RoleOptions(create.options, create.n_options));
  return RoleStatement(std::move(role));
}

Result<ast::Statement> Translator::AlterRole(const PgQuery__AlterRoleStmt& alter) {
  auto role = std::make_unique<ast::RoleStatement>();
  role->action = Action::kAlter;
  const char* name = alter.role == nullptr ? nullptr : alter.role->rolename;
  if (alter.role == nullptr || alter.role->roletype != PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING ||
      name == nullptr) {
    return Unsupported("ALTER ROLE of CURRENT_USER, SESSION_USER or ALL",
                       alter.role == nullptr ? -1 : alter.role->location);
  }
  role->names.push_back(name);
  role->position = Position(alter.role->location);
  BOYO_ASSIGN_OR_RETURN(role->options, RoleOptions(alter.options, alter.n_options));
  return RoleStatement(std::move(role));
}

Result<ast::Statement> Translator::DropRole(const PgQuery__DropRoleStmt& drop) {
  auto role = std::make_unique<ast::RoleStatement>();
  role->action = Action::kDrop;
  role->if_exists = drop.missing_ok;
  for (size_t i = 0; i < drop.n_roles; ++i) {
    const char* name = RoleName(drop.roles[i]);
    if (name == nullptr) return Unsupported("DROP ROLE of CURRENT_USER or SESSION_USER", -1);
    role->names.push_back(name);
  }
  return RoleStatement(std::move(role));
}

Result<ast::Statement> Translator::GrantRole(const PgQuery__GrantRoleStmt& grant) {
  if (grant.admin_opt) return Unsupported("WITH ADMIN OPTION", -1);
  auto role = std::make_unique<ast::RoleStatement>();
  role->action = grant.is_grant ? Action::kGrant : Action::kRevoke;
  for (size_t i = 0; i < grant.n_granted_roles; ++i) {
    // GRANT a TO b puts an AccessPriv naming the role in granted_roles.
    const PgQuery__Node* node = grant.granted_roles[i];
    if (node->node_case != PG_QUERY__NODE__NODE_ACCESS_PRIV ||
        node->access_priv->priv_name == nullptr) {
      return Unsupported("GRANT of " + NodeName(*node), -1);
    }
    role->granted.push_back(node->access_priv->priv_name);
  }
  for (size_t i = 0; i < grant.n_grantee_roles; ++i) {
    const char* name = RoleName(grant.grantee_roles[i]);
    if (name == nullptr) return Unsupported("GRANT to PUBLIC, CURRENT_USER or SESSION_USER", -1);
    role->names.push_back(name);
  }
  return RoleStatement(std::move(role));
}

Result<ast::Statement> Translator::GrantPrivileges(const PgQuery__GrantStmt& grant) {
  using Target = ast::PrivilegeStatement::Target;
  auto privileges = std::make_unique<ast::PrivilegeStatement>();
  privileges->grant = grant.is_grant;
  privileges->grant_option = grant.grant_option;
  if (grant.targtype == PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_DEFAULTS) {
    return Unsupported("ALTER DEFAULT PRIVILEGES", -1);
  }
  const bool all_in_schema =
      grant.targtype == PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_ALL_IN_SCHEMA;
  switch (grant.objtype) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      privileges->target = all_in_schema ? Target::kAllTablesInSchema : Target::kTables;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
      privileges->target = Target::kSchemas;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE:
      privileges->target = Target::kDatabases;
      break;
    default:
      return Unsupported("GRANT on objects other than tables, schemas and databases", -1);
  }
  for (size_t i = 0; i < grant.n_objects; ++i) {
    const PgQuery__Node& object = *grant.objects[i];
    if (privileges->target == Target::kTables) {
      if (object.node_case != PG_QUERY__NODE__NODE_RANGE_VAR) {
        return Unsupported("GRANT on " + NodeName(object), -1);
      }
      BOYO_ASSIGN_OR_RETURN(ast::QualifiedName name, Name(*object.range_var));
      privileges->tables.push_back(std::move(name));
    } else if (object.node_case == PG_QUERY__NODE__NODE_STRING) {
      privileges->names.push_back(object.string->sval);
    } else {
      return Unsupported("GRANT on " + NodeName(object), -1);
    }
  }
  for (size_t i = 0; i < grant.n_privileges; ++i) {
    const PgQuery__Node& node = *grant.privileges[i];
    if (node.node_case != PG_QUERY__NODE__NODE_ACCESS_PRIV ||
        node.access_priv->priv_name == nullptr) {
      return Unsupported("this privilege", -1);
    }
    if (node.access_priv->n_cols > 0) return Unsupported("column privileges", -1);
    privileges->privileges.push_back(node.access_priv->priv_name);
  }
  for (size_t i = 0; i < grant.n_grantees; ++i) {
    const char* name = RoleName(grant.grantees[i]);
    if (name == nullptr) return Unsupported("GRANT to PUBLIC, CURRENT_USER or SESSION_USER", -1);
    privileges->grantees.push_back(name);
  }
  if (grant.grantor != nullptr) return Unsupported("GRANTED BY", -1);
  ast::Statement statement;
  statement.kind = ast::StatementKind::kPrivilege;
  statement.privilege = std::move(privileges);
  return statement;
}

}  // namespace boyodb::sql::internal
