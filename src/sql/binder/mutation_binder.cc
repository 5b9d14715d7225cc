// UPDATE and DELETE: the target table (its scan also returns row ids) joined with FROM/USING
// and filtered by WHERE, projected to the row ids and, for UPDATE, the rows' new values. The
// engine turns the result into delete bitmaps and new row versions.
#include <algorithm>

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
  Scope scope;
  BOYO_ASSIGN_OR_RETURN(LogicalPtr plan,
                        BindMutationInput(statement.table, statement.alias, statement.from,
                                          statement.where.get(), &scope));
  // The target's columns: the table's, then the row id (hidden).
  const std::vector<ScopeColumn>& target = scope.relations().front().columns;
  const size_t num_columns = target.size() - 1;
  const std::string& table_name = statement.table.name();

  // SET: one value per assigned column, bound over the joined input.
  std::vector<int> assigned_to;  // table column of each value
  std::vector<BoundExprPtr> values;
  for (const ast::UpdateStatement::Assignment& assignment : statement.assignments) {
    int column = -1;
    for (size_t i = 0; i < num_columns; ++i) {
      if (target[i].name == assignment.column) column = static_cast<int>(i);
    }
    if (column < 0) {
      return Status(StatusCode::kNotFound, sqlstate::kUndefinedColumn,
                    "column \"" + assignment.column + "\" of relation \"" + table_name +
                        "\" does not exist")
          .WithPosition(assignment.position);
    }
    if (std::find(assigned_to.begin(), assigned_to.end(), column) != assigned_to.end()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                    "multiple assignments to same column \"" + assignment.column + "\"")
          .WithPosition(assignment.position);
    }
    if (assignment.value->kind == ast::ExprKind::kDefault &&
        static_cast<size_t>(column) < defaults.size()) {
      assigned_to.push_back(column);
      values.push_back(defaults[static_cast<size_t>(column)]);
      continue;
    }
    ExpressionBinder binder(resolver_, scope, Hooks("UPDATE"));
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr value, binder.Bind(*assignment.value));
    const DataType& type = target[static_cast<size_t>(column)].type;
    Result<BoundExprPtr> coerced =
        coercer_.Coerce(value, type, CastContext::kAssignment, assignment.value->position);
    if (!coerced.ok()) {
      if (coerced.status().sqlstate() != sqlstate::kCannotCoerce &&
          coerced.status().sqlstate() != sqlstate::kDatatypeMismatch) {
        return coerced.status();
      }
      return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                    "column \"" + assignment.column + "\" is of type " + PgTypeName(type) +
                        " but expression is of type " + PgTypeName(value->type))
          .WithPosition(assignment.value->position);
    }
    assigned_to.push_back(column);
    values.push_back(std::move(coerced).value());
  }
  // VARCHAR(n) and CHAR(n) columns take values of their length only.
  BOYO_ASSIGN_OR_RETURN(const TableDescription description, catalog_.FindTable(statement.table));
  for (size_t k = 0; k < values.size(); ++k) {
    BOYO_ASSIGN_OR_RETURN(
        values[k],
        FitToColumn(resolver_, description, target[static_cast<size_t>(assigned_to[k])].name,
                    std::move(values[k]), statement.assignments[k].position));
  }
  // Correlated subqueries in SET become joins; the input's own columns keep their positions.
  BOYO_ASSIGN_OR_RETURN(plan, DecorrelateExpressions(std::move(plan), &values, resolver_));

  std::vector<BoundExprPtr> exprs = {MakeColumn(target.back().index, target.back().type)};
  std::vector<std::string> names = {"ctid"};
  for (size_t i = 0; i < num_columns; ++i) {
    BoundExprPtr expr = MakeColumn(target[i].index, target[i].type);
    for (size_t k = 0; k < assigned_to.size(); ++k) {
      if (assigned_to[k] == static_cast<int>(i)) expr = values[k];
    }
    exprs.push_back(std::move(expr));
    names.push_back(target[i].name);
  }
  return MakeProject(std::move(plan), std::move(exprs), std::move(names));
}

}  // namespace boyodb::sql
