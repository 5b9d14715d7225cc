// LIKE and ILIKE: wildcards over UTF-8 characters, escapes (default backslash, custom, none),
// the 22025 errors, case-insensitive matching of non-ASCII letters, and the kernel's handling
// of per-row patterns, NULLs and slices. Expected values come from PostgreSQL 15.
#include <gtest/gtest.h>

#include "functions/operators/like_matcher.h"
#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

bool Like(std::string_view text, std::string_view pattern, std::string_view escape = "\\",
          bool case_insensitive = false) {
  const Result<LikeMatcher> matcher = LikeMatcher::Compile(pattern, escape, case_insensitive);
  EXPECT_TRUE(matcher.ok()) << matcher.status().ToString();
  std::string scratch;
  return matcher.ok() && matcher->Matches(text, &scratch);
}

TEST(LikeMatcherTest, Wildcards) {
  EXPECT_TRUE(Like("abc", "abc"));
  EXPECT_FALSE(Like("abc", "ab"));
  EXPECT_TRUE(Like("abc", "a%"));
  EXPECT_TRUE(Like("abc", "%c"));
  EXPECT_TRUE(Like("abc", "%b%"));
  EXPECT_TRUE(Like("abc", "%"));
  EXPECT_TRUE(Like("", "%"));
  EXPECT_FALSE(Like("", "_"));
  EXPECT_TRUE(Like("aXc", "a_c"));
  EXPECT_TRUE(Like("aéc", "a_c"));
  EXPECT_FALSE(Like("aéc", "a__c"));
  EXPECT_TRUE(Like("abcbcd", "a%bcd"));
  EXPECT_TRUE(Like("mississippi", "%iss%ipp%"));
  EXPECT_FALSE(Like("mississippi", "%iss%ipx%"));
  EXPECT_TRUE(Like("abc", "a%%c"));
  EXPECT_TRUE(Like("ab", "%_%_%"));
  EXPECT_FALSE(Like("a", "%_%_%"));
}

TEST(LikeMatcherTest, Escapes) {
  EXPECT_FALSE(Like("abc", "a\\%"));
  EXPECT_TRUE(Like("a%", "a\\%"));
  EXPECT_TRUE(Like("a_c", "a$_c", "$"));
  EXPECT_FALSE(Like("abc", "a$_c", "$"));
  EXPECT_TRUE(Like("a\\c", "a\\c", ""));
  EXPECT_TRUE(Like("a%", "a%%", "%"));
  EXPECT_TRUE(Like("aé", "a\\é"));
  const Result<LikeMatcher> trailing = LikeMatcher::Compile("ab\\", "\\", false);
  ASSERT_FALSE(trailing.ok());
  EXPECT_EQ(trailing.status().sqlstate(), "22025");
  EXPECT_EQ(trailing.status().message(), "LIKE pattern must not end with escape character");
  const Result<LikeMatcher> long_escape = LikeMatcher::Compile("ab", "xy", false);
  ASSERT_FALSE(long_escape.ok());
  EXPECT_EQ(long_escape.status().sqlstate(), "22025");
  EXPECT_EQ(long_escape.status().message(), "invalid escape string");
}

TEST(LikeMatcherTest, CaseInsensitive) {
  EXPECT_TRUE(Like("ÉCOLE", "école", "\\", true));
  EXPECT_TRUE(Like("Ü", "ü", "\\", true));
  EXPECT_TRUE(Like("Hello World", "%WORLD", "\\", true));
  EXPECT_FALSE(Like("Hello", "%WORLD", "\\", true));
}

TEST(LikeOperatorTest, OperatorsOverRows) {
  EXPECT_EQ(Eval("~~", {Text("abc"), Text("a%")}), "t");
  EXPECT_EQ(Eval("!~~", {Text("abc"), Text("a%")}), "f");
  EXPECT_EQ(Eval("~~*", {Text("ABC"), Text("a%")}), "t");
  EXPECT_EQ(Eval("!~~*", {Text("ABC"), Text("a%")}), "f");
  EXPECT_EQ(Eval("~~", {Text("a_c"), Text("a$_c"), Text("$")}), "t");
  EXPECT_EQ(Eval("~~", {Text("ab\\"), Text("ab\\")}),
            "ERROR 22025: LIKE pattern must not end with escape character");
  EXPECT_EQ(Eval("~~", {Text("ab"), Text("ab"), Value::Null(DataType::String())}), "NULL");

  const ArrayPtr texts =
      MakeSlicedArray(DataType::String(),
                      {Text("apple"), Text("banana"), Value::Null(DataType::String()),
                       Text("cherry"), Text("avocado")},
                      Text("zzz"));
  const ArrayPtr patterns = MakeArray(
      DataType::String(), {Text("a%"), Text("a%"), Text("a%"), Text("%rr%"), Text("_v%")});
  const Result<ArrayPtr> matches = Call("~~", {texts, patterns});
  ASSERT_TRUE(matches.ok()) << matches.status().ToString();
  EXPECT_EQ(ShowAll(**matches), (std::vector<std::string>{"t", "f", "NULL", "t", "t"}));
}

}  // namespace
}  // namespace boyodb::functions::testing
