#include "types/value.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace boyodb::types {
namespace {

TEST(ValueTest, TextOutputFollowsPostgres) {
  EXPECT_EQ(Value::Boolean(true).ToString(), "t");
  EXPECT_EQ(Value::Int64(-42).ToString(), "-42");
  EXPECT_EQ(Value::Float64(0.1).ToString(), "0.1");
  EXPECT_EQ(Value::Float64(std::nan("")).ToString(), "NaN");
  EXPECT_EQ(Value::Float64(-std::numeric_limits<double>::infinity()).ToString(), "-Infinity");
  EXPECT_EQ(Value::Decimal(-12345, DataType::Decimal(10, 2)).ToString(), "-123.45");
  EXPECT_EQ(Value::Decimal(5, DataType::Decimal(10, 3)).ToString(), "0.005");
  EXPECT_EQ(Value::Binary(std::string("\x0a\xff", 2)).ToString(), "\\x0aff");
  EXPECT_EQ(Value::Date(0).ToString(), "1970-01-01");
  EXPECT_EQ(Value::Timestamp(1'500'000).ToString(), "1970-01-01 00:00:01.5");
  EXPECT_EQ(Value::TimestampTz(0).ToString(), "1970-01-01 00:00:00+00");
  EXPECT_EQ(Value::Ipv4(0xC0A80001).ToString(), "192.168.0.1");
  EXPECT_EQ(Value::Null(DataType::Int32()).ToString(), "NULL");
  EXPECT_EQ(Value::Interval({14, 3, 4'000'000'000}).ToString(), "1 year 2 mons 3 days 00:00:04");
  std::array<uint8_t, 16> uuid{};
  for (int i = 0; i < 16; ++i) uuid[i] = static_cast<uint8_t>(i);
  EXPECT_EQ(Value::Uuid(uuid).ToString(), "00010203-0405-0607-0809-0a0b0c0d0e0f");
  const Value list = Value::Nested(DataType::List(DataType::String()),
                                   {Value::String("a b"), Value::Null(DataType::String())});
  EXPECT_EQ(list.ToString(), "{\"a b\",NULL}");
}

TEST(ValueTest, Int128ExtremesPrint) {
  const Int128 max = (static_cast<Int128>(1) << 126) - 1 + (static_cast<Int128>(1) << 126);
  EXPECT_EQ(Int128ToString(max), "170141183460469231731687303715884105727");
  EXPECT_EQ(Int128ToString(-max - 1), "-170141183460469231731687303715884105728");
}

TEST(ValueTest, CompareOrdersNullLastAndNanGreatest) {
  EXPECT_LT(Value::Compare(Value::Int64(1), Value::Int64(2)), 0);
  EXPECT_GT(Value::Compare(Value::Null(DataType::Int64()), Value::Int64(2)), 0);
  EXPECT_GT(Value::Compare(Value::Float64(std::nan("")), Value::Float64(1e300)), 0);
  EXPECT_LT(Value::Compare(Value::String("abc"), Value::String("abd")), 0);
  EXPECT_EQ(Value::String("x"), Value::String("x"));
  EXPECT_FALSE(Value::String("x") == Value::Json("x"));
}

TEST(DatetimeTest, CivilConversionsRoundTrip) {
  for (int64_t days = -800000; days <= 800000; days += 997) {
    const CivilDate date = CivilFromDays(days);
    EXPECT_EQ(DaysFromCivil(date.year, date.month, date.day), days);
  }
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
}

TEST(DatetimeTest, ParsesWhatItFormats) {
  EXPECT_EQ(*ParseDate("2024-02-29"), DaysFromCivil(2024, 2, 29));
  EXPECT_FALSE(ParseDate("2023-02-29").ok());
  EXPECT_FALSE(ParseDate("20x3-01-01").ok());
  EXPECT_EQ(*ParseTime("13:45:01.25"), ((13 * 60 + 45) * 60 + 1) * kMicrosPerSecond + 250000);
  const int64_t ts = *ParseTimestamp("2024-03-01 13:45:01.25");
  EXPECT_EQ(FormatTimestamp(ts), "2024-03-01 13:45:01.25");
  EXPECT_EQ(*ParseTimestamp("2024-03-01T14:45:01.25+01:00"), ts);
  EXPECT_EQ(*ParseTimestamp("2024-03-01 13:45:01.25Z"), ts);
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31 23:59:59.999999");
}

// Microseconds since 1970 in int64 end in 294247 AD; later timestamps (which PostgreSQL, counting
// from 2000, still takes up to 294276) are out of range, not a wrapped value.
TEST(DatetimeTest, TimestampsBeyondTheRepresentationAreOutOfRange) {
  EXPECT_TRUE(ParseTimestamp("294247-01-09 00:00:00").ok());
  for (const char* text : {"294276-12-31 23:59:59.999999", "294248-01-01 00:00:00"}) {
    const Result<int64_t> parsed = ParseTimestamp(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.status().sqlstate(), "22008") << text;
  }
}

}  // namespace
}  // namespace boyodb::types
