// The casts between TEXT and arrays with PostgreSQL 15's array syntax: quoting, escapes, NULL
// elements, white space, nested (multidimensional) arrays, dimension decorations, each error of
// array_in (22P02 with its DETAIL, 2202E, 54000), the element type's own input errors, the
// dimensions BoyoDB cannot represent (0A000), and array_out's quoting. Expected texts come from
// PostgreSQL 15.
#include <gtest/gtest.h>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

const DataType kInts = DataType::List(DataType::Int32());
const DataType kInts2 = DataType::List(kInts);
const DataType kTexts = DataType::List(DataType::String());

// The literal cast to `type` and back to text.
std::string RoundTrip(std::string_view literal, const DataType& type) {
  return CastText(Text(std::string(literal)), type);
}

std::string Malformed(std::string_view literal, std::string_view detail) {
  return "ERROR 22P02: malformed array literal: \"" + std::string(literal) +
         "\": " + std::string(detail);
}

TEST(ArrayTextCastTest, ReadsElementsNullsAndQuotes) {
  EXPECT_EQ(RoundTrip("{1,2,NULL}", kInts), "{1,2,NULL}");
  EXPECT_EQ(RoundTrip("{\"a b\",\"c\\\"d\",NULL,\"NULL\"}", kTexts),
            "{\"a b\",\"c\\\"d\",NULL,\"NULL\"}");
  EXPECT_EQ(RoundTrip("{null,NuLl,\"null\"}", kTexts), "{NULL,NULL,\"null\"}");
  EXPECT_EQ(RoundTrip("{NU\\LL}", kTexts), "{\"NULL\"}");
  EXPECT_EQ(RoundTrip("{\"1\"}", kInts), "{1}");
  EXPECT_EQ(RoundTrip("{a\\,b}", kTexts), "{\"a,b\"}");
  EXPECT_EQ(RoundTrip("{\"a\\\\b\"}", kTexts), "{\"a\\\\b\"}");
  EXPECT_EQ(RoundTrip("{\"{a}\"}", kTexts), "{\"{a}\"}");
  EXPECT_EQ(RoundTrip("{\"\"}", kTexts), "{\"\"}");
  EXPECT_EQ(RoundTrip("{\"a\" , b}", kTexts), "{a,b}");
}

TEST(ArrayTextCastTest, WhiteSpaceAroundElementsIsIgnored) {
  EXPECT_EQ(RoundTrip("  { 1 , 2 }  ", kInts), "{1,2}");
  EXPECT_EQ(RoundTrip("{ }", kInts), "{}");
  EXPECT_EQ(RoundTrip("{}", kInts), "{}");
  EXPECT_EQ(RoundTrip("{  ab  c  }", kTexts), "{\"ab  c\"}");
  EXPECT_EQ(RoundTrip("{ a\\  }", kTexts), "{\"a \"}");
  EXPECT_EQ(RoundTrip("{\ta\t,\nb\n}", kTexts), "{a,b}");
  EXPECT_EQ(RoundTrip("{a\tb}", kTexts), "{\"a\tb\"}");
  EXPECT_EQ(RoundTrip("{ NULL }", kTexts), "{NULL}");
  EXPECT_EQ(RoundTrip("{ \"a\"}", kTexts), "{a}");
}

TEST(ArrayTextCastTest, NestedArraysAreListsOfLists) {
  EXPECT_EQ(RoundTrip("{{1,2},{3,4}}", kInts2), "{{1,2},{3,4}}");
  EXPECT_EQ(RoundTrip("{{1, 2} , {3 ,4}}", kInts2), "{{1,2},{3,4}}");
  EXPECT_EQ(RoundTrip("{}", kInts2), "{}");
  EXPECT_EQ(RoundTrip("{{\"a b\"}}", DataType::List(kTexts)), "{{\"a b\"}}");
  EXPECT_EQ(RoundTrip("{{{1}},{{2}}}", DataType::List(kInts2)), "{{{1}},{{2}}}");
  const Result<Value> value = CastValue(Text("{{1,NULL},{3,4}}"), kInts2);
  ASSERT_TRUE(value.ok()) << value.status().ToString();
  ASSERT_EQ(value->children().size(), 2u);
  EXPECT_EQ(value->children()[0].type(), kInts);
  EXPECT_EQ(Show(*value), "{{1,NULL},{3,4}}");
}

TEST(ArrayTextCastTest, DimensionDecorations) {
  EXPECT_EQ(RoundTrip("[1:3]={1,2,3}", kInts), "{1,2,3}");
  EXPECT_EQ(RoundTrip("[3]={1,2,3}", kInts), "{1,2,3}");
  EXPECT_EQ(RoundTrip("[+1:+3]={1,2,3}", kInts), "{1,2,3}");
  EXPECT_EQ(RoundTrip("[1:3] = {1,2,3}", kInts), "{1,2,3}");
  EXPECT_EQ(RoundTrip("[1:3][1:2]={{1,2},{3,4},{5,6}}", kInts2), "{{1,2},{3,4},{5,6}}");
  EXPECT_EQ(RoundTrip("[1:2]={1,2,3}", kInts),
            Malformed("[1:2]={1,2,3}", "Specified array dimensions do not match array contents."));
  EXPECT_EQ(RoundTrip("[1:1]={}", kInts),
            Malformed("[1:1]={}", "Specified array dimensions do not match array contents."));
  EXPECT_EQ(
      RoundTrip("[99999999999]={1}", kInts),
      Malformed("[99999999999]={1}", "Specified array dimensions do not match array contents."));
  EXPECT_EQ(RoundTrip("[1:3]{1,2,3}", kInts),
            Malformed("[1:3]{1,2,3}", "Missing \"=\" after array dimensions."));
  EXPECT_EQ(RoundTrip("[1:]={1}", kInts), Malformed("[1:]={1}", "Missing array dimension value."));
  EXPECT_EQ(
      RoundTrip("[:3]={1,2,3}", kInts),
      Malformed("[:3]={1,2,3}", "\"[\" must introduce explicitly-specified array dimensions."));
  EXPECT_EQ(RoundTrip("[1:3 ]={1,2,3}", kInts),
            Malformed("[1:3 ]={1,2,3}", "Missing \"]\" after array dimensions."));
  EXPECT_EQ(RoundTrip("[1:3]=1", kInts),
            Malformed("[1:3]=1", "Array contents must start with \"{\"."));
  EXPECT_EQ(RoundTrip("[3:1]={1,2,3}", kInts),
            "ERROR 2202E: upper bound cannot be less than lower bound");
  EXPECT_EQ(RoundTrip("[1:2147483648]={1}", kInts),
            "ERROR 2202E: upper bound cannot be less than lower bound");
  EXPECT_EQ(RoundTrip("[0:2]={1,2,3}", kInts),
            "ERROR 0A000: array lower bounds other than 1 are not supported: \"[0:2]={1,2,3}\"");
  EXPECT_EQ(RoundTrip("[1:1][1:1][1:1][1:1][1:1][1:1][1:1]={{{{{{{1}}}}}}}", kInts),
            "ERROR 54000: number of array dimensions (7) exceeds the maximum allowed (6)");
}

TEST(ArrayTextCastTest, MalformedLiterals) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"", "Array value must start with \"{\" or dimension information."},
      {"1,2", "Array value must start with \"{\" or dimension information."},
      {"{1,2", "Unexpected end of input."},
      {"{\"a}", "Unexpected end of input."},
      {"{a\\", "Unexpected end of input."},
      {"{1,2}x", "Junk after closing right brace."},
      {"{1}{2}", "Junk after closing right brace."},
      {"{1,,2}", "Unexpected \",\" character."},
      {"{,1}", "Unexpected \",\" character."},
      {"{1,}", "Unexpected \"}\" character."},
      {"{{}}", "Unexpected \"}\" character."},
      {"{{1},{}}", "Unexpected \"}\" character."},
      {"{1,{2}}", "Unexpected \"{\" character."},
      {"{{1,2} {3,4}}", "Unexpected \"{\" character."},
      {"{{1,2},3}", "Unexpected array element."},
      {"{{1,2},NULL}", "Unexpected array element."},
      {"{a\"b\"c}", "Unexpected array element."},
      {"{\"a\" b}", "Unexpected array element."},
      {"{{1,2},{3}}", "Multidimensional arrays must have sub-arrays with matching dimensions."},
      {"{{1,2},{3,4},{5}}",
       "Multidimensional arrays must have sub-arrays with matching dimensions."},
      // PostgreSQL 15 accepts these two and builds a wrong array; later releases refuse them.
      {"{{1},{{2}}}", "Multidimensional arrays must have sub-arrays with matching dimensions."},
      {"{{{1}},{2}}", "Multidimensional arrays must have sub-arrays with matching dimensions."},
  };
  for (const auto& [literal, detail] : cases) {
    EXPECT_EQ(RoundTrip(literal, kInts), Malformed(literal, detail)) << literal;
  }
  EXPECT_EQ(RoundTrip("{{{{{{{1}}}}}}}", kInts),
            "ERROR 54000: number of array dimensions (7) exceeds the maximum allowed (6)");
}

TEST(ArrayTextCastTest, ElementsUseTheElementTypesInput) {
  EXPECT_EQ(RoundTrip("{1,x}", kInts), "ERROR 22P02: invalid input syntax for type integer: \"x\"");
  EXPECT_EQ(RoundTrip("{1 2}", kInts),
            "ERROR 22P02: invalid input syntax for type integer: \"1 2\"");
  EXPECT_EQ(RoundTrip("{ \"\" }", kInts),
            "ERROR 22P02: invalid input syntax for type integer: \"\"");
  EXPECT_EQ(RoundTrip("{1,NULL,\"NULL\"}", kInts),
            "ERROR 22P02: invalid input syntax for type integer: \"NULL\"");
  EXPECT_EQ(RoundTrip("{99999999999}", kInts),
            "ERROR 22003: value \"99999999999\" is out of range for type integer");
  EXPECT_EQ(RoundTrip("{true,f,NULL}", DataType::List(DataType::Boolean())), "{t,f,NULL}");
  EXPECT_EQ(RoundTrip("{1.50,-2}", DataType::List(DataType::Decimal(10, 2))), "{1.50,-2.00}");
  EXPECT_EQ(RoundTrip("{1e14,0.1}", DataType::List(DataType::Float64())), "{100000000000000,0.1}");
  EXPECT_EQ(RoundTrip("{2024-03-01 13:45:01}", DataType::List(DataType::Timestamp())),
            "{\"2024-03-01 13:45:01\"}");
  EXPECT_EQ(RoundTrip("{\"1 day\"}", DataType::List(DataType::Interval())), "{\"1 day\"}");
  EXPECT_EQ(RoundTrip("{\"\\\\x0a0b\"}", DataType::List(DataType::Binary())), "{\"\\\\x0a0b\"}");
}

TEST(ArrayTextCastTest, DimensionsOtherThanTheTypesAreNotSupported) {
  EXPECT_EQ(RoundTrip("{{1,2}}", kInts),
            "ERROR 0A000: number of array dimensions (2) does not match the dimensions of type "
            "integer[] (1)");
  EXPECT_EQ(RoundTrip("{1,2}", kInts2),
            "ERROR 0A000: number of array dimensions (1) does not match the dimensions of type "
            "integer[][] (2)");
}

TEST(ArrayTextCastTest, StructuralErrorsComeAfterBadElementsOfEarlierRows) {
  const Result<sql::CastKernel> cast =
      FunctionRegistry::Builtins().FindCast(DataType::String(), kInts);
  ASSERT_TRUE(cast.ok());
  const ArrayPtr texts = MakeArray(DataType::String(), {Text("{1,x}"), Text("{1")});
  const Result<ArrayPtr> result = (*cast)(texts, sql::EvalContext{});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "invalid input syntax for type integer: \"x\"");
  const ArrayPtr reversed = MakeArray(DataType::String(), {Text("{1"), Text("{1,x}")});
  const Result<ArrayPtr> second = (*cast)(reversed, sql::EvalContext{});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().message(), "malformed array literal: \"{1\": Unexpected end of input.");
}

TEST(ArrayTextCastTest, NullRowsAndSlicedInput) {
  const Result<sql::CastKernel> cast =
      FunctionRegistry::Builtins().FindCast(DataType::String(), kInts2);
  ASSERT_TRUE(cast.ok());
  const ArrayPtr texts = MakeSlicedArray(
      DataType::String(),
      {Text("{{1,2}}"), Value::Null(DataType::String()), Text("{}"), Text("{{3},{4}}")},
      Text("{{"));
  const Result<ArrayPtr> result = (*cast)(texts, sql::EvalContext{});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(ShowAll(**result), (std::vector<std::string>{"{{1,2}}", "NULL", "{}", "{{3},{4}}"}));
  const Result<sql::CastKernel> back =
      FunctionRegistry::Builtins().FindCast(kInts2, DataType::String());
  ASSERT_TRUE(back.ok());
  const Result<ArrayPtr> text = (*back)((*result)->Slice(1, 3), sql::EvalContext{});
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(ShowAll(**text), (std::vector<std::string>{"NULL", "{}", "{{3},{4}}"}));
}

TEST(ArrayTextCastTest, ElementTypesWithoutTextInputCannotCast) {
  const DataType structs = DataType::List(DataType::Struct({types::Field("a", DataType::Int32())}));
  const Result<sql::CastKernel> cast =
      FunctionRegistry::Builtins().FindCast(DataType::String(), structs);
  ASSERT_FALSE(cast.ok());
  EXPECT_EQ(cast.status().sqlstate(), "42846");
}

TEST(ArrayTextOutputTest, QuotesAsArrayOut) {
  const auto texts = [](std::vector<Value> elements) {
    return Value::Nested(DataType::List(DataType::String()), std::move(elements));
  };
  const Value value = texts({Text("plain"), Text(""), Text("a b"), Text("a,b"), Text("{x}"),
                             Text("q\"q"), Text("back\\slash"), Text("NULL"), Text("null"),
                             Text("tab\there"), Value::Null(DataType::String())});
  const std::string expected =
      "{plain,\"\",\"a b\",\"a,b\",\"{x}\",\"q\\\"q\",\"back\\\\slash\",\"NULL\",\"null\","
      "\"tab\there\",NULL}";
  EXPECT_EQ(AsText(value), expected);
  EXPECT_EQ(Show(value), expected);
  const Value nested =
      Value::Nested(DataType::List(DataType::List(DataType::String())),
                    {texts({Text("a b"), Text("c")}), texts({Text("d"), Text("")})});
  EXPECT_EQ(AsText(nested), "{{\"a b\",c},{d,\"\"}}");
  EXPECT_EQ(Show(nested), "{{\"a b\",c},{d,\"\"}}");
}

TEST(ArrayTextOutputTest, ElementsPrintAsTheirOutputFunctions) {
  EXPECT_EQ(AsText(Value::Nested(DataType::List(DataType::Boolean()), {Bool(true), Bool(false)})),
            "{t,f}");
  const int64_t timestamp = *types::ParseTimestamp("2024-03-01 13:45:01");
  sql::EvalContext paris;
  paris.time_zone = "Europe/Paris";
  EXPECT_EQ(AsText(Value::Nested(DataType::List(DataType::TimestampTz()),
                                 {Value::TimestampTz(timestamp)}),
                   paris),
            "{\"2024-03-01 14:45:01+01\"}");
  const Value doubles = Value::Nested(DataType::List(DataType::Float64()),
                                      {Float64(1e14), Float64(0.1), Float64(1e15), Float64(1e-5),
                                       Float64(-0.5), Float64(123456789012345.6)});
  EXPECT_EQ(AsText(doubles), "{100000000000000,0.1,1e+15,1e-05,-0.5,123456789012345.6}");
  EXPECT_EQ(Show(doubles), "{100000000000000,0.1,1e+15,1e-05,-0.5,123456789012345.6}");
  const Value reals = Value::Nested(DataType::List(DataType::Float32()),
                                    {Float32(1e6f), Float32(123456.0f), Float32(0.1f)});
  EXPECT_EQ(AsText(reals), "{1e+06,123456,0.1}");
  EXPECT_EQ(Show(reals), "{1e+06,123456,0.1}");
  EXPECT_EQ(
      AsText(Value::Nested(DataType::List(DataType::Null()), {Value::Null(DataType::Null())})),
      "{NULL}");
}

}  // namespace
}  // namespace boyodb::functions::testing
