// CompiledRegex, RegexMatchIterator and RegexCache: leftmost-longest versus leftmost-first
// matching, newline sensitivity, searches from an offset, PostgreSQL's way of stepping over
// empty matches, the errors of RE2, and the cache's reuse of the last pattern.
#include "functions/string/regex_matcher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace boyodb::functions {
namespace {

std::unique_ptr<const CompiledRegex> MustCompile(std::string_view pattern, RegexFlags flags = {}) {
  Result<std::unique_ptr<const CompiledRegex>> compiled = CompiledRegex::Compile(pattern, flags);
  EXPECT_TRUE(compiled.ok()) << pattern << ": " << compiled.status().ToString();
  return compiled.ok() ? std::move(*compiled) : nullptr;
}

// The first match, "<none>" without one.
std::string First(std::string_view pattern, std::string_view text, RegexFlags flags = {}) {
  const std::unique_ptr<const CompiledRegex> regex = MustCompile(pattern, flags);
  if (regex == nullptr) return "<error>";
  std::string_view groups[1];
  return regex->Find(text, 0, groups) ? std::string(groups[0]) : "<none>";
}

// Every match, as "begin:text".
std::vector<std::string> All(std::string_view pattern, std::string_view text, size_t start = 0) {
  const std::unique_ptr<const CompiledRegex> regex = MustCompile(pattern);
  std::vector<std::string> out;
  if (regex == nullptr) return out;
  std::string_view groups[1];
  RegexMatchIterator matches(*regex, text, start, groups);
  while (matches.Next()) {
    out.push_back(std::to_string(groups[0].data() - text.data()) + ":" + std::string(groups[0]));
  }
  return out;
}

TEST(RegexMatcherTest, GreedyPatternsMatchLeftmostLongest) {
  // PostgreSQL: regexp_replace('ab', 'a|ab', 'X') is 'X'.
  EXPECT_EQ(First("a|ab", "ab"), "ab");
  EXPECT_EQ(First("(a|ab)(c|bcd)", "abcd"), "abcd");
  // A pattern whose first quantifier is non-greedy matches leftmost-first.
  EXPECT_EQ(First("a+?", "aaa"), "a");
  EXPECT_EQ(First("a+?b*", "aabb"), "a");
  // Alternatives make a pattern greedy (PostgreSQL: regexp_substr('abcabc', 'a.*?c|b') is
  // the whole text).
  EXPECT_EQ(First("a.*?c|b", "abcabc"), "abcabc");
}

TEST(RegexMatcherTest, NewlineHandlingFollowsTheFlags) {
  EXPECT_EQ(First("a.b", "a\nb"), "a\nb");
  EXPECT_EQ(First("a.b", "a\nb", {.dot_excludes_newline = true}), "<none>");
  EXPECT_EQ(First("a[^x]b", "a\nb", {.dot_excludes_newline = true}), "<none>");
  EXPECT_EQ(First("a$", "a\nb"), "<none>");
  EXPECT_EQ(First("a$", "a\nb", {.anchors_match_lines = true}), "a");
  EXPECT_EQ(First("^b", "a\nb", {.anchors_match_lines = true}), "b");
}

TEST(RegexMatcherTest, CaseInsensitiveMatchingFoldsUnicode) {
  EXPECT_EQ(First("b", "ABC", {.case_insensitive = true}), "B");
  EXPECT_EQ(First("\xC3\xA9"
                  "cole",
                  "\xC3\x89"
                  "COLE",
                  {.case_insensitive = true}),
            "\xC3\x89"
            "COLE");
  EXPECT_EQ(First("(?c)b", "ABC", {.case_insensitive = true}), "<none>");
}

TEST(RegexMatcherTest, EveryPunctuationEscapeCompiles) {
  for (char c = '!'; c < 0x7F; ++c) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
    const std::string pattern = std::string("***=") + c;
    EXPECT_EQ(First(pattern, std::string("x") + c), std::string(1, c)) << c;
  }
}

TEST(RegexMatcherTest, IterationStepsOverEmptyMatchesAsPostgresDoes) {
  // PostgreSQL: regexp_count('aaa', 'a*') = 2, regexp_replace('abc', 'x*', '-', 'g') = -a-b-c-.
  EXPECT_EQ(All("a*", "aaa"), (std::vector<std::string>{"0:aaa", "3:"}));
  EXPECT_EQ(All("x*", "abc"), (std::vector<std::string>{"0:", "1:", "2:", "3:"}));
  EXPECT_EQ(All("x*", ""), (std::vector<std::string>{"0:"}));
  // Empty matches step a whole character, never into a UTF-8 sequence.
  EXPECT_EQ(All("x*", "\xC3\xA9"), (std::vector<std::string>{"0:", "2:"}));
  EXPECT_EQ(All("b", "abcabc"), (std::vector<std::string>{"1:b", "4:b"}));
}

TEST(RegexMatcherTest, SearchesFromAnOffsetSeeTheTextBefore) {
  // ^ matches only at the start of the text, not at the search's start.
  EXPECT_EQ(All("^a", "aaa"), (std::vector<std::string>{"0:a"}));
  EXPECT_EQ(All("^a", "abca", 3), (std::vector<std::string>{}));
  EXPECT_EQ(All("\\ma", "xa a", 1), (std::vector<std::string>{"3:a"}));
}

TEST(RegexMatcherTest, GroupsThatTookNoPartHaveNoData) {
  const std::unique_ptr<const CompiledRegex> regex = MustCompile("(x)?(b)");
  ASSERT_NE(regex, nullptr);
  EXPECT_EQ(regex->num_groups(), 2);
  std::string_view groups[3];
  ASSERT_TRUE(regex->Find("abc", 0, groups));
  EXPECT_EQ(groups[0], "b");
  EXPECT_EQ(groups[1].data(), nullptr);
  EXPECT_EQ(groups[2], "b");
}

TEST(RegexMatcherTest, ManyGroupsAreFilled) {
  const std::unique_ptr<const CompiledRegex> regex =
      MustCompile("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)");
  ASSERT_NE(regex, nullptr);
  std::vector<std::string_view> groups(13);
  ASSERT_TRUE(regex->Find("abcdefghijkl", 0, groups));
  EXPECT_EQ(groups[12], "l");
}

TEST(RegexMatcherTest, Re2ErrorsAreInvalidRegularExpressions) {
  const auto compiled = CompiledRegex::Compile("(", {});
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.status().sqlstate(), "2201B");
  EXPECT_EQ(compiled.status().message(), "invalid regular expression: missing ): (");
  EXPECT_EQ(CompiledRegex::Compile("a**", {}).status().sqlstate(), "2201B");
  EXPECT_EQ(CompiledRegex::Compile("[[:nope:]]", {}).status().sqlstate(), "2201B");
  EXPECT_EQ(CompiledRegex::Compile("(a)\\1", {}).status().sqlstate(), "0A000");
}

TEST(RegexCacheTest, ReusesTheLastPatternAndChecksFlags) {
  RegexCache cache({}, "regexp_like", /*allow_global=*/false);
  const Result<const CompiledRegex*> first = cache.Get("a+", "i");
  ASSERT_TRUE(first.ok());
  const Result<const CompiledRegex*> again = cache.Get("a+", "i");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*first, *again);
  EXPECT_TRUE((*again)->flags().case_insensitive);
  const Result<const CompiledRegex*> other = cache.Get("a+", "");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE((*other)->flags().case_insensitive);

  const Result<const CompiledRegex*> global = cache.Get("a", "g");
  ASSERT_FALSE(global.ok());
  EXPECT_EQ(global.status().sqlstate(), "22023");
  EXPECT_EQ(global.status().message(), "regexp_like() does not support the \"global\" option");
  const Result<const CompiledRegex*> bad = cache.Get("a", "z");
  EXPECT_EQ(bad.status().message(), "invalid regular expression option: \"z\"");

  RegexCache replace_cache({}, "regexp_replace", /*allow_global=*/true);
  const Result<const CompiledRegex*> replace = replace_cache.Get("a", "g");
  ASSERT_TRUE(replace.ok());
  EXPECT_TRUE((*replace)->flags().global);
}

}  // namespace
}  // namespace boyodb::functions
