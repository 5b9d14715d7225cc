// Result hashing: MD5 of the values each followed by a newline, the hash line, and reading an
// md5 back from a hash line.
#include "tools/slt/result_hash.h"

#include <gtest/gtest.h>

namespace boyodb::tools::slt {
namespace {

TEST(SltResultHashTest, ReadmeExample) {
  const std::vector<std::string> values = {"1", "2", "3"};
  EXPECT_EQ(HashLine(values.size(), HashValues(values)),
            "3 values hashing to c0710d6b4f15dfa88f600b0e6b624077");
}

TEST(SltResultHashTest, EmptyResultIsMd5OfNothing) {
  EXPECT_EQ(HashValues({}), "d41d8cd98f00b204e9800998ecf8427e");
}

TEST(SltResultHashTest, ReadsMd5FromHashLine) {
  EXPECT_EQ(Md5FromHashLine("3 values hashing to c0710d6b4f15dfa88f600b0e6b624077"),
            "c0710d6b4f15dfa88f600b0e6b624077");
  EXPECT_EQ(Md5FromHashLine("  30 values hashing to abc def"), "abc");
  EXPECT_EQ(Md5FromHashLine("30 values hashing to " + std::string(40, 'f')), std::string(32, 'f'));
  EXPECT_EQ(Md5FromHashLine("values hashing to abc"), std::nullopt);
  EXPECT_EQ(Md5FromHashLine("3 values hashing to "), std::nullopt);
  EXPECT_EQ(Md5FromHashLine("1"), std::nullopt);
}

}  // namespace
}  // namespace boyodb::tools::slt
