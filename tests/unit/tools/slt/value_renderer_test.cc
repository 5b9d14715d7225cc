// Value rendering by type letter, with the README's examples and the values the reference
// runner (shared/slt/slt.py) gives for the edge cases.
#include "tools/slt/value_renderer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace boyodb::tools::slt {
namespace {

std::string R(const Value& value) { return RenderValue(value, 'R'); }
std::string I(const Value& value) { return RenderValue(value, 'I'); }
std::string T(const Value& value) { return RenderValue(value, 'T'); }

TEST(SltValueRendererTest, NullIsNullForEveryType) {
  EXPECT_EQ(I(std::monostate{}), "NULL");
  EXPECT_EQ(R(std::monostate{}), "NULL");
  EXPECT_EQ(T(std::monostate{}), "NULL");
}

TEST(SltValueRendererTest, RealRoundsTiesAwayFromZero) {
  EXPECT_EQ(R(0.0625), "0.063");  // C's printf gives 0.062
  EXPECT_EQ(R(-0.0625), "-0.063");
  EXPECT_EQ(R(0.0005), "0.001");
  EXPECT_EQ(R(1.0005), "1.000");  // the double is 1.000499999...
  EXPECT_EQ(R(2.675), "2.675");
}

TEST(SltValueRendererTest, RealZero) {
  EXPECT_EQ(R(0.0), "0.000");
  EXPECT_EQ(R(-0.0), "0.000");
  EXPECT_EQ(R(2.5e-05), "0.000");
  EXPECT_EQ(R(-0.0004), "-0.000");  // a nonzero negative keeps its sign, as slt.py prints it
}

TEST(SltValueRendererTest, RealKeepsSixteenSignificantDigits) {
  EXPECT_EQ(R(-9.223372036854775808e18), "-9223372036854776000.000");
  EXPECT_EQ(R(12345678901234.5678), "12345678901234.570");
  EXPECT_EQ(R(99999999999999.98), "99999999999999.980");
  EXPECT_EQ(R(1e16), "10000000000000000.000");
  EXPECT_EQ(R(1e300), "1" + std::string(300, '0') + ".000");
}

TEST(SltValueRendererTest, RealOfOtherValues) {
  EXPECT_EQ(R(std::int64_t{5}), "5.000");
  EXPECT_EQ(R(true), "1.000");
  EXPECT_EQ(R(std::string("3.5abc")), "3.500");
  EXPECT_EQ(R(std::string("  -1.5e2x")), "-150.000");
  EXPECT_EQ(R(std::string(".5")), "0.500");
  EXPECT_EQ(R(std::string(".")), "0.000");
  EXPECT_EQ(R(std::string("abc")), "0.000");
  EXPECT_EQ(R(std::string("1e999")), "Inf");
  EXPECT_EQ(R(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(R(-std::numeric_limits<double>::infinity()), "-Inf");
}

TEST(SltValueRendererTest, IntegerOfText) {
  EXPECT_EQ(I(std::string("12abc")), "12");
  EXPECT_EQ(I(std::string("abc")), "0");
  EXPECT_EQ(I(std::string("  -0007x")), "-7");
  EXPECT_EQ(I(std::string(" +42")), "42");
  EXPECT_EQ(I(std::string("99999999999999999999")), "-1");  // int64 max, low 32 bits
}

TEST(SltValueRendererTest, IntegerTruncatesToThirtyTwoBits) {
  EXPECT_EQ(I(3.9), "3");
  EXPECT_EQ(I(-3.9), "-3");
  EXPECT_EQ(I(std::int64_t{4294967301}), "5");
  EXPECT_EQ(I(std::int64_t{2147483648}), "-2147483648");
  EXPECT_EQ(I(std::int64_t{INT64_MAX}), "-1");
  EXPECT_EQ(I(std::int64_t{INT64_MIN}), "0");
  EXPECT_EQ(I(std::uint64_t{18446744073709551615u}), "-1");
  EXPECT_EQ(I(1e30), "-1");
  EXPECT_EQ(I(-1e30), "0");
  EXPECT_EQ(I(std::numeric_limits<double>::quiet_NaN()), "0");
  EXPECT_EQ(I(true), "1");
  EXPECT_EQ(I(false), "0");
}

TEST(SltValueRendererTest, TextOfFloatsAsSqlite) {
  EXPECT_EQ(T(1.0), "1.0");
  EXPECT_EQ(T(1e20), "1.0e+20");
  EXPECT_EQ(T(0.1), "0.1");
  EXPECT_EQ(T(0.1 + 0.2), "0.3");
  EXPECT_EQ(T(1.5e-05), "1.5e-05");
  EXPECT_EQ(T(1e-05), "1.0e-05");
  EXPECT_EQ(T(0.0001), "0.0001");
  EXPECT_EQ(T(100.0), "100.0");
  EXPECT_EQ(T(1e14), "100000000000000.0");
  EXPECT_EQ(T(1e15), "1.0e+15");
  EXPECT_EQ(T(-2.5), "-2.5");
  EXPECT_EQ(T(1.0 / 3), "0.333333333333333");
  EXPECT_EQ(T(2.0 / 3), "0.666666666666667");
  EXPECT_EQ(T(123456.7890123456), "123456.789012346");
  EXPECT_EQ(T(1.2345678901234568e+17), "1.23456789012346e+17");
  EXPECT_EQ(T(5e-324), "4.94065645841247e-324");
  EXPECT_EQ(T(1.7976931348623157e308), "1.79769313486232e+308");
  EXPECT_EQ(T(-0.0), "0.0");
  EXPECT_EQ(T(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(T(-std::numeric_limits<double>::infinity()), "-Inf");
}

TEST(SltValueRendererTest, TextOfOtherValues) {
  EXPECT_EQ(T(std::int64_t{-42}), "-42");
  EXPECT_EQ(T(std::uint64_t{18446744073709551615u}), "18446744073709551615");
  EXPECT_EQ(T(true), "1");
  EXPECT_EQ(T(false), "0");
  EXPECT_EQ(T(std::string("abc")), "abc");
}

TEST(SltValueRendererTest, EmptyAndUnprintableText) {
  EXPECT_EQ(T(std::string("")), "(empty)");
  EXPECT_EQ(T(std::string("\xC3\xA9")), "@@");  // é: one @ per UTF-8 byte
  EXPECT_EQ(T(std::string("a\tb\x7F")), "a@b@");
  EXPECT_EQ(T(std::string(" ~")), " ~");
  EXPECT_EQ(PrintableText(std::string("\0", 1)), "@");
}

}  // namespace
}  // namespace boyodb::tools::slt
