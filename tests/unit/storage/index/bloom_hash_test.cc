#include "storage/index/bloom_hash.h"

#include <gtest/gtest.h>

namespace boyodb::storage {
namespace {

using types::DataType;
using types::Value;

TEST(BloomHashTest, IntegersOfAnyWidthHashAlike) {
  const uint64_t five = BloomHashOf(Value::Int64(5));
  EXPECT_EQ(BloomHashOf(Value::Int8(5)), five);
  EXPECT_EQ(BloomHashOf(Value::Int32(5)), five);
  EXPECT_EQ(BloomHashOf(Value::UInt16(5)), five);
  EXPECT_EQ(five, hash::Mix64(5));
  EXPECT_EQ(BloomHashOf(Value::Int16(-1)), hash::Mix64(~uint64_t{0}));
  EXPECT_EQ(BloomHashOf(Value::Date(19000)), BloomHashInteger(19000));
  EXPECT_EQ(BloomHashOf(Value::Timestamp(-7)), BloomHashInteger(static_cast<uint64_t>(-7)));
  EXPECT_EQ(BloomHashOf(Value::Ipv4(0x0a000001)), hash::Mix64(0x0a000001));
  EXPECT_NE(BloomHashOf(Value::Int64(6)), five);
}

TEST(BloomHashTest, DecimalsHashTheirLowUnscaledBits) {
  const DataType type = DataType::Decimal(30, 2);
  const types::Int128 big = (types::Int128{1} << 90) + 12345;
  EXPECT_EQ(BloomHashOf(Value::Decimal(big, type)), hash::Mix64(12345));
  EXPECT_EQ(BloomHashOf(Value::Decimal(-1, type)), BloomHashOf(Value::Int64(-1)));
}

TEST(BloomHashTest, BytesHashTheirContentsWhateverTheirType) {
  EXPECT_EQ(BloomHashOf(Value::String("abc")), hash::Bytes("abc"));
  EXPECT_EQ(BloomHashOf(Value::Binary("abc")), hash::Bytes("abc"));
  EXPECT_EQ(BloomHashOf(Value::Json("abc")), hash::Bytes("abc"));
  const std::array<uint8_t, 16> raw = {1, 2, 3};
  EXPECT_EQ(BloomHashOf(Value::Uuid(raw)),
            hash::Bytes(std::string_view(reinterpret_cast<const char*>(raw.data()), 16)));
}

TEST(BloomHashTest, UnsupportedTypesAndNullHashToZero) {
  EXPECT_FALSE(SupportsBloomFilter(DataType::Float64()));
  EXPECT_FALSE(SupportsBloomFilter(DataType::Boolean()));
  EXPECT_FALSE(SupportsBloomFilter(DataType::Interval()));
  EXPECT_FALSE(SupportsBloomFilter(DataType::List(DataType::Int32())));
  EXPECT_TRUE(SupportsBloomFilter(DataType::Ipv6()));
  EXPECT_EQ(BloomHashOf(Value::Float64(1.0)), 0u);
  EXPECT_EQ(BloomHashOf(Value::Null(DataType::Int64())), 0u);
}

}  // namespace
}  // namespace boyodb::storage
