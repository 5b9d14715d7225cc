// Casts with PostgreSQL 15's semantics: which pairs exist (42846 otherwise), rounding of
// floats (half to even) and numerics (half away from zero), range and precision errors, the
// text output of every type and the text input of every type, NULLs and sliced arrays.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/sqlstate.h"
#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

const DataType kText = DataType::String();

TEST(CastTest, BooleansAndFloatsPrintAsPostgres) {
  EXPECT_EQ(AsText(Bool(true)), "true");
  EXPECT_EQ(AsText(Bool(false)), "false");
  EXPECT_EQ(AsText(Float64(0.1)), "0.1");
  EXPECT_EQ(AsText(Float64(1e20)), "1e+20");
  EXPECT_EQ(AsText(Float64(1.2345678901234568e+20)), "1.2345678901234568e+20");
  EXPECT_EQ(AsText(Float64(-0.0)), "-0");
  EXPECT_EQ(AsText(Float64(std::nan(""))), "NaN");
  EXPECT_EQ(AsText(Float64(std::numeric_limits<double>::infinity())), "Infinity");
  EXPECT_EQ(AsText(Float64(-std::numeric_limits<double>::infinity())), "-Infinity");
  EXPECT_EQ(AsText(Float64(1e-5)), "1e-05");
  EXPECT_EQ(AsText(Float64(1e-4)), "0.0001");
  EXPECT_EQ(AsText(Float64(123456789012345.6)), "123456789012345.6");
  EXPECT_EQ(AsText(Float64(1e14)), "100000000000000");
  EXPECT_EQ(AsText(Float64(1e15)), "1e+15");
  EXPECT_EQ(AsText(Float64(1.5e-7)), "1.5e-07");
  EXPECT_EQ(AsText(Float64(1.5e300)), "1.5e+300");
  EXPECT_EQ(AsText(Float32(0.1f)), "0.1");
  EXPECT_EQ(AsText(Float32(1e6f)), "1e+06");
  EXPECT_EQ(AsText(Float32(123456.0f)), "123456");
  EXPECT_EQ(AsText(Float32(1.5e-5f)), "1.5e-05");
  EXPECT_EQ(AsText(Float32(3.4028235e38f)), "3.4028235e+38");
  EXPECT_EQ(AsText(Float32(16777217.0f)), "1.6777216e+07");
}

TEST(CastTest, OtherTypesPrintAsPostgres) {
  EXPECT_EQ(AsText(Int16(12)), "12");
  EXPECT_EQ(AsText(Int64(std::numeric_limits<int64_t>::min())), "-9223372036854775808");
  EXPECT_EQ(AsText(Value::Int8(-7)), "-7");
  EXPECT_EQ(AsText(Decimal("1.50")), "1.50");
  EXPECT_EQ(AsText(Decimal("-0.005")), "-0.005");
  EXPECT_EQ(AsText(Value::Binary("\x0a\x0b")), "\\x0a0b");
  EXPECT_EQ(AsText(Value::Binary("")), "\\x");
  EXPECT_EQ(AsText(Value::Date(19783)), "2024-03-01");
  EXPECT_EQ(AsText(Value::Date(static_cast<int32_t>(types::DaysFromCivil(-43, 3, 15)))),
            "0044-03-15 BC");
  EXPECT_EQ(AsText(Value::Time(((13 * 60 + 45) * 60 + 1) * 1'000'000LL + 250'000)), "13:45:01.25");
  const int64_t timestamp = *types::ParseTimestamp("2024-03-01 13:45:01.25");
  EXPECT_EQ(AsText(Value::Timestamp(timestamp)), "2024-03-01 13:45:01.25");
  EXPECT_EQ(AsText(Value::TimestampTz(timestamp)), "2024-03-01 13:45:01.25+00");
  const int64_t bc_noon =
      types::DaysFromCivil(-43, 3, 15) * types::kMicrosPerDay + 12 * 3600 * types::kMicrosPerSecond;
  EXPECT_EQ(AsText(Value::TimestampTz(bc_noon)), "0044-03-15 12:00:00+00 BC");
  EXPECT_EQ(AsText(Value::Interval({14, 3, (4 * 3600 + 5 * 60 + 6) * 1'000'000'000LL})),
            "1 year 2 mons 3 days 04:05:06");
  std::array<uint8_t, 16> uuid = {0xa0, 0xee, 0xbc, 0x99, 0x9c, 0x0b, 0x4e, 0xf8,
                                  0xbb, 0x6d, 0x6b, 0xb9, 0xbd, 0x38, 0x0a, 0x11};
  EXPECT_EQ(AsText(Value::Uuid(uuid)), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(AsText(Value::Json("{\"a\": 1}")), "{\"a\": 1}");
  EXPECT_EQ(AsText(Value::Ipv4(0xC0A80001)), "192.168.0.1");
  EXPECT_EQ(AsText(Value::Nested(DataType::List(DataType::Int32()), {Int32(1), Int32(2)})),
            "{1,2}");
}

TEST(CastTest, FloatsToIntegersRoundHalfToEven) {
  EXPECT_EQ(CastText(Float64(2.5), DataType::Int32()), "2");
  EXPECT_EQ(CastText(Float64(3.5), DataType::Int32()), "4");
  EXPECT_EQ(CastText(Float64(-2.5), DataType::Int32()), "-2");
  EXPECT_EQ(CastText(Float64(2147483647.4), DataType::Int32()), "2147483647");
  EXPECT_EQ(CastText(Float32(1.5f), DataType::Int16()), "2");
  EXPECT_EQ(CastText(Float64(2147483647.5), DataType::Int32()),
            "ERROR 22003: integer out of range");
  EXPECT_EQ(CastText(Float64(std::nan("")), DataType::Int64()), "ERROR 22003: bigint out of range");
  EXPECT_EQ(CastText(Float64(9.3e18), DataType::Int64()), "ERROR 22003: bigint out of range");
}

TEST(CastTest, NumericsToIntegersRoundHalfAwayFromZero) {
  EXPECT_EQ(CastText(Decimal("2.5"), DataType::Int32()), "3");
  EXPECT_EQ(CastText(Decimal("-2.5"), DataType::Int32()), "-3");
  EXPECT_EQ(CastText(Decimal("2.5"), DataType::Int16()), "3");
  EXPECT_EQ(CastText(Decimal("32767.5"), DataType::Int16()), "ERROR 22003: smallint out of range");
  EXPECT_EQ(CastText(Int32(32768), DataType::Int16()), "ERROR 22003: smallint out of range");
  EXPECT_EQ(CastText(Int64(-129), DataType::Int8()), "ERROR 22003: tinyint out of range");
  EXPECT_EQ(CastText(Int16(-5), DataType::Int64()), "-5");
}

TEST(CastTest, NumericTargetsRoundAndCheckPrecision) {
  EXPECT_EQ(CastText(Int32(99999), DataType::Decimal(5, 0)), "99999");
  EXPECT_EQ(CastText(Int32(100000), DataType::Decimal(5, 0)),
            "ERROR 22003: numeric field overflow");
  EXPECT_EQ(CastText(Int32(1000), DataType::Decimal(5, 2)), "ERROR 22003: numeric field overflow");
  EXPECT_EQ(CastText(Decimal("1.005"), DataType::Decimal(3, 2)), "1.01");
  EXPECT_EQ(CastText(Decimal("9.995"), DataType::Decimal(4, 2)), "10.00");
  EXPECT_EQ(CastText(Decimal("9.995"), DataType::Decimal(3, 2)),
            "ERROR 22003: numeric field overflow");
  EXPECT_EQ(CastText(Decimal("-1.005"), DataType::Decimal(3, 2)), "-1.01");
  EXPECT_EQ(CastText(Decimal("1.5"), DataType::Decimal(10, 3)), "1.500");
  EXPECT_EQ(CastText(Float64(0.1), DataType::Decimal(38, 9)), "0.100000000");
  EXPECT_EQ(CastText(Float64(1.23456789012345678), DataType::Decimal(38, 20)),
            "1.23456789012346000000");
  EXPECT_EQ(CastText(Float32(0.1f), DataType::Decimal(10, 5)), "0.10000");
  EXPECT_EQ(CastText(Float64(1e300), DataType::Decimal(10, 2)),
            "ERROR 22003: numeric field overflow");
  EXPECT_EQ(CastText(Float64(std::nan("")), DataType::Decimal(10, 2)),
            "ERROR 22003: cannot convert NaN to numeric");
}

TEST(CastTest, FloatConversions) {
  EXPECT_EQ(CastText(Decimal("1.50"), DataType::Float64()), "1.5");
  EXPECT_EQ(CastText(Decimal("0.1000000000000000000000000000000000001", 38), DataType::Float64()),
            "0.1");
  EXPECT_EQ(CastText(Float64(1e38), DataType::Float32()), "1e+38");
  EXPECT_EQ(CastText(Float64(1e39), DataType::Float32()),
            "ERROR 22003: value out of range: overflow");
  EXPECT_EQ(CastText(Float64(1e-50), DataType::Float32()),
            "ERROR 22003: value out of range: underflow");
  EXPECT_EQ(CastText(Float32(0.1f), DataType::Float64()), "0.10000000149011612");
  EXPECT_EQ(CastText(Int64(std::numeric_limits<int64_t>::max()), DataType::Float64()),
            "9.223372036854776e+18");
}

TEST(CastTest, BooleanConvertsOnlyToAndFromInteger) {
  EXPECT_EQ(CastText(Bool(true), DataType::Int32()), "1");
  EXPECT_EQ(CastText(Int32(5), DataType::Boolean()), "true");
  EXPECT_EQ(CastText(Int32(0), DataType::Boolean()), "false");
  EXPECT_EQ(CastText(Int64(1), DataType::Boolean()),
            "ERROR 42846: cannot cast type bigint to boolean");
  EXPECT_EQ(CastText(Bool(true), DataType::Date()),
            "ERROR 42846: cannot cast type boolean to date");
  EXPECT_EQ(CastText(Int32(1), DataType::Date()), "ERROR 42846: cannot cast type integer to date");
  EXPECT_EQ(CastText(Value::Uuid({}), DataType::Binary()),
            "ERROR 42846: cannot cast type uuid to bytea");
  EXPECT_EQ(CastText(Value::Date(0), DataType::Time()),
            "ERROR 42846: cannot cast type date to time without time zone");
}

TEST(CastTest, TextToNumbers) {
  EXPECT_EQ(CastText(Text(" 12 "), DataType::Int32()), "12");
  EXPECT_EQ(CastText(Text("+7"), DataType::Int16()), "7");
  EXPECT_EQ(CastText(Text("-0"), DataType::Int64()), "0");
  EXPECT_EQ(CastText(Text("-9223372036854775808"), DataType::Int64()), "-9223372036854775808");
  EXPECT_EQ(CastText(Text("1 2"), DataType::Int32()),
            "ERROR 22P02: invalid input syntax for type integer: \"1 2\"");
  EXPECT_EQ(CastText(Text(""), DataType::Int32()),
            "ERROR 22P02: invalid input syntax for type integer: \"\"");
  EXPECT_EQ(CastText(Text("abc"), DataType::Int32()),
            "ERROR 22P02: invalid input syntax for type integer: \"abc\"");
  EXPECT_EQ(CastText(Text("99999999999"), DataType::Int32()),
            "ERROR 22003: value \"99999999999\" is out of range for type integer");
  EXPECT_EQ(CastText(Text("40000"), DataType::Int16()),
            "ERROR 22003: value \"40000\" is out of range for type smallint");
  EXPECT_EQ(CastText(Text("99999999999999999999"), DataType::Int64()),
            "ERROR 22003: value \"99999999999999999999\" is out of range for type bigint");
  EXPECT_EQ(CastText(Text(" 1.5e3 "), DataType::Float64()), "1500");
  EXPECT_EQ(CastText(Text("inf"), DataType::Float64()), "Infinity");
  EXPECT_EQ(CastText(Text("-INFINITY"), DataType::Float64()), "-Infinity");
  EXPECT_EQ(CastText(Text(" nan"), DataType::Float64()), "NaN");
  EXPECT_EQ(CastText(Text("1e-310"), DataType::Float64()), "1e-310");
  EXPECT_EQ(CastText(Text(".5"), DataType::Float64()), "0.5");
  EXPECT_EQ(CastText(Text("5."), DataType::Float64()), "5");
  EXPECT_EQ(CastText(Text("1e400"), DataType::Float64()),
            "ERROR 22003: \"1e400\" is out of range for type double precision");
  EXPECT_EQ(CastText(Text("1e-400"), DataType::Float64()),
            "ERROR 22003: \"1e-400\" is out of range for type double precision");
  EXPECT_EQ(CastText(Text("1e39"), DataType::Float32()),
            "ERROR 22003: \"1e39\" is out of range for type real");
  EXPECT_EQ(CastText(Text("abc"), DataType::Float64()),
            "ERROR 22P02: invalid input syntax for type double precision: \"abc\"");
  EXPECT_EQ(CastText(Text(" 1.235 "), DataType::Decimal(5, 2)), "1.24");
  EXPECT_EQ(CastText(Text("-1.235"), DataType::Decimal(5, 2)), "-1.24");
  EXPECT_EQ(CastText(Text("1e3"), DataType::Decimal(10, 0)), "1000");
  EXPECT_EQ(CastText(Text(".5"), DataType::Decimal(10, 1)), "0.5");
  EXPECT_EQ(CastText(Text("5."), DataType::Decimal(10, 0)), "5");
  EXPECT_EQ(CastText(Text("+1.50"), DataType::Decimal(10, 2)), "1.50");
  EXPECT_EQ(
      CastText(Text("0.0000000000000000000000000000000000000000001"), DataType::Decimal(10, 2)),
      "0.00");
  EXPECT_EQ(CastText(Text("1000"), DataType::Decimal(5, 2)), "ERROR 22003: numeric field overflow");
  EXPECT_EQ(CastText(Text("abc"), DataType::Decimal(5, 2)),
            "ERROR 22P02: invalid input syntax for type numeric: \"abc\"");
  EXPECT_EQ(CastText(Text("1e"), DataType::Decimal(5, 2)),
            "ERROR 22P02: invalid input syntax for type numeric: \"1e\"");
  EXPECT_EQ(CastText(Text("NaN"), DataType::Decimal(5, 2)),
            "ERROR 0A000: NaN and infinity are not supported for type numeric");
}

TEST(CastTest, TextToBooleans) {
  EXPECT_EQ(CastText(Text(" TRUE "), DataType::Boolean()), "true");
  EXPECT_EQ(CastText(Text("ye"), DataType::Boolean()), "true");
  EXPECT_EQ(CastText(Text("of"), DataType::Boolean()), "false");
  EXPECT_EQ(CastText(Text("on"), DataType::Boolean()), "true");
  EXPECT_EQ(CastText(Text("1"), DataType::Boolean()), "true");
  EXPECT_EQ(CastText(Text("N"), DataType::Boolean()), "false");
  EXPECT_EQ(CastText(Text("f"), DataType::Boolean()), "false");
  EXPECT_EQ(CastText(Text("o"), DataType::Boolean()),
            "ERROR 22P02: invalid input syntax for type boolean: \"o\"");
  EXPECT_EQ(CastText(Text("truex"), DataType::Boolean()),
            "ERROR 22P02: invalid input syntax for type boolean: \"truex\"");
  EXPECT_EQ(CastText(Text("10"), DataType::Boolean()),
            "ERROR 22P02: invalid input syntax for type boolean: \"10\"");
}

TEST(CastTest, TextToUuidByteaAndJson) {
  const char* expected = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
  EXPECT_EQ(CastText(Text("{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}"), DataType::Uuid()), expected);
  EXPECT_EQ(CastText(Text("a0eebc999c0b4ef8bb6d6bb9bd380a11"), DataType::Uuid()), expected);
  EXPECT_EQ(CastText(Text("a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11"), DataType::Uuid()), expected);
  EXPECT_EQ(CastText(Text("a0eebc999c0b4ef8bb6d6bb9bd380a1"), DataType::Uuid()),
            "ERROR 22P02: invalid input syntax for type uuid: \"a0eebc999c0b4ef8bb6d6bb9bd380a1\"");
  EXPECT_EQ(CastText(Text("\\x0a 0B"), DataType::Binary()), "\\x0a0b");
  EXPECT_EQ(CastText(Text("ab\\\\c\\101"), DataType::Binary()), "\\x61625c6341");
  EXPECT_EQ(CastText(Text(""), DataType::Binary()), "\\x");
  EXPECT_EQ(CastText(Text("\\x0g"), DataType::Binary()),
            "ERROR 22023: invalid hexadecimal digit: \"g\"");
  EXPECT_EQ(CastText(Text("\\x0"), DataType::Binary()),
            "ERROR 22023: invalid hexadecimal data: odd number of digits");
  EXPECT_EQ(CastText(Text("a\\9"), DataType::Binary()),
            "ERROR 22P02: invalid input syntax for type bytea");
  EXPECT_EQ(CastText(Text("{\"a\": 1}"), DataType::Json()), "{\"a\": 1}");
  EXPECT_EQ(CastText(Text("{bad"), DataType::Json()),
            "ERROR 22P02: invalid input syntax for type json");
}

TEST(CastTest, TextToIpAddresses) {
  EXPECT_EQ(CastText(Text(" 192.168.0.1 "), DataType::Ipv4()), "192.168.0.1");
  EXPECT_EQ(CastText(Text("255.255.255.255"), DataType::Ipv4()), "255.255.255.255");
  EXPECT_EQ(CastText(Text("::1"), DataType::Ipv6()), "::1");
  EXPECT_EQ(CastText(Text("2001:DB8::8:800:200C:417A"), DataType::Ipv6()),
            "2001:db8::8:800:200c:417a");
  EXPECT_EQ(CastText(Text("256.1.1.1"), DataType::Ipv4()),
            "ERROR 22P02: invalid input syntax for type ipv4: \"256.1.1.1\"");
  EXPECT_EQ(CastText(Text("10.0.0.0/8"), DataType::Ipv4()),
            "ERROR 22P02: invalid input syntax for type ipv4: \"10.0.0.0/8\"");
  EXPECT_EQ(CastText(Text("1.2.3.4"), DataType::Ipv6()),
            "ERROR 22P02: invalid input syntax for type ipv6: \"1.2.3.4\"");
}

TEST(CastTest, TextToDatetimes) {
  EXPECT_EQ(CastText(Text(" 2024-01-01 "), DataType::Date()), "2024-01-01");
  EXPECT_EQ(CastText(Text("2024-01-01 10:30"), DataType::Date()), "2024-01-01");
  EXPECT_EQ(CastText(Text("2024-02-30"), DataType::Date()),
            "ERROR 22008: date/time field value out of range: \"2024-02-30\"");
  EXPECT_EQ(CastText(Text("garbage"), DataType::Date()),
            "ERROR 22007: invalid input syntax for type date: \"garbage\"");
  EXPECT_EQ(CastText(Text("25:00"), DataType::Time()),
            "ERROR 22008: date/time field value out of range: \"25:00\"");
  EXPECT_EQ(CastText(Text("2024-03-01 10:00+05"), DataType::Timestamp()), "2024-03-01 10:00:00");
  EXPECT_EQ(CastText(Text("2024-03-01 10:00+05"), DataType::TimestampTz()),
            "2024-03-01 05:00:00+00");
  EXPECT_EQ(CastText(Text("nope"), DataType::TimestampTz()),
            "ERROR 22007: invalid input syntax for type timestamp with time zone: \"nope\"");
  EXPECT_EQ(CastText(Text("1 day 2 hours"), DataType::Interval()), "1 day 02:00:00");
}

TEST(CastTest, DatetimeCastsUseTheSessionTimeZone) {
  sql::EvalContext paris;
  paris.time_zone = "Europe/Paris";
  const Value summer_noon = Value::Timestamp(*types::ParseTimestamp("2024-07-01 12:00:00"));
  EXPECT_EQ(CastText(Text("2024-07-01 12:00"), DataType::TimestampTz(), paris),
            "2024-07-01 12:00:00+02");
  EXPECT_EQ(CastText(summer_noon, DataType::TimestampTz(), paris), "2024-07-01 12:00:00+02");
  EXPECT_EQ(CastText(Value::Date(static_cast<int32_t>(types::DaysFromCivil(2024, 1, 15))),
                     DataType::TimestampTz(), paris),
            "2024-01-15 00:00:00+01");
  const Value late = Value::TimestampTz(*types::ParseTimestamp("2024-07-01 23:30:00Z"));
  EXPECT_EQ(CastText(late, DataType::Date(), paris), "2024-07-02");
  EXPECT_EQ(CastText(late, DataType::Time(), paris), "01:30:00");
  EXPECT_EQ(CastText(late, DataType::Timestamp(), paris), "2024-07-02 01:30:00");
  EXPECT_EQ(CastText(late, DataType::Date()), "2024-07-01");
  EXPECT_EQ(CastText(late, DataType::Timestamp()), "2024-07-01 23:30:00");

  // PostgreSQL reads "+02:00" as a POSIX zone: two hours west of Greenwich.
  sql::EvalContext posix;
  posix.time_zone = "+02:00";
  EXPECT_EQ(CastText(Text("2024-07-01 12:00"), DataType::TimestampTz(), posix),
            "2024-07-01 12:00:00-02");
  sql::EvalContext unknown;
  unknown.time_zone = "Mars/Olympus";
  EXPECT_EQ(CastText(summer_noon, DataType::TimestampTz(), unknown),
            "ERROR 22023: time zone \"Mars/Olympus\" not recognized");
}

TEST(CastTest, DatetimeCastsWithoutZones) {
  const Value timestamp = Value::Timestamp(*types::ParseTimestamp("2024-03-01 13:45:01.25"));
  EXPECT_EQ(CastText(timestamp, DataType::Date()), "2024-03-01");
  EXPECT_EQ(CastText(timestamp, DataType::Time()), "13:45:01.25");
  EXPECT_EQ(CastText(Value::Timestamp(-1), DataType::Date()), "1969-12-31");
  EXPECT_EQ(CastText(Value::Timestamp(-1), DataType::Time()), "23:59:59.999999");
  EXPECT_EQ(CastText(Value::Date(1), DataType::Timestamp()), "1970-01-02 00:00:00");
  EXPECT_EQ(CastText(Value::Time(45'296'789'000), DataType::Interval()), "12:34:56.789");
  EXPECT_EQ(CastText(Value::Interval({0, 0, 27 * 3600 * 1'000'000'000LL}), DataType::Time()),
            "03:00:00");
  EXPECT_EQ(CastText(Value::Interval({0, 0, -3600 * 1'000'000'000LL}), DataType::Time()),
            "23:00:00");
}

TEST(CastTest, IdentityNullAndArrays) {
  EXPECT_EQ(CastText(Int32(5), DataType::Int32()), "5");
  EXPECT_EQ(CastText(Value::Null(DataType::Int32()), DataType::Int64()), "NULL");
  const Result<sql::CastKernel> from_null =
      FunctionRegistry::Builtins().FindCast(DataType::Null(), DataType::Date());
  ASSERT_TRUE(from_null.ok());
  const ArrayPtr nulls = MakeArray(DataType::Null(), {Value(), Value()});
  const Result<ArrayPtr> dates = (*from_null)(nulls, {});
  ASSERT_TRUE(dates.ok());
  EXPECT_EQ((*dates)->type(), DataType::Date());
  EXPECT_EQ((*dates)->null_count(), 2);
  const Value list = Value::Nested(DataType::List(DataType::Int32()), {Int32(1), Int32(2)});
  const Result<Value> texts = CastValue(list, DataType::List(kText));
  ASSERT_TRUE(texts.ok()) << texts.status().ToString();
  EXPECT_EQ(Show(*texts), "{1,2}");
}

TEST(CastTest, NullsAndSlices) {
  const ArrayPtr input =
      MakeSlicedArray(kText, {Text("1"), Value::Null(kText), Text("x"), Text("3")}, Text("junk"));
  const Result<sql::CastKernel> cast =
      FunctionRegistry::Builtins().FindCast(kText, DataType::Int32());
  ASSERT_TRUE(cast.ok());
  Result<ArrayPtr> numbers = (*cast)(input, {});
  ASSERT_FALSE(numbers.ok());
  EXPECT_EQ(numbers.status().message(), "invalid input syntax for type integer: \"x\"");
  numbers = (*cast)(input->Slice(0, 2), {});
  ASSERT_TRUE(numbers.ok());
  EXPECT_EQ(ShowAll(**numbers), (std::vector<std::string>{"1", "NULL"}));
  const Result<sql::CastKernel> to_text =
      FunctionRegistry::Builtins().FindCast(DataType::Boolean(), kText);
  ASSERT_TRUE(to_text.ok());
  const Result<ArrayPtr> texts = (*to_text)(
      MakeSlicedArray(DataType::Boolean(),
                      {Bool(true), Value::Null(DataType::Boolean()), Bool(false)}, Bool(true)),
      {});
  ASSERT_TRUE(texts.ok());
  EXPECT_EQ(ShowAll(**texts), (std::vector<std::string>{"true", "NULL", "false"}));
}

}  // namespace
}  // namespace boyodb::functions::testing
