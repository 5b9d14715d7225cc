// Integer and floating-point operators: results, PostgreSQL's overflow (22003) and division by
// zero (22012) errors, truncating division, remainder signs, NULLs and sliced inputs.
// Expected values come from PostgreSQL 15.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

TEST(IntegerArithmeticTest, ComputesLikePostgres) {
  EXPECT_EQ(Eval("+", {Int32(2), Int32(3)}), "5");
  EXPECT_EQ(Eval("-", {Int64(2), Int64(3)}), "-1");
  EXPECT_EQ(Eval("*", {Int16(-4), Int16(5)}), "-20");
  EXPECT_EQ(Eval("/", {Int32(7), Int32(-2)}), "-3");
  EXPECT_EQ(Eval("/", {Int32(-7), Int32(2)}), "-3");
  EXPECT_EQ(Eval("%", {Int32(-7), Int32(2)}), "-1");
  EXPECT_EQ(Eval("%", {Int32(7), Int32(-3)}), "1");
  EXPECT_EQ(Eval("%", {Int32(std::numeric_limits<int32_t>::min()), Int32(-1)}), "0");
  EXPECT_EQ(Eval("mod", {Int64(-7), Int64(3)}), "-1");
  EXPECT_EQ(Eval("-", {Int32(5)}), "-5");
  EXPECT_EQ(Eval("+", {Int16(5)}), "5");
}

TEST(IntegerArithmeticTest, OverflowNamesTheType) {
  EXPECT_EQ(Eval("+", {Int16(32767), Int16(1)}), "ERROR 22003: smallint out of range");
  EXPECT_EQ(Eval("*", {Int32(65536), Int32(65536)}), "ERROR 22003: integer out of range");
  EXPECT_EQ(Eval("+", {Int64(std::numeric_limits<int64_t>::max()), Int64(1)}),
            "ERROR 22003: bigint out of range");
  EXPECT_EQ(Eval("-", {Int64(std::numeric_limits<int64_t>::min()), Int64(1)}),
            "ERROR 22003: bigint out of range");
  EXPECT_EQ(Eval("/", {Int16(-32768), Int16(-1)}), "ERROR 22003: smallint out of range");
  EXPECT_EQ(Eval("/", {Int32(std::numeric_limits<int32_t>::min()), Int32(-1)}),
            "ERROR 22003: integer out of range");
  EXPECT_EQ(Eval("-", {Int32(std::numeric_limits<int32_t>::min())}),
            "ERROR 22003: integer out of range");
  EXPECT_EQ(Eval("-", {Int16(-32768)}), "ERROR 22003: smallint out of range");
}

TEST(IntegerArithmeticTest, DivisionByZero) {
  EXPECT_EQ(Eval("/", {Int32(5), Int32(0)}), "ERROR 22012: division by zero");
  EXPECT_EQ(Eval("%", {Int64(5), Int64(0)}), "ERROR 22012: division by zero");
  EXPECT_EQ(Eval("mod", {Int16(5), Int16(0)}), "ERROR 22012: division by zero");
}

TEST(IntegerArithmeticTest, NullRowsAreNullAndNeverFail) {
  // Division by zero in a NULL row is not an error: the row is NULL.
  const ArrayPtr dividends = MakeSlicedArray(
      DataType::Int32(), {Int32(10), Value::Null(DataType::Int32()), Int32(9)}, Int32(1));
  const ArrayPtr divisors =
      MakeArray(DataType::Int32(), {Value::Null(DataType::Int32()), Int32(0), Int32(3)});
  const Result<ArrayPtr> quotients = Call("/", {dividends, divisors});
  ASSERT_TRUE(quotients.ok()) << quotients.status().ToString();
  EXPECT_EQ(ShowAll(**quotients), (std::vector<std::string>{"NULL", "NULL", "3"}));
}

TEST(FloatArithmeticTest, ComputesLikePostgres) {
  EXPECT_EQ(Eval("+", {Float64(0.1), Float64(0.2)}), "0.30000000000000004");
  EXPECT_EQ(Eval("/", {Float64(1), Float64(4)}), "0.25");
  EXPECT_EQ(Eval("*", {Float32(1.5f), Float32(2)}), "3");
  EXPECT_EQ(Eval("-", {Float64(2.5)}), "-2.5");
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(Eval("+", {Float64(inf), Float64(1)}), "Infinity");
  EXPECT_EQ(Eval("-", {Float64(inf), Float64(inf)}), "NaN");
  EXPECT_EQ(Eval("/", {Float64(nan), Float64(0)}), "NaN");
}

TEST(FloatArithmeticTest, OverflowUnderflowAndDivisionByZero) {
  EXPECT_EQ(Eval("*", {Float64(1e308), Float64(10)}), "ERROR 22003: value out of range: overflow");
  EXPECT_EQ(Eval("*", {Float32(1e38f), Float32(10)}), "ERROR 22003: value out of range: overflow");
  EXPECT_EQ(Eval("+", {Float64(1.7e308), Float64(1.7e308)}),
            "ERROR 22003: value out of range: overflow");
  EXPECT_EQ(Eval("*", {Float64(1e-300), Float64(1e-300)}),
            "ERROR 22003: value out of range: underflow");
  EXPECT_EQ(Eval("/", {Float64(1.5), Float64(0)}), "ERROR 22012: division by zero");
  EXPECT_EQ(Eval("/", {Float64(0), Float64(0)}), "ERROR 22012: division by zero");
  EXPECT_EQ(Eval("/", {Float32(1), Float32(0)}), "ERROR 22012: division by zero");
}

}  // namespace
}  // namespace boyodb::functions::testing
