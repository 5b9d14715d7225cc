#include "sql/binder/function_resolver.h"

#include <algorithm>

#include "common/sqlstate.h"

namespace boyodb::sql {

using types::DataType;
using types::TypeId;

namespace {

bool IsAnyParameter(const DataType& parameter) { return parameter.id() == TypeId::kNull; }

// "anyarray" (function_api.h AnyArray()): an array whose element type the call decides.
bool IsAnyArrayParameter(const DataType& parameter) {
  return parameter.id() == TypeId::kList && parameter.element_type().id() == TypeId::kNull;
}

bool IsAnyDecimal(const DataType& parameter) {
  return parameter.id() == TypeId::kDecimal && parameter.precision() == 0;
}

// The preferred type of each category (PostgreSQL's typispreferred).
bool IsPreferred(const DataType& type) {
  return type.id() == TypeId::kFloat64 || type.id() == TypeId::kString ||
         type.id() == TypeId::kTimestampTz || type.id() == TypeId::kBoolean ||
         type.id() == TypeId::kInterval;
}

const DataType& ParameterAt(const std::vector<DataType>& parameters, bool variadic, size_t index) {
  if (variadic && index >= parameters.size()) return parameters.back();
  return parameters[index];
}

bool ArityMatches(const std::vector<DataType>& parameters, bool variadic, size_t num_args) {
  if (variadic) return !parameters.empty() && num_args + 1 >= parameters.size();
  return parameters.size() == num_args;
}

bool IsUnknown(const BoundExpr& arg) {
  return arg.unknown_literal ||
         (arg.kind == BoundKind::kConstant && arg.type.id() == TypeId::kNull);
}

// The call's result type: the overload's rule applied to the coerced arguments, its declared
// type, or (for "any") the arguments' common type that Resolve put there.
Status ApplyResultType(const DataType& declared, const ResultTypeRule& rule, int32_t position,
                       ResolvedCall* call) {
  if (rule) {
    std::vector<DataType> arg_types;
    for (const BoundExprPtr& arg : call->args) arg_types.push_back(arg->type);
    Result<DataType> result = rule(arg_types);
    if (!result.ok()) return Status(result.status()).WithPosition(position);
    call->result = *result;
  } else if (IsAnyArrayParameter(declared)) {
    call->result = DataType::List(call->result);
  } else if (declared.id() != TypeId::kNull) {
    call->result = declared;
  }
  return Status::OK();
}

// The element types the polymorphic parameters of a candidate see: each "anyelement"
// argument's type and each "anyarray" argument's element type (untyped arguments flagged).
void PolymorphicTypes(const std::vector<DataType>& parameters, bool variadic,
                      const std::vector<BoundExprPtr>& args, std::vector<DataType>* types,
                      std::vector<bool>* unknown) {
  for (size_t i = 0; i < args.size(); ++i) {
    const DataType& parameter = ParameterAt(parameters, variadic, i);
    const bool untyped = IsUnknown(*args[i]);
    if (IsAnyParameter(parameter)) {
      types->push_back(args[i]->type);
      unknown->push_back(untyped);
    } else if (IsAnyArrayParameter(parameter)) {
      types->push_back(untyped ? args[i]->type : args[i]->type.element_type());
      unknown->push_back(untyped);
    }
  }
}

}  // namespace

BoundExprPtr MakeScalarCall(const std::string& name, ResolvedCall call) {
  auto expr = std::make_shared<BoundExpr>();
  expr->kind = BoundKind::kCall;
  expr->type = call.result;
  expr->function_name = name;
  expr->kernel = call.scalar->kernel;
  expr->volatility = call.scalar->volatility;
  expr->children = std::move(call.args);
  return expr;
}

std::string DescribeCall(const std::string& name, const std::vector<BoundExprPtr>& args,
                         bool is_operator) {
  auto type_of = [](const BoundExpr& arg) {
    return IsUnknown(arg) ? std::string("unknown") : PgTypeName(arg.type);
  };
  if (is_operator) {
    if (args.size() == 1) return name + " " + type_of(*args[0]);
    if (args.size() == 2) return type_of(*args[0]) + " " + name + " " + type_of(*args[1]);
  }
  std::string out = name + "(";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ", ";
    out += type_of(*args[i]);
  }
  return out + ")";
}

// 42883 in PostgreSQL's words: "function f(integer) does not exist" or "operator does not
// exist: integer + text".
Status UndefinedFunction(const std::string& name, const std::vector<BoundExprPtr>& args,
                         bool is_operator, int32_t position) {
  const std::string what = DescribeCall(name, args, is_operator);
  return Status(StatusCode::kNotFound, sqlstate::kUndefinedFunction,
                is_operator ? "operator does not exist: " + what
                            : "function " + what + " does not exist")
      .WithPosition(position);
}

Result<ResolvedCall> FunctionResolver::Resolve(
    const std::string& name, const std::vector<const std::vector<DataType>*>& signatures,
    const std::vector<const DataType*>& results, const std::vector<bool>& variadic,
    std::vector<BoundExprPtr> args, bool is_operator, int32_t position, size_t* chosen) const {
  // The known type an unknown literal is assumed to have: the type of the other arguments
  // when they all agree (PostgreSQL's rule for binary operators, used for functions too).
  const DataType* known = nullptr;
  bool known_agrees = true;
  for (const BoundExprPtr& arg : args) {
    if (IsUnknown(*arg)) continue;
    if (known == nullptr) {
      known = &arg->type;
    } else if (!(*known == arg->type)) {
      known_agrees = false;
    }
  }

  int best_score = -1;
  int best_preferred = -1;
  size_t best = 0;
  int ties = 0;
  for (size_t candidate = 0; candidate < signatures.size(); ++candidate) {
    const std::vector<DataType>& parameters = *signatures[candidate];
    if (!ArityMatches(parameters, variadic[candidate], args.size())) continue;
    int score = 0;
    int preferred = 0;
    bool viable = true;
    for (size_t i = 0; i < args.size() && viable; ++i) {
      const DataType& parameter = ParameterAt(parameters, variadic[candidate], i);
      const BoundExpr& arg = *args[i];
      if (IsAnyParameter(parameter)) continue;
      if (IsAnyArrayParameter(parameter)) {
        // Any array, or an untyped literal ('{1,2}') that the other arguments give a type.
        viable = IsUnknown(arg) || arg.type.id() == TypeId::kList;
        continue;
      }
      if (IsUnknown(arg)) {
        if (known != nullptr && known_agrees && *known == parameter) ++score;
        // With no typed argument to follow, unknown literals are read as text when a
        // candidate takes text there (PostgreSQL prefers the string category): 'a' = 'b'.
        if (known == nullptr && parameter.id() == TypeId::kString) ++score;
        if (IsPreferred(parameter)) ++preferred;
        continue;
      }
      if (arg.type == parameter || (IsAnyDecimal(parameter) && arg.type.id() == TypeId::kDecimal)) {
        ++score;
        continue;
      }
      if (IsAnyDecimal(parameter)) {
        viable = CastAllowed(arg.type, DataType::Decimal(38, 0), CastContext::kImplicit);
      } else {
        viable = CastAllowed(arg.type, parameter, CastContext::kImplicit);
      }
      if (IsPreferred(parameter)) ++preferred;
    }
    if (viable) {
      // The polymorphic arguments must meet at one element type: int[][] || int[] is
      // (anyarray, anyelement), not (anyarray, anyarray).
      std::vector<DataType> element_types;
      std::vector<bool> element_unknown;
      PolymorphicTypes(parameters, variadic[candidate], args, &element_types, &element_unknown);
      viable = element_types.empty() || CommonType(element_types, element_unknown, name).ok();
    }
    if (!viable) continue;
    if (score > best_score || (score == best_score && preferred > best_preferred)) {
      best_score = score;
      best_preferred = preferred;
      best = candidate;
      ties = 1;
    } else if (score == best_score && preferred == best_preferred) {
      ++ties;
    }
  }
  if (best_score < 0) {
    return UndefinedFunction(name, args, is_operator, position);
  }
  (void)ties;  // declaration order breaks remaining ties, as registries list the usual first
  *chosen = best;

  // Coerce: polymorphic parameters share one element type, the common type of the
  // "anyelement" arguments and of the "anyarray" arguments' elements.
  const std::vector<DataType>& parameters = *signatures[best];
  std::vector<DataType> any_types;
  std::vector<bool> any_unknown;
  PolymorphicTypes(parameters, variadic[best], args, &any_types, &any_unknown);
  bool has_any_array = IsAnyArrayParameter(*results[best]);
  for (size_t i = 0; i < args.size(); ++i) {
    has_any_array =
        has_any_array || IsAnyArrayParameter(ParameterAt(parameters, variadic[best], i));
  }
  DataType any_type = DataType::String();
  if (!any_types.empty()) {
    if (has_any_array &&
        std::all_of(any_unknown.begin(), any_unknown.end(), [](bool unknown) { return unknown; })) {
      // PostgreSQL cannot tell an untyped '{1,2}' from text either.
      return Status(StatusCode::kInvalidArgument, sqlstate::kIndeterminateDatatype,
                    "could not determine polymorphic type because input has type unknown")
          .WithPosition(position);
    }
    Result<DataType> common = CommonType(any_types, any_unknown, name);
    if (!common.ok()) return Status(common.status()).WithPosition(position);
    any_type = *common;
  }
  ResolvedCall call;
  for (size_t i = 0; i < args.size(); ++i) {
    DataType target = ParameterAt(parameters, variadic[best], i);
    if (IsAnyParameter(target)) {
      target = any_type;
    } else if (IsAnyArrayParameter(target)) {
      target = DataType::List(any_type);
    } else if (IsAnyDecimal(target)) {
      target = args[i]->type.id() == TypeId::kDecimal ? args[i]->type
               : args[i]->type.id() == TypeId::kInt16 ? DataType::Decimal(5, 0)
               : args[i]->type.id() == TypeId::kInt32 ? DataType::Decimal(10, 0)
                                                      : DataType::Decimal(19, 0);
      if (IsUnknown(*args[i])) target = DataType::Decimal(38, 10);
    }
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr coerced,
                          coercer_.Coerce(args[i], target, CastContext::kImplicit, position));
    call.args.push_back(std::move(coerced));
  }
  call.result = any_type;
  return call;
}

Result<ResolvedCall> FunctionResolver::ResolveScalar(const std::string& name,
                                                     std::vector<BoundExprPtr> args,
                                                     bool is_operator, int32_t position) const {
  const ScalarFunction* function = coercer_.functions().FindScalar(name);
  if (function == nullptr) {
    return UndefinedFunction(name, args, is_operator, position);
  }
  std::vector<const std::vector<DataType>*> signatures;
  std::vector<const DataType*> results;
  std::vector<bool> variadic;
  for (const ScalarOverload& overload : function->overloads) {
    signatures.push_back(&overload.parameters);
    results.push_back(&overload.result);
    variadic.push_back(overload.variadic);
  }
  size_t chosen = 0;
  BOYO_ASSIGN_OR_RETURN(ResolvedCall call,
                        Resolve(name, signatures, results, variadic, std::move(args), is_operator,
                                position, &chosen));
  const ScalarOverload& overload = function->overloads[chosen];
  call.scalar = &overload;
  BOYO_RETURN_IF_ERROR(ApplyResultType(overload.result, overload.result_rule, position, &call));
  return call;
}

Result<ResolvedCall> FunctionResolver::ResolveAggregate(const std::string& name,
                                                        std::vector<BoundExprPtr> args,
                                                        int32_t position) const {
  const AggregateFunctionSet* function = coercer_.functions().FindAggregate(name);
  if (function == nullptr) {
    return UndefinedFunction(name, args, false, position);
  }
  std::vector<const std::vector<DataType>*> signatures;
  std::vector<const DataType*> results;
  std::vector<bool> variadic;
  for (const AggregateOverload& overload : function->overloads) {
    signatures.push_back(&overload.parameters);
    results.push_back(&overload.result);
    variadic.push_back(false);
  }
  size_t chosen = 0;
  BOYO_ASSIGN_OR_RETURN(ResolvedCall call, Resolve(name, signatures, results, variadic,
                                                   std::move(args), false, position, &chosen));
  const AggregateOverload& overload = function->overloads[chosen];
  call.aggregate = &overload;
  BOYO_RETURN_IF_ERROR(ApplyResultType(overload.result, overload.result_rule, position, &call));
  return call;
}

}  // namespace boyodb::sql
