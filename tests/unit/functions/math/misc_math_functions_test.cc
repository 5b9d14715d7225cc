// width_bucket (double precision and numeric), factorial and num_nulls/num_nonnulls, with
// PostgreSQL 15's results at the bucket edges and its 2201G and 22003 errors.
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

const double kInf = std::numeric_limits<double>::infinity();
const double kNan = std::numeric_limits<double>::quiet_NaN();

std::string Bucket(double operand, double low, double high, int32_t count) {
  return Eval("width_bucket", {Float64(operand), Float64(low), Float64(high), Int32(count)});
}

TEST(MiscMathFunctionsTest, WidthBucketFloat) {
  EXPECT_EQ(Bucket(0.3, 0, 0.9, 3), "2");
  EXPECT_EQ(Bucket(-1, 0, 10, 4), "0");
  EXPECT_EQ(Bucket(10, 0, 10, 4), "5");
  EXPECT_EQ(Bucket(9.999999, 0, 10, 4), "4");
  EXPECT_EQ(Bucket(1e300, 0, 10, 4), "5");
  // Descending bounds.
  EXPECT_EQ(Bucket(5, 10, 0, 3), "2");
  EXPECT_EQ(Bucket(11, 10, 0, 3), "0");
  EXPECT_EQ(Bucket(0, 10, 0, 3), "4");
  EXPECT_EQ(
      Eval("width_bucket", {Value::Null(DataType::Float64()), Float64(0), Float64(1), Int32(2)}),
      "NULL");
}

TEST(MiscMathFunctionsTest, WidthBucketFloatErrors) {
  EXPECT_EQ(Bucket(1, 1, 1, 1), "ERROR 2201G: lower bound cannot equal upper bound");
  EXPECT_EQ(Bucket(1, 0, 2, 0), "ERROR 2201G: count must be greater than zero");
  EXPECT_EQ(Bucket(kNan, 0, 2, 1),
            "ERROR 2201G: operand, lower bound, and upper bound cannot be NaN");
  EXPECT_EQ(Bucket(1, 0, kInf, 1), "ERROR 2201G: lower and upper bounds must be finite");
  EXPECT_EQ(Bucket(5, 0, 2, std::numeric_limits<int32_t>::max()),
            "ERROR 22003: integer out of range");
}

TEST(MiscMathFunctionsTest, WidthBucketNumeric) {
  EXPECT_EQ(Eval("width_bucket", {Decimal("5.35"), Decimal("0.024"), Decimal("10.06"), Int32(5)}),
            "3");
  EXPECT_EQ(Eval("width_bucket", {Decimal("1.5"), Decimal("1"), Decimal("2.25"), Int32(10)}), "5");
  EXPECT_EQ(Eval("width_bucket", {Decimal("10.0"), Decimal("10.0"), Decimal("0.0"), Int32(3)}),
            "1");
  EXPECT_EQ(Eval("width_bucket", {Decimal("0.0"), Decimal("10.0"), Decimal("0.0"), Int32(3)}), "4");
  EXPECT_EQ(Eval("width_bucket", {Decimal("-1.0"), Decimal("0.0"), Decimal("10.0"), Int32(4)}),
            "0");
  EXPECT_EQ(Eval("width_bucket", {Decimal("1.0"), Decimal("1.0"), Decimal("1.0"), Int32(1)}),
            "ERROR 2201G: lower bound cannot equal upper bound");
  EXPECT_EQ(Eval("width_bucket", {Decimal("1.0"), Decimal("0.0"), Decimal("2.0"), Int32(-3)}),
            "ERROR 2201G: count must be greater than zero");
}

TEST(MiscMathFunctionsTest, Factorial) {
  EXPECT_EQ(Eval("factorial", {Int64(0)}), "1");
  EXPECT_EQ(Eval("factorial", {Int64(20)}), "2432902008176640000");
  EXPECT_EQ(Eval("factorial", {Int64(33)}), "8683317618811886495518194401280000000");
  EXPECT_EQ(Eval("factorial", {Int64(-1)}),
            "ERROR 22003: factorial of a negative number is undefined");
  EXPECT_EQ(Eval("factorial", {Int64(34)}), "ERROR 22003: value overflows numeric format");
  EXPECT_EQ(Eval("factorial", {Value::Null(DataType::Int64())}), "NULL");
}

// The test helper's Call does not match the "any" parameter, so the kernel is run directly, on
// arguments of different types as VARIADIC "any" allows.
std::vector<std::string> CountNulls(std::string_view name, const std::vector<ArrayPtr>& args) {
  const sql::ScalarFunction* function = FunctionRegistry::Builtins().FindScalar(name);
  EXPECT_NE(function, nullptr);
  EXPECT_TRUE(function->overloads[0].variadic);
  Result<ArrayPtr> result = function->overloads[0].kernel(args, 2, sql::EvalContext{});
  EXPECT_TRUE(result.ok());
  return ShowAll(**result);
}

TEST(MiscMathFunctionsTest, CountNulls) {
  const std::vector<ArrayPtr> args = {
      MakeArray(DataType::Int32(), {Int32(1), Value::Null(DataType::Int32())}),
      MakeArray(DataType::String(), {Value::Null(DataType::String()), Text("x")}),
      MakeSlicedArray(DataType::Float64(), {Float64(1), Value::Null(DataType::Float64())},
                      Float64(9))};
  EXPECT_EQ(CountNulls("num_nulls", args), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(CountNulls("num_nonnulls", args), (std::vector<std::string>{"2", "1"}));
}

}  // namespace
}  // namespace boyodb::functions::testing
