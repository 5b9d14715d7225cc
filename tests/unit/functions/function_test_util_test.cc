// The helpers of function_test_util.h (defined here, since only *_test.cc files are built),
// and a check of the helpers themselves.
#include "tests/unit/functions/function_test_util.h"

#include "functions/cast/cast_lookup.h"

namespace boyodb::functions::testing {
namespace {

bool Matches(const sql::ScalarOverload& overload, const std::vector<DataType>& args) {
  const auto& parameters = overload.parameters;
  if (overload.variadic ? args.size() + 1 < parameters.size() : args.size() != parameters.size()) {
    return false;
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const DataType& parameter = i < parameters.size() ? parameters[i] : parameters.back();
    if (parameter.id() == types::TypeId::kDecimal && parameter.precision() == 0) {
      if (args[i].id() != types::TypeId::kDecimal) return false;
    } else if (!(parameter == args[i])) {
      return false;
    }
  }
  return true;
}

const sql::ScalarOverload* FindOverload(std::string_view name, const std::vector<DataType>& args) {
  const sql::ScalarFunction* function = FunctionRegistry::Builtins().FindScalar(name);
  if (function == nullptr) {
    ADD_FAILURE() << "no function " << name;
    return nullptr;
  }
  for (const sql::ScalarOverload& overload : function->overloads) {
    if (Matches(overload, args)) return &overload;
  }
  std::string types;
  for (const DataType& type : args) types += type.ToString() + " ";
  ADD_FAILURE() << "no overload of " << name << " for " << types;
  return nullptr;
}

std::string ErrorText(const Status& status) {
  return "ERROR " + std::string(status.sqlstate()) + ": " + std::string(status.message());
}

}  // namespace

Value Decimal(std::string_view text, int precision) {
  const size_t point = text.find('.');
  const int scale = point == std::string_view::npos ? 0 : static_cast<int>(text.size() - point - 1);
  std::string digits;
  for (const char c : text) {
    if (c != '.') digits.push_back(c);
  }
  types::Int128 unscaled = 0;
  const bool negative = !digits.empty() && digits[0] == '-';
  for (size_t i = negative ? 1 : 0; i < digits.size(); ++i)
    unscaled = unscaled * 10 + (digits[i] - '0');
  if (negative) unscaled = -unscaled;
  if (precision == 0) precision = std::max(10, static_cast<int>(digits.size()));
  return Value::Decimal(
      unscaled, DataType::Decimal(static_cast<uint8_t>(precision), static_cast<uint8_t>(scale)));
}

Result<ArrayPtr> Call(std::string_view name, const std::vector<ArrayPtr>& args,
                      const sql::EvalContext& context) {
  std::vector<DataType> types;
  for (const ArrayPtr& arg : args) types.push_back(arg->type());
  const sql::ScalarOverload* overload = FindOverload(name, types);
  if (overload == nullptr) return Status::NotFound("no overload");
  const int64_t num_rows = args.empty() ? 1 : args[0]->length();
  return overload->kernel(args, num_rows, context);
}

DataType ResultType(std::string_view name, const std::vector<DataType>& args) {
  const sql::ScalarOverload* overload = FindOverload(name, args);
  if (overload == nullptr) return DataType::Null();
  if (overload->result_rule) return *overload->result_rule(args);
  return overload->result;
}

Result<Value> CallValues(std::string_view name, const std::vector<Value>& args,
                         const sql::EvalContext& context) {
  std::vector<ArrayPtr> arrays;
  for (const Value& arg : args) arrays.push_back(MakeArray(arg.type(), {arg}));
  BOYO_ASSIGN_OR_RETURN(ArrayPtr result, Call(name, arrays, context));
  EXPECT_EQ(result->length(), 1);
  std::vector<DataType> types;
  for (const Value& arg : args) types.push_back(arg.type());
  EXPECT_EQ(result->type(), ResultType(name, types)) << name;
  return result->GetValue(0);
}

Result<Value> CastValue(const Value& value, const DataType& to, const sql::EvalContext& context) {
  BOYO_ASSIGN_OR_RETURN(sql::CastKernel kernel,
                        FunctionRegistry::Builtins().FindCast(value.type(), to));
  BOYO_ASSIGN_OR_RETURN(ArrayPtr result, kernel(MakeArray(value.type(), {value}), context));
  EXPECT_EQ(result->type(), to);
  return result->GetValue(0);
}

std::string Show(const Value& value) { return value.ToString(); }

std::vector<std::string> ShowAll(const columnar::Array& array) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < array.length(); ++i) out.push_back(array.GetValue(i).ToString());
  return out;
}

std::string Eval(std::string_view name, const std::vector<Value>& args,
                 const sql::EvalContext& context) {
  Result<Value> result = CallValues(name, args, context);
  return result.ok() ? Show(*result) : ErrorText(result.status());
}

std::string AsText(const Value& value, const sql::EvalContext& context) {
  Result<Value> text = CastValue(value, DataType::String(), context);
  if (!text.ok()) return ErrorText(text.status());
  return text->is_null() ? "NULL" : text->bytes();
}

std::string CastText(const Value& value, const DataType& to, const sql::EvalContext& context) {
  Result<Value> cast = CastValue(value, to, context);
  if (!cast.ok()) return ErrorText(cast.status());
  return AsText(*cast, context);
}

namespace {

TEST(FunctionTestUtilTest, DecimalLiteralsKeepTheirScale) {
  EXPECT_EQ(Show(Decimal("-12.50")), "-12.50");
  EXPECT_EQ(Decimal("-12.50").type(), DataType::Decimal(10, 2));
  EXPECT_EQ(Decimal("1.5", 38).type(), DataType::Decimal(38, 1));
}

TEST(FunctionTestUtilTest, SlicedArraysStartAtTheirOffset) {
  const ArrayPtr array = MakeSlicedArray(DataType::Int32(), {Int32(1), Int32(2)}, Int32(99));
  EXPECT_EQ(array->offset(), 2);
  EXPECT_EQ(ShowAll(*array), (std::vector<std::string>{"1", "2"}));
}

}  // namespace
}  // namespace boyodb::functions::testing
