// CREATE / ALTER / DROP USER or ROLE and GRANT / REVOKE role, with PostgreSQL's rules: managing
// roles takes CREATEROLE (here: create_user) or SUPERUSER, and only a superuser creates, alters
// or drops a superuser; anyone may change their own password. Passwords pass the session's
// policy and are stored only as an Argon2id hash and a SCRAM-SHA-256 verifier.
#include <algorithm>
#include <set>

#include "common/sqlstate.h"
#include "engine/session.h"
#include "security/password_hash.h"
#include "security/scram_sha256.h"

namespace boyodb::engine {

namespace ast = sql::ast;
using Action = ast::RoleStatement::Action;

namespace {

Status PermissionDenied(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInsufficientPrivilege, std::move(message));
}

Result<bool> Flag(const ast::Option& option) {
  if (option.value == "true" || option.value == "1") return true;
  if (option.value == "false" || option.value == "0") return false;
  return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                "option \"" + option.name + "\" takes no value")
      .WithPosition(option.position);
}

// Sets the password: both hashes, from the text; or neither (PASSWORD NULL).
Status SetPassword(UserInfo* user, const ast::Option& option,
                   const security::PasswordPolicy& policy) {
  if (option.name == "nopassword") {
    user->password_hash.clear();
    user->scram_verifier.clear();
    return Status::OK();
  }
  BOYO_RETURN_IF_ERROR(policy.Check(user->name, option.value));
  BOYO_ASSIGN_OR_RETURN(user->password_hash, security::HashPassword(option.value));
  BOYO_ASSIGN_OR_RETURN(const std::string salt, security::RandomSalt());
  BOYO_ASSIGN_OR_RETURN(
      user->scram_verifier,
      security::MakeScramVerifier(option.value, salt, security::kDefaultScramIterations));
  return Status::OK();
}

// Applies CREATE/ALTER ROLE options to `user`. `changed` collects the attribute names set.
Status ApplyOptions(const std::vector<ast::Option>& options, const security::PasswordPolicy& policy,
                    UserInfo* user, std::set<std::string>* changed) {
  for (const ast::Option& option : options) {
    if (!changed->insert(option.name == "nopassword" ? "password" : option.name).second) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                    "conflicting or redundant options")
          .WithPosition(option.position);
    }
    if (option.name == "password" || option.name == "nopassword") {
      BOYO_RETURN_IF_ERROR(SetPassword(user, option, policy));
    } else if (option.name == "superuser") {
      BOYO_ASSIGN_OR_RETURN(user->superuser, Flag(option));
    } else if (option.name == "createdb") {
      BOYO_ASSIGN_OR_RETURN(user->create_db, Flag(option));
    } else if (option.name == "createrole") {
      BOYO_ASSIGN_OR_RETURN(user->create_user, Flag(option));
    } else if (option.name == "login") {
      BOYO_ASSIGN_OR_RETURN(user->login, Flag(option));
    } else if (option.name == "inherit") {
      // Roles always pass their privileges on to their members, as PostgreSQL's default.
      BOYO_ASSIGN_OR_RETURN(const bool inherit, Flag(option));
      if (!inherit) {
        return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      "NOINHERIT is not supported")
            .WithPosition(option.position);
      }
    } else if (option.name == "in_role") {
      size_t start = 0;
      while (start <= option.value.size()) {
        size_t comma = option.value.find(',', start);
        if (comma == std::string::npos) comma = option.value.size();
        user->member_of.push_back(option.value.substr(start, comma - start));
        start = comma + 1;
      }
    } else {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "role option \"" + option.name + "\" is not supported")
          .WithPosition(option.position);
    }
  }
  return Status::OK();
}

// True when `role` reaches `target` through member_of (so making target a member of role
// would close a loop).
bool Reaches(const Database& database, const std::string& role, const std::string& target,
             std::set<std::string>* seen) {
  if (role == target) return true;
  if (!seen->insert(role).second) return false;
  const std::optional<UserInfo> entry = database.FindUser(role);
  if (!entry) return false;
  for (const std::string& parent : entry->member_of) {
    if (Reaches(database, parent, target, seen)) return true;
  }
  return false;
}

}  // namespace

Result<std::optional<UserInfo>> Session::SessionUser() const {
  if (embedded_) return std::optional<UserInfo>();
  std::optional<UserInfo> user = database_.FindUser(user_);
  if (!user) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidAuthorizationSpecification,
                  "role \"" + user_ + "\" does not exist");
  }
  return user;
}

Result<StatementResult> Session::RunRole(const ast::RoleStatement& role) {
  BOYO_ASSIGN_OR_RETURN(const std::optional<UserInfo> me, SessionUser());
  const bool superuser = !me || me->superuser;
  const bool manages_roles = superuser || me->create_user;
  const auto refuse_superuser_change = [&](const UserInfo& target, const char* verb) -> Status {
    if (target.superuser && !superuser) {
      return PermissionDenied(std::string("must be superuser to ") + verb + " superusers");
    }
    return Status::OK();
  };
  switch (role.action) {
    case Action::kCreate: {
      if (!manages_roles) return PermissionDenied("permission denied to create role");
      UserInfo user;
      user.name = role.names.front();
      user.login = role.is_user;
      std::set<std::string> changed;
      BOYO_RETURN_IF_ERROR(ApplyOptions(role.options, password_policy_, &user, &changed));
      BOYO_RETURN_IF_ERROR(refuse_superuser_change(user, "create"));
      BOYO_RETURN_IF_ERROR(database_.CreateUser(user));
      return StatementResult::FromTag("CREATE ROLE");
    }
    case Action::kAlter: {
      std::optional<UserInfo> user = database_.FindUser(role.names.front());
      if (!user) {
        return Status(StatusCode::kNotFound, sqlstate::kUndefinedObject,
                      "role \"" + role.names.front() + "\" does not exist")
            .WithPosition(role.position);
      }
      std::set<std::string> changed;
      BOYO_RETURN_IF_ERROR(ApplyOptions(role.options, password_policy_, &*user, &changed));
      const bool own_password_only =
          me && me->name == user->name && changed.size() == 1 && changed.count("password") == 1;
      if (!manages_roles && !own_password_only) {
        return PermissionDenied("permission denied to alter role \"" + user->name + "\"");
      }
      // The entry as it was decides, so a non-superuser cannot take SUPERUSER away either.
      BOYO_RETURN_IF_ERROR(refuse_superuser_change(*database_.FindUser(user->name), "alter"));
      BOYO_RETURN_IF_ERROR(refuse_superuser_change(*user, "alter"));
      BOYO_RETURN_IF_ERROR(database_.ReplaceUser(*user));
      return StatementResult::FromTag("ALTER ROLE");
    }
    case Action::kDrop: {
      if (!manages_roles) return PermissionDenied("permission denied to drop role");
      for (const std::string& name : role.names) {
        if (me && me->name == name) {
          return Status(StatusCode::kInvalidArgument, sqlstate::kObjectInUse,
                        "current user cannot be dropped");
        }
        if (const std::optional<UserInfo> target = database_.FindUser(name)) {
          BOYO_RETURN_IF_ERROR(refuse_superuser_change(*target, "drop"));
        }
        BOYO_RETURN_IF_ERROR(database_.DropUser(name, role.if_exists));
      }
      return StatementResult::FromTag("DROP ROLE");
    }
    case Action::kGrant:
    case Action::kRevoke: {
      if (!manages_roles) return PermissionDenied("permission denied to grant role");
      for (const std::string& grantee : role.names) {
        std::optional<UserInfo> user = database_.FindUser(grantee);
        if (!user) {
          return Status(StatusCode::kNotFound, sqlstate::kUndefinedObject,
                        "role \"" + grantee + "\" does not exist");
        }
        for (const std::string& granted : role.granted) {
          if (role.action == Action::kRevoke) {
            std::erase(user->member_of, granted);
            continue;
          }
          std::set<std::string> seen;
          if (Reaches(database_, granted, grantee, &seen)) {
            return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidGrantOperation,
                          "role \"" + granted + "\" is a member of role \"" + grantee + "\"");
          }
          if (std::find(user->member_of.begin(), user->member_of.end(), granted) ==
              user->member_of.end()) {
            user->member_of.push_back(granted);
          }
        }
        BOYO_RETURN_IF_ERROR(database_.ReplaceUser(*user));
      }
      return StatementResult::FromTag(role.action == Action::kGrant ? "GRANT ROLE" : "REVOKE ROLE");
    }
  }
  return Status::Internal("unhandled role statement");
}

}  // namespace boyodb::engine
