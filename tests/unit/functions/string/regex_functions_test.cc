// The regex operators and functions through the registry: ~ ~* !~ !~*, regexp_like,
// regexp_count, regexp_instr, regexp_substr, regexp_replace, substring(text, text) and
// substring(text, text, text). Expected values come from PostgreSQL 15, including the 22023,
// 2201B and 0A000 errors, NULL arguments, and per-row patterns over sliced arrays.
#include <gtest/gtest.h>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

Value NullText() { return Value::Null(DataType::String()); }

TEST(RegexOperatorTest, MatchOperators) {
  EXPECT_EQ(Eval("~", {Text("abc"), Text("A")}), "f");
  EXPECT_EQ(Eval("~*", {Text("abc"), Text("A")}), "t");
  EXPECT_EQ(Eval("!~", {Text("abc"), Text("A")}), "t");
  EXPECT_EQ(Eval("!~*", {Text("abc"), Text("A")}), "f");
  EXPECT_EQ(Eval("~*", {Text("\xC3\x89"
                             "COLE"),
                        Text("\xC3\xA9"
                             "cole")}),
            "t");
  EXPECT_EQ(Eval("~", {Text("ab cd"), Text("b\\y cd")}), "t");
  EXPECT_EQ(Eval("~", {Text("ab cd"), Text("\\mcd")}), "t");
  EXPECT_EQ(Eval("~", {Text("a.c"), Text("***=.")}), "t");
  EXPECT_EQ(Eval("~", {Text("abc"), Text("***=.")}), "f");
  EXPECT_EQ(Eval("~", {Text("aBc"), Text("(?i)b")}), "t");
  EXPECT_EQ(Eval("~*", {Text("ABC"), Text("(?c)abc")}), "f");
  EXPECT_EQ(Eval("~", {NullText(), Text("a")}), "NULL");
  EXPECT_EQ(Eval("~", {Text("a"), NullText()}), "NULL");
}

TEST(RegexOperatorTest, Errors) {
  EXPECT_EQ(Eval("~", {Text("abc"), Text("(")}),
            "ERROR 2201B: invalid regular expression: missing ): (");
  EXPECT_EQ(Eval("~", {Text("abc"), Text("a{2,1}")}),
            "ERROR 2201B: invalid regular expression: invalid repetition count(s)");
  EXPECT_EQ(Eval("~", {Text("aa"), Text("(a)\\1")}),
            "ERROR 0A000: regular expressions with back-references are not supported");
  EXPECT_EQ(Eval("~", {Text("ab"), Text("a(?=b)")}),
            "ERROR 0A000: regular expressions with lookahead constraints are not supported");
}

TEST(RegexOperatorTest, PatternsPerRowOverSlicedArrays) {
  const ArrayPtr texts = MakeSlicedArray(
      DataType::String(), {Text("apple"), Text("banana"), NullText(), Text("cherry"), Text("kiwi")},
      Text("zzz"));
  const ArrayPtr patterns = MakeSlicedArray(
      DataType::String(), {Text("^a"), Text("^a"), Text("x"), Text("r+y$"), NullText()}, Text("("));
  const Result<ArrayPtr> matches = Call("~", {texts, patterns});
  ASSERT_TRUE(matches.ok()) << matches.status().ToString();
  EXPECT_EQ(ShowAll(**matches), (std::vector<std::string>{"t", "f", "NULL", "t", "NULL"}));
  const Result<ArrayPtr> counts = Call("regexp_count", {texts, patterns});
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(ShowAll(**counts), (std::vector<std::string>{"1", "0", "NULL", "1", "NULL"}));
  const Result<ArrayPtr> replaced =
      Call("regexp_replace", {texts, patterns,
                              MakeArray(DataType::String(), {Text("<\\&>"), Text("-"), Text("-"),
                                                             Text("<\\&>"), Text("-")})});
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_EQ(ShowAll(**replaced),
            (std::vector<std::string>{"<a>pple", "banana", "NULL", "che<rry>", "NULL"}));
}

TEST(RegexpLikeTest, Flags) {
  EXPECT_EQ(Eval("regexp_like", {Text("abc"), Text("B")}), "f");
  EXPECT_EQ(Eval("regexp_like", {Text("abc"), Text("B"), Text("i")}), "t");
  EXPECT_EQ(Eval("regexp_like", {Text("a\nb"), Text("a$"), Text("n")}), "t");
  EXPECT_EQ(Eval("regexp_like", {Text("a\nb"), Text("a$")}), "f");
  EXPECT_EQ(Eval("regexp_like", {Text("abc"), Text("b"), Text("x")}), "t");
  EXPECT_EQ(Eval("regexp_like", {Text("abc"), Text("b"), Text("")}), "t");
  EXPECT_EQ(Eval("regexp_like", {Text("abc"), Text("b"), Text("g")}),
            "ERROR 22023: regexp_like() does not support the \"global\" option");
  EXPECT_EQ(Eval("regexp_like", {Text("abc"), Text("b"), Text("z")}),
            "ERROR 22023: invalid regular expression option: \"z\"");
}

TEST(RegexpCountTest, CountsAndStart) {
  EXPECT_EQ(Eval("regexp_count", {Text("abcabc"), Text("b")}), "2");
  EXPECT_EQ(Eval("regexp_count", {Text("abcabc"), Text("b"), Int32(3)}), "1");
  EXPECT_EQ(Eval("regexp_count", {Text("aaa"), Text("a*")}), "2");
  EXPECT_EQ(Eval("regexp_count", {Text(""), Text("x*")}), "1");
  EXPECT_EQ(Eval("regexp_count", {Text("abc"), Text(""), Int32(1)}), "4");
  EXPECT_EQ(Eval("regexp_count", {Text("abc"), Text(""), Int32(4)}), "1");
  EXPECT_EQ(Eval("regexp_count", {Text("abc"), Text(""), Int32(5)}), "0");
  EXPECT_EQ(Eval("regexp_count", {Text("abcabc"), Text("^a"), Int32(4)}), "0");
  EXPECT_EQ(Eval("regexp_count", {Text("h\xC3\xA9llo"), Text("l"), Int32(3)}), "2");
  EXPECT_EQ(Eval("regexp_count", {Text("ABab"), Text("a"), Int32(1), Text("i")}), "2");
  EXPECT_EQ(Eval("regexp_count", {Text("abc"), Text("b"), Int32(0)}),
            "ERROR 22023: invalid value for parameter \"start\": 0");
  EXPECT_EQ(Eval("regexp_count", {Text("abc"), Text("b"), Int32(1), Text("g")}),
            "ERROR 22023: regexp_count() does not support the \"global\" option");
}

TEST(RegexpInstrTest, PositionsInCharacters) {
  EXPECT_EQ(Eval("regexp_instr", {Text("abcabc"), Text("b")}), "2");
  EXPECT_EQ(Eval("regexp_instr", {Text("abcabc"), Text("b"), Int32(1), Int32(2)}), "5");
  EXPECT_EQ(Eval("regexp_instr", {Text("abcabc"), Text("b"), Int32(1), Int32(2), Int32(1)}), "6");
  EXPECT_EQ(Eval("regexp_instr", {Text("abcabc"), Text("(b)(c)"), Int32(1), Int32(1), Int32(0),
                                  Text(""), Int32(2)}),
            "3");
  EXPECT_EQ(Eval("regexp_instr", {Text("h\xC3\xA9llo w\xC3\xB6rld"), Text("\xC3\xB6")}), "8");
  EXPECT_EQ(Eval("regexp_instr", {Text("h\xC3\xA9llo w\xC3\xB6rld"), Text("\xC3\xB6"), Int32(1),
                                  Int32(1), Int32(1)}),
            "9");
  EXPECT_EQ(Eval("regexp_instr",
                 {Text("abc"), Text("(x)?b"), Int32(1), Int32(1), Int32(0), Text(""), Int32(1)}),
            "0");
  EXPECT_EQ(Eval("regexp_instr",
                 {Text("abc"), Text("(b)"), Int32(1), Int32(1), Int32(0), Text(""), Int32(2)}),
            "0");
  EXPECT_EQ(Eval("regexp_instr", {Text("ABC"), Text("b"), Int32(1), Int32(1), Int32(0), Text("i")}),
            "2");
  EXPECT_EQ(Eval("regexp_instr", {Text("abc"), Text("b"), Int32(10)}), "0");
  EXPECT_EQ(Eval("regexp_instr", {Text("abc"), Text(""), Int32(4)}), "4");
  EXPECT_EQ(Eval("regexp_instr", {Text("abc"), Text("b"), Int32(1), Int32(1), Int32(2)}),
            "ERROR 22023: invalid value for parameter \"endoption\": 2");
  EXPECT_EQ(Eval("regexp_instr", {Text("abc"), Text("b"), Int32(1), Int32(-1)}),
            "ERROR 22023: invalid value for parameter \"n\": -1");
  EXPECT_EQ(Eval("regexp_instr",
                 {Text("abc"), Text("b"), Int32(1), Int32(1), Int32(0), Text(""), Int32(-1)}),
            "ERROR 22023: invalid value for parameter \"subexpr\": -1");
}

TEST(RegexpSubstrTest, MatchesAndGroups) {
  EXPECT_EQ(Eval("regexp_substr", {Text("abcabc"), Text("b.")}), "bc");
  EXPECT_EQ(
      Eval("regexp_substr", {Text("abcabc"), Text("b(.)"), Int32(1), Int32(2), Text(""), Int32(1)}),
      "c");
  EXPECT_EQ(Eval("regexp_substr", {Text("abc"), Text("x")}), "NULL");
  EXPECT_EQ(Eval("regexp_substr", {Text("h\xC3\xA9llo"), Text("l+"), Int32(2)}), "ll");
  EXPECT_EQ(Eval("regexp_substr", {Text("abc"), Text("b"), Int32(1), Int32(1), Text(""), Int32(0)}),
            "b");
  EXPECT_EQ(
      Eval("regexp_substr", {Text("abc"), Text("(x)?b"), Int32(1), Int32(1), Text(""), Int32(1)}),
      "NULL");
  EXPECT_EQ(Eval("regexp_substr", {Text("abc"), Text("b"), Int32(1), Int32(0)}),
            "ERROR 22023: invalid value for parameter \"n\": 0");
  EXPECT_EQ(Eval("regexp_substr", {Text("abc"), Text("b"), Int32(1), Int32(1), Text("g")}),
            "ERROR 22023: regexp_substr() does not support the \"global\" option");
}

TEST(RegexpReplaceTest, LongestMatchAndFlags) {
  EXPECT_EQ(Eval("regexp_replace", {Text("ab"), Text("a|ab"), Text("X")}), "X");
  EXPECT_EQ(Eval("regexp_replace", {Text("abab"), Text("a|ab"), Text("X"), Text("g")}), "XX");
  EXPECT_EQ(Eval("regexp_replace", {Text("Hello"), Text("L"), Text("x"), Text("gi")}), "Hexxo");
  EXPECT_EQ(Eval("regexp_replace", {Text("abc"), Text("B"), Text("x"), Text("ic")}), "abc");
  EXPECT_EQ(Eval("regexp_replace", {Text("abc"), Text("B"), Text("x"), Text("ci")}), "axc");
  EXPECT_EQ(Eval("regexp_replace", {Text("a.c"), Text("."), Text("x"), Text("q")}), "axc");
  EXPECT_EQ(Eval("regexp_replace", {Text("aaa"), Text("a*"), Text("-"), Text("g")}), "--");
  EXPECT_EQ(Eval("regexp_replace", {Text("abc"), Text("x*"), Text("-"), Text("g")}), "-a-b-c-");
  EXPECT_EQ(Eval("regexp_replace", {Text("aaa"), Text("^a"), Text("x"), Text("g")}), "xaa");
  EXPECT_EQ(Eval("regexp_replace", {Text("a\nb"), Text("."), Text("x"), Text("g")}), "xxx");
  EXPECT_EQ(Eval("regexp_replace", {Text("a\nb"), Text("."), Text("x"), Text("gn")}), "x\nx");
  EXPECT_EQ(Eval("regexp_replace", {Text("abc"), Text("b"), Text("x"), Text("z")}),
            "ERROR 22023: invalid regular expression option: \"z\"");
}

TEST(RegexpReplaceTest, ReplacementEscapes) {
  EXPECT_EQ(Eval("regexp_replace", {Text("abc"), Text("(a)(b)"), Text("\\2\\1\\&\\\\x")}),
            "baab\\xc");
  EXPECT_EQ(Eval("regexp_replace", {Text("abc"), Text("a(b)?"), Text("[\\1]")}), "[b]c");
  EXPECT_EQ(Eval("regexp_replace", {Text("abc"), Text("b"), Text("\\0")}), "a\\0c");
  EXPECT_EQ(Eval("regexp_replace", {Text("abc"), Text("b"), Text("\\9")}), "ac");
  EXPECT_EQ(Eval("regexp_replace", {Text("abc"), Text("b"), Text("\\x")}), "a\\xc");
  EXPECT_EQ(Eval("regexp_replace", {Text("abc"), Text("b"), Text("a\\")}), "aa\\c");
  EXPECT_EQ(Eval("regexp_replace", {Text("abc"), Text("(b)"), Text("\\11")}), "ab1c");
  EXPECT_EQ(Eval("regexp_replace", {Text("abc"), Text("b"), Text("\\\\1")}), "a\\1c");
  EXPECT_EQ(Eval("regexp_replace", {Text("Hello World"), Text("(\\w+) (\\w+)"), Text("\\2 \\1")}),
            "World Hello");
}

TEST(RegexpReplaceTest, StartAndN) {
  EXPECT_EQ(Eval("regexp_replace", {Text("aaaa"), Text("a"), Text("x"), Int32(2)}), "axaa");
  EXPECT_EQ(Eval("regexp_replace", {Text("aaaa"), Text("a"), Text("x"), Int32(2), Int32(0)}),
            "axxx");
  EXPECT_EQ(Eval("regexp_replace", {Text("aaaa"), Text("a"), Text("x"), Int32(2), Int32(1)}),
            "axaa");
  EXPECT_EQ(
      Eval("regexp_replace", {Text("aaaa"), Text("a"), Text("x"), Int32(2), Int32(1), Text("g")}),
      "axaa");
  EXPECT_EQ(
      Eval("regexp_replace", {Text("aaaa"), Text("A"), Text("x"), Int32(1), Int32(0), Text("i")}),
      "xxxx");
  EXPECT_EQ(Eval("regexp_replace", {Text("aaa"), Text("a"), Text("x"), Int32(1), Int32(2)}), "axa");
  EXPECT_EQ(Eval("regexp_replace", {Text("abc"), Text("b"), Text("x"), Int32(10)}), "abc");
  EXPECT_EQ(Eval("regexp_replace", {Text("abc"), Text("b"), Text("x"), Int32(0)}),
            "ERROR 22023: invalid value for parameter \"start\": 0");
  EXPECT_EQ(Eval("regexp_replace", {Text("abc"), Text("b"), Text("x"), Int32(1), Int32(-1)}),
            "ERROR 22023: invalid value for parameter \"n\": -1");
  EXPECT_EQ(
      Eval("regexp_replace", {Text("abc"), Text("b"), Text("x"), Int32(1), Int32(1), NullText()}),
      "NULL");
}

TEST(RegexSubstringTest, FromPattern) {
  EXPECT_EQ(Eval("substring", {Text("foobar"), Text("o(.)b")}), "o");
  EXPECT_EQ(Eval("substring", {Text("foobar"), Text("o.b")}), "oob");
  EXPECT_EQ(Eval("substring", {Text("foobar"), Text("x")}), "NULL");
  EXPECT_EQ(Eval("substring", {Text("foobar"), Text("(x)?b")}), "NULL");
  EXPECT_EQ(Eval("substring", {Text("abc"), Text("b.")}), "bc");
}

TEST(RegexSubstringTest, SimilarWithEscape) {
  EXPECT_EQ(Eval("substring", {Text("foobar"), Text("%#\"o_b#\"%"), Text("#")}), "oob");
  EXPECT_EQ(Eval("substring", {Text("foobar"), Text("f%"), Text("#")}), "foobar");
  EXPECT_EQ(Eval("substring", {Text("foobar"), Text("x%"), Text("#")}), "NULL");
  // The first part is as short as it can be, then the middle one as long as it can be.
  EXPECT_EQ(Eval("substring", {Text("aXbXc"), Text("%#\"X%#\"%"), Text("#")}), "XbXc");
  EXPECT_EQ(Eval("substring", {Text("aXbXc"), Text("%#\"X_#\"%"), Text("#")}), "Xb");
  EXPECT_EQ(Eval("substring", {Text("abcabc"), Text("%#\"b%#\"c%"), Text("#")}), "bcab");
  EXPECT_EQ(Eval("substring", {Text("abcabc"), Text("a#\"%#\""), Text("#")}), "bcabc");
  EXPECT_EQ(Eval("substring", {Text("abcabc"), Text("#\"%c#\"%"), Text("#")}), "abcabc");
  EXPECT_EQ(Eval("substring", {Text("abc"), Text("a#\"%"), Text("#")}), "bc");
  EXPECT_EQ(Eval("substring", {Text("aaa"), Text("a*#\"a*#\"a*"), Text("#")}), "aaa");
  // A group around the separators: the whole regex answers.
  EXPECT_EQ(Eval("substring", {Text("abc"), Text("(a#\"b#\")c"), Text("#")}), "b");
  EXPECT_EQ(Eval("substring", {Text("abc"), Text("a"), Text("xy")}),
            "ERROR 22025: invalid escape string");
}

}  // namespace
}  // namespace boyodb::functions::testing
