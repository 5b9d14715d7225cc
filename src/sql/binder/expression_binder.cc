#include "sql/binder/expression_binder.h"

#include "sql/binder/character_types.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <optional>

#include "common/sqlstate.h"
#include "sql/binder/row_comparison.h"
#include "sql/binder/type_rules.h"
#include "types/value.h"

namespace boyodb::sql {

using types::DataType;
using types::TypeId;
using types::Value;

BoundExprPtr MakeLogical(BoundKind kind, std::vector<BoundExprPtr> children) {
  auto expr = std::make_shared<BoundExpr>();
  expr->kind = kind;
  expr->type = DataType::Boolean();
  expr->children = std::move(children);
  return expr;
}

BoundExprPtr MakeIsNull(BoundExprPtr arg, bool negated) {
  // An untyped NULL literal is known now: NULL IS NULL is TRUE.
  if (arg->kind == BoundKind::kConstant && arg->constant.is_null()) {
    return MakeConstant(Value::Boolean(!negated));
  }
  auto expr = std::make_shared<BoundExpr>();
  expr->kind = BoundKind::kIsNull;
  expr->type = DataType::Boolean();
  expr->negated = negated;
  expr->children.push_back(std::move(arg));
  return expr;
}

BoundExprPtr MakeCase(std::vector<BoundExprPtr> children, DataType type) {
  auto expr = std::make_shared<BoundExpr>();
  expr->kind = BoundKind::kCase;
  expr->type = std::move(type);
  expr->children = std::move(children);
  return expr;
}

namespace {

Status NotAllowed(std::string_view what, std::string_view clause, int32_t position) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kGroupingError,
                std::string(what) + " are not allowed in " + std::string(clause))
      .WithPosition(position);
}

// The value of a literal of digits only, negated when asked, if it fits BIGINT.
// (The grammar already folds a minus sign into the literal's text: "-2147483648".)
std::optional<int64_t> IntegerLiteral(const std::string& text, bool negate) {
  const size_t start = !text.empty() && text[0] == '-' ? 1 : 0;
  if (text.size() == start || text.size() - start > 19 ||
      text.find_first_not_of("0123456789", start) != std::string::npos) {
    return std::nullopt;
  }
  __int128 value = 0;
  for (size_t i = start; i < text.size(); ++i) value = value * 10 + (text[i] - '0');
  if ((start == 1) != negate) value = -value;
  if (value < INT64_MIN || value > INT64_MAX) return std::nullopt;
  return static_cast<int64_t>(value);
}

bool IsUnknownExpr(const BoundExpr& expr) {
  return expr.unknown_literal ||
         (expr.kind == BoundKind::kConstant && expr.type.id() == TypeId::kNull);
}

}  // namespace

Status ExpressionBinder::Unify(std::vector<BoundExprPtr>* exprs, std::string_view what,
                               int32_t position) const {
  std::vector<DataType> types;
  std::vector<bool> unknown;
  for (const BoundExprPtr& expr : *exprs) {
    types.push_back(expr->type);
    unknown.push_back(IsUnknownExpr(*expr));
  }
  Result<DataType> common = CommonType(types, unknown, what);
  if (!common.ok()) return Status(common.status()).WithPosition(position);
  for (BoundExprPtr& expr : *exprs) {
    BOYO_ASSIGN_OR_RETURN(expr, coercer().Coerce(expr, *common, CastContext::kImplicit, position));
  }
  return Status::OK();
}

Result<BoundExprPtr> ExpressionBinder::CallOperator(const std::string& name,
                                                    std::vector<BoundExprPtr> args,
                                                    int32_t position) const {
  BOYO_ASSIGN_OR_RETURN(ResolvedCall call,
                        resolver_.ResolveScalar(name, std::move(args), true, position));
  return MakeScalarCall(name, std::move(call));
}

Result<BoundExprPtr> ExpressionBinder::CallFunction(const std::string& name,
                                                    std::vector<BoundExprPtr> args,
                                                    int32_t position) const {
  BOYO_ASSIGN_OR_RETURN(ResolvedCall call,
                        resolver_.ResolveScalar(name, std::move(args), false, position));
  std::optional<types::DataType> shown;
  if (call.scalar->shown_type_rule) {
    std::vector<const types::Value*> constants;
    for (const BoundExprPtr& arg : call.args) {
      constants.push_back(arg->kind == BoundKind::kConstant ? &arg->constant : nullptr);
    }
    shown = call.scalar->shown_type_rule(call.result, constants);
  }
  const bool returns_set = call.scalar->returns_set;
  BoundExprPtr expr = MakeScalarCall(name, std::move(call));
  if (returns_set) {
    if (!hooks_.set_function) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "set-returning functions are not allowed in " + hooks_.clause)
          .WithPosition(position);
    }
    return hooks_.set_function(std::move(expr), position);
  }
  if (!shown || *shown == expr->type) return expr;
  return coercer().Coerce(expr, *shown, CastContext::kExplicit, position);
}

Result<BoundExprPtr> ExpressionBinder::AsBoolean(BoundExprPtr expr, std::string_view what,
                                                 int32_t position) {
  if (expr->type.id() == TypeId::kBoolean) return expr;
  if (IsUnknownExpr(*expr)) {
    return coercer().Coerce(expr, DataType::Boolean(), CastContext::kImplicit, position);
  }
  return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                "argument of " + std::string(what) + " must be type boolean, not type " +
                    PgTypeName(expr->type))
      .WithPosition(position);
}

Result<BoundExprPtr> ExpressionBinder::BindCondition(const ast::Expr& expr) {
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, Bind(expr));
  return AsBoolean(std::move(bound), hooks_.clause, expr.position);
}

Result<BoundExprPtr> ExpressionBinder::BindConstant(const ast::ConstantExpr& constant) {
  using Form = ast::ConstantExpr::Form;
  switch (constant.form) {
    case Form::kNull:
      return MakeConstant(Value());
    case Form::kBoolean:
      return MakeConstant(Value::Boolean(constant.boolean));
    case Form::kInteger:
      // PostgreSQL: an integer literal is INTEGER when it fits, else BIGINT.
      if (constant.integer >= INT32_MIN && constant.integer <= INT32_MAX) {
        return MakeConstant(Value::Int32(static_cast<int32_t>(constant.integer)));
      }
      return MakeConstant(Value::Int64(constant.integer));
    case Form::kNumeric: {
      // Digits beyond INTEGER's range that fit BIGINT are BIGINT, as PostgreSQL's make_const.
      if (const std::optional<int64_t> integer = IntegerLiteral(constant.text, false)) {
        if (*integer >= INT32_MIN && *integer <= INT32_MAX) {
          return MakeConstant(Value::Int32(static_cast<int32_t>(*integer)));
        }
        return MakeConstant(Value::Int64(*integer));
      }
      // A literal with a point or exponent is NUMERIC with exactly its digits; beyond our
      // 38-digit decimals it becomes double precision.
      const std::string& text = constant.text;
      const size_t exponent = text.find_first_of("eE");
      const std::string mantissa = text.substr(0, exponent);
      const size_t point = mantissa.find('.');
      int scale = point == std::string::npos ? 0 : static_cast<int>(mantissa.size() - point - 1);
      std::string digits;
      for (char c : mantissa) {
        if (c >= '0' && c <= '9') digits += c;
      }
      size_t first = digits.find_first_not_of('0');
      int integer_digits = static_cast<int>(digits.size()) - scale;
      if (first != std::string::npos && static_cast<int>(first) < integer_digits) {
        integer_digits -= static_cast<int>(first);
      } else {
        integer_digits = 0;
      }
      const int precision = std::max(1, integer_digits + scale);
      if (exponent == std::string::npos && precision <= 38) {
        BoundExprPtr literal = MakeConstant(Value::String(text));
        return coercer().Coerce(
            literal,
            DataType::Decimal(static_cast<uint8_t>(precision), static_cast<uint8_t>(scale)),
            CastContext::kExplicit, constant.position);
      }
      errno = 0;
      const double value = std::strtod(text.c_str(), nullptr);
      return MakeConstant(Value::Float64(value));
    }
    case Form::kString: {
      auto expr = std::make_shared<BoundExpr>();
      expr->kind = BoundKind::kConstant;
      expr->type = DataType::String();
      expr->constant = Value::String(constant.text);
      expr->unknown_literal = true;
      return BoundExprPtr(std::move(expr));
    }
    case Form::kBitString:
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "bit string constants are not supported")
          .WithPosition(constant.position);
  }
  return Status::Internal("unknown constant form");
}

Result<std::vector<BoundExprPtr>> ExpressionBinder::BindRowFields(const ast::Expr& row) {
  std::vector<BoundExprPtr> fields;
  for (const ast::Expr* field : RowFields(row)) {
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, Bind(*field));
    fields.push_back(std::move(bound));
  }
  return fields;
}

Result<BoundExprPtr> ExpressionBinder::BindOperator(const ast::OperatorExpr& expr) {
  if (expr.left != nullptr &&
      (expr.left->kind == ast::ExprKind::kRow || expr.right->kind == ast::ExprKind::kRow)) {
    return BindRowComparison(expr.name, *expr.left, *expr.right, expr.position);
  }
  std::vector<BoundExprPtr> args;
  if (expr.left != nullptr) {
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr left, Bind(*expr.left));
    args.push_back(std::move(left));
  }
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr right, Bind(*expr.right));
  args.push_back(std::move(right));
  // A negative integer literal is one constant, as PostgreSQL's grammar folds it (so
  // -2147483648 is an INTEGER, not an overflow).
  std::optional<int64_t> negated;
  if (expr.name == "-" && args.size() == 1 && expr.right->kind == ast::ExprKind::kConstant) {
    const auto& constant = expr.right->As<ast::ConstantExpr>();
    if (constant.form == ast::ConstantExpr::Form::kInteger) negated = -constant.integer;
    if (constant.form == ast::ConstantExpr::Form::kNumeric) {
      negated = IntegerLiteral(constant.text, true);  // -9223372036854775808 fits
    }
  }
  if (negated.has_value()) {
    if (*negated >= INT32_MIN && *negated <= INT32_MAX) {
      return MakeConstant(Value::Int32(static_cast<int32_t>(*negated)));
    }
    return MakeConstant(Value::Int64(*negated));
  }
  // text || anything: PostgreSQL's textanycat / anytextcat convert the other side to text.
  if (expr.name == "||" && args.size() == 2) {
    const bool left_text = args[0]->type.id() == TypeId::kString;
    const bool right_text = args[1]->type.id() == TypeId::kString;
    if (left_text != right_text) {
      BoundExprPtr& other = left_text ? args[1] : args[0];
      if (!IsUnknownExpr(*other) && other->type.id() != TypeId::kList) {
        BOYO_ASSIGN_OR_RETURN(other, coercer().Coerce(other, DataType::String(),
                                                      CastContext::kExplicit, expr.position));
      }
    }
  }
  return CallOperator(expr.name, std::move(args), expr.position);
}

Result<BoundExprPtr> ExpressionBinder::BindFunction(const ast::FunctionExpr& expr) {
  if (expr.over != nullptr) {
    if (!hooks_.window) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kWindowingError,
                    "window functions are not allowed in " + hooks_.clause)
          .WithPosition(expr.position);
    }
    return hooks_.window(expr);
  }
  const FunctionCatalog& functions = coercer().functions();
  if (expr.name == "grouping") {  // GROUPING(...), which only the parser names so
    if (!hooks_.aggregate) return NotAllowed("grouping operations", hooks_.clause, expr.position);
    return hooks_.aggregate(expr);
  }
  if (functions.FindAggregate(expr.name) != nullptr) {
    if (!hooks_.aggregate) return NotAllowed("aggregate functions", hooks_.clause, expr.position);
    return hooks_.aggregate(expr);
  }
  if (expr.star || expr.distinct || !expr.order_by.empty() || expr.filter != nullptr) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kWrongObjectType,
                  std::string(expr.star       ? "*"
                              : expr.distinct ? "DISTINCT"
                                              : "ORDER BY or FILTER") +
                      " specified, but " + expr.name + " is not an aggregate function")
        .WithPosition(expr.position);
  }
  std::vector<BoundExprPtr> args;
  for (const ast::ExprPtr& arg : expr.args) {
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, Bind(*arg));
    args.push_back(std::move(bound));
  }
  if (std::any_of(expr.arg_names.begin(), expr.arg_names.end(),
                  [](const std::string& name) { return !name.empty(); })) {
    BOYO_ASSIGN_OR_RETURN(args, ArrangeNamedArguments(expr, std::move(args)));
  }
  if (expr.name == "pg_typeof" && args.size() == 1) {
    // The argument's type is known now; PostgreSQL returns it as regtype, shown as its name.
    return MakeConstant(types::Value::String(IsUnknownExpr(*args[0]) ? std::string("unknown")
                                                                     : PgTypeName(args[0]->type)));
  }
  if (expr.name == "concat" || expr.name == "concat_ws" || expr.name == "format" ||
      expr.name == "quote_literal" || expr.name == "quote_nullable") {
    // PostgreSQL declares these VARIADIC "any" and prints each argument with its type's output
    // function: what an explicit cast to text does here.
    for (BoundExprPtr& arg : args) {
      // Booleans print as t/f there but as true/false through a cast; they are left out.
      if (arg->type.id() == TypeId::kString || arg->type.id() == TypeId::kBoolean ||
          IsUnknownExpr(*arg)) {
        continue;
      }
      BOYO_ASSIGN_OR_RETURN(
          arg, coercer().Coerce(arg, DataType::String(), CastContext::kExplicit, expr.position));
    }
  }
  if (expr.name == "num_nulls" || expr.name == "num_nonnulls") {
    // VARIADIC "any" too, and only whether each argument is NULL matters: as text, arguments
    // of any types meet in one parameter type (a cast keeps NULL as NULL).
    for (BoundExprPtr& arg : args) {
      if (arg->type.id() == TypeId::kString || IsUnknownExpr(*arg)) continue;
      BOYO_ASSIGN_OR_RETURN(
          arg, coercer().Coerce(arg, DataType::String(), CastContext::kExplicit, expr.position));
    }
  }
  return CallFunction(expr.name, std::move(args), expr.position);
}

Result<std::vector<BoundExprPtr>> ExpressionBinder::ArrangeNamedArguments(
    const ast::FunctionExpr& expr, std::vector<BoundExprPtr> args) const {
  const ScalarFunction* function = coercer().functions().FindScalar(expr.name);
  const std::vector<std::string> no_names;
  const std::vector<std::string>& names =
      function != nullptr ? function->parameter_names : no_names;
  std::vector<BoundExprPtr> slots(names.size());
  bool named_seen = false;
  bool matched = true;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& name = expr.arg_names[i];
    if (name.empty()) {
      if (named_seen) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                      "positional argument cannot follow named argument")
            .WithPosition(expr.args[i]->position);
      }
      if (i < slots.size()) {
        slots[i] = args[i];
      } else {
        matched = false;
      }
      continue;
    }
    named_seen = true;
    for (size_t j = 0; j < i; ++j) {
      if (expr.arg_names[j] == name) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                      "argument name \"" + name + "\" used more than once")
            .WithPosition(expr.args[i]->position);
      }
    }
    const auto found = std::find(names.begin(), names.end(), name);
    if (found == names.end() || slots[static_cast<size_t>(found - names.begin())] != nullptr) {
      matched = false;
      continue;
    }
    slots[static_cast<size_t>(found - names.begin())] = args[i];
  }
  // Every parameter up to the last one given needs an argument or a default; later ones are
  // left to the overloads of fewer parameters.
  size_t given = 0;
  for (size_t i = 0; i < slots.size(); ++i) {
    if (slots[i] != nullptr) given = i + 1;
  }
  const size_t first_default =
      names.size() - (function != nullptr ? function->parameter_defaults.size() : 0);
  for (size_t i = 0; matched && i < given; ++i) {
    if (slots[i] != nullptr) continue;
    if (i < first_default) {
      matched = false;
    } else {
      slots[i] = MakeConstant(function->parameter_defaults[i - first_default]);
    }
  }
  if (!matched) {
    // 42883 with the call as written: "function make_interval(foo => integer) does not exist".
    std::string call = expr.name + "(";
    for (size_t i = 0; i < args.size(); ++i) {
      if (i > 0) call += ", ";
      if (!expr.arg_names[i].empty()) call += expr.arg_names[i] + " => ";
      call += IsUnknownExpr(*args[i]) ? std::string("unknown") : PgTypeName(args[i]->type);
    }
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedFunction,
                  "function " + call + ") does not exist")
        .WithPosition(expr.position);
  }
  slots.resize(given);
  return slots;
}

Result<BoundExprPtr> ExpressionBinder::BindCase(const ast::CaseExpr& expr) {
  BoundExprPtr operand;
  if (expr.operand != nullptr) {
    BOYO_ASSIGN_OR_RETURN(operand, Bind(*expr.operand));
  }
  std::vector<BoundExprPtr> conditions;
  std::vector<BoundExprPtr> results;
  for (const ast::CaseExpr::When& when : expr.whens) {
    BoundExprPtr condition;
    if (operand != nullptr) {
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr value, Bind(*when.condition));
      BOYO_ASSIGN_OR_RETURN(
          condition, CallOperator("=", {operand, std::move(value)}, when.condition->position));
    } else {
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, Bind(*when.condition));
      BOYO_ASSIGN_OR_RETURN(condition,
                            AsBoolean(std::move(bound), "CASE/WHEN", when.condition->position));
    }
    conditions.push_back(std::move(condition));
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr result, Bind(*when.result));
    results.push_back(std::move(result));
  }
  BoundExprPtr else_result;
  if (expr.else_result != nullptr) {
    BOYO_ASSIGN_OR_RETURN(else_result, Bind(*expr.else_result));
  } else {
    else_result = MakeConstant(Value());
  }
  results.push_back(std::move(else_result));
  BOYO_RETURN_IF_ERROR(Unify(&results, "CASE", expr.position));
  std::vector<BoundExprPtr> children;
  for (size_t i = 0; i < conditions.size(); ++i) {
    children.push_back(std::move(conditions[i]));
    children.push_back(results[i]);
  }
  children.push_back(results.back());
  const DataType type = results.back()->type;
  return MakeCase(std::move(children), type);
}

Result<BoundExprPtr> ExpressionBinder::BindRowComparison(const std::string& op,
                                                         const ast::Expr& left,
                                                         const ast::Expr& right, int32_t position) {
  std::vector<BoundExprPtr> sides[2];
  for (const ast::Expr* side : {&left, &right}) {
    if (side->kind == ast::ExprKind::kRow) continue;
    // `row op (SELECT ...)`: the subquery's row (PostgreSQL takes it on the right only).
    if (side == &right && side->kind == ast::ExprKind::kSubquery &&
        side->As<ast::SubqueryExpr>().form == ast::SubqueryExpr::Form::kScalar) {
      BOYO_ASSIGN_OR_RETURN(sides[1], BindRowSubquery(side->As<ast::SubqueryExpr>(),
                                                      RowFields(left).size(), position));
      continue;
    }
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr value, Bind(*side));
    const bool row_on_left = side == &right;
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedFunction,
                  "operator does not exist: " +
                      (row_on_left ? "record " + op + " " + PgTypeName(value->type)
                                   : PgTypeName(value->type) + " " + op + " record"))
        .WithPosition(position);
  }
  for (int i = 0; i < 2; ++i) {
    if (sides[i].empty()) {
      BOYO_ASSIGN_OR_RETURN(sides[i], BindRowFields(i == 0 ? left : right));
    }
  }
  return CompareRows(*this, op, sides[0], sides[1], position);
}

Result<std::vector<BoundExprPtr>> ExpressionBinder::BindRowSubquery(const ast::SubqueryExpr& expr,
                                                                    size_t width, int32_t position,
                                                                    const char* mismatch) {
  if (!hooks_.subquery) {
    return NotAllowed("subqueries", hooks_.clause, expr.position);
  }
  BOYO_ASSIGN_OR_RETURN(LogicalPtr plan, hooks_.subquery(*expr.query, scope_));
  if (plan->columns.size() != width) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  mismatch != nullptr            ? mismatch
                  : plan->columns.size() > width ? "subquery has too many columns"
                                                 : "subquery has too few columns")
        .WithPosition(position);
  }
  std::vector<BoundExprPtr> fields;
  for (size_t i = 0; i < width; ++i) {
    auto field = std::make_shared<BoundExpr>();
    field->kind = BoundKind::kSubquery;
    field->subquery = plan;
    field->subquery_form = SubqueryForm::kScalar;
    field->subquery_column = static_cast<int32_t>(i);
    field->type = plan->columns[i].type;
    fields.push_back(std::move(field));
  }
  return fields;
}

Result<BoundExprPtr> ExpressionBinder::BindInList(const ast::InListExpr& expr) {
  if (expr.arg->kind == ast::ExprKind::kRow) {
    // (a, b) IN ((1, 2), (3, 4)): the row equals one of the rows.
    std::vector<BoundExprPtr> equalities;
    for (const ast::ExprPtr& item : expr.list) {
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr equal,
                            BindRowComparison("=", *expr.arg, *item, expr.position));
      equalities.push_back(std::move(equal));
    }
    BoundExprPtr result = equalities.size() == 1
                              ? equalities.front()
                              : MakeLogical(BoundKind::kOr, std::move(equalities));
    if (expr.negated) result = MakeLogical(BoundKind::kNot, {std::move(result)});
    return result;
  }
  std::vector<BoundExprPtr> values;
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr arg, Bind(*expr.arg));
  values.push_back(std::move(arg));
  for (const ast::ExprPtr& item : expr.list) {
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, Bind(*item));
    values.push_back(std::move(bound));
  }
  BOYO_RETURN_IF_ERROR(Unify(&values, "IN", expr.position));
  // The equality of the common type, resolved once, compares the value with each item.
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr equality,
                        CallOperator("=", {values[0], values[0]}, expr.position));
  auto in = std::make_shared<BoundExpr>();
  in->kind = BoundKind::kInList;
  in->type = DataType::Boolean();
  in->negated = expr.negated;
  in->kernel = equality->kernel;
  in->function_name = "=";
  in->children = std::move(values);
  return BoundExprPtr(std::move(in));
}

Result<BoundExprPtr> ExpressionBinder::BindBetween(const ast::BetweenExpr& expr) {
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr arg, Bind(*expr.arg));
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr low, Bind(*expr.low));
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr high, Bind(*expr.high));
  auto range = [&](const BoundExprPtr& from, const BoundExprPtr& to) -> Result<BoundExprPtr> {
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr above, CallOperator(">=", {arg, from}, expr.position));
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr below, CallOperator("<=", {arg, to}, expr.position));
    return MakeLogical(BoundKind::kAnd, {std::move(above), std::move(below)});
  };
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr result, range(low, high));
  if (expr.symmetric) {
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr swapped, range(high, low));
    result = MakeLogical(BoundKind::kOr, {std::move(result), std::move(swapped)});
  }
  if (expr.negated) result = MakeLogical(BoundKind::kNot, {std::move(result)});
  return result;
}

Result<BoundExprPtr> ExpressionBinder::BindLike(const ast::LikeExpr& expr) {
  if (expr.similar) {
    // As PostgreSQL rewrites it: x [!]~ similar_to_escape(pattern [, escape]).
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr arg, Bind(*expr.arg));
    std::vector<BoundExprPtr> convert_args;
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr pattern, Bind(*expr.pattern));
    convert_args.push_back(std::move(pattern));
    if (expr.escape != nullptr) {
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr escape, Bind(*expr.escape));
      convert_args.push_back(std::move(escape));
    }
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr regex, CallFunction("similar_to_escape",
                                                           std::move(convert_args), expr.position));
    return CallOperator(expr.negated ? "!~" : "~", {std::move(arg), std::move(regex)},
                        expr.position);
  }
  std::vector<BoundExprPtr> args;
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr arg, Bind(*expr.arg));
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr pattern, Bind(*expr.pattern));
  args.push_back(std::move(arg));
  args.push_back(std::move(pattern));
  if (expr.escape != nullptr) {
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr escape, Bind(*expr.escape));
    args.push_back(std::move(escape));
  }
  const std::string name =
      std::string(expr.negated ? "!" : "") + (expr.case_insensitive ? "~~*" : "~~");
  return CallOperator(name, std::move(args), expr.position);
}

Result<BoundExprPtr> ExpressionBinder::BindBooleanTest(const ast::BooleanTestExpr& expr) {
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr arg, Bind(*expr.arg));
  BOYO_ASSIGN_OR_RETURN(arg, AsBoolean(std::move(arg), "IS TRUE", expr.position));
  using Test = ast::BooleanTestExpr::Test;
  if (expr.test == Test::kUnknown) return MakeIsNull(std::move(arg), expr.negated);
  // x IS TRUE: CASE WHEN x IS NULL THEN false ELSE x END; IS FALSE uses NOT x.
  BoundExprPtr value = expr.test == Test::kTrue ? arg : MakeLogical(BoundKind::kNot, {arg});
  BoundExprPtr result =
      MakeCase({MakeIsNull(arg, false), MakeConstant(Value::Boolean(false)), std::move(value)},
               DataType::Boolean());
  if (expr.negated) result = MakeLogical(BoundKind::kNot, {std::move(result)});
  return result;
}

Result<BoundExprPtr> ExpressionBinder::BindDistinctFrom(const ast::DistinctFromExpr& expr) {
  // A single value is a row of one field.
  BOYO_ASSIGN_OR_RETURN(std::vector<BoundExprPtr> left, BindRowFields(*expr.left));
  BOYO_ASSIGN_OR_RETURN(std::vector<BoundExprPtr> right, BindRowFields(*expr.right));
  return RowsDistinct(*this, left, right, expr.negated, expr.position);
}

Result<BoundExprPtr> ExpressionBinder::BindList(const ast::ListExpr& expr) {
  std::vector<BoundExprPtr> args;
  for (const ast::ExprPtr& arg : expr.args) {
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, Bind(*arg));
    args.push_back(std::move(bound));
  }
  switch (expr.kind) {
    case ast::ExprKind::kNullIf: {
      // NULLIF(a, b) = CASE WHEN a = b THEN NULL ELSE a END, typed as a.
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr equal, CallOperator("=", args, expr.position));
      BoundExprPtr first = args[0];
      if (IsUnknownExpr(*first)) {
        BOYO_ASSIGN_OR_RETURN(first, coercer().Coerce(first, equal->children[0]->type,
                                                      CastContext::kImplicit, expr.position));
      }
      const DataType type = first->type;
      return MakeCase({std::move(equal), MakeConstant(Value::Null(type)), first}, type);
    }
    case ast::ExprKind::kCoalesce: {
      BOYO_RETURN_IF_ERROR(Unify(&args, "COALESCE", expr.position));
      auto coalesce = std::make_shared<BoundExpr>();
      coalesce->kind = BoundKind::kCoalesce;
      coalesce->type = args.front()->type;
      coalesce->children = std::move(args);
      return BoundExprPtr(std::move(coalesce));
    }
    case ast::ExprKind::kGreatest: {
      // GREATEST/LEAST ignore NULLs: fold pairwise into CASE expressions.
      const char* name = expr.least ? "LEAST" : "GREATEST";
      BOYO_RETURN_IF_ERROR(Unify(&args, name, expr.position));
      const DataType type = args.front()->type;
      BoundExprPtr result = args.front();
      for (size_t i = 1; i < args.size(); ++i) {
        BOYO_ASSIGN_OR_RETURN(BoundExprPtr better, CallOperator(expr.least ? "<" : ">",
                                                                {args[i], result}, expr.position));
        result = MakeCase({MakeIsNull(result, false), args[i], MakeIsNull(args[i], false), result,
                           std::move(better), args[i], result},
                          type);
      }
      return result;
    }
    case ast::ExprKind::kArray:
      return BindArray(std::move(args), expr.position);
    default:
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "row constructors are not supported yet")
          .WithPosition(expr.position);
  }
}

Result<BoundExprPtr> ExpressionBinder::BindSubquery(const ast::SubqueryExpr& expr) {
  if (!hooks_.subquery) {
    return NotAllowed("subqueries", hooks_.clause, expr.position);
  }
  BOYO_ASSIGN_OR_RETURN(LogicalPtr plan, hooks_.subquery(*expr.query, scope_));
  auto bound = std::make_shared<BoundExpr>();
  bound->kind = BoundKind::kSubquery;
  bound->subquery = plan;
  using Form = ast::SubqueryExpr::Form;
  switch (expr.form) {
    case Form::kExists:
      bound->subquery_form = SubqueryForm::kExists;
      bound->type = DataType::Boolean();
      return BoundExprPtr(std::move(bound));
    case Form::kScalar:
      if (plan->columns.size() != 1) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                      "subquery must return only one column")
            .WithPosition(expr.position);
      }
      bound->subquery_form = SubqueryForm::kScalar;
      bound->type = plan->columns[0].type;
      return BoundExprPtr(std::move(bound));
    case Form::kAny:
    case Form::kAll: {
      // The tested value may be a row: (a, b) IN (SELECT x, y ...).
      BOYO_ASSIGN_OR_RETURN(std::vector<BoundExprPtr> tests, BindRowFields(*expr.test));
      const size_t n = tests.size();
      if (plan->columns.size() != n) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                      plan->columns.size() > n ? "subquery has too many columns"
                                               : "subquery has too few columns")
            .WithPosition(expr.position);
      }
      // The comparison is resolved over the tested fields as columns 0..n-1 and the
      // subquery's as columns n..2n-1.
      std::vector<BoundExprPtr> left;
      std::vector<BoundExprPtr> right;
      for (size_t i = 0; i < n; ++i) {
        left.push_back(MakeColumn(static_cast<int32_t>(i), tests[i]->type));
        right.push_back(MakeColumn(static_cast<int32_t>(n + i), plan->columns[i].type));
      }
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr comparison,
                            CompareRows(*this, expr.operator_name, left, right, expr.position));
      bound->subquery_form = expr.form == Form::kAny ? SubqueryForm::kAny : SubqueryForm::kAll;
      bound->type = DataType::Boolean();
      bound->children = std::move(tests);
      bound->comparison = std::move(comparison);
      return BoundExprPtr(std::move(bound));
    }
    default:
      return BindArraySubquery(expr);
  }
}

Result<BoundExprPtr> ExpressionBinder::BindSpecialValue(const ast::SpecialValueExpr& expr) {
  using V = ast::SpecialValueExpr::Value;
  const char* name = "now";
  switch (expr.value) {
    case V::kCurrentDate:
      name = "current_date";
      break;
    case V::kCurrentTime:
      name = "current_time";
      break;
    case V::kCurrentTimestamp:
      name = "now";
      break;
    case V::kLocalTime:
      name = "localtime";
      break;
    case V::kLocalTimestamp:
      name = "localtimestamp";
      break;
    case V::kCurrentUser:
    case V::kCurrentRole:
      name = "current_user";
      break;
    case V::kSessionUser:
      name = "session_user";
      break;
    case V::kCurrentCatalog:
      name = "current_database";
      break;
    case V::kCurrentSchema:
      name = "current_schema";
      break;
  }
  return CallFunction(name, {}, expr.position);
}

Result<BoundExprPtr> ExpressionBinder::Bind(const ast::Expr& expr) {
  switch (expr.kind) {
    case ast::ExprKind::kConstant:
      return BindConstant(expr.As<ast::ConstantExpr>());
    case ast::ExprKind::kColumn: {
      const auto& column = expr.As<ast::ColumnExpr>();
      BOYO_ASSIGN_OR_RETURN(ColumnMatch match, scope_.Resolve(column.parts, expr.position));
      auto bound = std::make_shared<BoundExpr>();
      bound->kind = match.depth == 0 ? BoundKind::kColumn : BoundKind::kOuterColumn;
      bound->type = match.type;
      bound->column_index = match.index;
      bound->depth = match.depth;
      return BoundExprPtr(std::move(bound));
    }
    case ast::ExprKind::kStar:
      return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError, "* is not allowed here")
          .WithPosition(expr.position);
    case ast::ExprKind::kParameter: {
      const int32_t number = expr.As<ast::ParameterExpr>().number;
      if (std::vector<std::optional<DataType>>* inferred = coercer().parameter_inference()) {
        if (number < 1 || number > kMaxParameters) {
          return Status(StatusCode::kInvalidArgument, sqlstate::kUndefinedParameter,
                        "there is no parameter $" + std::to_string(number))
              .WithPosition(expr.position);
        }
        const size_t index = static_cast<size_t>(number - 1);
        if (inferred->size() <= index) inferred->resize(index + 1);
        auto bound = std::make_shared<BoundExpr>();
        bound->kind = BoundKind::kParameter;
        bound->parameter_index = number - 1;
        // Until a context gives it a type, it is an untyped value like a quoted literal.
        bound->type = (*inferred)[index].value_or(DataType::String());
        bound->unknown_literal = !(*inferred)[index].has_value();
        return BoundExprPtr(std::move(bound));
      }
      if (hooks_.parameter_types == nullptr || number < 1 ||
          static_cast<size_t>(number) > hooks_.parameter_types->size()) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kUndefinedParameter,
                      "there is no parameter $" + std::to_string(number))
            .WithPosition(expr.position);
      }
      auto bound = std::make_shared<BoundExpr>();
      bound->kind = BoundKind::kParameter;
      bound->parameter_index = number - 1;
      bound->type = (*hooks_.parameter_types)[static_cast<size_t>(number - 1)];
      return BoundExprPtr(std::move(bound));
    }
    case ast::ExprKind::kOperator:
      return BindOperator(expr.As<ast::OperatorExpr>());
    case ast::ExprKind::kAnd:
    case ast::ExprKind::kOr:
    case ast::ExprKind::kNot: {
      const auto& logical = expr.As<ast::BoolExpr>();
      const char* what = expr.kind == ast::ExprKind::kAnd  ? "AND"
                         : expr.kind == ast::ExprKind::kOr ? "OR"
                                                           : "NOT";
      std::vector<BoundExprPtr> children;
      for (const ast::ExprPtr& arg : logical.args) {
        BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, Bind(*arg));
        BOYO_ASSIGN_OR_RETURN(bound, AsBoolean(std::move(bound), what, arg->position));
        children.push_back(std::move(bound));
      }
      const BoundKind kind = expr.kind == ast::ExprKind::kAnd  ? BoundKind::kAnd
                             : expr.kind == ast::ExprKind::kOr ? BoundKind::kOr
                                                               : BoundKind::kNot;
      return MakeLogical(kind, std::move(children));
    }
    case ast::ExprKind::kFunction:
      return BindFunction(expr.As<ast::FunctionExpr>());
    case ast::ExprKind::kCast: {
      const auto& cast = expr.As<ast::CastExpr>();
      if (cast.type.array_dimensions == 0 && cast.type.modifiers.empty() &&
          cast.type.name != "oid" && IsOidAliasType(cast.type.name)) {
        // 't'::regclass resolves a name to its OID, as the function regclass(text) does.
        BOYO_ASSIGN_OR_RETURN(BoundExprPtr arg, Bind(*cast.arg));
        BOYO_ASSIGN_OR_RETURN(ResolvedCall call,
                              resolver_.ResolveScalar(cast.type.name, {arg}, false, expr.position));
        return MakeScalarCall(cast.type.name, std::move(call));
      }
      BOYO_ASSIGN_OR_RETURN(DataType type, ResolveTypeName(cast.type));
      BOYO_ASSIGN_OR_RETURN(std::optional<BoundExprPtr> array, BindArrayForCast(*cast.arg, type));
      BoundExprPtr arg;
      if (array) {
        arg = std::move(*array);
      } else {
        BOYO_ASSIGN_OR_RETURN(arg, Bind(*cast.arg));
      }
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr cast_value,
                            coercer().Coerce(arg, type, CastContext::kExplicit, expr.position));
      BOYO_ASSIGN_OR_RETURN(const std::optional<types::CharacterLength> limit,
                            DeclaredCharacterLength(cast.type));
      if (!limit) return cast_value;
      return FitCharacterLength(resolver_, std::move(cast_value), *limit, /*explicit_cast=*/true,
                                expr.position);
    }
    case ast::ExprKind::kCase:
      return BindCase(expr.As<ast::CaseExpr>());
    case ast::ExprKind::kInList:
      return BindInList(expr.As<ast::InListExpr>());
    case ast::ExprKind::kBetween:
      return BindBetween(expr.As<ast::BetweenExpr>());
    case ast::ExprKind::kLike:
      return BindLike(expr.As<ast::LikeExpr>());
    case ast::ExprKind::kNullTest: {
      const auto& test = expr.As<ast::NullTestExpr>();
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr arg, Bind(*test.arg));
      return MakeIsNull(std::move(arg), test.negated);
    }
    case ast::ExprKind::kBooleanTest:
      return BindBooleanTest(expr.As<ast::BooleanTestExpr>());
    case ast::ExprKind::kDistinctFrom:
      return BindDistinctFrom(expr.As<ast::DistinctFromExpr>());
    case ast::ExprKind::kNullIf:
    case ast::ExprKind::kCoalesce:
    case ast::ExprKind::kGreatest:
    case ast::ExprKind::kArray:
    case ast::ExprKind::kRow:
      return BindList(expr.As<ast::ListExpr>());
    case ast::ExprKind::kSubquery:
      return BindSubquery(expr.As<ast::SubqueryExpr>());
    case ast::ExprKind::kSpecialValue:
      return BindSpecialValue(expr.As<ast::SpecialValueExpr>());
    case ast::ExprKind::kQuantified:
      return BindQuantified(expr.As<ast::QuantifiedExpr>());
    case ast::ExprKind::kSubscript:
      return BindSubscript(expr.As<ast::SubscriptExpr>());
    case ast::ExprKind::kDefault:
      // INSERT's VALUES and UPDATE's SET take DEFAULT before expressions are bound.
      return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                    "DEFAULT is not allowed in this context")
          .WithPosition(expr.position);
  }
  return Status::Internal("unknown expression kind");
}

}  // namespace boyodb::sql
