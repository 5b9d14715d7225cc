// regexp_match, regexp_matches, regexp_split_to_array and regexp_split_to_table through the
// registry: capture groups, groups that took no part (NULL), flags (g only where PostgreSQL
// takes it), empty matches, PostgreSQL's splitting rules for empty matches, NULL arguments,
// per-row patterns over sliced arrays, and the declared result types (set-returning overloads
// return one array per row). Expected values come from PostgreSQL 15.
#include <gtest/gtest.h>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

const DataType kTexts = DataType::List(DataType::String());

Value NullText() { return Value::Null(DataType::String()); }

TEST(RegexMatchTest, GroupsOrTheWholeMatch) {
  EXPECT_EQ(Eval("regexp_match", {Text("foobarbequebaz"), Text("bar.*que")}), "{barbeque}");
  EXPECT_EQ(Eval("regexp_match", {Text("foobarbequebaz"), Text("(bar)(beque)")}), "{bar,beque}");
  EXPECT_EQ(Eval("regexp_match", {Text("abc"), Text("(x)?b")}), "{NULL}");
  EXPECT_EQ(Eval("regexp_match", {Text("a b"), Text(".*")}), "{\"a b\"}");
  EXPECT_EQ(Eval("regexp_match", {Text("abc"), Text("")}), "{\"\"}");
  EXPECT_EQ(Eval("regexp_match", {Text("abc"), Text("B"), Text("i")}), "{b}");
  EXPECT_EQ(Eval("regexp_match", {Text("foobarbequebaz"), Text("x")}), "NULL");
  EXPECT_EQ(Eval("regexp_match", {NullText(), Text("b")}), "NULL");
  EXPECT_EQ(Eval("regexp_match", {Text("abc"), NullText()}), "NULL");
  EXPECT_EQ(Eval("regexp_match", {Text("abc"), Text("b"), NullText()}), "NULL");
}

TEST(RegexMatchTest, Errors) {
  EXPECT_EQ(Eval("regexp_match", {Text("abc"), Text("b"), Text("g")}),
            "ERROR 22023: regexp_match() does not support the \"global\" option");
  EXPECT_EQ(Eval("regexp_match", {Text("abc"), Text("b"), Text("z")}),
            "ERROR 22023: invalid regular expression option: \"z\"");
  EXPECT_EQ(Eval("regexp_match", {Text("abc"), Text("(")}),
            "ERROR 2201B: invalid regular expression: missing ): (");
}

TEST(RegexMatchesTest, OneArrayPerMatch) {
  EXPECT_EQ(Eval("regexp_matches", {Text("foobarbequebaz"), Text("ba."), Text("g")}),
            "{{bar},{baz}}");
  EXPECT_EQ(Eval("regexp_matches", {Text("foobarbequebaz"), Text("(b)(a.)"), Text("g")}),
            "{{b,ar},{b,az}}");
  EXPECT_EQ(Eval("regexp_matches", {Text("foobarbequebaz"), Text("ba.")}), "{{bar}}");
  EXPECT_EQ(Eval("regexp_matches", {Text("abc"), Text(""), Text("g")}),
            "{{\"\"},{\"\"},{\"\"},{\"\"}}");
  EXPECT_EQ(Eval("regexp_matches", {Text(""), Text(""), Text("g")}), "{{\"\"}}");
  EXPECT_EQ(Eval("regexp_matches", {Text("abc"), Text("x"), Text("g")}), "{}");
  EXPECT_EQ(Eval("regexp_matches", {Text("abc"), Text("(x)?b")}), "{{NULL}}");
  EXPECT_EQ(Eval("regexp_matches", {Text("aBAb"), Text("b"), Text("gi")}), "{{B},{b}}");
  EXPECT_EQ(Eval("regexp_matches", {NullText(), Text("b")}), "NULL");
  EXPECT_EQ(Eval("regexp_matches", {Text("abc"), Text("b"), Text("z")}),
            "ERROR 22023: invalid regular expression option: \"z\"");
}

TEST(RegexSplitTest, SplitsByPostgresRules) {
  EXPECT_EQ(Eval("regexp_split_to_array", {Text("hello world"), Text("\\s+")}), "{hello,world}");
  EXPECT_EQ(Eval("regexp_split_to_array", {Text("hello"), Text("")}), "{h,e,l,l,o}");
  EXPECT_EQ(Eval("regexp_split_to_array", {Text("h\xC3\xA9llo"), Text("")}), "{h,\xC3\xA9,l,l,o}");
  EXPECT_EQ(Eval("regexp_split_to_array", {Text(""), Text("x")}), "{\"\"}");
  EXPECT_EQ(Eval("regexp_split_to_array", {Text(""), Text("")}), "{\"\"}");
  EXPECT_EQ(Eval("regexp_split_to_array", {Text("abc"), Text("x*")}), "{a,b,c}");
  EXPECT_EQ(Eval("regexp_split_to_array", {Text("abc"), Text("b*")}), "{a,c}");
  EXPECT_EQ(Eval("regexp_split_to_array", {Text("a,b,,c,"), Text(",")}), "{a,b,\"\",c,\"\"}");
  EXPECT_EQ(Eval("regexp_split_to_array", {Text(",a"), Text(",")}), "{\"\",a}");
  EXPECT_EQ(Eval("regexp_split_to_array", {Text("aaa"), Text("a")}), "{\"\",\"\",\"\",\"\"}");
  EXPECT_EQ(Eval("regexp_split_to_array", {Text("abc"), Text("^")}), "{abc}");
  EXPECT_EQ(Eval("regexp_split_to_array", {Text("abc"), Text("$")}), "{abc}");
  EXPECT_EQ(Eval("regexp_split_to_array", {Text("aBc"), Text("b"), Text("i")}), "{a,c}");
  EXPECT_EQ(Eval("regexp_split_to_table", {Text("the quick"), Text("\\s*")}), "{t,h,e,q,u,i,c,k}");
  EXPECT_EQ(Eval("regexp_split_to_table", {Text("abc"), Text("c")}), "{ab,\"\"}");
  EXPECT_EQ(Eval("regexp_split_to_table", {Text("abcabc"), Text("(b)")}), "{a,ca,c}");
  EXPECT_EQ(Eval("regexp_split_to_array", {NullText(), Text(",")}), "NULL");
  EXPECT_EQ(Eval("regexp_split_to_table", {Text("a"), NullText()}), "NULL");
}

TEST(RegexSplitTest, GlobalFlagIsRefused) {
  EXPECT_EQ(Eval("regexp_split_to_array", {Text("abc"), Text("b"), Text("g")}),
            "ERROR 22023: regexp_split_to_array() does not support the \"global\" option");
  EXPECT_EQ(Eval("regexp_split_to_table", {Text("abc"), Text("b"), Text("g")}),
            "ERROR 22023: regexp_split_to_table() does not support the \"global\" option");
}

TEST(RegexArrayFunctionsTest, ResultTypesAndSetReturning) {
  const DataType text = DataType::String();
  EXPECT_EQ(ResultType("regexp_match", {text, text}), kTexts);
  EXPECT_EQ(ResultType("regexp_matches", {text, text, text}), DataType::List(kTexts));
  EXPECT_EQ(ResultType("regexp_split_to_array", {text, text}), kTexts);
  EXPECT_EQ(ResultType("regexp_split_to_table", {text, text, text}), kTexts);
  const auto returns_set = [](std::string_view name) {
    const sql::ScalarFunction* function = FunctionRegistry::Builtins().FindScalar(name);
    EXPECT_NE(function, nullptr) << name;
    bool all = function != nullptr;
    for (const sql::ScalarOverload& overload : function->overloads) {
      all = all && overload.returns_set;
    }
    return all;
  };
  EXPECT_TRUE(returns_set("regexp_matches"));
  EXPECT_TRUE(returns_set("regexp_split_to_table"));
  EXPECT_FALSE(returns_set("regexp_match"));
  EXPECT_FALSE(returns_set("regexp_split_to_array"));
}

TEST(RegexArrayFunctionsTest, PatternsPerRowOverSlicedArrays) {
  const ArrayPtr texts =
      MakeSlicedArray(DataType::String(),
                      {Text("a1b22"), Text("x,y"), NullText(), Text("q"), Text("zz")}, Text("zzz"));
  const ArrayPtr patterns =
      MakeSlicedArray(DataType::String(),
                      {Text("[0-9]+"), Text(","), Text("x"), Text("(q)"), NullText()}, Text("("));
  const ArrayPtr flags = MakeSlicedArray(
      DataType::String(), {Text("g"), Text(""), Text("g"), Text("g"), Text("g")}, Text("z"));
  const Result<ArrayPtr> matches = Call("regexp_matches", {texts, patterns, flags});
  ASSERT_TRUE(matches.ok()) << matches.status().ToString();
  EXPECT_EQ(ShowAll(**matches),
            (std::vector<std::string>{"{{1},{22}}", "{{\",\"}}", "NULL", "{{q}}", "NULL"}));
  const Result<ArrayPtr> split = Call("regexp_split_to_array", {texts, patterns});
  ASSERT_TRUE(split.ok()) << split.status().ToString();
  EXPECT_EQ(ShowAll(**split),
            (std::vector<std::string>{"{a,b,\"\"}", "{x,y}", "NULL", "{\"\",\"\"}", "NULL"}));
  const Result<ArrayPtr> first = Call("regexp_match", {texts, patterns});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(ShowAll(**first), (std::vector<std::string>{"{1}", "{\",\"}", "NULL", "{q}", "NULL"}));
}

}  // namespace
}  // namespace boyodb::functions::testing
