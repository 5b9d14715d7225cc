// Label bookkeeping: the first md5 registered under a label wins; labels compare by their first
// 20 bytes; a skipped query's written result stands for its hash line's md5 or its values' md5.
#include "tools/slt/label_book.h"

#include <gtest/gtest.h>

#include "tools/slt/result_hash.h"

namespace boyodb::tools::slt {
namespace {

TEST(SltLabelBookTest, FirstResultWinsAndLaterOnesMustAgree) {
  LabelBook labels;
  EXPECT_TRUE(labels.Register("label-1", "aaa"));
  EXPECT_TRUE(labels.Register("label-1", "aaa"));
  EXPECT_FALSE(labels.Register("label-1", "bbb"));
  EXPECT_TRUE(labels.Register("label-1", "aaa"));  // the first one is kept
  EXPECT_TRUE(labels.Register("label-2", "bbb"));
  EXPECT_EQ(labels.size(), 2u);
}

TEST(SltLabelBookTest, LabelsCompareByTheirFirstTwentyBytes) {
  LabelBook labels;
  EXPECT_TRUE(labels.Register("12345678901234567890-one", "aaa"));
  EXPECT_FALSE(labels.Register("12345678901234567890-two", "bbb"));
  EXPECT_EQ(labels.size(), 1u);
}

TEST(SltLabelBookTest, WrittenResultMd5) {
  EXPECT_EQ(LabelBook::WrittenResultMd5({"3 values hashing to c0710d6b4f15dfa88f600b0e6b624077"}),
            "c0710d6b4f15dfa88f600b0e6b624077");
  EXPECT_EQ(LabelBook::WrittenResultMd5({"1", "2", "3"}), "c0710d6b4f15dfa88f600b0e6b624077");
}

}  // namespace
}  // namespace boyodb::tools::slt
