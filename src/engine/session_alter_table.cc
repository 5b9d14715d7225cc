// ALTER TABLE in a Session: ADD COLUMN (with NULL, a DEFAULT, NOT NULL), DROP COLUMN, RENAME
// COLUMN, ADD and DROP CONSTRAINT (CHECK; DROP also takes PRIMARY KEY and UNIQUE), RENAME TO
// and an identity column's RESTART / SET options, checked here against the catalog and
// carried out by the Database.
#include <algorithm>
#include <set>
#include <span>

#include "common/sqlstate.h"
#include "engine/check_constraints.h"
#include "engine/column_default.h"
#include "engine/session.h"
#include "sql/binder/character_types.h"
#include "sql/binder/type_rules.h"

namespace boyodb::engine {

namespace ast = sql::ast;
using Action = ast::AlterTableStatement::Action;

namespace {

StatementResult AlterTag() {
  StatementResult result;
  result.command_tag = "ALTER TABLE";
  return result;
}

Status NotSupported(const std::string& what) {
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                what + " is not supported yet");
}

}  // namespace

Result<StatementResult> Session::RunAlterTable(const ast::AlterTableStatement& alter) {
  Result<std::pair<std::string, std::string>> resolved = ResolveName(alter.table);
  Result<TableInfo> info = resolved.ok()
                               ? database_.DescribeTable(resolved->first, resolved->second)
                               : Result<TableInfo>(resolved.status());
  if (!info.ok()) {
    // IF EXISTS: a missing table is no error (PostgreSQL only notes it).
    if (alter.if_exists && (info.status().sqlstate() == sqlstate::kUndefinedTable ||
                            info.status().sqlstate() == sqlstate::kInvalidSchemaName)) {
      return AlterTag();
    }
    if (info.status().sqlstate() == sqlstate::kUndefinedTable) {
      // PostgreSQL renames any relation with ALTER TABLE; BoyoDB only tables.
      if (alter.action == Action::kRenameTable &&
          (database_.FindView(resolved->first, resolved->second).value_or(std::nullopt) ||
           database_.FindSequence(resolved->first, resolved->second))) {
        return NotSupported("renaming a view or sequence").WithPosition(alter.table.position);
      }
      return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                    "relation \"" + alter.table.ToString() + "\" does not exist")
          .WithPosition(alter.table.position);
    }
    return Status(info.status()).WithPosition(alter.table.position);
  }
  BOYO_RETURN_IF_ERROR(
      RequirePrivilege(storage::privilege::kAlter, resolved->first, resolved->second)
          .WithPosition(alter.table.position));
  BOYO_RETURN_IF_ERROR(
      RefuseIfChangedInBlock(*resolved, "ALTER TABLE").WithPosition(alter.table.position));
  if (transaction_.inserts.contains(*resolved)) {
    return Status(StatusCode::kNotSupported, sqlstate::kActiveSqlTransaction,
                  "cannot ALTER TABLE \"" + resolved->second +
                      "\" while the transaction block holds rows inserted into it; COMMIT or "
                      "ROLLBACK first");
  }
  const types::Schema& schema = info->schema;
  ColumnChange change;
  switch (alter.action) {
    case Action::kAddColumn: {
      const ast::ColumnDefinition& column = alter.column;
      if (alter.if_column_exists && schema.FieldIndex(column.name) >= 0) return AlterTag();
      if (column.primary_key || column.unique) {
        return NotSupported("ADD COLUMN with PRIMARY KEY or UNIQUE");
      }
      if (!column.checks.empty()) {
        return NotSupported(
                   "ADD COLUMN with a CHECK constraint (add the column, then ADD "
                   "CONSTRAINT)")
            .WithPosition(column.checks.front().position);
      }
      BOYO_ASSIGN_OR_RETURN(types::DataType type, sql::ResolveTypeName(column.type));
      BOYO_ASSIGN_OR_RETURN(const std::optional<types::CharacterLength> limit,
                            sql::DeclaredCharacterLength(column.type));
      if (limit) change.declared_type = limit->TypeName();
      change.kind = ColumnChange::Kind::kAdd;
      change.column = types::Field(column.name, type, !column.not_null);
      if (column.default_value != nullptr) {
        SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
        sql::QueryBinder binder = NewBinder(catalog);
        Result<sql::BoundExprPtr> bound =
            BindColumnDefault(binder, change.column, column.default_text);
        if (bound.ok() && limit) {
          bound = sql::FitCharacterLength(binder.resolver(), *bound, *limit,
                                          /*explicit_cast=*/false, column.position);
        }
        if (!bound.ok()) return Status(bound.status()).WithPosition(column.position);
        change.default_text = column.default_text;
        if ((*bound)->IsConstant()) {
          // Rows already in the table read this value; their segments stay as they are.
          BOYO_ASSIGN_OR_RETURN(change.fill, binder.EvaluateConstant(*bound, column.position));
        } else if (info->total_rows > 0) {
          return NotSupported("ADD COLUMN with a volatile DEFAULT on a table with rows");
        }
      }
      break;
    }
    case Action::kDropColumn:
      if (alter.if_column_exists && schema.FieldIndex(alter.old_name) < 0) return AlterTag();
      change.kind = ColumnChange::Kind::kDrop;
      change.name = alter.old_name;
      break;
    case Action::kRenameColumn:
      change.kind = ColumnChange::Kind::kRename;
      change.name = alter.old_name;
      change.new_name = alter.new_name;
      break;
    case Action::kRenameTable: {
      // PostgreSQL gives these errors no position.
      BOYO_RETURN_IF_ERROR(
          database_.RenameTable(resolved->first, resolved->second, alter.new_name));
      return AlterTag();
    }
    case Action::kAddConstraint: {
      BOYO_ASSIGN_OR_RETURN(const std::set<std::string> in_schema,
                            ConstraintNamesIn(database_, resolved->first));
      BOYO_ASSIGN_OR_RETURN(
          std::vector<storage::CheckConstraint> named,
          NameCheckConstraints(std::span(&alter.check, 1), resolved->second, schema,
                               ConstraintNamesOf(database_, *info), in_schema, functions_));
      change.kind = ColumnChange::Kind::kAddCheck;
      change.check = std::move(named.front());
      break;
    }
    case Action::kDropConstraint: {
      const std::vector<storage::CheckConstraint>& checks = info->options.check_constraints;
      if (std::any_of(checks.begin(), checks.end(), [&](const storage::CheckConstraint& check) {
            return check.name == alter.old_name;
          })) {
        change.kind = ColumnChange::Kind::kDropCheck;
        change.name = alter.old_name;
        break;
      }
      // PRIMARY KEY and UNIQUE constraints are their unique indexes.
      for (const IndexInfo& index : database_.ListIndexes(resolved->first, resolved->second)) {
        if (index.unique && index.name == alter.old_name) {
          BOYO_RETURN_IF_ERROR(database_.DropIndex(resolved->first, index.name, false));
          return AlterTag();
        }
      }
      // IF EXISTS: PostgreSQL only notes the missing constraint.
      if (alter.if_column_exists) return AlterTag();
      return Status(StatusCode::kNotFound, sqlstate::kUndefinedObject,
                    "constraint \"" + alter.old_name + "\" of relation \"" + resolved->second +
                        "\" does not exist");
    }
    case Action::kSetIdentity: {
      BOYO_ASSIGN_OR_RETURN(const std::string sequence,
                            IdentitySequence(*resolved, *info, alter.old_name));
      BOYO_RETURN_IF_ERROR(AlterSequenceOptions(resolved->first, sequence, alter.identity_options));
      return AlterTag();
    }
  }
  // PostgreSQL gives these errors no position.
  BOYO_RETURN_IF_ERROR(database_.AlterTable(resolved->first, resolved->second, change));
  return AlterTag();
}

}  // namespace boyodb::engine
