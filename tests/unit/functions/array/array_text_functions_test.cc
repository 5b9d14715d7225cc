// array_to_string and string_to_array with PostgreSQL 15's rules: elements printed by their
// type's output function, NULL elements skipped or replaced, multi-dimensional arrays walked in
// storage order; splitting on a delimiter, into characters (NULL delimiter) or not at all
// (empty delimiter), and fields matching null_string becoming NULL.
#include <gtest/gtest.h>

#include "tests/unit/functions/array/array_test_util.h"

namespace boyodb::functions::testing {
namespace {

const Value kNullText = Value::Null(DataType::String());

TEST(ArrayTextFunctionsTest, ArrayToStringSkipsOrReplacesNulls) {
  const Value array = Ints("{1,NULL,3}");
  EXPECT_EQ(EvalArray("array_to_string", {array, Text(",")}), "1,3");
  EXPECT_EQ(EvalArray("array_to_string", {array, Text(","), Text("*")}), "1,*,3");
  EXPECT_EQ(EvalArray("array_to_string", {array, Text(","), kNullText}), "1,3");
  EXPECT_EQ(EvalArray("array_to_string", {array, kNullText}), "NULL");
  EXPECT_EQ(EvalArray("array_to_string", {Ints("NULL"), Text(",")}), "NULL");
  EXPECT_EQ(EvalArray("array_to_string", {Ints("{}"), Text(",")}), "");
  EXPECT_EQ(EvalArray("array_to_string", {Ints("{NULL,NULL}"), Text(",")}), "");
  EXPECT_EQ(EvalArray("array_to_string", {Ints("{NULL,1}"), Text(", ")}), "1");
  EXPECT_EQ(EvalArray("array_to_string", {Ints("{{1,2},{3,4}}"), Text("-")}), "1-2-3-4");
  EXPECT_EQ(EvalArray("array_to_string", {Texts({"a b", "c\"d", std::nullopt}), Text("|")}),
            "a b|c\"d");
  EXPECT_EQ(EvalArray("array_to_string", {Texts({std::nullopt, "b"}), Text(","), Text("?")}),
            "?,b");
}

TEST(ArrayTextFunctionsTest, ArrayToStringUsesOutputFunctions) {
  EXPECT_EQ(EvalArray("array_to_string",
                      {ArrayOf(DataType::Boolean(),
                               {Bool(true), Bool(false), Value::Null(DataType::Boolean())}),
                       Text(",")}),
            "t,f");
  EXPECT_EQ(EvalArray("array_to_string",
                      {ArrayOf(DataType::Float64(), {Float64(1.5), Float64(0.1)}), Text(",")}),
            "1.5,0.1");
  EXPECT_EQ(
      EvalArray("array_to_string", {ArrayOf(DataType::Date(), {Value::Date(19724)}), Text(",")}),
      "2024-01-02");
  EXPECT_EQ(
      EvalArray("array_to_string", {ArrayOf(Decimal("1.50").type(), {Decimal("1.50")}), Text(",")}),
      "1.50");
  EXPECT_EQ(EvalArray("array_to_string",
                      {ArrayOf(DataType::Binary(), {Value::Binary("\x01")}), Text(",")}),
            "\\x01");
  EXPECT_EQ(EvalArray("array_to_string",
                      {ArrayOf(DataType::Interval(), {Value::Interval({0, 1, 0})}), Text(",")}),
            "1 day");
}

TEST(ArrayTextFunctionsTest, StringToArraySplits) {
  EXPECT_EQ(EvalArray("string_to_array", {Text("a,b,,c"), Text(",")}), "{a,b,\"\",c}");
  EXPECT_EQ(EvalArray("string_to_array", {Text("a,b,"), Text(",")}), "{a,b,\"\"}");
  EXPECT_EQ(EvalArray("string_to_array", {Text("xx1xx2xx"), Text("xx")}), "{\"\",1,2,\"\"}");
  EXPECT_EQ(EvalArray("string_to_array", {Text("abc"), kNullText}), "{a,b,c}");
  EXPECT_EQ(EvalArray("string_to_array", {Text("héllo"), kNullText}), "{h,é,l,l,o}");
  EXPECT_EQ(EvalArray("string_to_array", {Text("abc"), Text("")}), "{abc}");
  EXPECT_EQ(EvalArray("string_to_array", {Text(""), Text(",")}), "{}");
  EXPECT_EQ(EvalArray("string_to_array", {Text(""), Text("")}), "{}");
  EXPECT_EQ(EvalArray("string_to_array", {Text(""), kNullText}), "{}");
  EXPECT_EQ(EvalArray("string_to_array", {kNullText, Text(",")}), "NULL");
}

TEST(ArrayTextFunctionsTest, StringToArrayNullString) {
  EXPECT_EQ(EvalArray("string_to_array", {Text("a,*,c"), Text(","), Text("*")}), "{a,NULL,c}");
  EXPECT_EQ(EvalArray("string_to_array", {Text("a,b"), Text(","), kNullText}), "{a,b}");
  EXPECT_EQ(EvalArray("string_to_array", {Text("abc"), kNullText, Text("b")}), "{a,NULL,c}");
  EXPECT_EQ(EvalArray("string_to_array", {Text("*"), Text(""), Text("*")}), "{NULL}");
}

TEST(ArrayTextFunctionsTest, SlicedInputs) {
  EXPECT_EQ(EvalSlicedRows("array_to_string", {{Ints("{1,2}"), Ints("{3,NULL}")},
                                               {Text("+"), Text("-")},
                                               {kNullText, Text("n")}}),
            (std::vector<std::string>{"1+2", "3-n"}));
  EXPECT_EQ(EvalSlicedRows("string_to_array", {{Text("a b"), kNullText, Text("cd")},
                                               {Text(" "), Text(" "), kNullText}}),
            (std::vector<std::string>{"{a,b}", "NULL", "{c,d}"}));
  EXPECT_EQ(EvalSlicedRows("array_to_string",
                           {{Ints("{{1,2},{3,4}}"), Ints("{{5}}")}, {Text(","), Text(",")}}),
            (std::vector<std::string>{"1,2,3,4", "5"}));
}

}  // namespace
}  // namespace boyodb::functions::testing
