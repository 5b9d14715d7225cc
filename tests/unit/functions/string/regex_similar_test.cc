// AppendSimilarToRegex and similar_to_escape(): SQL SIMILAR TO patterns converted as PostgreSQL
// 15 converts them (every expected value is PostgreSQL's answer), bracket expressions, escape
// characters (default, custom, multibyte, none), escape-double-quote separators and errors.
#include "functions/string/regex_similar.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

std::string Convert(std::string_view pattern, std::string_view escape = "\\") {
  std::string out;
  const Status status = AppendSimilarToRegex(pattern, escape, &out);
  if (!status.ok())
    return "ERROR " + std::string(status.sqlstate()) + ": " + std::string(status.message());
  return out;
}

TEST(RegexSimilarTest, WildcardsAndMetacharacters) {
  EXPECT_EQ(Convert("a%b_c"), "^(?:a.*b.c)$");
  EXPECT_EQ(Convert("a.b$^c"), "^(?:a\\.b\\$\\^c)$");
  EXPECT_EQ(Convert("(a|b)*[x-z]{2,3}+?"), "^(?:(?:a|b)*[x-z]{2,3}+?)$");
  EXPECT_EQ(Convert("a$b^c{1}|d+e*f?"), "^(?:a\\$b\\^c{1}|d+e*f?)$");
  EXPECT_EQ(Convert(""), "^(?:)$");
}

TEST(RegexSimilarTest, EscapeCharacters) {
  EXPECT_EQ(Convert("a\\%b"), "^(?:a\\%b)$");
  EXPECT_EQ(Convert("a\\_b\\%c"), "^(?:a\\_b\\%c)$");
  EXPECT_EQ(Convert("a\\\\b"), "^(?:a\\\\b)$");
  EXPECT_EQ(Convert("a#%b", "#"), "^(?:a\\%b)$");
  EXPECT_EQ(Convert("a\\b", "#"), "^(?:a\\\\b)$");
  EXPECT_EQ(Convert("a\\b", ""), "^(?:a\\\\b)$");
  EXPECT_EQ(Convert("a.b", ""), "^(?:a\\.b)$");
  EXPECT_EQ(Convert("ab", ""), "^(?:ab)$");
  EXPECT_EQ(Convert("a\xC3\xA9%", "\xC3\xA9"), "^(?:a\\%)$");
  EXPECT_EQ(Convert("a\xC3\xA9"
                    "b\xC3\xA7",
                    "\xC3\xA9"),
            "^(?:a\\b\xC3\xA7)$");
  // A trailing escape character is dropped.
  EXPECT_EQ(Convert("a\\"), "^(?:a)$");
}

TEST(RegexSimilarTest, BracketExpressions) {
  EXPECT_EQ(Convert("[%_]"), "^(?:[%_])$");
  EXPECT_EQ(Convert("[]%]%"), "^(?:[]%].*)$");
  EXPECT_EQ(Convert("[^]]%"), "^(?:[^]].*)$");
  EXPECT_EQ(Convert("[^^]]%"), "^(?:[^^]].*)$");
  EXPECT_EQ(Convert("[[:alpha:]%]_"), "^(?:[[:alpha:]%].)$");
  EXPECT_EQ(Convert("[[a]%]%"), "^(?:[[a]%].*)$");
  EXPECT_EQ(Convert("[[]%"), "^(?:[[]%)$");
  EXPECT_EQ(Convert("[][]%"), "^(?:[][]%)$");
  EXPECT_EQ(Convert("[a[]]%"), "^(?:[a[]].*)$");
  EXPECT_EQ(Convert("[#]]%", "#"), "^(?:[\\]].*)$");
  EXPECT_EQ(Convert("[#[]%", "#"), "^(?:[\\[].*)$");
  EXPECT_EQ(Convert("[\\]%", "#"), "^(?:[\\\\].*)$");
  EXPECT_EQ(Convert("[(|)]%"), "^(?:[(|)].*)$");
  EXPECT_EQ(Convert("a[%"), "^(?:a[%)$");
}

TEST(RegexSimilarTest, EscapeDoubleQuoteSeparators) {
  EXPECT_EQ(Convert("a\\\"b\\\"c"), "^(?:a){1,1}?(b){1,1}(?:c)$");
  EXPECT_EQ(Convert("a\\\"bc"), "^(?:a){1,1}?(bc)$");
  EXPECT_EQ(Convert("x#\"a#\"", "#"), "^(?:x){1,1}?(a){1,1}(?:)$");
  EXPECT_EQ(Convert("%[]]#\"x#\"%", "#"), "^(?:.*[]]){1,1}?(x){1,1}(?:.*)$");
  // Inside brackets, an escaped double quote is a quote.
  EXPECT_EQ(Convert("[#\"]", "#"), "^(?:[\\\"])$");
  EXPECT_EQ(Convert("a\\\"b\\\"c\\\"d"),
            "ERROR 2200C: SQL regular expression may not contain more than two "
            "escape-double-quote separators");
}

TEST(RegexSimilarTest, EscapeMustBeOneCharacter) {
  EXPECT_EQ(Convert("a", "xy"), "ERROR 22025: invalid escape string");
  EXPECT_EQ(Convert("a", "\xC3\xA9x"), "ERROR 22025: invalid escape string");
}

TEST(RegexSimilarToEscapeTest, DefaultAndExplicitEscape) {
  EXPECT_EQ(Eval("similar_to_escape", {Text("a%b_c")}), "^(?:a.*b.c)$");
  EXPECT_EQ(Eval("similar_to_escape", {Text("a#%b"), Text("#")}), "^(?:a\\%b)$");
  EXPECT_EQ(Eval("similar_to_escape", {Text("a"), Value::Null(DataType::String())}), "NULL");
  EXPECT_EQ(Eval("similar_to_escape", {Text("a"), Text("xy")}),
            "ERROR 22025: invalid escape string");
}

}  // namespace
}  // namespace boyodb::functions::testing
