// The 128-bit decimal primitives: powers of ten, rounding modes, and products and quotients
// whose intermediates need more than 128 bits.
#include "functions/decimal/decimal_math.h"

#include <gtest/gtest.h>

namespace boyodb::functions {
namespace {

Int128 Parse(std::string_view digits) {
  Int128 value = 0;
  const bool negative = digits.front() == '-';
  for (const char c : digits.substr(negative ? 1 : 0)) value = value * 10 + (c - '0');
  return negative ? -value : value;
}

std::string Text(Int128 value) { return types::Int128ToString(value); }

TEST(DecimalMathTest, PowersAndPrecision) {
  EXPECT_EQ(Text(Pow10(0)), "1");
  EXPECT_EQ(Text(Pow10(38)), "100000000000000000000000000000000000000");
  EXPECT_TRUE(FitsPrecision(Parse("99999"), 5));
  EXPECT_FALSE(FitsPrecision(Parse("-100000"), 5));
  EXPECT_EQ(DigitCount(0), 1);
  EXPECT_EQ(DigitCount(Parse("-12345")), 5);
}

TEST(DecimalMathTest, RoundingModes) {
  EXPECT_EQ(Text(ScaleDownRounded(25, 1)), "3");
  EXPECT_EQ(Text(ScaleDownRounded(-25, 1)), "-3");
  EXPECT_EQ(Text(ScaleDownRounded(24, 1)), "2");
  EXPECT_EQ(Text(ScaleDownTruncated(-29, 1)), "-2");
  EXPECT_EQ(Text(ScaleDownFloor(-21, 1)), "-3");
  EXPECT_EQ(Text(ScaleDownFloor(21, 1)), "2");
  EXPECT_EQ(Text(ScaleDownCeil(21, 1)), "3");
  EXPECT_EQ(Text(ScaleDownCeil(-21, 1)), "-2");
  Int128 out = 0;
  EXPECT_TRUE(Rescale(1234, 2, 4, &out));
  EXPECT_EQ(Text(out), "123400");
  EXPECT_TRUE(Rescale(1235, 2, 1, &out));
  EXPECT_EQ(Text(out), "124");
  EXPECT_FALSE(ScaleUp(Parse("10000000000000000000"), 19, &out));
}

TEST(DecimalMathTest, WideProductsAndQuotients) {
  Int128 out = 0;
  const Int128 big = Parse("99999999999999999999999999999999999999");
  // (10^38 - 1)^2 / 10^38 rounds to 10^38 - 2 + 1 = 99999999999999999999999999999999999998.
  EXPECT_TRUE(MultiplyDecimal(big, big, 38, &out));
  EXPECT_EQ(Text(out), "99999999999999999999999999999999999998");
  EXPECT_FALSE(MultiplyDecimal(big, 10, 0, &out));
  EXPECT_TRUE(MultiplyDecimal(big, -big, 76, &out));
  EXPECT_EQ(Text(out), "-1");
  // 10^37 * 10^16 / 10^20 = 10^33.
  EXPECT_TRUE(DivideDecimal(Pow10(37), 16, Pow10(20), &out));
  EXPECT_EQ(Text(out), Text(Pow10(33)));
  EXPECT_TRUE(DivideDecimal(2, 16, -3, &out));
  EXPECT_EQ(Text(out), "-6666666666666667");
  EXPECT_TRUE(DivideDecimal(1, 60, big, &out));
  EXPECT_EQ(Text(out), "10000000000000000000000");
  EXPECT_FALSE(DivideDecimal(big, 1, 1, &out));
  EXPECT_DOUBLE_EQ(DecimalToDouble(Parse("-12345"), 2), -123.45);
}

}  // namespace
}  // namespace boyodb::functions
