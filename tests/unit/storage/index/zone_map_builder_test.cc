#include "storage/index/zone_map_builder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "columnar/dictionary.h"

namespace boyodb::storage {
namespace {

using columnar::ArrayPtr;
using types::DataType;
using types::Value;

ArrayPtr MakeArray(const DataType& type, const std::vector<Value>& values) {
  std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(type);
  for (const Value& value : values) EXPECT_TRUE(builder->AppendValue(value).ok());
  return builder->Finish();
}

Value Null(const DataType& type) { return Value::Null(type); }

void ExpectZone(const ZoneMap& zone, const Value& min, const Value& max, int64_t null_count,
                int64_t row_count) {
  EXPECT_EQ(zone.min, min) << zone.min.ToString() << " vs " << min.ToString();
  EXPECT_EQ(zone.max, max) << zone.max.ToString() << " vs " << max.ToString();
  EXPECT_EQ(zone.null_count, null_count);
  EXPECT_EQ(zone.row_count, row_count);
}

TEST(ZoneMapBuilderTest, IntegersOverWholeArrayAndSubRanges) {
  const ArrayPtr array =
      MakeArray(DataType::Int64(), {Value::Int64(5), Value::Int64(-3), Null(DataType::Int64()),
                                    Value::Int64(100), Value::Int64(7), Null(DataType::Int64())});
  ExpectZone(ComputeZoneMap(*array, 0, 6), Value::Int64(-3), Value::Int64(100), 2, 6);
  ExpectZone(ComputeZoneMap(*array, 2, 3), Value::Int64(7), Value::Int64(100), 1, 3);
  ExpectZone(ComputeZoneMap(*array, 4, 1), Value::Int64(7), Value::Int64(7), 0, 1);
  // A slice of the array summarizes the same rows.
  ExpectZone(ComputeZoneMap(*array->Slice(1, 4), 1, 3), Value::Int64(7), Value::Int64(100), 1, 3);
}

TEST(ZoneMapBuilderTest, EveryFixedWidthTypeKeepsItsTypedBounds) {
  struct Case {
    DataType type;
    Value low;
    Value high;
  };
  const std::vector<Case> cases = {
      {DataType::Int8(), Value::Int8(-128), Value::Int8(127)},
      {DataType::Int16(), Value::Int16(-5), Value::Int16(300)},
      {DataType::Int32(), Value::Int32(-70000), Value::Int32(70000)},
      {DataType::UInt8(), Value::UInt8(0), Value::UInt8(255)},
      {DataType::UInt16(), Value::UInt16(1), Value::UInt16(65535)},
      {DataType::UInt32(), Value::UInt32(7), Value::UInt32(4000000000u)},
      {DataType::UInt64(), Value::UInt64(1), Value::UInt64(std::numeric_limits<uint64_t>::max())},
      {DataType::Date(), Value::Date(-1), Value::Date(19000)},
      {DataType::Time(), Value::Time(0), Value::Time(86399999999)},
      {DataType::Timestamp(), Value::Timestamp(-5), Value::Timestamp(1700000000000000)},
      {DataType::TimestampTz(), Value::TimestampTz(3), Value::TimestampTz(4)},
      {DataType::Ipv4(), Value::Ipv4(0x0a000001), Value::Ipv4(0xc0a80001)},
      {DataType::Decimal(38, 2),
       Value::Decimal(-(types::Int128{1} << 100), DataType::Decimal(38, 2)),
       Value::Decimal(12345, DataType::Decimal(38, 2))},
      {DataType::Uuid(), Value::Uuid({0x00, 0xff}), Value::Uuid({0x80, 0x01})},
      {DataType::Ipv6(), Value::Ipv6({0x20, 0x01}), Value::Ipv6({0xfe, 0x80})},
      {DataType::Boolean(), Value::Boolean(false), Value::Boolean(true)},
      {DataType::Float32(), Value::Float32(-1.5f), Value::Float32(2.25f)},
      {DataType::Float64(), Value::Float64(-1e300), Value::Float64(1e300)},
      {DataType::String(), Value::String("apple"), Value::String("pear")},
      {DataType::Binary(), Value::Binary(std::string("\x00\x01", 2)), Value::Binary("\xff")},
      {DataType::Json(), Value::Json("[]"), Value::Json("{}")},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.type.ToString());
    const ArrayPtr array = MakeArray(c.type, {c.high, Null(c.type), c.low, c.high, c.low});
    ExpectZone(ComputeZoneMap(*array, 0, 5), c.low, c.high, 1, 5);
    // The binary form round-trips.
    for (const Value& bound : {c.low, c.high}) {
      std::string bytes;
      AppendZoneMapValue(bound, &bytes);
      bytes += "tail";
      std::string_view input = bytes;
      Result<Value> parsed = ParseZoneMapValue(c.type, &input);
      ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
      EXPECT_EQ(*parsed, bound);
      EXPECT_EQ(input, "tail");
    }
  }
}

TEST(ZoneMapBuilderTest, AllNullRangeHasNoBounds) {
  const ArrayPtr array = MakeArray(
      DataType::Int32(), {Null(DataType::Int32()), Null(DataType::Int32()), Value::Int32(4)});
  ExpectZone(ComputeZoneMap(*array, 0, 2), Null(DataType::Int32()), Null(DataType::Int32()), 2, 2);
  const ArrayPtr strings = MakeArray(DataType::String(), {Null(DataType::String())});
  ExpectZone(ComputeZoneMap(*strings, 0, 1), Null(DataType::String()), Null(DataType::String()), 1,
             1);
}

TEST(ZoneMapBuilderTest, StringsLongerThanTheLimitLeaveThatBoundUnknown) {
  const std::string long_low(kMaxZoneMapBytes + 1, 'a');
  const std::string long_high(200, 'z');
  const std::string exact(kMaxZoneMapBytes, 'm');
  const ArrayPtr array =
      MakeArray(DataType::String(),
                {Value::String(long_low), Value::String(exact), Value::String(long_high)});
  ExpectZone(ComputeZoneMap(*array, 0, 3), Null(DataType::String()), Null(DataType::String()), 0,
             3);
  ExpectZone(ComputeZoneMap(*array, 1, 2), Value::String(exact), Null(DataType::String()), 0, 2);
  ExpectZone(ComputeZoneMap(*array, 0, 2), Null(DataType::String()), Value::String(exact), 0, 2);
  ExpectZone(ComputeZoneMap(*array, 1, 1), Value::String(exact), Value::String(exact), 0, 1);
}

TEST(ZoneMapBuilderTest, StringsCompareAsUnsignedBytes) {
  const ArrayPtr array = MakeArray(
      DataType::String(), {Value::String("\xc3\xa9"), Value::String("z"), Value::String("")});
  ExpectZone(ComputeZoneMap(*array, 0, 3), Value::String(""), Value::String("\xc3\xa9"), 0, 3);
}

TEST(ZoneMapBuilderTest, NaNIsGreatestAsInPostgres) {
  const double nan = std::nan("");
  const ArrayPtr mixed = MakeArray(
      DataType::Float64(),
      {Value::Float64(1.0), Value::Float64(nan), Value::Float64(-2.0), Null(DataType::Float64())});
  const ZoneMap zone = ComputeZoneMap(*mixed, 0, 4);
  EXPECT_EQ(zone.min, Value::Float64(-2.0));
  EXPECT_TRUE(std::isnan(zone.max.float64()));
  EXPECT_EQ(zone.null_count, 1);

  const ArrayPtr only_nan =
      MakeArray(DataType::Float32(), {Value::Float32(std::nanf("")), Null(DataType::Float32())});
  const ZoneMap nan_zone = ComputeZoneMap(*only_nan, 0, 2);
  EXPECT_TRUE(std::isnan(nan_zone.min.float64()));
  EXPECT_TRUE(std::isnan(nan_zone.max.float64()));

  const double inf = std::numeric_limits<double>::infinity();
  const ArrayPtr infinities =
      MakeArray(DataType::Float64(), {Value::Float64(inf), Value::Float64(-inf)});
  ExpectZone(ComputeZoneMap(*infinities, 0, 2), Value::Float64(-inf), Value::Float64(inf), 0, 2);
  ExpectZone(ComputeZoneMap(*infinities, 0, 1), Value::Float64(inf), Value::Float64(inf), 0, 1);
}

TEST(ZoneMapBuilderTest, DictionaryArraysUseOnlyTheEntriesTheirRowsUse) {
  const ArrayPtr plain = MakeArray(
      DataType::String(), {Value::String("m"), Value::String("a"), Value::String("z"),
                           Null(DataType::String()), Value::String("m"), Value::String("q")});
  const ArrayPtr encoded = columnar::DictionaryEncode(*plain);
  ASSERT_TRUE(encoded->is_dictionary());
  ExpectZone(ComputeZoneMap(*encoded, 0, 6), Value::String("a"), Value::String("z"), 1, 6);
  ExpectZone(ComputeZoneMap(*encoded, 3, 3), Value::String("m"), Value::String("q"), 1, 3);
  ExpectZone(ComputeZoneMap(*encoded->Slice(3, 3), 0, 2), Value::String("m"), Value::String("m"), 1,
             2);
}

TEST(ZoneMapBuilderTest, TypesWithoutOrderKeepOnlyNullCounts) {
  const DataType list = DataType::List(DataType::Int32());
  const ArrayPtr lists = MakeArray(list, {Value::Nested(list, {Value::Int32(1)}), Null(list)});
  ExpectZone(ComputeZoneMap(*lists, 0, 2), Null(list), Null(list), 1, 2);
  const ArrayPtr intervals =
      MakeArray(DataType::Interval(), {Value::Interval(types::IntervalValue{1, 2, 3})});
  ExpectZone(ComputeZoneMap(*intervals, 0, 1), Null(DataType::Interval()),
             Null(DataType::Interval()), 0, 1);
  EXPECT_FALSE(ZoneMapKeepsBounds(DataType::Interval()));
  EXPECT_FALSE(ZoneMapKeepsBounds(DataType::Struct({types::Field("a", DataType::Int32())})));
  EXPECT_TRUE(ZoneMapKeepsBounds(DataType::Uuid()));
}

TEST(ZoneMapBuilderTest, EmptyRangeHasNoBounds) {
  const ArrayPtr array = MakeArray(DataType::Int64(), {Value::Int64(1)});
  ExpectZone(ComputeZoneMap(*array, 1, 0), Null(DataType::Int64()), Null(DataType::Int64()), 0, 0);
}

TEST(ZoneMapBuilderTest, ParseRejectsMalformedBytes) {
  const auto parse = [](const DataType& type, std::string bytes) {
    std::string_view input = bytes;
    return ParseZoneMapValue(type, &input).status();
  };
  EXPECT_TRUE(parse(DataType::Int64(), "1234567").IsCorruption());
  EXPECT_TRUE(parse(DataType::Boolean(), "\x02").IsCorruption());
  EXPECT_TRUE(parse(DataType::Boolean(), "").IsCorruption());
  // 70000 does not fit a SMALLINT.
  std::string wide;
  AppendZoneMapValue(Value::Int64(70000), &wide);
  EXPECT_TRUE(parse(DataType::Int16(), wide).IsCorruption());
  EXPECT_TRUE(parse(DataType::Int32(), wide).ok());
  std::string negative;
  AppendZoneMapValue(Value::Int64(-1), &negative);
  EXPECT_TRUE(parse(DataType::UInt32(), negative).IsCorruption());
  EXPECT_TRUE(parse(DataType::UInt64(), negative).ok());
  // A string longer than the limit, and one whose length runs past the end.
  std::string long_string = std::string("\x41\x00\x00\x00", 4) + std::string(65, 'x');
  EXPECT_TRUE(parse(DataType::String(), long_string).IsCorruption());
  EXPECT_TRUE(parse(DataType::String(), std::string("\x05\x00\x00\x00"
                                                    "abc",
                                                    7))
                  .IsCorruption());
  EXPECT_TRUE(parse(DataType::Uuid(), std::string(15, '\0')).IsCorruption());
  EXPECT_TRUE(parse(DataType::Interval(), std::string(16, '\0')).IsCorruption());
  // A REAL bound must be a float widened to double.
  std::string not_a_float;
  AppendZoneMapValue(Value::Float64(0.1), &not_a_float);
  EXPECT_TRUE(parse(DataType::Float32(), not_a_float).IsCorruption());
  const Status status = parse(DataType::Int64(), "123");
  EXPECT_EQ(status.sqlstate(), "XX001");
}

}  // namespace
}  // namespace boyodb::storage
