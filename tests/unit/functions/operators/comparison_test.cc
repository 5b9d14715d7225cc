// Comparison operators over every ordered type, with PostgreSQL's rules: NaN equals NaN and
// sorts last, DECIMALs compare across scales, text and bytea byte-wise, intervals by their
// normalized span. Expected values come from PostgreSQL 15.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

Value Interval(int32_t months, int32_t days, int64_t micros) {
  return Value::Interval({months, days, micros * 1000});
}

TEST(ComparisonTest, NumbersAndBooleans) {
  EXPECT_EQ(Eval("<", {Int32(1), Int32(2)}), "t");
  EXPECT_EQ(Eval(">=", {Int64(1), Int64(2)}), "f");
  EXPECT_EQ(Eval("<>", {Int16(1), Int16(2)}), "t");
  EXPECT_EQ(Eval("=", {Value::Int8(3), Value::Int8(3)}), "t");
  EXPECT_EQ(Eval(">", {Bool(true), Bool(false)}), "t");
  EXPECT_EQ(Eval("<=", {Bool(true), Bool(false)}), "f");
  EXPECT_EQ(Eval("=", {Float64(-0.0), Float64(0.0)}), "t");
}

TEST(ComparisonTest, NanEqualsNanAndSortsAboveInfinity) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(Eval("=", {Float64(nan), Float64(nan)}), "t");
  EXPECT_EQ(Eval(">", {Float64(nan), Float64(inf)}), "t");
  EXPECT_EQ(Eval("<", {Float64(inf), Float64(nan)}), "t");
  EXPECT_EQ(Eval("<>", {Float32(std::nanf("")), Float32(1)}), "t");
  EXPECT_EQ(Eval("<=", {Float32(std::nanf("")), Float32(std::nanf(""))}), "t");
}

TEST(ComparisonTest, DecimalsCompareAcrossScales) {
  EXPECT_EQ(Eval("=", {Decimal("1.50"), Decimal("1.5")}), "t");
  EXPECT_EQ(Eval("<", {Decimal("1.5"), Decimal("1.55")}), "t");
  EXPECT_EQ(Eval(">", {Decimal("-1.5"), Decimal("-1.55")}), "t");
  // 10^37 at scale 0 against a scale-10 value: the rescaled value would need 47 digits.
  EXPECT_EQ(Eval(">", {Decimal("10000000000000000000000000000000000000", 38),
                       Decimal("1.0000000000", 38)}),
            "t");
  EXPECT_EQ(Eval("<", {Decimal("-10000000000000000000000000000000000000", 38),
                       Decimal("1.0000000000", 38)}),
            "t");
}

TEST(ComparisonTest, TextAndByteaAreByteWise) {
  EXPECT_EQ(Eval("<", {Text("abc"), Text("abd")}), "t");
  EXPECT_EQ(Eval("<", {Text("a"), Text("ab")}), "t");
  EXPECT_EQ(Eval("<", {Text("Z"), Text("a")}), "t");
  EXPECT_EQ(Eval("<", {Text("z"), Text("é")}), "t");
  EXPECT_EQ(Eval("<", {Value::Binary("\x01"), Value::Binary(std::string("\x01\x00", 2))}), "t");
  EXPECT_EQ(Eval("=", {Text(""), Text("")}), "t");
}

TEST(ComparisonTest, DatetimesIntervalsAndUuids) {
  EXPECT_EQ(Eval("<", {Value::Date(1), Value::Date(2)}), "t");
  EXPECT_EQ(Eval(">", {Value::Time(5), Value::Time(2)}), "t");
  EXPECT_EQ(Eval("=", {Value::Timestamp(7), Value::Timestamp(7)}), "t");
  EXPECT_EQ(Eval("<>", {Value::TimestampTz(7), Value::TimestampTz(8)}), "t");
  const int64_t day = 86'400'000'000;
  EXPECT_EQ(Eval("=", {Interval(1, 0, 0), Interval(0, 30, 0)}), "t");
  EXPECT_EQ(Eval("=", {Interval(0, 1, 0), Interval(0, 0, day)}), "t");
  EXPECT_EQ(Eval(">", {Interval(1, 0, 0), Interval(0, 29, day - 1'000'000)}), "t");
  std::array<uint8_t, 16> low{}, high{};
  high[0] = 0xb0;
  low[0] = 0xa0;
  EXPECT_EQ(Eval("<", {Value::Uuid(low), Value::Uuid(high)}), "t");
  EXPECT_EQ(Eval("=", {Value::Uuid(low), Value::Uuid(low)}), "t");
}

TEST(ComparisonTest, NullsAndSlicesOverFullBytes) {
  std::vector<Value> left, right;
  std::vector<std::string> expected;
  for (int i = 0; i < 19; ++i) {
    left.push_back(i % 5 == 4 ? Value::Null(DataType::Int64()) : Int64(i));
    right.push_back(Int64(9));
    expected.push_back(i % 5 == 4 ? "NULL" : (i < 9 ? "t" : "f"));
  }
  const Result<ArrayPtr> less = Call("<", {MakeSlicedArray(DataType::Int64(), left, Int64(-1)),
                                           MakeArray(DataType::Int64(), right)});
  ASSERT_TRUE(less.ok());
  EXPECT_EQ(ShowAll(**less), expected);
}

}  // namespace
}  // namespace boyodb::functions::testing
