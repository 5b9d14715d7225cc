// Test helpers for the functions layer: arrays from value literals, calls of built-in
// functions and casts by name and argument types, and results as PostgreSQL-style text.
// Thread safety: test code, single-threaded.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/array.h"
#include "columnar/builder.h"
#include "functions/function_registry.h"
#include "types/value.h"

namespace boyodb::functions::testing {

using columnar::ArrayPtr;
using types::DataType;
using types::Value;

/// An array of `type` holding `values` (Value::Null(type) for NULL rows).
inline ArrayPtr MakeArray(const DataType& type, const std::vector<Value>& values) {
  std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(type);
  for (const Value& value : values) {
    const Status status = builder->AppendValue(value);
    EXPECT_TRUE(status.ok()) << status.ToString();
  }
  return builder->Finish();
}

/// The same values in an array padded with a NULL and a sentinel on each side, then sliced,
/// so the result has offset 2 and kernels must respect it.
inline ArrayPtr MakeSlicedArray(const DataType& type, const std::vector<Value>& values,
                                const Value& sentinel) {
  std::vector<Value> padded = {Value::Null(type), sentinel};
  padded.insert(padded.end(), values.begin(), values.end());
  padded.push_back(sentinel);
  padded.push_back(Value::Null(type));
  return MakeArray(type, padded)->Slice(2, static_cast<int64_t>(values.size()));
}

inline Value Text(std::string text) { return Value::String(std::move(text)); }
inline Value Int16(int16_t value) { return Value::Int16(value); }
inline Value Int32(int32_t value) { return Value::Int32(value); }
inline Value Int64(int64_t value) { return Value::Int64(value); }
inline Value Float64(double value) { return Value::Float64(value); }
inline Value Float32(float value) { return Value::Float32(value); }
inline Value Bool(bool value) { return Value::Boolean(value); }
/// A DECIMAL literal from its text ("12.50" is DECIMAL(p, 2) with p = max(digits, 10)).
Value Decimal(std::string_view text, int precision = 0);

/// Finds the overload of `name` whose parameters match the argument types (any DECIMAL for
/// a DECIMAL(0, 0) parameter, variadic tails) and runs its kernel. Fails the test when there
/// is no such overload.
Result<ArrayPtr> Call(std::string_view name, const std::vector<ArrayPtr>& args,
                      const sql::EvalContext& context = {});
/// The result type the chosen overload declares for these argument types.
DataType ResultType(std::string_view name, const std::vector<DataType>& args);
/// Calls `name` on one row of literal arguments and returns the result value.
Result<Value> CallValues(std::string_view name, const std::vector<Value>& args,
                         const sql::EvalContext& context = {});
/// Casts one value with the built-in cast kernel.
Result<Value> CastValue(const Value& value, const DataType& to,
                        const sql::EvalContext& context = {});
/// The value's text as psql shows it: Value::ToString, "NULL" for NULL.
std::string Show(const Value& value);
/// Each row of `array` shown as Show does.
std::vector<std::string> ShowAll(const columnar::Array& array);
/// `CallValues(...)` shown, or "ERROR <sqlstate>: <message>".
std::string Eval(std::string_view name, const std::vector<Value>& args,
                 const sql::EvalContext& context = {});
/// `CastValue(...)` shown through a further cast to TEXT (PostgreSQL's output), or
/// "ERROR <sqlstate>: <message>".
std::string CastText(const Value& value, const DataType& to, const sql::EvalContext& context = {});
/// The value cast to TEXT (PostgreSQL's output function), or "ERROR ...".
std::string AsText(const Value& value, const sql::EvalContext& context = {});

}  // namespace boyodb::functions::testing
