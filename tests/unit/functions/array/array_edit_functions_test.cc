// array_append, array_prepend, array_cat, || on arrays and trim_array, with PostgreSQL 15's
// results for NULL arrays and elements, empty and multi-dimensional arrays, and its errors
// (22000, 2202E).
#include <gtest/gtest.h>

#include "tests/unit/functions/array/array_test_util.h"

namespace boyodb::functions::testing {
namespace {

const Value kNullInt = Value::Null(DataType::Int32());
const DataType kIntArray = DataType::List(DataType::Int32());
const DataType kIntMatrix = DataType::List(kIntArray);

TEST(ArrayEditFunctionsTest, AppendAndPrepend) {
  EXPECT_EQ(EvalArray("array_append", {Ints("{1,2}"), Int32(3)}), "{1,2,3}");
  EXPECT_EQ(EvalArray("array_append", {Ints("NULL"), Int32(1)}), "{1}");
  EXPECT_EQ(EvalArray("array_append", {Ints("{1}"), kNullInt}), "{1,NULL}");
  EXPECT_EQ(EvalArray("array_append", {Ints("NULL"), kNullInt}), "{NULL}");
  EXPECT_EQ(EvalArray("array_append", {Ints("{}"), Int32(7)}), "{7}");
  EXPECT_EQ(EvalArray("array_append", {Texts({"a b"}), Text("")}), "{\"a b\",\"\"}");
  EXPECT_EQ(EvalArray("array_prepend", {Int32(0), Ints("{1,2}")}), "{0,1,2}");
  EXPECT_EQ(EvalArray("array_prepend", {kNullInt, Ints("{1}")}), "{NULL,1}");
  EXPECT_EQ(EvalArray("array_prepend", {Int32(1), Ints("NULL")}), "{1}");
}

TEST(ArrayEditFunctionsTest, AppendRefusesMultiDimensionalArrays) {
  EXPECT_EQ(EvalArray("array_append", {Ints("{{1,2}}"), Ints("{3,4}")}),
            "ERROR 22000: argument must be empty or one-dimensional array");
  EXPECT_EQ(EvalArray("array_prepend", {Ints("{3,4}"), Ints("{{1,2}}")}),
            "ERROR 22000: argument must be empty or one-dimensional array");
  // An empty array of arrays takes the element.
  EXPECT_EQ(EvalArray("array_append", {ArrayOf(kIntArray, {}), Ints("{3,4}")}), "{{3,4}}");
}

TEST(ArrayEditFunctionsTest, CatSkipsNullAndEmptySides) {
  EXPECT_EQ(EvalArray("array_cat", {Ints("{1,2}"), Ints("{3}")}), "{1,2,3}");
  EXPECT_EQ(EvalArray("array_cat", {Ints("NULL"), Ints("{1}")}), "{1}");
  EXPECT_EQ(EvalArray("array_cat", {Ints("{1}"), Ints("NULL")}), "{1}");
  EXPECT_EQ(EvalArray("array_cat", {Ints("NULL"), Ints("NULL")}), "NULL");
  EXPECT_EQ(EvalArray("array_cat", {Ints("{}"), Ints("NULL")}), "{}");
  EXPECT_EQ(EvalArray("array_cat", {Ints("{1}"), Ints("{}")}), "{1}");
}

TEST(ArrayEditFunctionsTest, CatJoinsMatchingMultiDimensionalArrays) {
  EXPECT_EQ(EvalArray("array_cat", {Ints("{{1,2}}"), Ints("{{3,4}}")}), "{{1,2},{3,4}}");
  EXPECT_EQ(EvalArray("array_cat", {ArrayOf(kIntArray, {}), Ints("{{3,4,5}}")}), "{{3,4,5}}");
  EXPECT_EQ(EvalArray("array_cat", {Ints("{{},{}}"), Ints("{{3}}")}), "{{3}}");
  EXPECT_EQ(EvalArray("array_cat", {Ints("{{1,2}}"), Ints("{{3,4,5}}")}),
            "ERROR 2202E: cannot concatenate incompatible arrays");
}

TEST(ArrayEditFunctionsTest, ConcatenationOperator) {
  EXPECT_EQ(EvalArray("||", {Ints("{1}"), Ints("{2}")}), "{1,2}");
  EXPECT_EQ(EvalArray("||", {Ints("{1,2}"), Int32(3)}), "{1,2,3}");
  EXPECT_EQ(EvalArray("||", {Int32(0), Ints("{1,2}")}), "{0,1,2}");
  EXPECT_EQ(EvalArray("||", {Ints("{1,2}"), Ints("NULL")}), "{1,2}");
  EXPECT_EQ(EvalArray("||", {Ints("{1,2}"), kNullInt}), "{1,2,NULL}");
  EXPECT_EQ(EvalArray("||", {Ints("NULL"), Ints("{1,2}")}), "{1,2}");
  // Text || text is still text.
  EXPECT_EQ(Eval("||", {Text("a"), Text("b")}), "ab");
}

TEST(ArrayEditFunctionsTest, ConcatenationOfAnArrayAndASubArray) {
  EXPECT_EQ(EvalArray("||", {Ints("{{1,2}}"), Ints("{3,4}")}), "{{1,2},{3,4}}");
  EXPECT_EQ(EvalArray("||", {Ints("{3,4}"), Ints("{{1,2}}")}), "{{3,4},{1,2}}");
  EXPECT_EQ(EvalArray("||", {Ints("{{1,2}}"), Ints("NULL")}), "{{1,2}}");
  EXPECT_EQ(EvalArray("||", {Ints("{{1,2}}"), Ints("{}")}), "{{1,2}}");
  EXPECT_EQ(EvalArray("||", {Value::Null(kIntMatrix), Ints("{1,2}")}), "{{1,2}}");
  EXPECT_EQ(EvalArray("||", {ArrayOf(kIntArray, {}), Ints("{1,2}")}), "{{1,2}}");
  EXPECT_EQ(EvalArray("||", {Value::Null(kIntMatrix), Ints("NULL")}), "NULL");
  EXPECT_EQ(EvalArray("||", {Ints("{{1,2}}"), Ints("{3}")}),
            "ERROR 2202E: cannot concatenate incompatible arrays");
  EXPECT_EQ(EvalArray("||", {Ints("{3}"), Ints("{{1,2},{3,4}}")}),
            "ERROR 2202E: cannot concatenate incompatible arrays");
  EXPECT_EQ(EvalArray("||", {Ints("{{1,2}}"), Ints("{{1},{2}}")}),
            "ERROR 2202E: cannot concatenate incompatible arrays");
}

TEST(ArrayEditFunctionsTest, TrimArray) {
  EXPECT_EQ(EvalArray("trim_array", {Ints("{1,2,3}"), Int32(1)}), "{1,2}");
  EXPECT_EQ(EvalArray("trim_array", {Ints("{1,2,3}"), Int32(0)}), "{1,2,3}");
  EXPECT_EQ(EvalArray("trim_array", {Ints("{1,2,3}"), Int32(3)}), "{}");
  EXPECT_EQ(EvalArray("trim_array", {Ints("{{1,2},{3,4}}"), Int32(1)}), "{{1,2}}");
  EXPECT_EQ(EvalArray("trim_array", {Ints("{}"), Int32(0)}), "{}");
  EXPECT_EQ(EvalArray("trim_array", {Ints("NULL"), Int32(1)}), "NULL");
  EXPECT_EQ(EvalArray("trim_array", {Ints("{1}"), kNullInt}), "NULL");
  EXPECT_EQ(EvalArray("trim_array", {Ints("{1,2,3}"), Int32(4)}),
            "ERROR 2202E: number of elements to trim must be between 0 and 3");
  EXPECT_EQ(EvalArray("trim_array", {Ints("{1,2,3}"), Int32(-1)}),
            "ERROR 2202E: number of elements to trim must be between 0 and 3");
  EXPECT_EQ(EvalArray("trim_array", {Ints("{}"), Int32(1)}),
            "ERROR 2202E: number of elements to trim must be between 0 and 0");
}

TEST(ArrayEditFunctionsTest, SlicedInputs) {
  EXPECT_EQ(EvalSlicedRows("array_cat", {{Ints("{1}"), Ints("NULL"), Ints("{}"), Ints("NULL")},
                                         {Ints("{2,3}"), Ints("{4}"), Ints("{}"), Ints("NULL")}}),
            (std::vector<std::string>{"{1,2,3}", "{4}", "{}", "NULL"}));
  EXPECT_EQ(EvalSlicedRows("array_append", {{Ints("{1}"), Ints("NULL")}, {Int32(5), kNullInt}}),
            (std::vector<std::string>{"{1,5}", "{NULL}"}));
  EXPECT_EQ(EvalSlicedRows("array_prepend", {{Int32(5), Int32(6)}, {Ints("{1}"), Ints("{}")}}),
            (std::vector<std::string>{"{5,1}", "{6}"}));
  EXPECT_EQ(EvalSlicedRows("trim_array", {{Ints("{1,2}"), Ints("{3,4,5}")}, {Int32(1), Int32(2)}}),
            (std::vector<std::string>{"{1}", "{3}"}));
  EXPECT_EQ(EvalSlicedRows("||", {{Ints("{{1}}"), Ints("{{2},{3}}")}, {Ints("{9}"), Ints("{8}")}}),
            (std::vector<std::string>{"{{1},{9}}", "{{2},{3},{8}}"}));
}

}  // namespace
}  // namespace boyodb::functions::testing
