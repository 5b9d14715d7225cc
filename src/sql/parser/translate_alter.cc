// ALTER TABLE (columns, CHECK constraints, identity columns), RENAME and ALTER SEQUENCE.
#include "common/sqlstate.h"
#include "sql/parser/deparse_expression.h"
#include "sql/parser/translator.h"

namespace boyodb::sql::internal {

namespace {

using Action = ast::AlterTableStatement::Action;

// PostgreSQL's codes for SET GENERATED ALWAYS / BY DEFAULT (ATTRIBUTE_IDENTITY_*).
constexpr int kIdentityAlways = 'a';
constexpr int kIdentityByDefault = 'd';

}  // namespace

Result<ast::CheckConstraintDefinition> Translator::Check(const PgQuery__Constraint& constraint) {
  ast::CheckConstraintDefinition out;
  out.name = constraint.conname != nullptr ? constraint.conname : "";
  out.position = Position(constraint.location);
  if (constraint.raw_expr == nullptr) return SyntaxError("CHECK needs an expression", -1);
  BOYO_ASSIGN_OR_RETURN(out.expr, Expr(constraint.raw_expr));
  BOYO_ASSIGN_OR_RETURN(out.text, DeparseExpression(constraint.raw_expr));
  // NO INHERIT changes nothing without table inheritance; NOT VALID on CREATE TABLE is
  // ignored by PostgreSQL too (the new table has no rows), and ALTER TABLE refuses it.
  return out;
}

Result<ast::Statement> Translator::AlterTable(const PgQuery__AlterTableStmt& alter) {
  if (alter.objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
    return Unsupported("ALTER of this kind of object", alter.relation->location);
  }
  if (alter.n_cmds != 1) {
    return Unsupported("several actions in one ALTER TABLE", alter.relation->location);
  }
  ast::Statement statement;
  statement.kind = ast::StatementKind::kAlterTable;
  auto out = std::make_unique<ast::AlterTableStatement>();
  BOYO_ASSIGN_OR_RETURN(out->table, Name(*alter.relation));
  out->if_exists = alter.missing_ok;
  const PgQuery__AlterTableCmd& command = *alter.cmds[0]->alter_table_cmd;
  switch (command.subtype) {
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn: {
      out->action = Action::kAddColumn;
      BOYO_ASSIGN_OR_RETURN(out->column, Column(*command.def->column_def));
      out->if_column_exists = command.missing_ok;
      break;
    }
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
      out->action = Action::kDropColumn;
      out->old_name = command.name;
      out->if_column_exists = command.missing_ok;
      break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint: {
      if (command.def == nullptr || command.def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) {
        return Unsupported("this ALTER TABLE action", alter.relation->location);
      }
      const PgQuery__Constraint& constraint = *command.def->constraint;
      if (constraint.contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN) {
        return Unsupported("FOREIGN KEY constraints", constraint.location);
      }
      if (constraint.contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK) {
        return Unsupported("ADD CONSTRAINT of this kind (only CHECK)", constraint.location);
      }
      if (constraint.skip_validation) {
        return Unsupported("NOT VALID constraints", constraint.location);
      }
      out->action = Action::kAddConstraint;
      BOYO_ASSIGN_OR_RETURN(out->check, Check(constraint));
      break;
    }
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
      out->action = Action::kDropConstraint;
      out->old_name = command.name;
      out->if_column_exists = command.missing_ok;
      break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetIdentity: {
      out->action = Action::kSetIdentity;
      out->old_name = command.name;
      if (command.def == nullptr || command.def->node_case != PG_QUERY__NODE__NODE_LIST) {
        return Unsupported("this identity column change", alter.relation->location);
      }
      BOYO_ASSIGN_OR_RETURN(out->identity_options,
                            SequenceOptions(command.def->list->items, command.def->list->n_items));
      for (ast::Option& option : out->identity_options) {
        if (option.name != "generated") continue;
        if (option.value == std::to_string(kIdentityAlways)) {
          option.value = "always";
        } else if (option.value == std::to_string(kIdentityByDefault)) {
          option.value = "by default";
        }
      }
      break;
    }
    default:
      return Unsupported("this ALTER TABLE action", alter.relation->location);
  }
  statement.alter_table = std::move(out);
  return statement;
}

Result<ast::Statement> Translator::Rename(const PgQuery__RenameStmt& rename) {
  ast::Statement statement;
  statement.kind = ast::StatementKind::kAlterTable;
  auto out = std::make_unique<ast::AlterTableStatement>();
  if (rename.relation == nullptr) return Unsupported("renaming this kind of object", -1);
  BOYO_ASSIGN_OR_RETURN(out->table, Name(*rename.relation));
  out->if_exists = rename.missing_ok;
  out->new_name = rename.newname;
  if (rename.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN) {
    out->action = Action::kRenameColumn;
    out->old_name = rename.subname;
  } else if (rename.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
    out->action = Action::kRenameTable;
  } else {
    return Unsupported("renaming this kind of object", rename.relation->location);
  }
  statement.alter_table = std::move(out);
  return statement;
}

Result<ast::Statement> Translator::AlterSequence(const PgQuery__AlterSeqStmt& alter) {
  ast::Statement statement;
  statement.kind = ast::StatementKind::kAlterSequence;
  auto out = std::make_unique<ast::AlterSequenceStatement>();
  BOYO_ASSIGN_OR_RETURN(out->name, Name(*alter.sequence));
  out->if_exists = alter.missing_ok;
  BOYO_ASSIGN_OR_RETURN(out->options, SequenceOptions(alter.options, alter.n_options));
  statement.alter_sequence = std::move(out);
  return statement;
}

}  // namespace boyodb::sql::internal
