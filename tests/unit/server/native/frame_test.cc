#include "server/native/frame.h"

#include <gtest/gtest.h>

namespace boyodb::server::native {
namespace {

TEST(FrameTest, HeaderIsBigEndianLength) {
  const auto header = EncodeFrameHeader(0x01020304);
  EXPECT_EQ(std::string(header.data(), 4), std::string("\x01\x02\x03\x04", 4));
  EXPECT_EQ(*DecodeFrameHeader(header, UINT32_MAX), 0x01020304u);
}

TEST(FrameTest, EncodeFramePutsTheHeaderBeforeThePayload) {
  EXPECT_EQ(EncodeFrame("{}"), std::string("\x00\x00\x00\x02{}", 6));
  EXPECT_EQ(EncodeFrame(""), std::string(4, '\0'));
}

TEST(FrameTest, LengthOverTheLimitIsRefusedBeforeReading) {
  const std::array<char, 4> header = {'\xff', '\xff', '\xff', '\xff'};
  const Result<uint32_t> size = DecodeFrameHeader(header, 1024);
  ASSERT_FALSE(size.ok());
  EXPECT_EQ(size.status().sqlstate(), "54000");
  EXPECT_EQ(size.status().message(), "frame of 4294967295 bytes exceeds the limit of 1024 bytes");
  EXPECT_EQ(*DecodeFrameHeader(EncodeFrameHeader(1024), 1024), 1024u);
}

}  // namespace
}  // namespace boyodb::server::native
