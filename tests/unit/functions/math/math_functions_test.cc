// Math functions with PostgreSQL 15's results and errors: rounding (rint for doubles, half
// away from zero for numerics), the 2201E/2201F/22003 errors of the transcendental functions,
// gcd/lcm, and NULL handling.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

const double kInf = std::numeric_limits<double>::infinity();
const double kNan = std::numeric_limits<double>::quiet_NaN();

TEST(RoundingFunctionsTest, AbsForEveryType) {
  EXPECT_EQ(Eval("abs", {Int16(-5)}), "5");
  EXPECT_EQ(Eval("abs", {Int64(-5)}), "5");
  EXPECT_EQ(Eval("abs", {Float32(-2.5f)}), "2.5");
  EXPECT_EQ(Eval("abs", {Float64(-0.0)}), "0");
  EXPECT_EQ(Eval("abs", {Decimal("-1.50")}), "1.50");
  EXPECT_EQ(Eval("abs", {Int32(std::numeric_limits<int32_t>::min())}),
            "ERROR 22003: integer out of range");
  EXPECT_EQ(Eval("abs", {Int16(-32768)}), "ERROR 22003: smallint out of range");
}

TEST(RoundingFunctionsTest, CeilFloorRoundTrunc) {
  EXPECT_EQ(Eval("ceil", {Float64(-1.5)}), "-1");
  EXPECT_EQ(Eval("ceil", {Decimal("1.2")}), "2");
  EXPECT_EQ(Eval("ceiling", {Decimal("-1.2")}), "-1");
  EXPECT_EQ(Eval("floor", {Float64(-1.5)}), "-2");
  EXPECT_EQ(Eval("floor", {Decimal("-1.2")}), "-2");
  EXPECT_EQ(Eval("floor", {Decimal("9.5")}), "9");
  // round(double) rounds half to even; round(numeric) half away from zero.
  EXPECT_EQ(Eval("round", {Float64(2.5)}), "2");
  EXPECT_EQ(Eval("round", {Float64(3.5)}), "4");
  EXPECT_EQ(Eval("round", {Float64(-2.5)}), "-2");
  EXPECT_EQ(Eval("round", {Decimal("2.5")}), "3");
  EXPECT_EQ(Eval("round", {Decimal("-2.5")}), "-3");
  EXPECT_EQ(Eval("round", {Decimal("99.5", 3)}), "100");
  EXPECT_EQ(Eval("trunc", {Float64(-1.57)}), "-1");
  EXPECT_EQ(Eval("trunc", {Decimal("-1.57")}), "-1");
  EXPECT_EQ(ResultType("round", {DataType::Decimal(3, 1)}), DataType::Decimal(3, 0));
  EXPECT_EQ(ResultType("trunc", {DataType::Decimal(3, 1)}), DataType::Decimal(2, 0));
}

TEST(RoundingFunctionsTest, RoundAndTruncToDigitsKeepTheScale) {
  // PostgreSQL prints 1.23, 1.236, 130, 1.5 and 150 (its display scale follows the digits);
  // a column keeps the argument's scale, so the values are equal but padded.
  EXPECT_EQ(Eval("round", {Decimal("1.2345"), Int32(2)}), "1.2300");
  EXPECT_EQ(Eval("round", {Decimal("1.2355"), Int32(3)}), "1.2360");
  EXPECT_EQ(Eval("round", {Decimal("125.5"), Int32(-1)}), "130.0");
  EXPECT_EQ(Eval("round", {Decimal("-125"), Int32(-1)}), "-130");
  EXPECT_EQ(Eval("round", {Decimal("-125"), Int32(-50)}), "0");
  EXPECT_EQ(Eval("round", {Decimal("1.5"), Int32(5)}), "1.5");
  EXPECT_EQ(Eval("trunc", {Decimal("1.579"), Int32(1)}), "1.500");
  EXPECT_EQ(Eval("trunc", {Decimal("155"), Int32(-1)}), "150");
  EXPECT_EQ(Eval("round", {Decimal("99999999999999999999999999999999999999", 38), Int32(-1)}),
            "ERROR 22003: value overflows numeric format");
}

TEST(RoundingFunctionsTest, Sign) {
  EXPECT_EQ(Eval("sign", {Float64(-2.5)}), "-1");
  EXPECT_EQ(Eval("sign", {Float64(0)}), "0");
  EXPECT_EQ(Eval("sign", {Float64(kNan)}), "NaN");
  EXPECT_EQ(Eval("sign", {Decimal("-1.5")}), "-1");
  EXPECT_EQ(Eval("sign", {Decimal("0.0")}), "0");
  EXPECT_EQ(Eval("sign", {Decimal("3.2")}), "1");
}

TEST(TranscendentalFunctionsTest, Values) {
  EXPECT_EQ(Eval("sqrt", {Float64(2)}), "1.4142135623730951");
  EXPECT_EQ(Eval("cbrt", {Float64(27)}), "3.0000000000000004");
  EXPECT_EQ(Eval("power", {Float64(2), Float64(10)}), "1024");
  EXPECT_EQ(Eval("pow", {Float64(2), Float64(-1)}), "0.5");
  EXPECT_EQ(Eval("^", {Float64(2), Float64(3)}), "8");
  EXPECT_EQ(Eval("exp", {Float64(1)}), "2.718281828459045");
  EXPECT_EQ(Eval("exp", {Float64(-kInf)}), "0");
  EXPECT_EQ(Eval("ln", {Float64(10)}), "2.302585092994046");
  EXPECT_EQ(Eval("log", {Float64(100)}), "2");
  EXPECT_EQ(Eval("log10", {Float64(1000)}), "3");
  EXPECT_EQ(Eval("log", {Decimal("2.0"), Decimal("8.0")}), "3.0000000000000000");
  EXPECT_EQ(Eval("log", {Decimal("10"), Decimal("1000")}), "3.0000000000000000");
  EXPECT_EQ(Eval("pi", {}), "3.141592653589793");
  EXPECT_EQ(Eval("degrees", {Float64(M_PI)}), "180");
  EXPECT_EQ(Eval("radians", {Float64(180)}), "3.141592653589793");
  EXPECT_EQ(Eval("sin", {Float64(1)}), "0.8414709848078965");
  EXPECT_EQ(Eval("cos", {Float64(0)}), "1");
  EXPECT_EQ(Eval("tan", {Float64(1)}), "1.5574077246549023");
  EXPECT_EQ(Eval("asin", {Float64(1)}), "1.5707963267948966");
  EXPECT_EQ(Eval("acos", {Float64(0.5)}), "1.0471975511965979");
  EXPECT_EQ(Eval("atan", {Float64(1)}), "0.7853981633974483");
  EXPECT_EQ(Eval("atan2", {Float64(1), Float64(-1)}), "2.356194490192345");
}

TEST(TranscendentalFunctionsTest, PostgresSpecialCasesOfPower) {
  EXPECT_EQ(Eval("power", {Float64(kNan), Float64(0)}), "1");
  EXPECT_EQ(Eval("power", {Float64(1), Float64(kNan)}), "1");
  EXPECT_EQ(Eval("power", {Float64(2), Float64(kNan)}), "NaN");
  EXPECT_EQ(Eval("power", {Float64(-1), Float64(kInf)}), "1");
  EXPECT_EQ(Eval("power", {Float64(2), Float64(-kInf)}), "0");
}

TEST(TranscendentalFunctionsTest, Errors) {
  EXPECT_EQ(Eval("sqrt", {Float64(-1)}),
            "ERROR 2201F: cannot take square root of a negative number");
  EXPECT_EQ(Eval("power", {Float64(0), Float64(-1)}),
            "ERROR 2201F: zero raised to a negative power is undefined");
  EXPECT_EQ(Eval("power", {Float64(-8), Float64(1.0 / 3)}),
            "ERROR 2201F: a negative number raised to a non-integer power yields a complex result");
  EXPECT_EQ(Eval("power", {Float64(10), Float64(400)}),
            "ERROR 22003: value out of range: overflow");
  EXPECT_EQ(Eval("ln", {Float64(0)}), "ERROR 2201E: cannot take logarithm of zero");
  EXPECT_EQ(Eval("ln", {Float64(-1)}), "ERROR 2201E: cannot take logarithm of a negative number");
  EXPECT_EQ(Eval("log10", {Float64(0)}), "ERROR 2201E: cannot take logarithm of zero");
  EXPECT_EQ(Eval("log", {Decimal("0.0"), Decimal("2.0")}),
            "ERROR 2201E: cannot take logarithm of zero");
  EXPECT_EQ(Eval("log", {Decimal("2.0"), Decimal("-2.0")}),
            "ERROR 2201E: cannot take logarithm of a negative number");
  EXPECT_EQ(Eval("log", {Decimal("1.0"), Decimal("2.0")}), "ERROR 22012: division by zero");
  EXPECT_EQ(Eval("exp", {Float64(1000)}), "ERROR 22003: value out of range: overflow");
  EXPECT_EQ(Eval("exp", {Float64(-1000)}), "ERROR 22003: value out of range: underflow");
  EXPECT_EQ(Eval("asin", {Float64(2)}), "ERROR 22003: input is out of range");
  EXPECT_EQ(Eval("acos", {Float64(-1.5)}), "ERROR 22003: input is out of range");
  EXPECT_EQ(Eval("sin", {Float64(kInf)}), "ERROR 22003: input is out of range");
  EXPECT_EQ(Eval("cos", {Float64(kNan)}), "NaN");
}

TEST(TranscendentalFunctionsTest, RandomIsVolatileAndInUnitInterval) {
  const Result<ArrayPtr> values = Call("random", {});
  ASSERT_TRUE(values.ok());
  const double value = (*values)->GetValue(0).float64();
  EXPECT_GE(value, 0.0);
  EXPECT_LT(value, 1.0);
  const sql::ScalarOverload& overload =
      FunctionRegistry::Builtins().FindScalar("random")->overloads[0];
  const Result<ArrayPtr> many = overload.kernel({}, 1000, {});
  ASSERT_TRUE(many.ok());
  EXPECT_EQ((*many)->length(), 1000);
  EXPECT_NE((*many)->GetValue(0).float64(), (*many)->GetValue(1).float64());
}

TEST(IntegerMathFunctionsTest, GcdAndLcm) {
  EXPECT_EQ(Eval("gcd", {Int32(12), Int32(18)}), "6");
  EXPECT_EQ(Eval("gcd", {Int32(-12), Int32(0)}), "12");
  EXPECT_EQ(Eval("gcd", {Int64(0), Int64(0)}), "0");
  EXPECT_EQ(Eval("lcm", {Int32(4), Int32(6)}), "12");
  EXPECT_EQ(Eval("lcm", {Int32(-4), Int32(6)}), "12");
  EXPECT_EQ(Eval("lcm", {Int64(0), Int64(5)}), "0");
  EXPECT_EQ(Eval("gcd", {Decimal("1.5"), Decimal("0.25")}), "0.25");
  EXPECT_EQ(Eval("lcm", {Decimal("1.5"), Decimal("0.25")}), "1.50");
  EXPECT_EQ(Eval("gcd", {Int32(std::numeric_limits<int32_t>::min()), Int32(0)}),
            "ERROR 22003: integer out of range");
  EXPECT_EQ(Eval("gcd", {Int64(std::numeric_limits<int64_t>::min()), Int64(6)}), "2");
  EXPECT_EQ(Eval("lcm", {Int32(2147483647), Int32(2)}), "ERROR 22003: integer out of range");
  EXPECT_EQ(Eval("lcm", {Int64(std::numeric_limits<int64_t>::max()), Int64(2)}),
            "ERROR 22003: bigint out of range");
}

TEST(MathFunctionsTest, NullsAndSlices) {
  const ArrayPtr values = MakeSlicedArray(
      DataType::Float64(), {Float64(4), Value::Null(DataType::Float64()), Float64(-1)}, Float64(9));
  // sqrt(-1) fails when its row is in the batch.
  Result<ArrayPtr> roots = Call("sqrt", {values});
  ASSERT_FALSE(roots.ok());
  const ArrayPtr first_two = values->Slice(0, 2);
  roots = Call("sqrt", {first_two});
  ASSERT_TRUE(roots.ok());
  EXPECT_EQ(ShowAll(**roots), (std::vector<std::string>{"2", "NULL"}));
}

}  // namespace
}  // namespace boyodb::functions::testing
