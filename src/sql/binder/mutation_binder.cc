// UPDATE and DELETE: the target table (its scan also returns row ids) joined with FROM/USING
// and filtered by WHERE, projected to the row ids and, for UPDATE, the rows' new values. The
// engine turns the result into delete bitmaps and new row versions.
#include <algorithm>

#include "common/sqlstate.h"
#include "sql/binder/decorrelator.h"
#include "sql/binder/query_binder.h"
#include "sql/binder/type_rules.h"

namespace boyodb::sql {

using types::DataType;

namespace {

Status ReturningNotSupported(const std::vector<ast::SelectItem>& returning,
                             std::string_view statement) {
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                std::string(statement) + " ... RETURNING is not supported yet")
      .WithPosition(returning.front().expr->position);
}

}  // namespace

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

Result<LogicalPtr> QueryBinder::BindDelete(const ast::DeleteStatement& statement) {
  if (!statement.returning.empty()) return ReturningNotSupported(statement.returning, "DELETE");
  Scope scope;
  BOYO_ASSIGN_OR_RETURN(LogicalPtr plan,
                        BindMutationInput(statement.table, statement.alias, statement.using_tables,
                                          statement.where.get(), &scope));
  const ScopeColumn& row_id = scope.relations().front().columns.back();
  return MakeProject(std::move(plan), {MakeColumn(row_id.index, row_id.type)}, {"ctid"});
}

Result<LogicalPtr> QueryBinder::BindUpdate(const ast::UpdateStatement& statement) {
  if (!statement.returning.empty()) return ReturningNotSupported(statement.returning, "UPDATE");
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
