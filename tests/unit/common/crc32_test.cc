#include "common/crc32.h"

#include <gtest/gtest.h>

#include <string>

namespace boyodb {
namespace {

TEST(Crc32Test, MatchesTheCastagnoliCheckValue) {
  // The standard check value of CRC-32C over the ASCII digits 1..9.
  EXPECT_EQ(crc32::Compute("123456789"), 0xE3069283u);
  EXPECT_EQ(crc32::Compute(""), 0u);
}

TEST(Crc32Test, ExtendEqualsOneShotAtEverySplit) {
  std::string data;
  for (int i = 0; i < 1000; ++i) data.push_back(static_cast<char>(i * 31 + 7));
  const uint32_t whole = crc32::Compute(data);
  for (size_t split = 0; split <= data.size(); split += 37) {
    const uint32_t first = crc32::Extend(0, data.data(), split);
    EXPECT_EQ(crc32::Extend(first, data.data() + split, data.size() - split), whole) << split;
  }
}

TEST(Crc32Test, DetectsASingleFlippedBit) {
  std::string data(4096, 'a');
  const uint32_t before = crc32::Compute(data);
  data[1234] ^= 0x10;
  EXPECT_NE(crc32::Compute(data), before);
}

}  // namespace
}  // namespace boyodb
