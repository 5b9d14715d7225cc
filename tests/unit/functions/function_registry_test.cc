// The registry: lookups by any case, overload merging, aggregates, casts, and that every
// built-in family is registered with working kernels.
#include "functions/function_registry.h"

#include <gtest/gtest.h>

#include "common/sqlstate.h"
#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions {
namespace {

using testing::Int32;
using types::DataType;

sql::ScalarOverload ConstantOverload(int32_t value) {
  sql::ScalarOverload overload;
  overload.parameters = {DataType::Int32()};
  overload.result = DataType::Int32();
  overload.kernel = [value](std::span<const columnar::ArrayPtr>, int64_t num_rows,
                            const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    return testing::MakeArray(
        DataType::Int32(),
        std::vector<types::Value>(static_cast<size_t>(num_rows), types::Value::Int32(value)));
  };
  return overload;
}

TEST(FunctionRegistryTest, FindsFunctionsByAnyCaseAndMergesOverloads) {
  FunctionRegistry registry;
  registry.AddScalar({"MyFunc", {ConstantOverload(1)}});
  registry.AddScalar({"myfunc", {ConstantOverload(2)}});
  const sql::ScalarFunction* function = registry.FindScalar("MYFUNC");
  ASSERT_NE(function, nullptr);
  EXPECT_EQ(function->name, "myfunc");
  EXPECT_EQ(function->overloads.size(), 2u);
  EXPECT_EQ(registry.FindScalar("other"), nullptr);
  EXPECT_EQ(registry.ScalarNames(), std::vector<std::string>{"myfunc"});
}

TEST(FunctionRegistryTest, PointersStayValidWhileFunctionsAreAdded) {
  FunctionRegistry registry;
  registry.AddScalar({"first", {ConstantOverload(1)}});
  const sql::ScalarFunction* first = registry.FindScalar("first");
  for (int i = 0; i < 100; ++i)
    registry.AddScalar({"f" + std::to_string(i), {ConstantOverload(i)}});
  EXPECT_EQ(registry.FindScalar("first"), first);
}

class CountRows final : public sql::AggregateFunction {
 public:
  size_t state_size() const override { return 8; }
  void Init(uint8_t* state) const override { std::memset(state, 0, 8); }
  Status Update(uint8_t* const* states, std::span<const columnar::ArrayPtr>,
                int64_t num_rows) const override {
    for (int64_t i = 0; i < num_rows; ++i) ++*reinterpret_cast<int64_t*>(states[i]);
    return Status::OK();
  }
  Status Merge(uint8_t* target, const uint8_t* source) const override {
    *reinterpret_cast<int64_t*>(target) += *reinterpret_cast<const int64_t*>(source);
    return Status::OK();
  }
  Status Finalize(const uint8_t* const* states, int64_t num_states,
                  columnar::ArrayBuilder* out) const override {
    for (int64_t i = 0; i < num_states; ++i) {
      BOYO_RETURN_IF_ERROR(
          out->AppendValue(types::Value::Int64(*reinterpret_cast<const int64_t*>(states[i]))));
    }
    return Status::OK();
  }
};

TEST(FunctionRegistryTest, AggregatesAreAddedAndFound) {
  FunctionRegistry registry;
  sql::AggregateOverload overload;
  overload.result = DataType::Int64();
  overload.make =
      [](std::span<const DataType>) -> Result<std::shared_ptr<const sql::AggregateFunction>> {
    return std::shared_ptr<const sql::AggregateFunction>(std::make_shared<CountRows>());
  };
  registry.AddAggregate({"Tally", {overload}});
  registry.AddAggregate({"tally", {overload}});
  const sql::AggregateFunctionSet* tally = registry.FindAggregate("TALLY");
  ASSERT_NE(tally, nullptr);
  EXPECT_EQ(tally->overloads.size(), 2u);
  EXPECT_EQ(registry.FindAggregate("sum"), nullptr);
  EXPECT_EQ(registry.FindScalar("tally"), nullptr);
}

TEST(FunctionRegistryTest, BuiltinsAreBuiltOnceAndHoldEveryFamily) {
  const FunctionRegistry& builtins = FunctionRegistry::Builtins();
  EXPECT_EQ(&builtins, &FunctionRegistry::Builtins());
  for (const char* name : {"+",
                           "-",
                           "*",
                           "/",
                           "%",
                           "=",
                           "<>",
                           "<",
                           "<=",
                           ">",
                           ">=",
                           "||",
                           "~~",
                           "!~~",
                           "~~*",
                           "!~~*",
                           "abs",
                           "ceil",
                           "ceiling",
                           "floor",
                           "round",
                           "trunc",
                           "sign",
                           "sqrt",
                           "cbrt",
                           "power",
                           "pow",
                           "exp",
                           "ln",
                           "log",
                           "log10",
                           "mod",
                           "div",
                           "gcd",
                           "lcm",
                           "pi",
                           "degrees",
                           "radians",
                           "sin",
                           "cos",
                           "tan",
                           "asin",
                           "acos",
                           "atan",
                           "atan2",
                           "random",
                           "length",
                           "char_length",
                           "character_length",
                           "octet_length",
                           "bit_length",
                           "lower",
                           "upper",
                           "initcap",
                           "substr",
                           "substring",
                           "position",
                           "strpos",
                           "left",
                           "right",
                           "lpad",
                           "rpad",
                           "ltrim",
                           "rtrim",
                           "btrim",
                           "replace",
                           "repeat",
                           "reverse",
                           "split_part",
                           "starts_with",
                           "concat",
                           "concat_ws",
                           "ascii",
                           "chr",
                           "md5",
                           "translate",
                           "to_hex"}) {
    const sql::ScalarFunction* function = builtins.FindScalar(name);
    ASSERT_NE(function, nullptr) << name;
    for (const sql::ScalarOverload& overload : function->overloads) {
      EXPECT_TRUE(overload.kernel) << name;
    }
  }
  EXPECT_EQ(builtins.FindScalar("random")->overloads[0].volatility, sql::Volatility::kVolatile);
  EXPECT_EQ(builtins.FindScalar("abs")->overloads[0].volatility, sql::Volatility::kImmutable);
}

TEST(FunctionRegistryTest, DecimalOverloadsAcceptAnyDecimal) {
  const sql::ScalarFunction* plus = FunctionRegistry::Builtins().FindScalar("+");
  bool found = false;
  for (const sql::ScalarOverload& overload : plus->overloads) {
    if (overload.parameters.size() == 2 && overload.parameters[0].id() == types::TypeId::kDecimal) {
      EXPECT_EQ(overload.parameters[0].precision(), 0);
      ASSERT_TRUE(overload.result_rule);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(FunctionRegistryTest, FindCastReportsMissingCastsWithPostgresNames) {
  const Result<sql::CastKernel> cast =
      FunctionRegistry::Builtins().FindCast(DataType::Boolean(), DataType::Date());
  ASSERT_FALSE(cast.ok());
  EXPECT_EQ(cast.status().sqlstate(), sqlstate::kCannotCoerce);
  EXPECT_EQ(cast.status().message(), "cannot cast type boolean to date");
  EXPECT_TRUE(FunctionRegistry::Builtins().FindCast(DataType::Int32(), DataType::Int64()).ok());
  EXPECT_EQ(testing::Eval("abs", {Int32(-3)}), "3");
}

}  // namespace
}  // namespace boyodb::functions
