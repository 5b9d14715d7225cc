// DECIMAL operators and mod/div: exact results at PostgreSQL's scales (+ and -: max scale,
// *: sum of scales, /: at least 16 places), rounding half away from zero, errors.
// Expected values come from PostgreSQL 15.
#include <gtest/gtest.h>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

TEST(DecimalArithmeticTest, ResultScalesFollowPostgres) {
  EXPECT_EQ(Eval("+", {Decimal("1.50"), Decimal("2.125")}), "3.625");
  EXPECT_EQ(Eval("-", {Decimal("1.50"), Decimal("2.125")}), "-0.625");
  EXPECT_EQ(Eval("*", {Decimal("1.5"), Decimal("2.25")}), "3.375");
  EXPECT_EQ(Eval("/", {Decimal("10.5"), Decimal("2.25")}), "4.6666666666666667");
  EXPECT_EQ(Eval("/", {Decimal("2"), Decimal("-8")}), "-0.2500000000000000");
  EXPECT_EQ(Eval("%", {Decimal("7.5"), Decimal("2")}), "1.5");
  EXPECT_EQ(Eval("%", {Decimal("-7.5"), Decimal("2")}), "-1.5");
  EXPECT_EQ(Eval("mod", {Decimal("7.5"), Decimal("2")}), "1.5");
  EXPECT_EQ(Eval("div", {Decimal("7.5"), Decimal("2")}), "3");
  EXPECT_EQ(Eval("div", {Decimal("-7.5"), Decimal("2")}), "-3");
  EXPECT_EQ(Eval("-", {Decimal("1.50")}), "-1.50");
  EXPECT_EQ(Eval("+", {Decimal("-1.50")}), "-1.50");
}

TEST(DecimalArithmeticTest, ResultTypes) {
  EXPECT_EQ(ResultType("+", {DataType::Decimal(10, 2), DataType::Decimal(5, 3)}),
            DataType::Decimal(12, 3));
  EXPECT_EQ(ResultType("*", {DataType::Decimal(10, 2), DataType::Decimal(5, 3)}),
            DataType::Decimal(15, 5));
  EXPECT_EQ(ResultType("/", {DataType::Decimal(10, 2), DataType::Decimal(5, 3)}),
            DataType::Decimal(38, 16));
  EXPECT_EQ(ResultType("%", {DataType::Decimal(10, 2), DataType::Decimal(5, 3)}),
            DataType::Decimal(5, 3));
  EXPECT_EQ(ResultType("+", {DataType::Decimal(38, 0), DataType::Decimal(38, 0)}),
            DataType::Decimal(38, 0));
}

TEST(DecimalArithmeticTest, DivisionRoundsHalfAwayFromZero) {
  // 1 / 3 * 10^16 and 2 / 3 round at the 16th place.
  EXPECT_EQ(Eval("/", {Decimal("2"), Decimal("3")}), "0.6666666666666667");
  EXPECT_EQ(Eval("/", {Decimal("-2"), Decimal("3")}), "-0.6666666666666667");
  // A quotient that needs a wide intermediate: 10^37 * 10^16 does not fit in 128 bits.
  EXPECT_EQ(Eval("/", {Decimal("10000000000000000000000000000000000000", 38),
                       Decimal("100000000000000000000", 38)}),
            "100000000000000000.0000000000000000");
  EXPECT_EQ(
      Eval("/", {Decimal("10000000000000000000000000000000000000", 38), Decimal("0.001", 38)}),
      "ERROR 22003: value overflows numeric format");
  EXPECT_EQ(
      Eval("/", {Decimal("1000000000000000000000", 38), Decimal("100000000000000000000", 38)}),
      "10.0000000000000000");
}

TEST(DecimalArithmeticTest, MultiplicationBeyondThirtyEightScaleDigitsRounds) {
  const Value a = Decimal("0.00000000000000000001", 38);  // scale 20
  EXPECT_EQ(ResultType("*", {a.type(), a.type()}), DataType::Decimal(38, 38));
  EXPECT_EQ(Eval("*", {a, Decimal("0.5", 38)}), "0.000000000000000000005");
  // 5e-20 * 1e-19 = 5e-39, rounded half away from zero at 38 places.
  EXPECT_EQ(
      Eval("*", {Decimal("0.00000000000000000005", 38), Decimal("0.00000000000000000010", 38)}),
      "0.00000000000000000000000000000000000001");
}

TEST(DecimalArithmeticTest, Errors) {
  EXPECT_EQ(Eval("/", {Decimal("1.5"), Decimal("0")}), "ERROR 22012: division by zero");
  EXPECT_EQ(Eval("%", {Decimal("1.5"), Decimal("0.0")}), "ERROR 22012: division by zero");
  EXPECT_EQ(Eval("div", {Decimal("1.5"), Decimal("0.0")}), "ERROR 22012: division by zero");
  const Value big = Decimal("99999999999999999999999999999999999999", 38);
  EXPECT_EQ(Eval("+", {big, Decimal("1", 38)}), "ERROR 22003: value overflows numeric format");
  EXPECT_EQ(Eval("*", {big, Decimal("10", 38)}), "ERROR 22003: value overflows numeric format");
}

TEST(DecimalArithmeticTest, MixedScalesOverSlicedArrays) {
  const ArrayPtr a =
      MakeSlicedArray(DataType::Decimal(10, 2),
                      {Decimal("1.25"), Value::Null(DataType::Decimal(10, 2))}, Decimal("9.99"));
  const ArrayPtr b = MakeArray(DataType::Decimal(10, 1), {Decimal("0.5"), Decimal("1.0")});
  const Result<ArrayPtr> sums = Call("+", {a, b});
  ASSERT_TRUE(sums.ok()) << sums.status().ToString();
  EXPECT_EQ(ShowAll(**sums), (std::vector<std::string>{"1.75", "NULL"}));
}

}  // namespace
}  // namespace boyodb::functions::testing
