#include "server/pgwire/copy_in_buffer.h"

#include <gtest/gtest.h>

#include <string>

namespace boyodb::server::pgwire {
namespace {

std::string ReadAll(CopyInBuffer& buffer, size_t piece) {
  std::string all;
  std::string chunk(piece, '\0');
  while (true) {
    Result<size_t> read = buffer.Read(chunk.data(), chunk.size());
    EXPECT_TRUE(read.ok()) << read.status().ToString();
    if (!read.ok() || *read == 0) return all;
    all.append(chunk.data(), *read);
  }
}

TEST(CopyInBufferTest, SmallDataStaysInMemoryAndReadsBackInOrder) {
  CopyInBuffer buffer(64);
  ASSERT_TRUE(buffer.Append("1\tx\n").ok());
  ASSERT_TRUE(buffer.Append("2\ty\n").ok());
  EXPECT_EQ(buffer.size(), 8U);
  EXPECT_EQ(ReadAll(buffer, 3), "1\tx\n2\ty\n");
}

TEST(CopyInBufferTest, DataBeyondTheMemoryLimitGoesThroughATemporaryFile) {
  CopyInBuffer buffer(100);
  std::string expected;
  for (int i = 0; i < 1000; ++i) {
    const std::string line = std::to_string(i) + "\tvalue " + std::to_string(i) + "\n";
    ASSERT_TRUE(buffer.Append(line).ok());
    expected += line;
  }
  EXPECT_EQ(buffer.size(), expected.size());
  EXPECT_EQ(ReadAll(buffer, 4096), expected);
}

TEST(CopyInBufferTest, AnEmptyCopyReadsNothing) {
  CopyInBuffer buffer;
  EXPECT_EQ(ReadAll(buffer, 16), "");
}

}  // namespace
}  // namespace boyodb::server::pgwire
