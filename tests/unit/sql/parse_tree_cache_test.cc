#include "sql/parser/parse_tree_cache.h"

#include <gtest/gtest.h>

#include <string>

#include "sql/parser/parser.h"

namespace boyodb::sql {
namespace {

std::shared_ptr<const std::string> Tree(const std::string& bytes) {
  return std::make_shared<const std::string>(bytes);
}

TEST(ParseTreeCacheTest, ForgetsTheLeastRecentlyUsedTextWhenFull) {
  ParseTreeCache cache;
  for (size_t i = 0; i < ParseTreeCache::kMaxEntries; ++i) {
    cache.Add("SELECT " + std::to_string(i), Tree("tree " + std::to_string(i)));
  }
  ASSERT_NE(cache.Find("SELECT 0"), nullptr);  // now the most recently used
  cache.Add("SELECT one more", Tree("tree"));
  EXPECT_EQ(cache.size(), ParseTreeCache::kMaxEntries);
  EXPECT_EQ(*cache.Find("SELECT 0"), "tree 0");
  EXPECT_EQ(cache.Find("SELECT 1"), nullptr);  // the least recently used went
  EXPECT_EQ(*cache.Find("SELECT 2"), "tree 2");
}

TEST(ParseTreeCacheTest, KeepsNoLongText) {
  ParseTreeCache cache;
  const std::string text = "SELECT '" + std::string(ParseTreeCache::kMaxTextBytes, 'x') + "'";
  cache.Add(text, Tree("tree"));
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.Find(text), nullptr);
}

TEST(ParseTreeCacheTest, ParseKeepsTreesOfTextsThatParsed) {
  const std::string text = "SELECT 40 + 2 AS answer_of_the_cache_test";
  ASSERT_TRUE(Parse(text).ok());
  const std::shared_ptr<const std::string> kept = ParseTreeCache::Global().Find(text);
  ASSERT_NE(kept, nullptr);
  // Parsed again from the kept tree, the statement is the same.
  Result<std::vector<ast::Statement>> again = Parse(text);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].text, text);
  EXPECT_EQ(ParseTreeCache::Global().Find(text), kept);
  // A syntax error is reported each time and never kept.
  const std::string wrong = "SELEC 1 AS not_kept_by_the_cache_test";
  EXPECT_FALSE(Parse(wrong).ok());
  Result<std::vector<ast::Statement>> wrong_again = Parse(wrong);
  ASSERT_FALSE(wrong_again.ok());
  EXPECT_EQ(wrong_again.status().sqlstate(), "42601");
  EXPECT_EQ(ParseTreeCache::Global().Find(wrong), nullptr);
}

}  // namespace
}  // namespace boyodb::sql
