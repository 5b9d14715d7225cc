// Test helpers for the array functions: array values from PostgreSQL-style literals
// ("{1,NULL,3}", "{{1,2},{3,4}}"), and calls of built-in functions whose overloads take
// polymorphic parameters (anyarray, anyelement), resolved the way the binder resolves them:
// every polymorphic argument shares one element type, and a result of AnyArray()/Null() becomes
// that array or element type.
// Thread safety: test code, single-threaded.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {

/// The INTEGER array written as PostgreSQL prints it: "{1,NULL,3}", "{{1,2},{3,4}}", "{}". The
/// nesting of the braces gives the type: INTEGER[] or INTEGER[][] and so on. "NULL" alone is a
/// NULL INTEGER[] (use NullOf for deeper types).
Value Ints(std::string_view literal);
/// A TEXT[] of the given elements (nullopt for NULL elements).
Value Texts(const std::vector<std::optional<std::string>>& elements);
/// An array of `element` type holding `elements`.
Value ArrayOf(const DataType& element, std::vector<Value> elements);
/// A NULL of `type`.
inline Value NullOf(const DataType& type) { return Value::Null(type); }

/// The overload of `name` that accepts arguments of `types`, with polymorphic parameters.
const sql::ScalarOverload* FindPolymorphicOverload(std::string_view name,
                                                   const std::vector<DataType>& types);
/// The call's result type: the overload's rule, or its declared type with AnyArray()/Null()
/// replaced by the shared element type.
DataType PolymorphicResultType(const sql::ScalarOverload& overload,
                               const std::vector<DataType>& types);
/// Runs `name` on whole argument arrays (all of one length). Fails the test when no overload
/// accepts them or the result is not of the resolved type.
Result<ArrayPtr> CallArrays(std::string_view name, const std::vector<ArrayPtr>& args,
                            const sql::EvalContext& context = {});
/// Runs `name` on one row of `args` and shows the result as psql does ("{1,2}", "NULL"), or
/// "ERROR <sqlstate>: <message>".
std::string EvalArray(std::string_view name, const std::vector<Value>& args,
                      const sql::EvalContext& context = {});
/// Runs `name` on columns of values (each column one argument, all of equal length), each
/// column sliced out of a longer array so that kernels must respect offsets, and shows each
/// result row; a single "ERROR ..." line when the call fails.
std::vector<std::string> EvalSlicedRows(std::string_view name,
                                        const std::vector<std::vector<Value>>& columns);

// --- Definitions (inline: only *_test.cc files are compiled into the test binary) ----------

namespace internal {

inline Value ParseInts(std::string_view literal, size_t* pos, int* depth) {
  // Requires: literal[*pos] == '{'.
  ++*pos;
  std::vector<Value> elements;
  int inner_depth = 0;
  while (*pos < literal.size() && literal[*pos] != '}') {
    if (literal[*pos] == ',') {
      ++*pos;
      continue;
    }
    if (literal[*pos] == '{') {
      int sub_depth = 0;
      elements.push_back(ParseInts(literal, pos, &sub_depth));
      inner_depth = sub_depth;
      continue;
    }
    size_t end = *pos;
    while (end < literal.size() && literal[end] != ',' && literal[end] != '}') ++end;
    const std::string token(literal.substr(*pos, end - *pos));
    elements.push_back(token == "NULL" ? Value::Null(DataType::Int32())
                                       : Value::Int32(static_cast<int32_t>(std::stol(token))));
    *pos = end;
  }
  ++*pos;  // '}'
  *depth = inner_depth + 1;
  DataType element = DataType::Int32();
  for (int d = 0; d < inner_depth; ++d) element = DataType::List(element);
  // NULL sub-arrays were parsed as NULL integers: give them the sub-array type.
  for (Value& value : elements) {
    if (value.is_null()) value = Value::Null(element);
  }
  return Value::Nested(DataType::List(element), std::move(elements));
}

inline bool IsAnyArray(const DataType& type) {
  return type.id() == types::TypeId::kList && type.element_type().id() == types::TypeId::kNull;
}

// The shared element type of the polymorphic arguments, or nullopt when they disagree or a
// non-polymorphic parameter does not match exactly.
inline std::optional<DataType> SharedElementType(const sql::ScalarOverload& overload,
                                                 const std::vector<DataType>& types,
                                                 bool* matches) {
  *matches = overload.parameters.size() == types.size();
  std::optional<DataType> shared;
  for (size_t i = 0; i < types.size() && *matches; ++i) {
    const DataType& parameter = overload.parameters[i];
    std::optional<DataType> element;
    if (parameter.id() == types::TypeId::kNull) {
      element = types[i];
    } else if (IsAnyArray(parameter)) {
      if (types[i].id() != types::TypeId::kList) {
        *matches = false;
        break;
      }
      element = types[i].element_type();
    } else if (parameter != types[i]) {
      *matches = false;
      break;
    }
    if (element) {
      if (shared && *shared != *element) *matches = false;
      shared = element;
    }
  }
  return shared;
}

inline std::string ErrorText(const Status& status) {
  return "ERROR " + std::string(status.sqlstate()) + ": " + std::string(status.message());
}

}  // namespace internal

inline Value Ints(std::string_view literal) {
  if (literal == "NULL") return Value::Null(DataType::List(DataType::Int32()));
  size_t pos = 0;
  int depth = 0;
  return internal::ParseInts(literal, &pos, &depth);
}

inline Value ArrayOf(const DataType& element, std::vector<Value> elements) {
  return Value::Nested(DataType::List(element), std::move(elements));
}

inline Value Texts(const std::vector<std::optional<std::string>>& elements) {
  std::vector<Value> values;
  for (const std::optional<std::string>& element : elements) {
    values.push_back(element ? Value::String(*element) : Value::Null(DataType::String()));
  }
  return ArrayOf(DataType::String(), std::move(values));
}

inline const sql::ScalarOverload* FindPolymorphicOverload(std::string_view name,
                                                          const std::vector<DataType>& types) {
  const sql::ScalarFunction* function = FunctionRegistry::Builtins().FindScalar(name);
  if (function == nullptr) {
    ADD_FAILURE() << "no function " << name;
    return nullptr;
  }
  for (const sql::ScalarOverload& overload : function->overloads) {
    bool matches = false;
    internal::SharedElementType(overload, types, &matches);
    if (matches) return &overload;
  }
  std::string listed;
  for (const DataType& type : types) listed += type.ToString() + " ";
  ADD_FAILURE() << "no overload of " << name << " for " << listed;
  return nullptr;
}

inline DataType PolymorphicResultType(const sql::ScalarOverload& overload,
                                      const std::vector<DataType>& types) {
  if (overload.result_rule) {
    Result<DataType> result = overload.result_rule(types);
    EXPECT_TRUE(result.ok());
    return result.ok() ? *result : DataType::Null();
  }
  bool matches = false;
  const std::optional<DataType> shared = internal::SharedElementType(overload, types, &matches);
  if (overload.result.id() == types::TypeId::kNull) return shared.value_or(DataType::Null());
  if (internal::IsAnyArray(overload.result)) {
    return DataType::List(shared.value_or(DataType::Null()));
  }
  return overload.result;
}

inline Result<ArrayPtr> CallArrays(std::string_view name, const std::vector<ArrayPtr>& args,
                                   const sql::EvalContext& context) {
  std::vector<DataType> types;
  for (const ArrayPtr& arg : args) types.push_back(arg->type());
  const sql::ScalarOverload* overload = FindPolymorphicOverload(name, types);
  if (overload == nullptr) return Status::NotFound("no overload");
  const int64_t num_rows = args.empty() ? 1 : args[0]->length();
  BOYO_ASSIGN_OR_RETURN(ArrayPtr result, overload->kernel(args, num_rows, context));
  EXPECT_EQ(result->length(), num_rows) << name;
  EXPECT_EQ(result->type(), PolymorphicResultType(*overload, types)) << name;
  const Status valid = columnar::ValidateArray(*result);
  EXPECT_TRUE(valid.ok()) << name << ": " << valid.ToString();
  return result;
}

inline std::string EvalArray(std::string_view name, const std::vector<Value>& args,
                             const sql::EvalContext& context) {
  std::vector<ArrayPtr> arrays;
  for (const Value& arg : args) arrays.push_back(MakeArray(arg.type(), {arg}));
  Result<ArrayPtr> result = CallArrays(name, arrays, context);
  if (!result.ok()) return internal::ErrorText(result.status());
  return Show((*result)->GetValue(0));
}

inline std::vector<std::string> EvalSlicedRows(std::string_view name,
                                               const std::vector<std::vector<Value>>& columns) {
  std::vector<ArrayPtr> arrays;
  for (const std::vector<Value>& column : columns) {
    const DataType type = column.front().type();
    Value sentinel = Value::Null(type);
    for (const Value& value : column) {
      if (!value.is_null()) {
        sentinel = value;
        break;
      }
    }
    arrays.push_back(MakeSlicedArray(type, column, sentinel));
  }
  Result<ArrayPtr> result = CallArrays(name, arrays);
  if (!result.ok()) return {internal::ErrorText(result.status())};
  return ShowAll(**result);
}

}  // namespace boyodb::functions::testing
