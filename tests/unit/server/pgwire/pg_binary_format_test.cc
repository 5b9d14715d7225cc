#include "server/pgwire/pg_binary_format.h"

#include <gtest/gtest.h>

#include <string>

#include "common/sqlstate.h"
#include "types/datetime.h"

namespace boyodb::server::pgwire {
namespace {

using types::DataType;
using types::Value;

std::string FromHex(std::string_view hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return bytes;
}

std::string Encoded(const Value& value, const DataType& type) {
  std::string out;
  AppendBinaryValue(value, type, &out);
  return out;
}

struct BinaryCase {
  Value value;
  DataType type;
  std::string_view hex;  // what PostgreSQL 15's typsend function gives for the same value
};

// Each expected encoding is PostgreSQL's own, e.g. `SELECT encode(int4send(-3), 'hex')`.
TEST(PgBinaryFormatTest, ValuesEncodeAsPostgresSendsThem) {
  const std::vector<BinaryCase> cases = {
      {Value::Int32(-3), DataType::Int32(), "fffffffd"},
      {Value::Int16(-7), DataType::Int16(), "fff9"},
      {Value::Float32(1.5F), DataType::Float32(), "3fc00000"},
      {Value::Float64(-2.25), DataType::Float64(), "c002000000000000"},
      // numeric_send(-1234.5600), (12345678.9), (0.0001::numeric(10,4)), (0::numeric(5,2)),
      // (100000), (0.5::numeric(3,1)).
      {Value::Decimal(-12345600, DataType::Decimal(10, 4)), DataType::Decimal(10, 4),
       "000200004000000404d215e0"},
      {Value::Decimal(123456789, DataType::Decimal(12, 1)), DataType::Decimal(12, 1),
       "000300010000000104d2162e2328"},
      {Value::Decimal(1, DataType::Decimal(10, 4)), DataType::Decimal(10, 4),
       "0001ffff000000040001"},
      {Value::Decimal(0, DataType::Decimal(5, 2)), DataType::Decimal(5, 2), "0000000000000002"},
      {Value::Decimal(100000, DataType::Decimal(10, 0)), DataType::Decimal(10, 0),
       "0001000100000000000a"},
      {Value::Decimal(5, DataType::Decimal(3, 1)), DataType::Decimal(3, 1), "0001ffff000000011388"},
      // UINT64 travels as numeric: numeric_send(18446744073709551615).
      {Value::UInt64(18446744073709551615ULL), DataType::UInt64(),
       "000500040000000007341a5802e103bb064f"},
      // timestamp_send('2024-01-02 03:04:05.678'): microseconds since 2000-01-01.
      {Value::Timestamp(1704164645678000), DataType::Timestamp(), "0002b0ec85204bb0"},
      {Value::Date(19782), DataType::Date(), "00002279"},  // 2024-02-29
      {Value::Date(types::kDateInfinity), DataType::Date(), "7fffffff"},
      {Value::TimestampTz(types::kTimestampMinusInfinity), DataType::TimestampTz(),
       "8000000000000000"},
      {Value::Time(45296500000), DataType::Time(), "0000000a8be1bd20"},  // 12:34:56.5
      // interval_send('1 year 2 mons 3 days 04:05:06.000007').
      {Value::Interval({14, 3, 14706000007000}), DataType::Interval(),
       "000000036c8bc087000000030000000e"},
      {Value::Ipv4(0x01020304), DataType::Ipv4(), "0220000401020304"},
      {Value::Ipv6({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}), DataType::Ipv6(),
       "0380001000000000000000000000000000000001"},
  };
  for (const BinaryCase& c : cases) {
    EXPECT_EQ(Encoded(c.value, c.type), FromHex(c.hex)) << c.value.ToString();
  }
}

TEST(PgBinaryFormatTest, ParametersDecodeBackToTheSameValues) {
  const std::vector<BinaryCase> cases = {
      {Value::Int32(-3), DataType::Int32(), "fffffffd"},
      {Value::Int16(-7), DataType::Int16(), "fff9"},
      {Value::Float64(-2.25), DataType::Float64(), "c002000000000000"},
      {Value::Timestamp(1704164645678000), DataType::Timestamp(), "0002b0ec85204bb0"},
      {Value::Date(19782), DataType::Date(), "00002279"},
      {Value::Date(types::kDateInfinity), DataType::Date(), "7fffffff"},
      {Value::Interval({14, 3, 14706000007000}), DataType::Interval(),
       "000000036c8bc087000000030000000e"},
      {Value::Ipv4(0x01020304), DataType::Ipv4(), "0220000401020304"},
      {Value::String("héllo"), DataType::String(), "68c3a96c6c6f"},
      {Value::Binary(std::string("\x00\xff", 2)), DataType::Binary(), "00ff"},
  };
  for (const BinaryCase& c : cases) {
    Result<BinaryParameter> decoded = DecodeBinaryParameter(FromHex(c.hex), c.type);
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    ASSERT_TRUE(decoded->value.has_value());
    EXPECT_EQ(*decoded->value, c.value) << c.hex;
  }
}

TEST(PgBinaryFormatTest, NumericParametersComeBackAsText) {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"000200004000000404d215e0", "-1234.5600"},
      {"000300010000000104d2162e2328", "12345678.9"},
      {"0001ffff000000040001", "0.0001"},
      {"0000000000000002", "0.00"},
      {"0001000100000000000a", "100000"},
      {"0000000000000000", "0"},
      {"00000000c0000000", "NaN"},
  };
  for (const auto& [hex, text] : cases) {
    Result<BinaryParameter> decoded = DecodeBinaryParameter(FromHex(hex), DataType::Decimal(38, 9));
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_FALSE(decoded->value.has_value());
    EXPECT_EQ(decoded->numeric_text, text) << hex;
  }
}

TEST(PgBinaryFormatTest, MalformedParametersAreInvalidBinaryRepresentation) {
  const std::vector<std::pair<std::string_view, DataType>> cases = {
      {"fffd", DataType::Int32()},                     // too short
      {"0000000000000001", DataType::Int32()},         // too long
      {"00020000", DataType::Decimal(10, 2)},          // truncated header
      {"0001000000000000", DataType::Decimal(10, 2)},  // a digit promised, none sent
      {"0380001000000000000000000000000000000001", DataType::Ipv4()},  // an IPv6 address
  };
  for (const auto& [hex, type] : cases) {
    Result<BinaryParameter> decoded = DecodeBinaryParameter(FromHex(hex), type);
    ASSERT_FALSE(decoded.ok()) << hex;
    EXPECT_EQ(decoded.status().sqlstate(), sqlstate::kInvalidBinaryRepresentation) << hex;
  }
  // A digit of 10000 or more is not base 10000.
  Result<BinaryParameter> digit =
      DecodeBinaryParameter(FromHex("00010000000000002710"), DataType::Decimal(10, 2));
  ASSERT_FALSE(digit.ok());
  EXPECT_EQ(digit.status().sqlstate(), sqlstate::kInvalidBinaryRepresentation);
  // Out of range for the parameter's type.
  Result<BinaryParameter> small = DecodeBinaryParameter(FromHex("0100"), DataType::Int8());
  ASSERT_FALSE(small.ok());
  EXPECT_EQ(small.status().sqlstate(), sqlstate::kNumericValueOutOfRange);
}

TEST(PgBinaryFormatTest, NestedTypesHaveNoBinaryFormat) {
  EXPECT_FALSE(HasBinaryFormat(DataType::List(DataType::Int32())));
  const Status refused = CheckBinaryFormat(DataType::List(DataType::Int32()));
  EXPECT_EQ(refused.sqlstate(), sqlstate::kFeatureNotSupported);
  EXPECT_TRUE(CheckBinaryFormat(DataType::Uuid()).ok());
}

}  // namespace
}  // namespace boyodb::server::pgwire
