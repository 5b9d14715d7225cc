#include "engine/column_default.h"

#include "common/sqlstate.h"
#include "sql/binder/coercion.h"
#include "sql/binder/type_rules.h"
#include "sql/parser/parser.h"

namespace boyodb::engine {

namespace ast = sql::ast;

Result<sql::BoundExprPtr> BindColumnDefault(sql::QueryBinder& binder, const types::Field& column,
                                            const std::string& text) {
  BOYO_ASSIGN_OR_RETURN(std::vector<ast::Statement> parsed, sql::Parse("SELECT " + text));
  if (parsed.size() != 1 || parsed[0].kind != ast::StatementKind::kSelect ||
      parsed[0].select->items.size() != 1 || !parsed[0].select->from.empty()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "the default of column \"" + column.name + "\" is not one expression: " + text);
  }
  const ast::Expr& expr = *parsed[0].select->items[0].expr;
  sql::Scope empty;
  sql::ExpressionBinder expressions(binder.resolver(), empty, binder.Hooks("DEFAULT"));
  Result<sql::BoundExprPtr> bound = expressions.Bind(expr);
  if (!bound.ok()) {
    if (bound.status().sqlstate() == sqlstate::kUndefinedColumn) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kFeatureNotSupported,
                    "cannot use column reference in DEFAULT expression");
    }
    return Status(bound.status()).WithPosition(0);
  }
  Result<sql::BoundExprPtr> coerced =
      binder.coercer().Coerce(*bound, column.type(), sql::CastContext::kAssignment, 0);
  if (!coerced.ok()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                  "column \"" + column.name + "\" is of type " + sql::PgTypeName(column.type()) +
                      " but default expression is of type " + sql::PgTypeName((*bound)->type));
  }
  return coerced;
}

Result<std::vector<sql::BoundExprPtr>> BindColumnDefaults(sql::QueryBinder& binder,
                                                          const sql::TableDescription& table) {
  std::vector<sql::BoundExprPtr> defaults;
  for (const types::Field& field : table.schema.fields()) {
    const auto found = table.column_defaults.find(field.name);
    if (found == table.column_defaults.end()) {
      defaults.push_back(sql::MakeConstant(types::Value::Null(field.type())));
    } else {
      BOYO_ASSIGN_OR_RETURN(sql::BoundExprPtr bound,
                            BindColumnDefault(binder, field, found->second));
      defaults.push_back(std::move(bound));
    }
  }
  return defaults;
}

}  // namespace boyodb::engine
