// UPDATE and DELETE: the target table (its scan also returns row ids) joined with FROM/USING
// and filtered by WHERE, projected to the row ids and, for UPDATE, the rows' new values. The
// engine turns the result into delete bitmaps and new row versions.
#include <algorithm>
#include <map>

#include "common/sqlstate.h"
#include "sql/binder/character_types.h"
#include "sql/binder/decorrelator.h"
#include "sql/binder/query_binder.h"
#include "sql/binder/type_rules.h"

namespace boyodb::sql {

using types::DataType;

Result<LogicalPtr> QueryBinder::BindMutationInput(const ast::QualifiedName& table,
                                                  const std::string& alias,
                                                  const std::vector<ast::TableRefPtr>& from,
                                                  const ast::Expr* where, Scope* scope) {
  ast::BaseTableRef target;
  target.name = table;
  target.alias = alias;
  target.position = table.position;
  std::vector<const ast::TableRef*> items = {&target};
  for (const ast::TableRefPtr& ref : from) items.push_back(ref.get());
  row_id_target_ = &target;
  Result<LogicalPtr> plan = BindFromItems(items, nullptr, scope);
  row_id_target_ = nullptr;
  if (!plan.ok() || where == nullptr) return plan;
  return BindWhere(*where, std::move(plan).value(), *scope);
}

Result<LogicalPtr> QueryBinder::BindDelete(const ast::DeleteStatement& statement,
                                           bool with_values) {
  return WithCommonTables(statement.ctes, statement.recursive, nullptr,
                          [&] { return BindDeleteBody(statement, with_values); });
}

Result<LogicalPtr> QueryBinder::BindDeleteBody(const ast::DeleteStatement& statement,
                                               bool with_values) {
  Scope scope;
  BOYO_ASSIGN_OR_RETURN(LogicalPtr plan,
                        BindMutationInput(statement.table, statement.alias, statement.using_tables,
                                          statement.where.get(), &scope));
  // The target's columns: the table's, then the row id (hidden).
  const std::vector<ScopeColumn>& target = scope.relations().front().columns;
  const ScopeColumn& row_id = target.back();
  std::vector<BoundExprPtr> exprs = {MakeColumn(row_id.index, row_id.type)};
  std::vector<std::string> names = {"ctid"};
  if (with_values) {
    for (size_t i = 0; i + 1 < target.size(); ++i) {
      exprs.push_back(MakeColumn(target[i].index, target[i].type));
      names.push_back(target[i].name);
    }
  }
  return MakeProject(std::move(plan), std::move(exprs), std::move(names));
}

Result<LogicalPtr> QueryBinder::BindReturning(const std::vector<ast::SelectItem>& items,
                                              const TableDescription& table,
                                              const std::string& alias, int32_t* work_table_id) {
  *work_table_id = next_work_table_id_++;
  auto rows = std::make_shared<LogicalOperator>();
  rows->kind = LogicalKind::kWorkTable;
  rows->work_table_id = *work_table_id;
  Scope scope;
  ScopeRelation relation;
  relation.alias = alias.empty() ? table.table : alias;
  for (size_t i = 0; i < table.schema.num_fields(); ++i) {
    const types::Field& field = table.schema.field(i);
    rows->columns.push_back({field.name, field.type()});
    relation.columns.push_back({field.name, field.type(), static_cast<int32_t>(i)});
  }
  scope.AddRelation(std::move(relation));
  std::vector<BoundExprPtr> exprs;
  std::vector<std::string> names;
  std::vector<int32_t> positions;
  ExpressionBinder binder(resolver_, scope, Hooks("RETURNING"));
  for (const ast::SelectItem& item : items) {
    if (item.expr->kind == ast::ExprKind::kStar) {
      BOYO_RETURN_IF_ERROR(ExpandStar(item.expr->As<ast::StarExpr>(), item.expr->position, scope,
                                      &exprs, &names, &positions));
      continue;
    }
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.Bind(*item.expr));
    // A literal of unknown type (a quoted string, NULL) is text, as in a select list.
    if (bound->unknown_literal ||
        (bound->kind == BoundKind::kConstant && bound->type.id() == types::TypeId::kNull)) {
      BOYO_ASSIGN_OR_RETURN(bound, coercer_.Coerce(bound, DataType::String(),
                                                   CastContext::kImplicit, item.expr->position));
    }
    exprs.push_back(std::move(bound));
    names.push_back(item.alias.empty() ? OutputName(*item.expr) : item.alias);
    positions.push_back(item.expr->position);
  }
  // Subqueries in the list are joined in, as in a select list.
  BOYO_ASSIGN_OR_RETURN(LogicalPtr plan,
                        DecorrelateExpressions(std::move(rows), &exprs, resolver_));
  return MakeProject(std::move(plan), std::move(exprs), std::move(names));
}

Result<LogicalPtr> QueryBinder::BindUpdate(const ast::UpdateStatement& statement,
                                           const std::vector<BoundExprPtr>& defaults) {
  return WithCommonTables(statement.ctes, statement.recursive, nullptr,
                          [&] { return BindUpdateBody(statement, defaults); });
}

Result<LogicalPtr> QueryBinder::BindUpdateBody(const ast::UpdateStatement& statement,
                                               const std::vector<BoundExprPtr>& defaults) {
  Scope scope;
  BOYO_ASSIGN_OR_RETURN(LogicalPtr plan,
                        BindMutationInput(statement.table, statement.alias, statement.from,
                                          statement.where.get(), &scope));
  // The target's columns: the table's, then the row id (hidden).
  const std::vector<ScopeColumn>& target = scope.relations().front().columns;
  const size_t num_columns = target.size() - 1;

  BOYO_ASSIGN_OR_RETURN(const TableDescription description, catalog_.FindTable(statement.table));
  BOYO_ASSIGN_OR_RETURN(
      std::vector<BoundExprPtr> assigned,
      BindAssignments(statement.assignments, scope, num_columns, description, defaults, "UPDATE"));
  std::vector<BoundExprPtr> values;
  std::vector<size_t> assigned_to;
  for (size_t i = 0; i < num_columns; ++i) {
    if (assigned[i] == nullptr) continue;
    values.push_back(assigned[i]);
    assigned_to.push_back(i);
  }
  // Correlated subqueries in SET become joins; the input's own columns keep their positions.
  BOYO_ASSIGN_OR_RETURN(plan, DecorrelateExpressions(std::move(plan), &values, resolver_));

  std::vector<BoundExprPtr> exprs = {MakeColumn(target.back().index, target.back().type)};
  std::vector<std::string> names = {"ctid"};
  for (size_t i = 0; i < num_columns; ++i) {
    BoundExprPtr expr = MakeColumn(target[i].index, target[i].type);
    for (size_t k = 0; k < assigned_to.size(); ++k) {
      if (assigned_to[k] == i) expr = values[k];
    }
    exprs.push_back(std::move(expr));
    names.push_back(target[i].name);
  }
  return MakeProject(std::move(plan), std::move(exprs), std::move(names));
}

Result<std::vector<BoundExprPtr>> QueryBinder::BindAssignments(
    const std::vector<ast::UpdateStatement::Assignment>& assignments, const Scope& scope,
    size_t num_columns, const TableDescription& table, const std::vector<BoundExprPtr>& defaults,
    const std::string& clause) {
  const std::vector<ScopeColumn>& target = scope.relations().front().columns;
  std::vector<BoundExprPtr> values(num_columns);
  // The fields of each SET (a, b) = (SELECT ...) subquery, bound once for all its columns.
  std::map<const ast::SubqueryExpr*, std::vector<BoundExprPtr>> row_sources;
  for (const ast::UpdateStatement::Assignment& assignment : assignments) {
    int column = -1;
    for (size_t i = 0; i < num_columns; ++i) {
      if (target[i].name == assignment.column) column = static_cast<int>(i);
    }
    if (column < 0) {
      return Status(StatusCode::kNotFound, sqlstate::kUndefinedColumn,
                    "column \"" + assignment.column + "\" of relation \"" + table.table +
                        "\" does not exist")
          .WithPosition(assignment.position);
    }
    BoundExprPtr& value = values[static_cast<size_t>(column)];
    if (value != nullptr) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                    "multiple assignments to same column \"" + assignment.column + "\"")
          .WithPosition(assignment.position);
    }
    if (assignment.value != nullptr && assignment.value->kind == ast::ExprKind::kDefault &&
        static_cast<size_t>(column) < defaults.size()) {
      value = defaults[static_cast<size_t>(column)];
      continue;
    }
    ExpressionBinder binder(resolver_, scope, Hooks(clause));
    BoundExprPtr bound;
    int32_t value_position = 0;
    if (assignment.row_source != nullptr) {
      const ast::SubqueryExpr* source = assignment.row_source.get();
      auto found = row_sources.find(source);
      if (found == row_sources.end()) {
        BOYO_ASSIGN_OR_RETURN(
            std::vector<BoundExprPtr> fields,
            binder.BindRowSubquery(*source, static_cast<size_t>(assignment.row_width),
                                   source->position,
                                   "number of columns does not match number of values"));
        found = row_sources.emplace(source, std::move(fields)).first;
      }
      bound = found->second[static_cast<size_t>(assignment.row_field)];
      value_position = source->position;
    } else {
      BOYO_ASSIGN_OR_RETURN(bound, binder.Bind(*assignment.value));
      value_position = assignment.value->position;
    }
    const DataType& type = target[static_cast<size_t>(column)].type;
    Result<BoundExprPtr> coerced =
        coercer_.Coerce(bound, type, CastContext::kAssignment, value_position);
    if (!coerced.ok()) {
      if (coerced.status().sqlstate() != sqlstate::kCannotCoerce &&
          coerced.status().sqlstate() != sqlstate::kDatatypeMismatch) {
        return coerced.status();
      }
      return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                    "column \"" + assignment.column + "\" is of type " + PgTypeName(type) +
                        " but expression is of type " + PgTypeName(bound->type))
          .WithPosition(value_position);
    }
    // VARCHAR(n) and CHAR(n) columns take values of their length only.
    BOYO_ASSIGN_OR_RETURN(value, FitToColumn(resolver_, table, assignment.column,
                                             std::move(coerced).value(), assignment.position));
  }
  return values;
}

Result<LogicalPtr> QueryBinder::BindConflictUpdate(const ast::InsertStatement& statement,
                                                   const TableDescription& table,
                                                   const std::vector<BoundExprPtr>& defaults,
                                                   int32_t* work_table_id) {
  const ast::OnConflict& conflict = *statement.on_conflict;
  *work_table_id = next_work_table_id_++;
  auto rows = std::make_shared<LogicalOperator>();
  rows->kind = LogicalKind::kWorkTable;
  rows->work_table_id = *work_table_id;
  const size_t num_columns = table.schema.num_fields();
  Scope scope;
  ScopeRelation existing;
  existing.alias = statement.alias.empty() ? table.table : statement.alias;
  ScopeRelation excluded;
  excluded.alias = "excluded";
  for (size_t i = 0; i < num_columns; ++i) {
    const types::Field& field = table.schema.field(i);
    existing.columns.push_back({field.name, field.type(), static_cast<int32_t>(i)});
    excluded.columns.push_back({field.name, field.type(), static_cast<int32_t>(num_columns + i)});
  }
  for (size_t i = 0; i < 2 * num_columns; ++i) {
    const types::Field& field = table.schema.field(i % num_columns);
    rows->columns.push_back({field.name, field.type()});
  }
  rows->columns.push_back({"ctid", DataType::Int64()});
  scope.AddRelation(std::move(existing));
  scope.AddRelation(std::move(excluded));

  LogicalPtr plan = std::move(rows);
  if (conflict.where != nullptr) {
    ExpressionBinder binder(resolver_, scope, Hooks("WHERE"));
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr condition, binder.BindCondition(*conflict.where));
    auto filter = std::make_shared<LogicalOperator>();
    filter->kind = LogicalKind::kFilter;
    filter->columns = plan->columns;
    filter->condition = std::move(condition);
    filter->children.push_back(std::move(plan));
    plan = std::move(filter);
  }
  BOYO_ASSIGN_OR_RETURN(
      std::vector<BoundExprPtr> assigned,
      BindAssignments(conflict.assignments, scope, num_columns, table, defaults, "UPDATE"));
  std::vector<BoundExprPtr> exprs = {
      MakeColumn(static_cast<int32_t>(2 * num_columns), DataType::Int64())};
  std::vector<std::string> names = {"ctid"};
  for (size_t i = 0; i < num_columns; ++i) {
    const types::Field& field = table.schema.field(i);
    exprs.push_back(assigned[i] != nullptr ? assigned[i]
                                           : MakeColumn(static_cast<int32_t>(i), field.type()));
    names.push_back(field.name);
  }
  // Subqueries in SET or WHERE are joined in.
  BOYO_ASSIGN_OR_RETURN(plan, DecorrelateExpressions(std::move(plan), &exprs, resolver_));
  return MakeProject(std::move(plan), std::move(exprs), std::move(names));
}

}  // namespace boyodb::sql
