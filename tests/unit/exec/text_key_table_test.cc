#include "exec/operators/text_key_table.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace boyodb::exec {
namespace {

// Looks `texts` up, numbering new ones in order; returns each text's number.
std::vector<int64_t> Number(TextKeyTable& table, const std::vector<std::string>& texts) {
  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::vector<int64_t> numbers(texts.size(), -2);
  table.FindOrInsertMany(views.data(), static_cast<int64_t>(views.size()), numbers.data(),
                         [&table](int64_t) { return table.size(); });
  return numbers;
}

std::vector<int64_t> Find(const TextKeyTable& table, const std::vector<std::string>& texts) {
  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::vector<int64_t> numbers(texts.size(), -2);
  table.FindMany(views.data(), static_cast<int64_t>(views.size()), numbers.data());
  return numbers;
}

TEST(TextKeyTableTest, NumbersDistinctTextsInFirstOccurrenceOrder) {
  TextKeyTable table;
  EXPECT_EQ(Number(table, {"b", "a", "b", "", "a", "ab"}),
            (std::vector<int64_t>{0, 1, 0, 2, 1, 3}));
  EXPECT_EQ(table.size(), 4);
  EXPECT_EQ(Number(table, {"ab", "c", ""}), (std::vector<int64_t>{3, 4, 2}));
  EXPECT_EQ(table.size(), 5);
}

TEST(TextKeyTableTest, FindsWithoutAdding) {
  TextKeyTable table;
  Number(table, {"x", "yy"});
  EXPECT_EQ(Find(table, {"yy", "y", "x", "", "xx"}), (std::vector<int64_t>{1, -1, 0, -1, -1}));
  EXPECT_EQ(table.size(), 2);
  const TextKeyTable empty;
  EXPECT_EQ(Find(empty, {"x"}), (std::vector<int64_t>{-1}));
}

TEST(TextKeyTableTest, KeepsItsOwnCopyOfEveryText) {
  TextKeyTable table;
  std::vector<std::string> texts;
  for (int i = 0; i < 100000; ++i) texts.push_back("https://example.com/page/" + std::to_string(i));
  // A text longer than any block, and texts that differ only in their last byte.
  texts.push_back(std::string(5 * 1024 * 1024, 'z'));
  texts.push_back(std::string(5 * 1024 * 1024, 'z') + "!");
  std::vector<int64_t> expected(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) expected[i] = static_cast<int64_t>(i);
  {
    // The table is filled from copies that are gone before it is read.
    const std::vector<std::string> copies = texts;
    EXPECT_EQ(Number(table, copies), expected);
  }
  EXPECT_EQ(Find(table, texts), expected);
  EXPECT_EQ(Number(table, texts), expected);
  EXPECT_EQ(table.size(), static_cast<int64_t>(texts.size()));
}

}  // namespace
}  // namespace boyodb::exec
