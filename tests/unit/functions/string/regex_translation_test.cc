// TranslateRegex and ApplyRegexFlags: PostgreSQL's ARE escapes, brackets, bounds, directors
// and embedded options rewritten for RE2, and the errors for what RE2 cannot do.
#include "functions/string/regex_translation.h"

#include <gtest/gtest.h>

#include <string>

namespace boyodb::functions {
namespace {

// The RE2 pattern, or "ERROR <sqlstate>: <message>".
std::string Translate(std::string_view pattern, RegexFlags flags = {}) {
  const Result<TranslatedRegex> translated = TranslateRegex(pattern, flags);
  if (!translated.ok()) {
    return "ERROR " + std::string(translated.status().sqlstate()) + ": " +
           std::string(translated.status().message());
  }
  return translated->pattern;
}

TEST(RegexTranslationTest, OrdinarySyntaxIsKept) {
  EXPECT_EQ(Translate("a(b|c)*d+?e{2,3}[x-z]^$."), "a(b|c)*d+?e{2,3}[x-z]^$.");
  EXPECT_EQ(Translate("(?:ab)"), "(?:ab)");
  EXPECT_EQ(Translate("h\xC3\xA9llo"), "h\xC3\xA9llo");
  EXPECT_EQ(Translate(""), "");
}

TEST(RegexTranslationTest, ConstraintEscapesBecomeRe2Boundaries) {
  EXPECT_EQ(Translate("\\mword\\M"), "\\bword\\b");
  EXPECT_EQ(Translate("\\yx\\Y"), "\\bx\\B");
  EXPECT_EQ(Translate("\\Aab\\Z"), "\\Aab\\z");
  EXPECT_EQ(Translate("[[:<:]]cd[[:>:]]"), "\\bcd\\b");
}

TEST(RegexTranslationTest, CharacterEscapes) {
  // \b is a backspace and \B a backslash in PostgreSQL.
  EXPECT_EQ(Translate("a\\bb"), "a\\x{8}b");
  EXPECT_EQ(Translate("a\\Bb"), "a\\\\b");
  EXPECT_EQ(Translate("\\e\\t\\n"), "\\x{1B}\\x{9}\\x{A}");
  EXPECT_EQ(Translate("\\cA"), "\\x{1}");
  EXPECT_EQ(Translate("\\u00e9"), "\\x{E9}");
  EXPECT_EQ(Translate("\\U0001F600"), "\\x{1F600}");
  // \x takes every hexadecimal digit that follows.
  EXPECT_EQ(Translate("\\x61b"), "\\x{61B}");
  EXPECT_EQ(Translate("\\x41g"), "\\x{41}g");
  EXPECT_EQ(Translate("\\0"), "\\x{0}");
  EXPECT_EQ(Translate("\\0101"), "\\x{8}1");
  // A number above the count of groups so far is octal.
  EXPECT_EQ(Translate("\\101"), "\\x{41}");
  EXPECT_EQ(Translate("\\d\\D"), "\\d\\D");
  EXPECT_EQ(Translate("\\.\\*\\%"), "\\.\\*\\%");
  EXPECT_EQ(Translate("\\\xC3\xA9"), "\xC3\xA9");
}

TEST(RegexTranslationTest, ClassesAreUnicodeAsInPostgres) {
  const std::string space =
      "\\t-\\r \\x{1680}\\x{2000}-\\x{2006}\\x{2008}-\\x{200A}\\x{2028}\\x{2029}\\x{205F}"
      "\\x{3000}";
  EXPECT_EQ(Translate("\\s"), "[" + space + "]");
  EXPECT_EQ(Translate("\\S"), "[^" + space + "]");
  EXPECT_EQ(Translate("[\\s]"), "[" + space + "]");
  EXPECT_EQ(Translate("\\w\\W"), "[\\p{L}\\p{N}_][^\\p{L}\\p{N}_]");
  EXPECT_EQ(Translate("[\\w-]"), "[\\p{L}\\p{N}_\\-]");
  EXPECT_EQ(Translate("[[:alpha:][:digit:]]"), "[\\p{L}[:digit:]]");
  EXPECT_EQ(Translate("[^[:upper:][:lower:]]"), "[^\\p{Lu}\\p{Lt}\\p{Ll}]");
}

TEST(RegexTranslationTest, BracketExpressions) {
  EXPECT_EQ(Translate("[]a]"), "[\\]a]");
  EXPECT_EQ(Translate("[^]a]"), "[^\\]a]");
  EXPECT_EQ(Translate("[[:xdigit:]_]"), "[[:xdigit:]_]");
  EXPECT_EQ(Translate("[\\d.]"), "[\\d\\.]");
  EXPECT_EQ(Translate("[a\\]]"), "[a\\]]");
  EXPECT_EQ(Translate("[\\b]"), "[\\x{8}]");
  EXPECT_EQ(Translate("[[.a.]b]"), "[ab]");
  EXPECT_EQ(Translate("[[=a=]]"), "[a]");
  EXPECT_EQ(Translate("[^a]", RegexFlags{.dot_excludes_newline = true}), "[^a\\n]");
  EXPECT_EQ(Translate("[]-a]"), "[\\]-a]");
  EXPECT_EQ(Translate("[-a-]"), "[\\-a\\-]");
  EXPECT_EQ(Translate("[[:word:]]"), "[\\p{L}\\p{N}_]");
  EXPECT_EQ(Translate("[\\w-z]"),
            "ERROR 2201B: invalid regular expression: invalid character range");
  EXPECT_EQ(Translate("[a-[:digit:]]"),
            "ERROR 2201B: invalid regular expression: invalid character range");
  EXPECT_EQ(Translate("[a"), "ERROR 2201B: invalid regular expression: brackets [] not balanced");
  EXPECT_EQ(Translate("[\\y]"),
            "ERROR 2201B: invalid regular expression: invalid escape \\ sequence");
  EXPECT_EQ(Translate("[[.space.]]"),
            "ERROR 0A000: regular expressions with multi-character collating elements are not "
            "supported");
}

TEST(RegexTranslationTest, Bounds) {
  EXPECT_EQ(Translate("a{255}"), "a{255}");
  EXPECT_EQ(Translate("a{x}"), "a\\{x\\}");
  EXPECT_EQ(Translate("a{,2}"), "a\\{\\,2\\}");
  EXPECT_EQ(Translate("a{256}"),
            "ERROR 2201B: invalid regular expression: invalid repetition count(s)");
  EXPECT_EQ(Translate("a{3,2}"),
            "ERROR 2201B: invalid regular expression: invalid repetition count(s)");
  EXPECT_EQ(Translate("a{1"), "ERROR 2201B: invalid regular expression: braces {} not balanced");
}

TEST(RegexTranslationTest, GreedinessOfTheWholePatternFollowsPostgres) {
  auto non_greedy = [](std::string_view pattern) {
    const Result<TranslatedRegex> translated = TranslateRegex(pattern, {});
    EXPECT_TRUE(translated.ok()) << translated.status().ToString();
    return translated.ok() && translated->non_greedy;
  };
  EXPECT_FALSE(non_greedy("a*b+c?d{2}"));
  EXPECT_FALSE(non_greedy("a|ab"));
  EXPECT_FALSE(non_greedy("\\*?"));
  EXPECT_FALSE(non_greedy("[*?]"));
  EXPECT_TRUE(non_greedy("a*?"));
  EXPECT_TRUE(non_greedy("a+?"));
  EXPECT_TRUE(non_greedy("a??"));
  EXPECT_TRUE(non_greedy("a{1,3}?"));
  // The first quantified atom decides; {m} keeps the atom's own greediness.
  EXPECT_TRUE(non_greedy("x{2}y*?z*"));
  EXPECT_FALSE(non_greedy("x*y*?"));
  EXPECT_TRUE(non_greedy("(a+?)(b*)"));
  EXPECT_TRUE(non_greedy("(a*?){2}"));
  EXPECT_TRUE(non_greedy("(?:ab)+?c*"));
  // A normal quantifier on a group makes it greedy; alternatives are always greedy.
  EXPECT_FALSE(non_greedy("(a+?)*"));
  EXPECT_FALSE(non_greedy("a.*?c|b"));
  EXPECT_FALSE(non_greedy("(a|b+?)c"));
  EXPECT_TRUE(non_greedy("(a|b)+?c"));
}

TEST(RegexTranslationTest, UnsupportedConstructsAreRefused) {
  EXPECT_EQ(Translate("(a)\\1"),
            "ERROR 0A000: regular expressions with back-references are not supported");
  EXPECT_EQ(Translate("\\1"),
            "ERROR 0A000: regular expressions with back-references are not supported");
  EXPECT_EQ(Translate("a(?=b)"),
            "ERROR 0A000: regular expressions with lookahead constraints are not supported");
  EXPECT_EQ(Translate("a(?!b)"),
            "ERROR 0A000: regular expressions with lookahead constraints are not supported");
  EXPECT_EQ(Translate("(?<=a)b"),
            "ERROR 0A000: regular expressions with lookbehind constraints are not supported");
  EXPECT_EQ(Translate("(?<!a)b"),
            "ERROR 0A000: regular expressions with lookbehind constraints are not supported");
}

TEST(RegexTranslationTest, BadEscapesAreInvalid) {
  for (const char* pattern : {"a\\", "\\k", "\\xg", "\\u00", "\\c", "\\x110000", "\\9"}) {
    const std::string result = Translate(pattern);
    if (std::string_view(pattern) == "\\9") {
      EXPECT_EQ(result, "ERROR 0A000: regular expressions with back-references are not supported");
    } else {
      EXPECT_EQ(result, "ERROR 2201B: invalid regular expression: invalid escape \\ sequence")
          << pattern;
    }
  }
}

TEST(RegexTranslationTest, DirectorsAndEmbeddedOptions) {
  EXPECT_EQ(Translate("***=a.b*"), "a\\.b\\*");
  EXPECT_EQ(Translate("***:a.b"), "a.b");
  EXPECT_EQ(Translate("***a"),
            "ERROR 2201B: invalid regular expression: quantifier operand invalid");
  const Result<TranslatedRegex> options = TranslateRegex("(?in)a", {});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->pattern, "a");
  EXPECT_TRUE(options->flags.case_insensitive);
  EXPECT_TRUE(options->flags.dot_excludes_newline);
  EXPECT_TRUE(options->flags.anchors_match_lines);
  const Result<TranslatedRegex> director = TranslateRegex("***:(?c)a", {.case_insensitive = true});
  ASSERT_TRUE(director.ok());
  EXPECT_FALSE(director->flags.case_insensitive);
  EXPECT_EQ(Translate("(?q)a.c"), "a\\.c");
  EXPECT_EQ(Translate("(?z)a"), "ERROR 2201B: invalid regular expression: invalid embedded option");
  EXPECT_EQ(Translate("(?i"), "ERROR 2201B: invalid regular expression: invalid embedded option");
  // Inside the pattern, only case-insensitivity passes to RE2.
  EXPECT_EQ(Translate("a(?i)b"), "a(?i)b");
  EXPECT_EQ(Translate("a(?i:b)c"), "a(?i:b)c");
  EXPECT_EQ(Translate("a(?c)b"), "a(?-i)b");
  EXPECT_EQ(Translate("a(?s)b"),
            "ERROR 2201B: invalid regular expression: invalid embedded option");
}

TEST(RegexTranslationTest, NewlineSensitiveAnchors) {
  EXPECT_EQ(Translate("^a$", {.anchors_match_lines = true}), "(?m:^)a(?m:$)");
  EXPECT_EQ(Translate("^a$", {.dot_excludes_newline = true}), "^a$");
}

TEST(RegexTranslationTest, ExpandedSyntaxDropsSpaceAndComments) {
  EXPECT_EQ(Translate(" a b  # comment\nc", {.expanded = true}), "abc");
  EXPECT_EQ(Translate("a\\ b[ ]", {.expanded = true}), "a\\x{20}b[\\x{20}]");
  EXPECT_EQ(Translate("(?x) a b"), "ab");
}

TEST(RegexTranslationTest, LiteralFlagQuotesEverything) {
  EXPECT_EQ(Translate("a.c(", {.literal = true}), "a\\.c\\(");
  EXPECT_EQ(Translate("***=x", {.literal = true}), "\\*\\*\\*\\=x");
  EXPECT_EQ(Translate("a b\n", {.literal = true}), "a\\x{20}b\\x{A}");
}

TEST(RegexFlagsTest, LettersApplyLeftToRight) {
  RegexFlags flags;
  ASSERT_TRUE(ApplyRegexFlags("gi", &flags).ok());
  EXPECT_TRUE(flags.global);
  EXPECT_TRUE(flags.case_insensitive);
  ASSERT_TRUE(ApplyRegexFlags("c", &flags).ok());
  EXPECT_FALSE(flags.case_insensitive);
  ASSERT_TRUE(ApplyRegexFlags("n", &flags).ok());
  EXPECT_TRUE(flags.dot_excludes_newline && flags.anchors_match_lines);
  ASSERT_TRUE(ApplyRegexFlags("w", &flags).ok());
  EXPECT_TRUE(!flags.dot_excludes_newline && flags.anchors_match_lines);
  ASSERT_TRUE(ApplyRegexFlags("p", &flags).ok());
  EXPECT_TRUE(flags.dot_excludes_newline && !flags.anchors_match_lines);
  ASSERT_TRUE(ApplyRegexFlags("s", &flags).ok());
  EXPECT_TRUE(!flags.dot_excludes_newline && !flags.anchors_match_lines);
  ASSERT_TRUE(ApplyRegexFlags("xqt", &flags).ok());
  EXPECT_TRUE(flags.literal && !flags.expanded);

  const Status unknown = ApplyRegexFlags("gz", &flags);
  EXPECT_EQ(unknown.sqlstate(), "22023");
  EXPECT_EQ(unknown.message(), "invalid regular expression option: \"z\"");
  const Status multibyte = ApplyRegexFlags("\xC3\xA9", &flags);
  EXPECT_EQ(multibyte.message(), "invalid regular expression option: \"\xC3\xA9\"");
  EXPECT_EQ(ApplyRegexFlags("b", &flags).sqlstate(), "0A000");
  EXPECT_EQ(ApplyRegexFlags("e", &flags).sqlstate(), "0A000");
}

}  // namespace
}  // namespace boyodb::functions
