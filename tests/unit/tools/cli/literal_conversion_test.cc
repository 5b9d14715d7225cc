// ConvertLiteral: PostgreSQL-like assignment of untyped literals to column types.
#include "tools/cli/literal_conversion.h"

#include <gtest/gtest.h>

namespace boyodb::tools::cli {
namespace {

using types::DataType;
using types::Value;

Literal Number(std::string text) { return Literal{Literal::Kind::kNumber, std::move(text)}; }
Literal String(std::string text) { return Literal{Literal::Kind::kString, std::move(text)}; }

Value Convert(const Literal& literal, const DataType& type) {
  auto value = ConvertLiteral(literal, type, "c");
  EXPECT_TRUE(value.ok()) << value.error().ToString();
  return value.ok() ? *value : Value();
}

std::string SqlState(const Literal& literal, const DataType& type) {
  auto value = ConvertLiteral(literal, type, "c");
  return value.ok() ? "ok" : std::string(value.error().sqlstate());
}

TEST(LiteralConversionTest, IntegersFitTheColumnWidthOrAreOutOfRange) {
  EXPECT_EQ(Convert(Number("-32768"), DataType::Int16()), Value::Int16(-32768));
  EXPECT_EQ(SqlState(Number("32768"), DataType::Int16()), "22003");
  EXPECT_EQ(Convert(Number("9223372036854775807"), DataType::Int64()), Value::Int64(INT64_MAX));
  EXPECT_EQ(SqlState(Number("9223372036854775808"), DataType::Int64()), "22003");
  EXPECT_EQ(SqlState(Number("-1"), DataType::UInt32()), "22003");
  // Numeric literals round to integers, as PostgreSQL's assignment cast does.
  EXPECT_EQ(Convert(Number("2.5"), DataType::Int32()), Value::Int32(3));
  EXPECT_EQ(Convert(Number("-2.5"), DataType::Int32()), Value::Int32(-3));
  EXPECT_EQ(Convert(Number("1e3"), DataType::Int32()), Value::Int32(1000));
  EXPECT_EQ(Convert(String(" 42 "), DataType::Int64()), Value::Int64(42));
  EXPECT_EQ(SqlState(String("4.5"), DataType::Int64()), "22P02");
  EXPECT_EQ(SqlState(String("abc"), DataType::Int64()), "22P02");
}

TEST(LiteralConversionTest, DecimalsAreRoundedToTheScaleAndCheckedAgainstThePrecision) {
  const DataType type = DataType::Decimal(5, 2);
  EXPECT_EQ(Convert(Number("123.456"), type), Value::Decimal(12346, type));
  EXPECT_EQ(Convert(Number("-0.005"), type), Value::Decimal(-1, type));
  EXPECT_EQ(Convert(String("999.99"), type), Value::Decimal(99999, type));
  EXPECT_EQ(SqlState(Number("1000"), type), "22003");
  EXPECT_EQ(SqlState(String("12a"), type), "22P02");
}

TEST(LiteralConversionTest, FloatsBooleansAndText) {
  EXPECT_EQ(Convert(Number("1.5"), DataType::Float64()), Value::Float64(1.5));
  EXPECT_EQ(Convert(String("-Infinity"), DataType::Float64()),
            Value::Float64(-std::numeric_limits<double>::infinity()));
  EXPECT_EQ(SqlState(String("0x10"), DataType::Float64()), "22P02");
  EXPECT_EQ(Convert(String("yes"), DataType::Boolean()), Value::Boolean(true));
  EXPECT_EQ(Convert(Literal{Literal::Kind::kBoolean, "", false}, DataType::Boolean()),
            Value::Boolean(false));
  EXPECT_EQ(SqlState(Number("1"), DataType::Boolean()), "42804");
  EXPECT_EQ(Convert(Number("12"), DataType::String()), Value::String("12"));
  EXPECT_EQ(Convert(String("\\x0aff"), DataType::Binary()), Value::Binary(std::string("\x0a\xff")));
}

TEST(LiteralConversionTest, DatesTimesAndOtherStringsAreParsed) {
  EXPECT_EQ(Convert(String("1970-01-02"), DataType::Date()), Value::Date(1));
  EXPECT_EQ(Convert(String("1970-01-01 00:00:01"), DataType::Timestamp()),
            Value::Timestamp(1'000'000));
  EXPECT_EQ(Convert(String("1970-01-01 01:00:00+01"), DataType::TimestampTz()),
            Value::TimestampTz(0));
  EXPECT_EQ(SqlState(String("tomorrow"), DataType::Date()), "22007");
  EXPECT_EQ(SqlState(Number("20240101"), DataType::Date()), "42804");
  EXPECT_EQ(Convert(String("10.0.0.1"), DataType::Ipv4()), Value::Ipv4(0x0a000001));
  const Value uuid = Convert(String("00112233-4455-6677-8899-aabbccddeeff"), DataType::Uuid());
  EXPECT_EQ(uuid.ToString(), "00112233-4455-6677-8899-aabbccddeeff");
  EXPECT_EQ(SqlState(String("zz"), DataType::Uuid()), "22P02");
  EXPECT_EQ(SqlState(String("1 day"), DataType::Interval()), "0A000");
}

TEST(LiteralConversionTest, NullBecomesANullOfTheColumnType) {
  const Value value = Convert(Literal{}, DataType::Date());
  EXPECT_TRUE(value.is_null());
  EXPECT_EQ(value.type(), DataType::Date());
}

}  // namespace
}  // namespace boyodb::tools::cli
