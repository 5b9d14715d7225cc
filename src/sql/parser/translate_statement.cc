// Statements other than queries: DDL, DML, session and transaction commands.
#include <algorithm>
#include <cctype>

#include "common/sqlstate.h"
#include "sql/parser/deparse_expression.h"
#include "sql/parser/translator.h"

namespace boyodb::sql::internal {

namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// CREATE TEMP / TEMPORARY (relpersistence 't'); UNLOGGED ('u') makes an ordinary table.
bool IsTemporary(const PgQuery__RangeVar& relation) {
  return relation.relpersistence != nullptr && relation.relpersistence[0] == 't';
}

Result<ast::OnCommit> OnCommitAction(PgQuery__OnCommitAction action, bool temporary,
                                     int32_t location) {
  if (action != PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_DELETE_ROWS &&
      action != PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_DROP) {
    return ast::OnCommit::kPreserveRows;
  }
  if (!temporary) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidTableDefinition,
                  "ON COMMIT can only be used on temporary tables")
        .WithPosition(location < 0 ? 0 : location + 1);
  }
  return action == PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_DROP ? ast::OnCommit::kDrop
                                                             : ast::OnCommit::kDeleteRows;
}

}  // namespace

std::string OptionValue(const PgQuery__Node* node) {
  if (node == nullptr) return "";
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_STRING:
      return node->string->sval;
    case PG_QUERY__NODE__NODE_INTEGER:
      return std::to_string(node->integer->ival);
    case PG_QUERY__NODE__NODE_FLOAT:
      return node->float_->fval;
    case PG_QUERY__NODE__NODE_BOOLEAN:
      return node->boolean->boolval ? "true" : "false";
    case PG_QUERY__NODE__NODE_TYPE_NAME: {
      std::string out;
      for (size_t i = 0; i < node->type_name->n_names; ++i) {
        if (!out.empty()) out += ".";
        out += StringOf(node->type_name->names[i]);
      }
      return out;
    }
    case PG_QUERY__NODE__NODE_A_STAR:
      return "*";
    case PG_QUERY__NODE__NODE_LIST: {
      std::string out;
      for (size_t i = 0; i < node->list->n_items; ++i) {
        if (i > 0) out += ",";
        out += OptionValue(node->list->items[i]);
      }
      return out;
    }
    case PG_QUERY__NODE__NODE_A_CONST: {
      const PgQuery__AConst& constant = *node->a_const;
      if (constant.val_case == PG_QUERY__A__CONST__VAL_IVAL) {
        return std::to_string(constant.ival->ival);
      }
      if (constant.val_case == PG_QUERY__A__CONST__VAL_FVAL) return constant.fval->fval;
      if (constant.val_case == PG_QUERY__A__CONST__VAL_SVAL) return constant.sval->sval;
      if (constant.val_case == PG_QUERY__A__CONST__VAL_BOOLVAL) {
        return constant.boolval->boolval ? "true" : "false";
      }
      return "";
    }
    default:
      return "";
  }
}

namespace {

// The modes of BEGIN and SET TRANSACTION, which the grammar gives as options named
// transaction_isolation ('serializable'), transaction_read_only and transaction_deferrable
// (1 or 0).
void ReadTransactionModes(const std::vector<ast::Option>& options, ast::TransactionStatement* out) {
  for (const ast::Option& option : options) {
    const bool on = option.value == "1" || option.value == "true";
    if (option.name == "transaction_isolation") {
      out->isolation = Lower(option.value);
    } else if (option.name == "transaction_read_only") {
      out->read_only = on;
    } else if (option.name == "transaction_deferrable") {
      out->deferrable = on;
    }
  }
}

}  // namespace

Result<std::vector<ast::Option>> Translator::Options(PgQuery__Node** nodes, size_t count) {
  std::vector<ast::Option> out;
  for (size_t i = 0; i < count; ++i) {
    if (nodes[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) {
      return Unsupported("option " + NodeName(*nodes[i]), -1);
    }
    const PgQuery__DefElem& element = *nodes[i]->def_elem;
    ast::Option option;
    option.name = Lower(element.defname);
    option.value = OptionValue(element.arg);
    // A bare option (HEADER) means true.
    if (element.arg == nullptr) option.value = "true";
    option.position = Position(element.location);
    out.push_back(std::move(option));
  }
  return out;
}

Result<ast::ColumnDefinition> Translator::Column(const PgQuery__ColumnDef& column) {
  ast::ColumnDefinition out;
  out.name = column.colname;
  out.position = Position(column.location);
  if (column.type_name == nullptr) return SyntaxError("column needs a type", column.location);
  BOYO_ASSIGN_OR_RETURN(out.type, Type(*column.type_name));
  out.not_null = column.is_not_null;
  if (column.raw_default != nullptr) {
    BOYO_ASSIGN_OR_RETURN(out.default_value, Expr(column.raw_default));
    BOYO_ASSIGN_OR_RETURN(out.default_text, DeparseExpression(column.raw_default));
  }
  for (size_t i = 0; i < column.n_constraints; ++i) {
    const PgQuery__Constraint& constraint = *column.constraints[i]->constraint;
    switch (constraint.contype) {
      case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
        out.not_null = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
        out.not_null = false;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
        out.primary_key = true;
        out.not_null = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
        out.unique = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT: {
        BOYO_ASSIGN_OR_RETURN(out.default_value, Expr(constraint.raw_expr));
        BOYO_ASSIGN_OR_RETURN(out.default_text, DeparseExpression(constraint.raw_expr));
        break;
      }
      case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY: {
        out.identity = std::string_view(constraint.generated_when) == "a"
                           ? ast::ColumnDefinition::Identity::kAlways
                           : ast::ColumnDefinition::Identity::kByDefault;
        BOYO_ASSIGN_OR_RETURN(out.identity_options,
                              SequenceOptions(constraint.options, constraint.n_options));
        break;
      }
      case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: {
        BOYO_ASSIGN_OR_RETURN(ast::CheckConstraintDefinition check, Check(constraint));
        out.checks.push_back(std::move(check));
        break;
      }
      default:
        return Unsupported("this column constraint", constraint.location);
    }
  }
  if (out.identity != ast::ColumnDefinition::Identity::kNone && out.default_value != nullptr) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "both default and identity specified for column \"" + out.name + "\"")
        .WithPosition(out.position);
  }
  return out;
}

Result<ast::Statement> Translator::CreateTable(const PgQuery__CreateStmt& create) {
  ast::Statement statement;
  statement.kind = ast::StatementKind::kCreateTable;
  auto out = std::make_unique<ast::CreateTableStatement>();
  BOYO_ASSIGN_OR_RETURN(out->name, Name(*create.relation));
  out->if_not_exists = create.if_not_exists;
  out->temporary = IsTemporary(*create.relation);
  BOYO_ASSIGN_OR_RETURN(out->on_commit,
                        OnCommitAction(create.oncommit, out->temporary, create.relation->location));
  if (create.n_inh_relations != 0 || create.partspec != nullptr || create.partbound != nullptr ||
      create.of_typename != nullptr) {
    return Unsupported("inheritance and partitioning clauses", create.relation->location);
  }
  for (size_t i = 0; i < create.n_table_elts; ++i) {
    const PgQuery__Node* element = create.table_elts[i];
    if (element->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
      BOYO_ASSIGN_OR_RETURN(ast::ColumnDefinition column, Column(*element->column_def));
      for (size_t c = 0; c < element->column_def->n_constraints; ++c) {
        const PgQuery__Constraint& constraint = *element->column_def->constraints[c]->constraint;
        if (constraint.contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY ||
            constraint.contype == PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE) {
          out->keys.push_back({constraint.conname != nullptr ? constraint.conname : "",
                               {column.name},
                               constraint.contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY,
                               Position(constraint.location)});
        }
      }
      // Column and table CHECKs are one list in written order, as PostgreSQL names them.
      for (ast::CheckConstraintDefinition& check : column.checks) {
        out->checks.push_back(std::move(check));
      }
      column.checks.clear();
      out->columns.push_back(std::move(column));
    } else if (element->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
      const PgQuery__Constraint& constraint = *element->constraint;
      if (constraint.contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY ||
          constraint.contype == PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE) {
        std::vector<std::string> keys;
        for (size_t k = 0; k < constraint.n_keys; ++k) keys.push_back(StringOf(constraint.keys[k]));
        if (constraint.contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY) out->primary_key = keys;
        out->keys.push_back({constraint.conname != nullptr ? constraint.conname : "",
                             std::move(keys),
                             constraint.contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY,
                             Position(constraint.location)});
      } else if (constraint.contype == PG_QUERY__CONSTR_TYPE__CONSTR_CHECK) {
        BOYO_ASSIGN_OR_RETURN(ast::CheckConstraintDefinition check, Check(constraint));
        out->checks.push_back(std::move(check));
      } else {
        return Unsupported("this table constraint", constraint.location);
      }
    } else {
      return Unsupported("table element " + NodeName(*element), -1);
    }
  }
  BOYO_ASSIGN_OR_RETURN(out->options, Options(create.options, create.n_options));
  statement.create_table = std::move(out);
  return statement;
}

Result<ast::Statement> Translator::CreateTableAs(const PgQuery__CreateTableAsStmt& create) {
  if (create.objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
    return Unsupported("materialized views", -1);
  }
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<ast::SelectStatement> query, Query(create.query));
  BOYO_ASSIGN_OR_RETURN(ast::Statement statement, TableFromQuery(*create.into, std::move(query)));
  statement.create_table->if_not_exists = create.if_not_exists;
  return statement;
}

Result<ast::Statement> Translator::SelectInto(const PgQuery__SelectStmt& select) {
  // SELECT ... INTO t is CREATE TABLE t AS SELECT ...
  PgQuery__SelectStmt query = select;
  query.into_clause = nullptr;
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<ast::SelectStatement> translated, Select(query));
  return TableFromQuery(*select.into_clause, std::move(translated));
}

Result<ast::Statement> Translator::TableFromQuery(const PgQuery__IntoClause& into,
                                                  std::unique_ptr<ast::SelectStatement> query) {
  ast::Statement statement;
  statement.kind = ast::StatementKind::kCreateTable;
  auto out = std::make_unique<ast::CreateTableStatement>();
  BOYO_ASSIGN_OR_RETURN(out->name, Name(*into.rel));
  out->temporary = IsTemporary(*into.rel);
  BOYO_ASSIGN_OR_RETURN(out->on_commit,
                        OnCommitAction(into.on_commit, out->temporary, into.rel->location));
  BOYO_ASSIGN_OR_RETURN(out->options, Options(into.options, into.n_options));
  for (size_t i = 0; i < into.n_col_names; ++i) {
    ast::ColumnDefinition column;
    column.name = StringOf(into.col_names[i]);
    out->columns.push_back(std::move(column));
  }
  out->as_query = std::move(query);
  out->with_no_data = into.skip_data;
  statement.create_table = std::move(out);
  return statement;
}

Result<ast::Statement> Translator::Drop(const PgQuery__DropStmt& drop) {
  ast::Statement statement;
  statement.kind = ast::StatementKind::kDrop;
  auto out = std::make_unique<ast::DropStatement>();
  switch (drop.remove_type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      out->object = ast::ObjectKind::kTable;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
      out->object = ast::ObjectKind::kView;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
      out->object = ast::ObjectKind::kIndex;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
      out->object = ast::ObjectKind::kSchema;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
      out->object = ast::ObjectKind::kSequence;
      break;
    default:
      return Unsupported("DROP of this kind of object", -1);
  }
  out->if_exists = drop.missing_ok;
  out->cascade = drop.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < drop.n_objects; ++i) {
    const PgQuery__Node* object = drop.objects[i];
    ast::QualifiedName name;
    // Tables, views and indexes are lists of names; a schema is a bare String.
    if (object->node_case == PG_QUERY__NODE__NODE_LIST) {
      for (size_t k = 0; k < object->list->n_items; ++k) {
        name.parts.push_back(StringOf(object->list->items[k]));
      }
    } else {
      name.parts.push_back(StringOf(object));
    }
    out->names.push_back(std::move(name));
  }
  statement.drop = std::move(out);
  return statement;
}

Result<ast::Statement> Translator::Insert(const PgQuery__InsertStmt& insert) {
  ast::Statement statement;
  statement.kind = ast::StatementKind::kInsert;
  auto out = std::make_unique<ast::InsertStatement>();
  BOYO_ASSIGN_OR_RETURN(out->table, Name(*insert.relation));
  if (insert.relation->alias != nullptr) out->alias = insert.relation->alias->aliasname;
  if (insert.on_conflict_clause != nullptr) {
    BOYO_ASSIGN_OR_RETURN(out->on_conflict, OnConflict(*insert.on_conflict_clause));
  }
  for (size_t i = 0; i < insert.n_cols; ++i) {
    const PgQuery__ResTarget& target = *insert.cols[i]->res_target;
    if (target.n_indirection != 0) return Unsupported("subscripts in INSERT", target.location);
    out->columns.push_back(target.name);
  }
  if (insert.select_stmt != nullptr) {
    BOYO_ASSIGN_OR_RETURN(out->source, Query(insert.select_stmt));
  }
  if (insert.with_clause != nullptr && out->source != nullptr) {
    // WITH ... INSERT: the source query sees the WITH queries, as if they were its own.
    std::vector<ast::CommonTableExpr> ctes;
    BOYO_RETURN_IF_ERROR(With(*insert.with_clause, &ctes));
    ast::SelectStatement& source = *out->source;
    if (!source.ctes.empty()) {
      if (source.recursive != insert.with_clause->recursive) {
        return Unsupported("WITH before INSERT and WITH RECURSIVE in its query, or the reverse",
                           insert.with_clause->location);
      }
      for (const ast::CommonTableExpr& inner : source.ctes) {
        for (const ast::CommonTableExpr& outer : ctes) {
          if (inner.name == outer.name) {
            return Unsupported("a WITH query of INSERT's query that hides one before INSERT",
                               insert.with_clause->location);
          }
        }
      }
    }
    source.recursive = insert.with_clause->recursive;
    for (ast::CommonTableExpr& inner : source.ctes) ctes.push_back(std::move(inner));
    source.ctes = std::move(ctes);
  }
  BOYO_ASSIGN_OR_RETURN(out->returning, Targets(insert.returning_list, insert.n_returning_list));
  if (insert.override == PG_QUERY__OVERRIDING_KIND__OVERRIDING_USER_VALUE) {
    return Unsupported("OVERRIDING USER VALUE", -1);
  }
  out->overriding_system_value =
      insert.override == PG_QUERY__OVERRIDING_KIND__OVERRIDING_SYSTEM_VALUE;
  statement.insert = std::move(out);
  return statement;
}

Result<std::vector<ast::UpdateStatement::Assignment>> Translator::Assignments(
    PgQuery__Node** targets, size_t count) {
  std::vector<ast::UpdateStatement::Assignment> out;
  // SET (a, b) = source: every column of the group carries a copy of the source; a subquery is
  // translated once for the group.
  std::shared_ptr<const ast::SubqueryExpr> row_source;
  for (size_t i = 0; i < count; ++i) {
    const PgQuery__ResTarget& target = *targets[i]->res_target;
    if (target.n_indirection != 0) return Unsupported("subscripts in UPDATE", target.location);
    ast::UpdateStatement::Assignment assignment;
    assignment.column = target.name;
    assignment.position = Position(target.location);
    if (target.val != nullptr && target.val->node_case == PG_QUERY__NODE__NODE_MULTI_ASSIGN_REF) {
      const PgQuery__MultiAssignRef& multi = *target.val->multi_assign_ref;
      const PgQuery__Node* source = multi.source;
      const int32_t field = multi.colno - 1;
      if (source->node_case == PG_QUERY__NODE__NODE_ROW_EXPR) {
        // (a, b) = (1, 2) or ROW(1, 2): each column takes its field.
        const PgQuery__RowExpr& row = *source->row_expr;
        if (row.n_args != static_cast<size_t>(multi.ncolumns)) {
          return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                        "number of columns does not match number of values")
              .WithPosition(Position(row.location));
        }
        BOYO_ASSIGN_OR_RETURN(assignment.value, Expr(row.args[field]));
      } else if (source->node_case == PG_QUERY__NODE__NODE_SUB_LINK) {
        if (field == 0 || row_source == nullptr) {
          BOYO_ASSIGN_OR_RETURN(ast::ExprPtr subquery, Expr(source));
          if (subquery->kind != ast::ExprKind::kSubquery) {
            return Unsupported("this source of (a, b) = ...", target.location);
          }
          auto* owned = static_cast<ast::SubqueryExpr*>(subquery.release());
          owned->form = ast::SubqueryExpr::Form::kScalar;
          row_source.reset(owned);
        }
        assignment.row_source = row_source;
        assignment.row_field = field;
        assignment.row_width = multi.ncolumns;
      } else {
        return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() "
                      "expression")
            .WithPosition(Position(target.location));
      }
      out.push_back(std::move(assignment));
      continue;
    }
    BOYO_ASSIGN_OR_RETURN(assignment.value, Expr(target.val));
    out.push_back(std::move(assignment));
  }
  return out;
}

Result<std::unique_ptr<ast::OnConflict>> Translator::OnConflict(
    const PgQuery__OnConflictClause& clause) {
  auto out = std::make_unique<ast::OnConflict>();
  out->position = Position(clause.location);
  out->action = clause.action == PG_QUERY__ON_CONFLICT_ACTION__ONCONFLICT_UPDATE
                    ? ast::OnConflict::Action::kUpdate
                    : ast::OnConflict::Action::kNothing;
  if (clause.infer != nullptr) {
    const PgQuery__InferClause& infer = *clause.infer;
    if (infer.where_clause != nullptr) {
      return Unsupported("ON CONFLICT with a WHERE on the conflict target", infer.location);
    }
    if (infer.conname != nullptr && infer.conname[0] != '\0') out->constraint = infer.conname;
    for (size_t i = 0; i < infer.n_index_elems; ++i) {
      const PgQuery__IndexElem& element = *infer.index_elems[i]->index_elem;
      if (element.name == nullptr || element.name[0] == '\0') {
        return Unsupported("an expression as ON CONFLICT target", infer.location);
      }
      out->target_columns.push_back(element.name);
    }
  }
  BOYO_ASSIGN_OR_RETURN(out->assignments, Assignments(clause.target_list, clause.n_target_list));
  if (clause.where_clause != nullptr) {
    BOYO_ASSIGN_OR_RETURN(out->where, Expr(clause.where_clause));
  }
  return out;
}

Result<ast::Statement> Translator::Update(const PgQuery__UpdateStmt& update) {
  ast::Statement statement;
  statement.kind = ast::StatementKind::kUpdate;
  auto out = std::make_unique<ast::UpdateStatement>();
  BOYO_ASSIGN_OR_RETURN(out->table, Name(*update.relation));
  if (update.relation->alias != nullptr) out->alias = update.relation->alias->aliasname;
  if (update.with_clause != nullptr) {
    out->recursive = update.with_clause->recursive;
    BOYO_RETURN_IF_ERROR(With(*update.with_clause, &out->ctes));
  }
  BOYO_ASSIGN_OR_RETURN(out->assignments, Assignments(update.target_list, update.n_target_list));
  for (size_t i = 0; i < update.n_from_clause; ++i) {
    BOYO_ASSIGN_OR_RETURN(ast::TableRefPtr item, FromItem(*update.from_clause[i]));
    out->from.push_back(std::move(item));
  }
  if (update.where_clause != nullptr) {
    BOYO_ASSIGN_OR_RETURN(out->where, Expr(update.where_clause));
  }
  BOYO_ASSIGN_OR_RETURN(out->returning, Targets(update.returning_list, update.n_returning_list));
  statement.update = std::move(out);
  return statement;
}

Result<ast::Statement> Translator::Delete(const PgQuery__DeleteStmt& del) {
  ast::Statement statement;
  statement.kind = ast::StatementKind::kDelete;
  auto out = std::make_unique<ast::DeleteStatement>();
  BOYO_ASSIGN_OR_RETURN(out->table, Name(*del.relation));
  if (del.relation->alias != nullptr) out->alias = del.relation->alias->aliasname;
  if (del.with_clause != nullptr) {
    out->recursive = del.with_clause->recursive;
    BOYO_RETURN_IF_ERROR(With(*del.with_clause, &out->ctes));
  }
  for (size_t i = 0; i < del.n_using_clause; ++i) {
    BOYO_ASSIGN_OR_RETURN(ast::TableRefPtr item, FromItem(*del.using_clause[i]));
    out->using_tables.push_back(std::move(item));
  }
  if (del.where_clause != nullptr) {
    BOYO_ASSIGN_OR_RETURN(out->where, Expr(del.where_clause));
  }
  BOYO_ASSIGN_OR_RETURN(out->returning, Targets(del.returning_list, del.n_returning_list));
  statement.delete_ = std::move(out);
  return statement;
}

Result<ast::Statement> Translator::CreateIndex(const PgQuery__IndexStmt& index) {
  ast::Statement statement;
  statement.kind = ast::StatementKind::kCreateIndex;
  auto out = std::make_unique<ast::CreateIndexStatement>();
  out->name = index.idxname != nullptr ? index.idxname : "";
  BOYO_ASSIGN_OR_RETURN(out->table, Name(*index.relation));
  out->method = index.access_method != nullptr ? Lower(index.access_method) : "";
  out->unique = index.unique;
  out->if_not_exists = index.if_not_exists;
  if (index.where_clause != nullptr) return Unsupported("partial indexes", -1);
  for (size_t i = 0; i < index.n_index_params; ++i) {
    const PgQuery__IndexElem& element = *index.index_params[i]->index_elem;
    ast::OrderItem item;
    if (element.name != nullptr && element.name[0] != '\0') {
      auto column = std::make_unique<ast::ColumnExpr>(0);
      column->parts.push_back(element.name);
      item.expr = std::move(column);
    } else {
      BOYO_ASSIGN_OR_RETURN(item.expr, Expr(element.expr));
    }
    if (element.ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC) {
      item.direction = ast::SortDirection::kDescending;
    }
    out->columns.push_back(std::move(item));
  }
  BOYO_ASSIGN_OR_RETURN(out->options, Options(index.options, index.n_options));
  statement.create_index = std::move(out);
  return statement;
}

Result<ast::Statement> Translator::CreateSequence(const PgQuery__CreateSeqStmt& create) {
  ast::Statement statement;
  statement.kind = ast::StatementKind::kCreateSequence;
  auto out = std::make_unique<ast::CreateSequenceStatement>();
  BOYO_ASSIGN_OR_RETURN(out->name, Name(*create.sequence));
  out->temporary = IsTemporary(*create.sequence);
  out->if_not_exists = create.if_not_exists;
  BOYO_ASSIGN_OR_RETURN(out->options, SequenceOptions(create.options, create.n_options));
  statement.create_sequence = std::move(out);
  return statement;
}

Result<std::vector<ast::Option>> Translator::SequenceOptions(PgQuery__Node** options,
                                                             size_t count) {
  std::vector<ast::Option> out;
  for (size_t i = 0; i < count; ++i) {
    const PgQuery__Node* node = options[i];
    if (node->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) {
      return Unsupported("option " + NodeName(*node), -1);
    }
    const PgQuery__DefElem& element = *node->def_elem;
    // NO MINVALUE / NO MAXVALUE come without an argument, and so does a bare CYCLE.
    ast::Option option;
    option.name = Lower(element.defname);
    option.value = OptionValue(element.arg);
    if (element.arg == nullptr && option.name == "cycle") option.value = "true";
    option.position = Position(element.location);
    out.push_back(std::move(option));
  }
  return out;
}

Result<ast::Statement> Translator::CreateView(const PgQuery__ViewStmt& view) {
  ast::Statement statement;
  statement.kind = ast::StatementKind::kCreateView;
  auto out = std::make_unique<ast::CreateViewStatement>();
  BOYO_ASSIGN_OR_RETURN(out->name, Name(*view.view));
  out->temporary = IsTemporary(*view.view);
  out->or_replace = view.replace;
  for (size_t i = 0; i < view.n_aliases; ++i)
    out->column_names.push_back(StringOf(view.aliases[i]));
  BOYO_ASSIGN_OR_RETURN(out->query, Query(view.query));
  statement.create_view = std::move(out);
  return statement;
}

Result<ast::Statement> Translator::Copy(const PgQuery__CopyStmt& copy) {
  if (copy.is_program) return Unsupported("COPY ... PROGRAM", -1);
  if (copy.where_clause != nullptr) return Unsupported("COPY ... WHERE", -1);
  ast::Statement statement;
  statement.kind = ast::StatementKind::kCopy;
  auto out = std::make_unique<ast::CopyStatement>();
  if (copy.relation != nullptr) {
    BOYO_ASSIGN_OR_RETURN(out->table, Name(*copy.relation));
  }
  if (copy.query != nullptr) {
    BOYO_ASSIGN_OR_RETURN(out->query, Query(copy.query));
  }
  for (size_t i = 0; i < copy.n_attlist; ++i) out->columns.push_back(StringOf(copy.attlist[i]));
  out->from = copy.is_from;
  out->file = copy.filename != nullptr ? copy.filename : "";
  BOYO_ASSIGN_OR_RETURN(out->options, Options(copy.options, copy.n_options));
  statement.copy = std::move(out);
  return statement;
}

Result<ast::Statement> Translator::Set(const PgQuery__VariableSetStmt& set) {
  ast::Statement statement;
  statement.kind = ast::StatementKind::kSet;
  auto out = std::make_unique<ast::SetStatement>();
  out->name = set.name != nullptr ? Lower(set.name) : "";
  out->local = set.is_local;
  switch (set.kind) {
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE:
      for (size_t i = 0; i < set.n_args; ++i) out->values.push_back(OptionValue(set.args[i]));
      break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT:
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET:
      out->reset = true;
      break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL:
      out->reset = true;
      out->name = "all";
      break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_MULTI:
      // SET TRANSACTION ... and SET TIME ZONE arrive here; keep the name PostgreSQL gives.
      if (out->name == "transaction" || out->name == "session characteristics") {
        statement.kind = ast::StatementKind::kTransaction;
        statement.transaction = std::make_unique<ast::TransactionStatement>();
        statement.transaction->action = out->name == "transaction"
                                            ? ast::TransactionAction::kSetCurrent
                                            : ast::TransactionAction::kSetSession;
        BOYO_ASSIGN_OR_RETURN(const std::vector<ast::Option> modes, Options(set.args, set.n_args));
        ReadTransactionModes(modes, statement.transaction.get());
        return statement;
      }
      for (size_t i = 0; i < set.n_args; ++i) out->values.push_back(OptionValue(set.args[i]));
      break;
    default:
      return Unsupported("this form of SET", -1);
  }
  statement.set = std::move(out);
  return statement;
}

Result<ast::Statement> Translator::Explain(const PgQuery__ExplainStmt& explain) {
  ast::Statement statement;
  statement.kind = ast::StatementKind::kExplain;
  auto out = std::make_unique<ast::ExplainStatement>();
  BOYO_ASSIGN_OR_RETURN(std::vector<ast::Option> options,
                        Options(explain.options, explain.n_options));
  for (const ast::Option& option : options) {
    const bool on = option.value != "false" && option.value != "off" && option.value != "0";
    if (option.name == "analyze") {
      out->analyze = on;
    } else if (option.name == "verbose") {
      out->verbose = on;
    } else if (option.name != "costs" && option.name != "format" && option.name != "timing" &&
               option.name != "buffers" && option.name != "summary") {
      return SyntaxError("unrecognized EXPLAIN option \"" + option.name + "\"",
                         option.position - 1);
    }
  }
  BOYO_ASSIGN_OR_RETURN(out->statement, TranslateStatement(*explain.query));
  statement.explain = std::move(out);
  return statement;
}

Result<ast::Statement> Translator::Prepare(const PgQuery__PrepareStmt& prepare) {
  ast::Statement statement;
  statement.kind = ast::StatementKind::kPrepare;
  auto out = std::make_unique<ast::PrepareStatement>();
  out->name = prepare.name;
  for (size_t i = 0; i < prepare.n_argtypes; ++i) {
    BOYO_ASSIGN_OR_RETURN(ast::TypeName type, Type(*prepare.argtypes[i]->type_name));
    out->parameter_types.push_back(std::move(type));
  }
  BOYO_ASSIGN_OR_RETURN(ast::Statement inner, TranslateStatement(*prepare.query));
  out->statement = std::make_unique<ast::Statement>(std::move(inner));
  statement.prepare = std::move(out);
  return statement;
}

Result<ast::Statement> Translator::TranslateStatement(const PgQuery__Node& node) {
  ast::Statement statement;
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_SELECT_STMT: {
      if (node.select_stmt->into_clause != nullptr) return SelectInto(*node.select_stmt);
      statement.kind = ast::StatementKind::kSelect;
      BOYO_ASSIGN_OR_RETURN(statement.select, Select(*node.select_stmt));
      return statement;
    }
    case PG_QUERY__NODE__NODE_CREATE_STMT:
      return CreateTable(*node.create_stmt);
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
      return CreateTableAs(*node.create_table_as_stmt);
    case PG_QUERY__NODE__NODE_DROP_STMT:
      return Drop(*node.drop_stmt);
    case PG_QUERY__NODE__NODE_INSERT_STMT:
      return Insert(*node.insert_stmt);
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
      return Update(*node.update_stmt);
    case PG_QUERY__NODE__NODE_DELETE_STMT:
      return Delete(*node.delete_stmt);
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
      return AlterTable(*node.alter_table_stmt);
    case PG_QUERY__NODE__NODE_RENAME_STMT:
      return Rename(*node.rename_stmt);
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      return CreateIndex(*node.index_stmt);
    case PG_QUERY__NODE__NODE_VIEW_STMT:
      return CreateView(*node.view_stmt);
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
      return CreateSequence(*node.create_seq_stmt);
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT:
      return CreateRole(*node.create_role_stmt);
    case PG_QUERY__NODE__NODE_ALTER_ROLE_STMT:
      return AlterRole(*node.alter_role_stmt);
    case PG_QUERY__NODE__NODE_DROP_ROLE_STMT:
      return DropRole(*node.drop_role_stmt);
    case PG_QUERY__NODE__NODE_GRANT_ROLE_STMT:
      return GrantRole(*node.grant_role_stmt);
    case PG_QUERY__NODE__NODE_GRANT_STMT:
      return GrantPrivileges(*node.grant_stmt);
    case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT:
      return AlterSequence(*node.alter_seq_stmt);
    case PG_QUERY__NODE__NODE_COPY_STMT:
      return Copy(*node.copy_stmt);
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
      return Set(*node.variable_set_stmt);
    case PG_QUERY__NODE__NODE_EXPLAIN_STMT:
      return Explain(*node.explain_stmt);
    case PG_QUERY__NODE__NODE_PREPARE_STMT:
      return Prepare(*node.prepare_stmt);
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT: {
      statement.kind = ast::StatementKind::kTruncate;
      statement.truncate = std::make_unique<ast::TruncateStatement>();
      const PgQuery__TruncateStmt& truncate = *node.truncate_stmt;
      for (size_t i = 0; i < truncate.n_relations; ++i) {
        BOYO_ASSIGN_OR_RETURN(ast::QualifiedName name, Name(*truncate.relations[i]->range_var));
        statement.truncate->tables.push_back(std::move(name));
      }
      return statement;
    }
    case PG_QUERY__NODE__NODE_CREATEDB_STMT: {
      statement.kind = ast::StatementKind::kCreateDatabase;
      statement.create_database = std::make_unique<ast::CreateDatabaseStatement>();
      statement.create_database->name = node.createdb_stmt->dbname;
      return statement;
    }
    case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT: {
      const PgQuery__CreateSchemaStmt& create = *node.create_schema_stmt;
      if (create.n_schema_elts != 0 || create.schemaname == nullptr) {
        return Unsupported("this form of CREATE SCHEMA", -1);
      }
      statement.kind = ast::StatementKind::kCreateDatabase;
      statement.create_database = std::make_unique<ast::CreateDatabaseStatement>();
      statement.create_database->name = create.schemaname;
      statement.create_database->if_not_exists = create.if_not_exists;
      statement.create_database->schema = true;
      return statement;
    }
    case PG_QUERY__NODE__NODE_DROPDB_STMT: {
      statement.kind = ast::StatementKind::kDrop;
      statement.drop = std::make_unique<ast::DropStatement>();
      statement.drop->object = ast::ObjectKind::kDatabase;
      statement.drop->if_exists = node.dropdb_stmt->missing_ok;
      ast::QualifiedName name;
      name.parts.push_back(node.dropdb_stmt->dbname);
      statement.drop->names.push_back(std::move(name));
      return statement;
    }
    case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT: {
      statement.kind = ast::StatementKind::kShow;
      statement.show = std::make_unique<ast::ShowStatement>();
      statement.show->name = Lower(node.variable_show_stmt->name);
      return statement;
    }
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT: {
      statement.kind = ast::StatementKind::kTransaction;
      statement.transaction = std::make_unique<ast::TransactionStatement>();
      switch (node.transaction_stmt->kind) {
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START: {
          statement.transaction->action = ast::TransactionAction::kBegin;
          BOYO_ASSIGN_OR_RETURN(
              const std::vector<ast::Option> modes,
              Options(node.transaction_stmt->options, node.transaction_stmt->n_options));
          ReadTransactionModes(modes, statement.transaction.get());
          break;
        }
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
          statement.transaction->action = ast::TransactionAction::kCommit;
          break;
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
          statement.transaction->action = ast::TransactionAction::kRollback;
          break;
        default:
          return Unsupported("savepoints and two-phase commit", -1);
      }
      return statement;
    }
    case PG_QUERY__NODE__NODE_EXECUTE_STMT: {
      statement.kind = ast::StatementKind::kExecute;
      statement.execute = std::make_unique<ast::ExecuteStatement>();
      statement.execute->name = node.execute_stmt->name;
      BOYO_ASSIGN_OR_RETURN(statement.execute->parameters,
                            ExprList(node.execute_stmt->params, node.execute_stmt->n_params));
      return statement;
    }
    case PG_QUERY__NODE__NODE_DEALLOCATE_STMT: {
      statement.kind = ast::StatementKind::kDeallocate;
      statement.deallocate = std::make_unique<ast::DeallocateStatement>();
      if (node.deallocate_stmt->name != nullptr) {
        statement.deallocate->name = node.deallocate_stmt->name;
      }
      return statement;
    }
    default:
      return Unsupported("statement " + NodeName(node), -1);
  }
}

}  // namespace boyodb::sql::internal

namespace boyodb::sql::ast {
PrepareStatement::~PrepareStatement() = default;
Statement::Statement() = default;
Statement::~Statement() = default;
Statement::Statement(Statement&&) noexcept = default;
Statement& Statement::operator=(Statement&&) noexcept = default;
}  // namespace boyodb::sql::ast
