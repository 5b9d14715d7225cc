// to_char on numbers and to_number, against PostgreSQL 15's output: padding and the sign slot,
// 0 and 9 positions, FM, S/MI/PL/SG/PR, L, V, EEEE, RN, TH, the '#' overflow fill, float
// precision, and the 42601/0A000/22P02 errors.
#include <gtest/gtest.h>

#include <limits>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

std::string Numeric(std::string_view value, std::string pattern) {
  return Eval("to_char", {Decimal(value), Text(std::move(pattern))});
}

TEST(NumberFormatTest, DigitPositionsAndSign) {
  EXPECT_EQ(Numeric("12", "999"), "  12");
  EXPECT_EQ(Numeric("-12", "999"), " -12");
  EXPECT_EQ(Numeric("12", "0999"), " 0012");
  EXPECT_EQ(Numeric("12", "9099"), "  012");
  EXPECT_EQ(Numeric("0", "999"), "   0");
  EXPECT_EQ(Numeric("0.5", "9.99"), "  .50");
  EXPECT_EQ(Numeric("0.5", "0.99"), " 0.50");
  EXPECT_EQ(Numeric("-0.5", "9.99"), " -.50");
  EXPECT_EQ(Numeric("-0.4", "999"), "   0");
  EXPECT_EQ(Numeric("-5", "000"), "-005");
  EXPECT_EQ(Numeric("12.3", "99."), " 12");
}

TEST(NumberFormatTest, GroupsAndFillMode) {
  EXPECT_EQ(Numeric("12", "9,999"), "    12");
  EXPECT_EQ(Numeric("-1234", "9,999,999"), "    -1,234");
  EXPECT_EQ(Numeric("-1234", "FM9,999,999"), "-1,234");
  EXPECT_EQ(Numeric("1234", "0,000,000"), " 0,001,234");
  EXPECT_EQ(Numeric("5", "9G9G9"), "     5");
  EXPECT_EQ(Numeric("0.4", "FM9.9"), ".4");
  EXPECT_EQ(Numeric("0", "FM9.9"), "0.");
  EXPECT_EQ(Numeric("0", "FM9.0"), ".0");
  EXPECT_EQ(Numeric("1.5", "FM9.09"), "1.5");
  EXPECT_EQ(Numeric("1.5", "FM0.00"), "1.50");
  EXPECT_EQ(Numeric("0.001", "FM0.0099"), "0.001");
}

TEST(NumberFormatTest, SignPatterns) {
  EXPECT_EQ(Numeric("12", "S999"), " +12");
  EXPECT_EQ(Numeric("-12", "999S"), " 12-");
  EXPECT_EQ(Numeric("-12", "9S99"), " -12");
  EXPECT_EQ(Numeric("-12.5", "99S.99"), "12.50-");
  EXPECT_EQ(Numeric("12", "PL999"), "+  12");
  EXPECT_EQ(Numeric("-12", "PL999"), "  -12");
  EXPECT_EQ(Numeric("-12", "MI999"), "- 12");
  EXPECT_EQ(Numeric("12", "999MI"), " 12 ");
  EXPECT_EQ(Numeric("12", "SG999"), "+ 12");
  EXPECT_EQ(Numeric("12", "FM999PL"), "12+");
  EXPECT_EQ(Numeric("-12", "99PR"), "<12>");
  EXPECT_EQ(Numeric("12", "99PR"), " 12 ");
  EXPECT_EQ(Numeric("-1234.5", "L9999.99"), " -1234.50");
}

TEST(NumberFormatTest, OverflowMultiplyScientificRomanOrdinal) {
  EXPECT_EQ(Numeric("12345", "999"), " ###");
  EXPECT_EQ(Numeric("-12345.6", "999.9"), "-###.#");
  EXPECT_EQ(Numeric("123.456", "999V99"), " 12346");
  EXPECT_EQ(Numeric("-12", "FM99V999"), "-12000");
  EXPECT_EQ(Numeric("12345.678", "9.99EEEE"), " 1.23e+04");
  EXPECT_EQ(Numeric("-0.00012345", "9.999EEEE"), "-1.235e-04");
  EXPECT_EQ(Numeric("9.995", "9.9EEEE"), " 10.0e+00");
  EXPECT_EQ(Numeric("1999", "RN"), "        MCMXCIX");
  EXPECT_EQ(Numeric("3.5", "FMrn"), "iv");
  EXPECT_EQ(Numeric("4000", "RN"), "###############");
  EXPECT_EQ(Numeric("21", "999TH"), "  21ST");
  EXPECT_EQ(Numeric("12", "FM999th"), "12th");
  EXPECT_EQ(Numeric("-1", "999TH"), "  -1");
  EXPECT_EQ(Numeric("1234.567", "9,999.99 \"abc\""), " 1,234.57 abc");
}

TEST(NumberFormatTest, IntegerAndFloatValues) {
  EXPECT_EQ(Eval("to_char", {Int32(12), Text("999V99")}), "  1200");
  EXPECT_EQ(Eval("to_char", {Int64(-12), Text("FM99TH")}), "-12");
  EXPECT_EQ(Eval("to_char", {Int32(12345), Text("9.99EEEE")}), " 1.23e+04");
  EXPECT_EQ(Eval("to_char", {Float64(-0.4), Text("999")}), "  -0");
  EXPECT_EQ(Eval("to_char", {Float64(0.1), Text("9.99999999999999999")}), "  .10000000000000");
  EXPECT_EQ(Eval("to_char", {Float64(1e300), Text("9.99999999999999999")}), " #.");
  EXPECT_EQ(Eval("to_char", {Float64(2.5), Text("RN")}), "             II");
  EXPECT_EQ(Eval("to_char", {Float32(1.5f), Text("9.99EEEE")}), " 1.50e+00");
  EXPECT_EQ(Eval("to_char", {Float64(std::numeric_limits<double>::quiet_NaN()), Text("999.9")}),
            " NaN");
  EXPECT_EQ(Eval("to_char", {Value::Null(DataType::Float64()), Text("999")}), "NULL");
}

TEST(NumberFormatTest, TemplateErrors) {
  EXPECT_EQ(Numeric("12", "99.9.9"), "ERROR 42601: multiple decimal points");
  EXPECT_EQ(Numeric("12", "99.9V9"), "ERROR 42601: cannot use \"V\" and decimal point together");
  EXPECT_EQ(Numeric("12", "S9S9"), "ERROR 42601: cannot use \"S\" twice");
  EXPECT_EQ(Numeric("12", "S99MI"), "ERROR 42601: cannot use \"S\" and \"MI\" together");
  EXPECT_EQ(Numeric("12", "9.99EEEE9"), "ERROR 42601: \"EEEE\" must be the last pattern used");
  EXPECT_EQ(Numeric("12", "FM9.99EEEE"),
            "ERROR 42601: \"EEEE\" is incompatible with other formats");
}

TEST(NumberFormatTest, ToNumber) {
  auto parse = [](std::string text, std::string pattern) {
    return Eval("to_number", {Text(std::move(text)), Text(std::move(pattern))});
  };
  EXPECT_EQ(parse("12,454.8-", "99G999D9S"), "-12454.8000000000000000");
  EXPECT_EQ(parse("-1,234.56", "9,999.99"), "-1234.5600000000000000");
  EXPECT_EQ(parse("12.345", "99.99"), "12.3400000000000000");
  EXPECT_EQ(parse("1234", "99"), "12.0000000000000000");
  EXPECT_EQ(parse("<123>", "999PR"), "-123.0000000000000000");
  EXPECT_EQ(parse("123-", "999MI"), "-123.0000000000000000");
  EXPECT_EQ(parse("12", "99V9"), "1.2000000000000000");
  EXPECT_EQ(parse("abc", "999"), "ERROR 22P02: invalid input syntax for type numeric: \" \"");
  EXPECT_EQ(parse("1", "9.9EEEE"), "ERROR 0A000: \"EEEE\" not supported for input");
  EXPECT_EQ(parse("1", "RN"), "ERROR 0A000: \"RN\" not supported for input");
}

}  // namespace
}  // namespace boyodb::functions::testing
