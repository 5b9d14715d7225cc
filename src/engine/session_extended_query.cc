// The extended query protocol's view of a session: a statement parsed and typed once
// (PrepareQuery), described without running (DescribeQuery), and run with parameter values
// (ExecuteQuery), as PostgreSQL's Parse, Describe and Bind/Execute messages need.
#include "common/sqlstate.h"
#include "engine/session.h"
#include "engine/session_catalog.h"
#include "sql/parser/parser.h"

namespace boyodb::engine {

namespace ast = sql::ast;
using types::DataType;

namespace {

// Statements the binder can type parameters in; others take no parameters.
bool TakesParameters(ast::StatementKind kind) {
  return kind == ast::StatementKind::kSelect || kind == ast::StatementKind::kInsert ||
         kind == ast::StatementKind::kUpdate || kind == ast::StatementKind::kDelete;
}

}  // namespace

Result<PreparedQuery> Session::PrepareQuery(std::string_view text,
                                            std::vector<std::optional<DataType>> declared) {
  Result<std::vector<ast::Statement>> parsed = sql::Parse(text);
  if (!parsed.ok()) {
    Status status = parsed.status();
    return std::move(status).WithPosition(sql::CharacterPosition(text, status.position()));
  }
  if (parsed->size() > 1) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "cannot insert multiple commands into a prepared statement");
  }
  PreparedQuery query;
  query.text = std::string(text);
  if (parsed->empty()) return query;
  auto statement = std::make_shared<ast::Statement>(std::move(parsed->front()));
  if (TakesParameters(statement->kind)) {
    Result<std::vector<DataType>> types = InferParameterTypes(*statement, std::move(declared));
    if (!types.ok()) {
      Status status = types.status();
      return std::move(status).WithPosition(sql::CharacterPosition(text, status.position()));
    }
    query.parameter_types = std::move(*types);
  } else {
    for (size_t i = 0; i < declared.size(); ++i) {
      if (!declared[i]) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kIndeterminateDatatype,
                      "could not determine data type of parameter $" + std::to_string(i + 1));
      }
      query.parameter_types.push_back(*declared[i]);
    }
  }
  query.statement = std::move(statement);
  return query;
}

Result<std::optional<std::vector<sql::OutputColumn>>> Session::DescribeQuery(
    const PreparedQuery& query) {
  if (query.statement == nullptr) return std::optional<std::vector<sql::OutputColumn>>();
  const ast::Statement& statement = *query.statement;
  const std::vector<DataType>* saved_types = parameter_types_;
  parameter_types_ = &query.parameter_types;
  Result<std::optional<std::vector<sql::OutputColumn>>> columns =
      std::optional<std::vector<sql::OutputColumn>>();
  SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
  switch (statement.kind) {
    case ast::StatementKind::kSelect: {
      sql::QueryBinder binder = NewBinder(catalog);
      Result<sql::LogicalPtr> plan = binder.BindQuery(*statement.select, nullptr);
      if (plan.ok()) {
        columns = std::optional((*plan)->columns);
      } else {
        columns = plan.status();
      }
      break;
    }
    case ast::StatementKind::kInsert:
    case ast::StatementKind::kUpdate:
    case ast::StatementKind::kDelete: {
      const std::vector<ast::SelectItem>* items = nullptr;
      const ast::QualifiedName* table = nullptr;
      static const std::string kNoAlias;
      const std::string* alias = nullptr;
      if (statement.kind == ast::StatementKind::kInsert) {
        items = &statement.insert->returning;
        table = &statement.insert->table;
        alias = &kNoAlias;  // as RunInsert binds it
      } else if (statement.kind == ast::StatementKind::kUpdate) {
        items = &statement.update->returning;
        table = &statement.update->table;
        alias = &statement.update->alias;
      } else {
        items = &statement.delete_->returning;
        table = &statement.delete_->table;
        alias = &statement.delete_->alias;
      }
      if (!items->empty()) {
        Result<Returning> returning = BindReturning(*items, *table, *alias);
        if (returning.ok()) {
          columns = std::optional(returning->plan->columns);
        } else {
          columns = returning.status();
        }
      }
      break;
    }
    case ast::StatementKind::kShow:
    case ast::StatementKind::kExplain: {
      // Their columns come from running them, which changes nothing.
      Result<StatementResult> result = Run(statement);
      if (result.ok()) {
        columns = std::optional(std::move(result->columns));
      } else {
        columns = result.status();
      }
      break;
    }
    default:
      break;
  }
  parameter_types_ = saved_types;
  return columns;
}

Result<types::Value> Session::ParameterFromText(std::string_view text, const DataType& type) const {
  SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
  sql::QueryBinder binder(catalog, sql::BindParameters{}, TimeZoneSetting());
  sql::Scope empty;
  ast::ConstantExpr constant(0);
  constant.form = ast::ConstantExpr::Form::kString;
  constant.text = std::string(text);
  sql::ExpressionBinder expressions(binder.resolver(), empty, binder.Hooks("a parameter"));
  BOYO_ASSIGN_OR_RETURN(sql::BoundExprPtr bound, expressions.Bind(constant));
  BOYO_ASSIGN_OR_RETURN(sql::BoundExprPtr converted,
                        binder.coercer().Coerce(bound, type, sql::CastContext::kExplicit, 0));
  return binder.EvaluateConstant(converted, 0);
}

Result<StatementResult> Session::ExecuteQuery(const PreparedQuery& query,
                                              std::vector<types::Value> parameters) {
  if (query.statement == nullptr) return StatementResult();
  if (parameters.size() != query.parameter_types.size()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation,
                  "bind message supplies " + std::to_string(parameters.size()) +
                      " parameters, but prepared statement requires " +
                      std::to_string(query.parameter_types.size()));
  }
  const std::vector<DataType>* saved_types = parameter_types_;
  std::vector<types::Value> saved_values = std::move(parameters_);
  parameter_types_ = &query.parameter_types;
  parameters_ = std::move(parameters);
  Result<StatementResult> result = RunInTransaction(*query.statement);
  parameter_types_ = saved_types;
  parameters_ = std::move(saved_values);
  if (!result.ok()) {
    Status status = result.status();
    return std::move(status).WithPosition(sql::CharacterPosition(query.text, status.position()));
  }
  return result;
}

}  // namespace boyodb::engine
