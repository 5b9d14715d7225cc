// ExpressionBinder: ast::Expr -> BoundExpr within one scope. It types literals as PostgreSQL
// does, resolves columns, functions and operators, rewrites the SQL forms that are sugar
// (BETWEEN, IS DISTINCT FROM, NULLIF, GREATEST, IS TRUE) into the core ones, and hands
// aggregate calls and subqueries to its owner, the query binder.
// Thread safety: one binder, one thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/binder/function_resolver.h"
#include "sql/binder/scope.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// The most parameters ($1 ... $65535) a statement may have: PostgreSQL's limit, since the wire
/// protocol counts them in 16 bits.
inline constexpr int32_t kMaxParameters = 65535;

/// What the query binder offers an expression binder.
struct ExpressionHooks {
  /// Binds an aggregate call; null where aggregates are not allowed (`clause` names the place).
  std::function<Result<BoundExprPtr>(const ast::FunctionExpr&)> aggregate;
  /// Binds a call with OVER (...); null where window functions are not allowed.
  std::function<Result<BoundExprPtr>(const ast::FunctionExpr&)> window;
  /// Plans a subquery whose outer scope is the expression's scope.
  std::function<Result<LogicalPtr>(const ast::SelectStatement&, const Scope&)> subquery;
  /// Takes a set-returning call (whose value is one array per row) and returns what stands
  /// for the rows it yields; null where set-returning functions are not allowed.
  std::function<Result<BoundExprPtr>(BoundExprPtr call, int32_t position)> set_function;
  /// The types of $1, $2, ...; a parameter beyond them is an error (42P02).
  const std::vector<types::DataType>* parameter_types = nullptr;
  /// "WHERE", "JOIN conditions", "GROUP BY", ...: for "not allowed in" messages.
  std::string clause = "this context";
};

class ExpressionBinder {
 public:
  ExpressionBinder(const FunctionResolver& resolver, const Scope& scope, ExpressionHooks hooks)
      : resolver_(resolver), scope_(scope), hooks_(std::move(hooks)) {}

  Result<BoundExprPtr> Bind(const ast::Expr& expr);
  /// Binds and coerces to boolean (WHERE, HAVING, ON, CASE WHEN): 42804 `argument of WHERE
  /// must be type boolean, not type integer` otherwise.
  Result<BoundExprPtr> BindCondition(const ast::Expr& expr);

  /// Resolves an operator over already-bound operands (also used by the query binder).
  Result<BoundExprPtr> CallOperator(const std::string& name, std::vector<BoundExprPtr> args,
                                    int32_t position) const;
  Result<BoundExprPtr> CallFunction(const std::string& name, std::vector<BoundExprPtr> args,
                                    int32_t position) const;
  const Coercer& coercer() const { return resolver_.coercer(); }
  /// The fields of `(SELECT x, y ...)` matched with a row of `width` fields (a comparison,
  /// UPDATE's SET (a, b) = ...): one scalar subquery per column over a shared plan, so it runs
  /// once (at most one row; none gives NULLs). 42601 when the widths differ, with
  /// `mismatch` as the message if given.
  Result<std::vector<BoundExprPtr>> BindRowSubquery(const ast::SubqueryExpr& expr, size_t width,
                                                    int32_t position,
                                                    const char* mismatch = nullptr);
  /// Coerces every expression to their common type (`what` names the construct in errors).
  Status Unify(std::vector<BoundExprPtr>* exprs, std::string_view what, int32_t position) const;

 private:
  Result<BoundExprPtr> BindConstant(const ast::ConstantExpr& constant);
  Result<BoundExprPtr> BindOperator(const ast::OperatorExpr& expr);
  Result<BoundExprPtr> BindFunction(const ast::FunctionExpr& expr);
  /// The bound arguments of a call that names some (`make_interval(days => 3)`) in parameter
  /// order, defaults filling the gaps; 42883 when a name or a gap does not fit the function.
  Result<std::vector<BoundExprPtr>> ArrangeNamedArguments(const ast::FunctionExpr& expr,
                                                          std::vector<BoundExprPtr> args) const;
  Result<BoundExprPtr> BindCase(const ast::CaseExpr& expr);
  Result<BoundExprPtr> BindInList(const ast::InListExpr& expr);
  Result<BoundExprPtr> BindBetween(const ast::BetweenExpr& expr);
  Result<BoundExprPtr> BindLike(const ast::LikeExpr& expr);
  Result<BoundExprPtr> BindBooleanTest(const ast::BooleanTestExpr& expr);
  Result<BoundExprPtr> BindDistinctFrom(const ast::DistinctFromExpr& expr);
  /// The fields of a row constructor, or the expression alone (row_comparison.h).
  Result<std::vector<BoundExprPtr>> BindRowFields(const ast::Expr& row);
  /// `left op right` where either side is a row constructor (the other may be a subquery).
  Result<BoundExprPtr> BindRowComparison(const std::string& op, const ast::Expr& left,
                                         const ast::Expr& right, int32_t position);
  Result<BoundExprPtr> BindList(const ast::ListExpr& expr);
  // Arrays (array_binding.cc).
  /// ARRAY[a, b, ...] over bound elements; 42P18 for an empty one (only a cast types it).
  Result<BoundExprPtr> BindArray(std::vector<BoundExprPtr> elements, int32_t position);
  /// ARRAY[...] under a cast to the array type `type`: an empty one takes the cast's type,
  /// untyped elements the cast's element type. nullopt for any other expression.
  Result<std::optional<BoundExprPtr>> BindArrayForCast(const ast::Expr& expr,
                                                       const types::DataType& type);
  Result<BoundExprPtr> BindSubscript(const ast::SubscriptExpr& expr);
  Result<BoundExprPtr> BindQuantified(const ast::QuantifiedExpr& expr);
  /// ARRAY(SELECT ...): the subquery's single column gathered into one array.
  Result<BoundExprPtr> BindArraySubquery(const ast::SubqueryExpr& expr);
  Result<BoundExprPtr> BindSubquery(const ast::SubqueryExpr& expr);
  Result<BoundExprPtr> BindSpecialValue(const ast::SpecialValueExpr& expr);
  Result<BoundExprPtr> AsBoolean(BoundExprPtr expr, std::string_view what, int32_t position);

  const FunctionResolver& resolver_;
  const Scope& scope_;
  ExpressionHooks hooks_;
};

/// A NOT, AND or OR node over bound operands.
BoundExprPtr MakeLogical(BoundKind kind, std::vector<BoundExprPtr> children);
BoundExprPtr MakeIsNull(BoundExprPtr arg, bool negated);
/// CASE WHEN c0 THEN r0 ... ELSE e END, all results already of `type`.
BoundExprPtr MakeCase(std::vector<BoundExprPtr> children, types::DataType type);

}  // namespace boyodb::sql
