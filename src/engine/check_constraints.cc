#include "engine/check_constraints.h"

#include <chrono>
#include <memory>

#include "catalog/catalog.h"
#include "common/sqlstate.h"
#include "exec/expression/evaluator.h"
#include "functions/function_registry.h"
#include "sql/binder/query_binder.h"
#include "sql/binder/type_rules.h"
#include "sql/parser/parser.h"
#include "sql/parser/rename_references.h"

namespace boyodb::engine {

namespace {

// A constraint sees its own table's columns and nothing else: no tables to look up, only
// functions.
class FunctionsOnlyCatalog final : public sql::CatalogView {
 public:
  explicit FunctionsOnlyCatalog(const sql::FunctionCatalog& functions) : functions_(functions) {}
  Result<sql::TableDescription> FindTable(const sql::ast::QualifiedName& name) const override {
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                  "relation \"" + name.ToString() + "\" does not exist")
        .WithPosition(name.position);
  }
  const sql::FunctionCatalog& functions() const override { return functions_; }
  std::unique_ptr<sql::CatalogView> InDatabase(const std::string&) const override {
    return std::make_unique<FunctionsOnlyCatalog>(functions_);
  }

 private:
  const sql::FunctionCatalog& functions_;
};

Status DuplicateCheck(const std::string& name) {
  return Status(StatusCode::kAlreadyExists, sqlstate::kDuplicateObject,
                "check constraint \"" + name + "\" already exists");
}

}  // namespace

Result<sql::BoundExprPtr> BindCheck(const sql::ast::Expr& expr, const std::string& table,
                                    const types::Schema& schema,
                                    const sql::FunctionCatalog& functions) {
  FunctionsOnlyCatalog catalog(functions);
  sql::QueryBinder binder(catalog, sql::BindParameters{});
  sql::Scope scope;
  sql::ScopeRelation relation;
  relation.alias = table;
  for (size_t i = 0; i < schema.num_fields(); ++i) {
    relation.columns.push_back(
        {schema.field(i).name, schema.field(i).type(), static_cast<int32_t>(i), /*hidden=*/false});
  }
  scope.AddRelation(std::move(relation));
  sql::ExpressionHooks hooks = binder.Hooks("check constraints");
  hooks.subquery = [](const sql::ast::SelectStatement& query,
                      const sql::Scope&) -> Result<sql::LogicalPtr> {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "cannot use subquery in check constraint")
        .WithPosition(query.position);
  };
  sql::ExpressionBinder expressions(binder.resolver(), scope, std::move(hooks));
  BOYO_ASSIGN_OR_RETURN(sql::BoundExprPtr bound, expressions.Bind(expr));
  if (bound->type.id() == types::TypeId::kBoolean) return bound;
  // An untyped literal or NULL becomes boolean, as in PostgreSQL's coerce_to_boolean.
  if (bound->unknown_literal ||
      (bound->kind == sql::BoundKind::kConstant && bound->type.id() == types::TypeId::kNull)) {
    return binder.coercer().Coerce(bound, types::DataType::Boolean(), sql::CastContext::kImplicit,
                                   expr.position);
  }
  return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                "argument of CHECK must be type boolean, not type " + sql::PgTypeName(bound->type))
      .WithPosition(expr.position);
}

Result<std::string> ChooseCheckName(const std::string& table, const std::string& expression,
                                    const std::set<std::string>& taken) {
  BOYO_ASSIGN_OR_RETURN(const std::vector<std::string> columns,
                        sql::ColumnsInExpression(expression));
  const std::string column = columns.size() == 1 ? columns.front() : "";
  std::string name = catalog::MakeObjectName(table, column, "check");
  for (int pass = 1; taken.contains(name); ++pass) {
    name = catalog::MakeObjectName(table, column, "check" + std::to_string(pass));
  }
  return name;
}

Result<std::vector<storage::CheckConstraint>> NameCheckConstraints(
    std::span<const sql::ast::CheckConstraintDefinition> definitions, const std::string& table,
    const types::Schema& schema, const std::set<std::string>& on_table,
    const std::set<std::string>& in_schema, const sql::FunctionCatalog& functions) {
  std::vector<storage::CheckConstraint> out;
  std::set<std::string> chosen;
  for (const sql::ast::CheckConstraintDefinition& definition : definitions) {
    BOYO_RETURN_IF_ERROR(BindCheck(*definition.expr, table, schema, functions));
    storage::CheckConstraint check;
    // Stored without table qualifiers, so the text still binds after RENAME TABLE.
    BOYO_ASSIGN_OR_RETURN(check.expression, sql::UnqualifyColumns(definition.text));
    if (definition.name.empty()) {
      std::set<std::string> taken = in_schema;
      taken.insert(chosen.begin(), chosen.end());
      BOYO_ASSIGN_OR_RETURN(check.name, ChooseCheckName(table, check.expression, taken));
    } else {
      check.name = definition.name;
      if (chosen.contains(check.name)) {
        return DuplicateCheck(check.name).WithPosition(definition.position);
      }
      if (on_table.contains(check.name)) {
        return Status(
            StatusCode::kAlreadyExists, sqlstate::kDuplicateObject,
            "constraint \"" + check.name + "\" for relation \"" + table + "\" already exists");
      }
    }
    chosen.insert(check.name);
    out.push_back(std::move(check));
  }
  return out;
}

std::set<std::string> ConstraintNamesOf(const Database& database, const TableInfo& table) {
  std::set<std::string> names;
  for (const storage::CheckConstraint& check : table.options.check_constraints) {
    names.insert(check.name);
  }
  for (const IndexInfo& index : database.ListIndexes(table.database, table.table)) {
    if (index.unique) names.insert(index.name);
  }
  return names;
}

Result<std::set<std::string>> ConstraintNamesIn(const Database& database, const std::string& name) {
  std::set<std::string> names;
  BOYO_ASSIGN_OR_RETURN(const std::vector<std::string> tables, database.ListTables(name));
  for (const std::string& table : tables) {
    Result<TableInfo> info = database.DescribeTable(name, table);
    if (!info.ok()) continue;  // dropped meanwhile
    names.merge(ConstraintNamesOf(database, *info));
  }
  return names;
}

Result<CheckConstraints> CheckConstraints::Bind(
    const std::string& table, const types::Schema& schema,
    const std::vector<storage::CheckConstraint>& constraints,
    const sql::FunctionCatalog& functions) {
  std::vector<Bound> checks;
  for (const storage::CheckConstraint& check : constraints) {
    Result<std::vector<sql::ast::Statement>> parsed = sql::Parse("SELECT " + check.expression);
    if (!parsed.ok() || parsed->size() != 1 ||
        parsed->front().kind != sql::ast::StatementKind::kSelect ||
        parsed->front().select->items.size() != 1) {
      return Status::Corruption("check constraint \"" + check.name + "\" of relation \"" + table +
                                "\" is not one expression: " + check.expression);
    }
    Result<sql::BoundExprPtr> bound =
        BindCheck(*parsed->front().select->items[0].expr, table, schema, functions);
    if (!bound.ok()) return Status(bound.status()).WithPosition(0);
    checks.push_back({check.name, sql::MakeLogical(sql::BoundKind::kNot, {*bound})});
  }
  return CheckConstraints(table, std::move(checks));
}

Status CheckConstraints::Check(const columnar::Chunk& rows, Rows kind) const {
  if (checks_.empty() || rows.num_rows() == 0) return Status::OK();
  exec::ExecContext context;
  // now() in a constraint reads the time of the write.
  context.eval.statement_time_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count();
  for (const Bound& check : checks_) {
    BOYO_ASSIGN_OR_RETURN(const columnar::SelectionVector violating,
                          exec::EvaluateFilter(*check.violated, rows, context));
    if (violating.empty()) continue;
    return Status(StatusCode::kInvalidArgument, sqlstate::kCheckViolation,
                  kind == Rows::kNew ? "new row for relation \"" + table_ +
                                           "\" violates check constraint \"" + check.name + "\""
                                     : "check constraint \"" + check.name + "\" of relation \"" +
                                           table_ + "\" is violated by some row");
  }
  return Status::OK();
}

Status CheckNewRows(const std::string& table, const types::Schema& schema,
                    const std::vector<storage::CheckConstraint>& checks,
                    const columnar::Chunk& rows) {
  if (checks.empty()) return Status::OK();
  BOYO_ASSIGN_OR_RETURN(
      const CheckConstraints bound,
      CheckConstraints::Bind(table, schema, checks, functions::FunctionRegistry::Builtins()));
  return bound.Check(rows, CheckConstraints::Rows::kNew);
}

}  // namespace boyodb::engine
