// The array forms of ExpressionBinder (expression_binder.h): ARRAY[...] and ARRAY(SELECT ...),
// subscripts and slices, and `x op ANY|ALL (array)`, with PostgreSQL's typing and errors.
#include <limits>

#include "common/sqlstate.h"
#include "sql/binder/expression_binder.h"
#include "sql/binder/type_rules.h"

namespace boyodb::sql {

using types::DataType;
using types::TypeId;
using types::Value;

namespace {

bool IsUntyped(const BoundExpr& expr) {
  return expr.unknown_literal ||
         (expr.kind == BoundKind::kConstant && expr.type.id() == TypeId::kNull);
}

}  // namespace

Result<BoundExprPtr> ExpressionBinder::BindArray(std::vector<BoundExprPtr> elements,
                                                 int32_t position) {
  if (elements.empty()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kIndeterminateDatatype,
                  "cannot determine type of empty array")
        .WithPosition(position);
  }
  BOYO_RETURN_IF_ERROR(Unify(&elements, "ARRAY", position));
  auto array = std::make_shared<BoundExpr>();
  array->kind = BoundKind::kArray;
  array->type = DataType::List(elements.front()->type);
  array->children = std::move(elements);
  return BoundExprPtr(std::move(array));
}

Result<std::optional<BoundExprPtr>> ExpressionBinder::BindArrayForCast(const ast::Expr& expr,
                                                                       const DataType& type) {
  if (expr.kind != ast::ExprKind::kArray || type.id() != TypeId::kList) {
    return std::optional<BoundExprPtr>();
  }
  const auto& list = expr.As<ast::ListExpr>();
  if (!list.args.empty()) {
    // ARRAY['1', '2']::int[]: the cast decides the elements' type, as in PostgreSQL.
    std::vector<BoundExprPtr> elements;
    for (const ast::ExprPtr& arg : list.args) {
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, Bind(*arg));
      if (IsUntyped(*bound)) {
        BOYO_ASSIGN_OR_RETURN(bound, coercer().Coerce(bound, type.element_type(),
                                                      CastContext::kExplicit, arg->position));
      }
      elements.push_back(std::move(bound));
    }
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr array, BindArray(std::move(elements), expr.position));
    return std::optional<BoundExprPtr>(std::move(array));
  }
  return std::optional<BoundExprPtr>(MakeConstant(Value::Nested(type, {})));
}

Result<BoundExprPtr> ExpressionBinder::BindSubscript(const ast::SubscriptExpr& expr) {
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr value, Bind(*expr.arg));
  // An untyped literal cannot be subscripted in PostgreSQL either ('{1,2}'[1] is a syntax
  // error there); a parenthesized one arrives here as text.
  auto index_of = [this](const ast::ExprPtr& index, int32_t fallback) -> Result<BoundExprPtr> {
    if (index == nullptr) return MakeConstant(Value::Int32(fallback));
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, Bind(*index));
    if (!IsUntyped(*bound) && !bound->type.is_integer()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                    "array subscript must have type integer")
          .WithPosition(index->position);
    }
    return coercer().Coerce(bound, DataType::Int32(), CastContext::kAssignment, index->position);
  };
  for (const ast::SubscriptExpr::Index& index : expr.indexes) {
    if (value->type.id() != TypeId::kList) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                    "cannot subscript type " + PgTypeName(value->type) +
                        " because it does not support subscripting")
          .WithPosition(expr.position);
    }
    auto subscript = std::make_shared<BoundExpr>();
    subscript->kind = BoundKind::kSubscript;
    subscript->slice = index.slice;
    subscript->children.push_back(value);
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr lower, index_of(index.lower, 1));
    subscript->children.push_back(std::move(lower));
    if (index.slice) {
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr upper,
                            index_of(index.upper, std::numeric_limits<int32_t>::max()));
      subscript->children.push_back(std::move(upper));
      subscript->type = value->type;
    } else {
      subscript->type = value->type.element_type();
    }
    value = std::move(subscript);
  }
  return value;
}

Result<BoundExprPtr> ExpressionBinder::BindQuantified(const ast::QuantifiedExpr& expr) {
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr left, Bind(*expr.left));
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr array, Bind(*expr.array));
  const std::string form = expr.all ? "ALL" : "ANY";
  if (IsUntyped(*array)) {
    // x = ANY('{1,2}'): the literal is an array of the tested value's type.
    const DataType element = IsUntyped(*left) ? DataType::String() : left->type;
    BOYO_ASSIGN_OR_RETURN(array, coercer().Coerce(array, DataType::List(element),
                                                  CastContext::kImplicit, expr.array->position));
  }
  if (array->type.id() != TypeId::kList) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kWrongObjectType,
                  "op " + form + "/" + (expr.all ? "ANY" : "ALL") +
                      " (array) requires array on right side")
        .WithPosition(expr.position);
  }
  if (IsUntyped(*left)) {
    BOYO_ASSIGN_OR_RETURN(left, coercer().Coerce(left, array->type.element_type(),
                                                 CastContext::kImplicit, expr.left->position));
  }
  // The comparison reads the tested value as column 0 and an element as column 1.
  BOYO_ASSIGN_OR_RETURN(
      BoundExprPtr comparison,
      CallOperator(expr.operator_name,
                   {MakeColumn(0, left->type), MakeColumn(1, array->type.element_type())},
                   expr.position));
  if (comparison->type.id() != TypeId::kBoolean) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kWrongObjectType,
                  "op ANY/ALL (array) requires operator to yield boolean")
        .WithPosition(expr.position);
  }
  auto bound = std::make_shared<BoundExpr>();
  bound->kind = BoundKind::kArrayCompare;
  bound->type = DataType::Boolean();
  bound->subquery_form = expr.all ? SubqueryForm::kAll : SubqueryForm::kAny;
  bound->children = {std::move(left), std::move(array)};
  bound->comparison = std::move(comparison);
  return BoundExprPtr(std::move(bound));
}

Result<BoundExprPtr> ExpressionBinder::BindArraySubquery(const ast::SubqueryExpr& expr) {
  if (!hooks_.subquery) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kGroupingError,
                  "subqueries are not allowed in " + hooks_.clause)
        .WithPosition(expr.position);
  }
  BOYO_ASSIGN_OR_RETURN(LogicalPtr plan, hooks_.subquery(*expr.query, scope_));
  if (plan->columns.size() != 1) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "subquery must return only one column")
        .WithPosition(expr.position);
  }
  // ARRAY(SELECT x ...) is the scalar subquery SELECT array_agg(x) over it, but an empty
  // array rather than NULL when the subquery has no rows.
  const DataType element = plan->columns[0].type;
  BOYO_ASSIGN_OR_RETURN(
      ResolvedCall resolved,
      resolver_.ResolveAggregate("array_agg", {MakeColumn(0, element)}, expr.position));
  std::vector<DataType> arg_types{element};
  Result<std::shared_ptr<const AggregateFunction>> function = resolved.aggregate->make(arg_types);
  if (!function.ok()) return Status(function.status()).WithPosition(expr.position);
  BoundAggregate call;
  call.name = "array_agg";
  call.args = std::move(resolved.args);
  call.function = std::move(*function);
  call.skip_nulls = resolved.aggregate->skip_nulls;
  call.type = resolved.result;
  auto aggregate = std::make_shared<LogicalOperator>();
  aggregate->kind = LogicalKind::kAggregate;
  aggregate->columns.push_back({"array", call.type});
  aggregate->aggregates.push_back(std::move(call));
  aggregate->children.push_back(std::move(plan));

  auto subquery = std::make_shared<BoundExpr>();
  subquery->kind = BoundKind::kSubquery;
  subquery->subquery_form = SubqueryForm::kScalar;
  subquery->type = aggregate->columns[0].type;
  subquery->subquery = std::move(aggregate);
  auto coalesce = std::make_shared<BoundExpr>();
  coalesce->kind = BoundKind::kCoalesce;
  coalesce->type = subquery->type;
  coalesce->children = {subquery, MakeConstant(Value::Nested(subquery->type, {}))};
  return BoundExprPtr(std::move(coalesce));
}

}  // namespace boyodb::sql
