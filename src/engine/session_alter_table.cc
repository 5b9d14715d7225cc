// ALTER TABLE in a Session: ADD COLUMN (with NULL, a DEFAULT, NOT NULL), DROP COLUMN and
// RENAME COLUMN, checked here against the catalog and carried out by Database::AlterTable.
#include "common/sqlstate.h"
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
  if (alter.action == Action::kRenameTable) return NotSupported("ALTER TABLE ... RENAME TO");
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
      return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                    "relation \"" + alter.table.ToString() + "\" does not exist")
          .WithPosition(alter.table.position);
    }
    return Status(info.status()).WithPosition(alter.table.position);
  }
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
      BOYO_ASSIGN_OR_RETURN(types::DataType type, sql::ResolveTypeName(column.type));
      BOYO_ASSIGN_OR_RETURN(const std::optional<types::CharacterLength> limit,
                            sql::DeclaredCharacterLength(column.type));
      if (limit) change.declared_type = limit->TypeName();
      change.kind = ColumnChange::Kind::kAdd;
      change.column = types::Field(column.name, type, !column.not_null);
      if (column.default_value != nullptr) {
        SessionCatalog catalog(database_, current_database_, functions_);
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
    case Action::kRenameTable:
      break;
  }
  // PostgreSQL gives these errors no position.
  BOYO_RETURN_IF_ERROR(database_.AlterTable(resolved->first, resolved->second, change));
  return AlterTag();
}

}  // namespace boyodb::engine
