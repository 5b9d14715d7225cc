// array_fill with PostgreSQL 15's checks (22004, 2202E, 54000) and the shapes an ARRAY type can
// hold (0A000 beyond them), and the kernels of the set-returning generate_subscripts and unnest,
// which return the rows to be as one array per input row.
#include <gtest/gtest.h>

#include "tests/unit/functions/array/array_test_util.h"

namespace boyodb::functions::testing {
namespace {

const Value kNullInt = Value::Null(DataType::Int32());

TEST(ArrayGeneratorFunctionsTest, ArrayFill) {
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{3}")}), "{7,7,7}");
  EXPECT_EQ(EvalArray("array_fill", {kNullInt, Ints("{2}")}), "{NULL,NULL}");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{0}")}), "{}");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{}")}), "{}");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{2,0}")}), "{}");
  EXPECT_EQ(EvalArray("array_fill", {Text("x"), Ints("{2}"), Ints("{1}")}), "{x,x}");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{0}"), Ints("{5}")}), "{}");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{}"), Ints("{}")}), "{}");
}

TEST(ArrayGeneratorFunctionsTest, ArrayFillErrors) {
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("NULL")}),
            "ERROR 22004: dimension array or low bound array cannot be null");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{2}"), Ints("NULL")}),
            "ERROR 22004: dimension array or low bound array cannot be null");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{NULL}")}),
            "ERROR 22004: dimension values cannot be null");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{2}"), Ints("{1,NULL}")}),
            "ERROR 22004: dimension values cannot be null");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{2}"), Ints("{1,1}")}),
            "ERROR 2202E: wrong number of array subscripts");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{}"), Ints("{1}")}),
            "ERROR 2202E: wrong number of array subscripts");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{1,1,1,1,1,1,1}")}),
            "ERROR 54000: number of array dimensions (7) exceeds the maximum allowed (6)");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{-1}")}),
            "ERROR 54000: array size exceeds the maximum allowed (134217727)");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{0,-1}")}),
            "ERROR 54000: array size exceeds the maximum allowed (134217727)");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{200000000}")}),
            "ERROR 54000: array size exceeds the maximum allowed (134217727)");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{1}"), Ints("{2147483647}")}),
            "ERROR 54000: array lower bound is too large: 2147483647");
  // Shapes an ARRAY type cannot hold.
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{2,2}")}),
            "ERROR 0A000: array_fill of more than one dimension is not supported");
  EXPECT_EQ(EvalArray("array_fill", {Int32(7), Ints("{2}"), Ints("{3}")}),
            "ERROR 0A000: array lower bounds other than 1 are not supported");
}

TEST(ArrayGeneratorFunctionsTest, GenerateSubscripts) {
  EXPECT_EQ(EvalArray("generate_subscripts", {Texts({"a", "b", "c"}), Int32(1)}), "{1,2,3}");
  EXPECT_EQ(EvalArray("generate_subscripts", {Texts({"a", "b", "c"}), Int32(1), Bool(true)}),
            "{3,2,1}");
  EXPECT_EQ(EvalArray("generate_subscripts", {Texts({"a", "b", "c"}), Int32(1), Bool(false)}),
            "{1,2,3}");
  EXPECT_EQ(EvalArray("generate_subscripts", {Texts({"a"}), Int32(2)}), "{}");
  EXPECT_EQ(EvalArray("generate_subscripts", {Texts({"a"}), Int32(0)}), "{}");
  EXPECT_EQ(EvalArray("generate_subscripts", {Ints("{}"), Int32(1)}), "{}");
  EXPECT_EQ(EvalArray("generate_subscripts", {Ints("{{1,2,3},{4,5,6}}"), Int32(2), Bool(true)}),
            "{3,2,1}");
  EXPECT_EQ(EvalArray("generate_subscripts", {Ints("NULL"), Int32(1)}), "NULL");
  EXPECT_EQ(EvalArray("generate_subscripts", {Ints("{1}"), kNullInt}), "NULL");
  EXPECT_EQ(
      EvalArray("generate_subscripts", {Ints("{1}"), Int32(1), Value::Null(DataType::Boolean())}),
      "NULL");
  const sql::ScalarFunction* function =
      FunctionRegistry::Builtins().FindScalar("generate_subscripts");
  ASSERT_NE(function, nullptr);
  for (const sql::ScalarOverload& overload : function->overloads) EXPECT_TRUE(overload.returns_set);
}

TEST(ArrayGeneratorFunctionsTest, UnnestFlattensMultiDimensionalArrays) {
  EXPECT_EQ(EvalArray("unnest", {Ints("{1,NULL,3}")}), "{1,NULL,3}");
  EXPECT_EQ(EvalArray("unnest", {Ints("{}")}), "{}");
  EXPECT_EQ(EvalArray("unnest", {Ints("NULL")}), "NULL");
  EXPECT_EQ(EvalArray("unnest", {Ints("{{1,2},{3,4}}")}), "{1,2,3,4}");
  EXPECT_EQ(EvalArray("unnest", {Ints("{{{1},{2}},{{3},{4}}}")}), "{1,2,3,4}");
  const DataType matrix = DataType::List(DataType::List(DataType::String()));
  const sql::ScalarOverload* overload = FindPolymorphicOverload("unnest", {matrix});
  ASSERT_NE(overload, nullptr);
  EXPECT_TRUE(overload->returns_set);
  EXPECT_EQ(PolymorphicResultType(*overload, {matrix}), DataType::List(DataType::String()));
}

TEST(ArrayGeneratorFunctionsTest, SlicedInputs) {
  EXPECT_EQ(EvalSlicedRows("array_fill", {{Int32(1), kNullInt}, {Ints("{2}"), Ints("{1}")}}),
            (std::vector<std::string>{"{1,1}", "{NULL}"}));
  EXPECT_EQ(
      EvalSlicedRows("generate_subscripts", {{Ints("{5,6}"), Ints("{7}")}, {Int32(1), Int32(1)}}),
      (std::vector<std::string>{"{1,2}", "{1}"}));
  EXPECT_EQ(EvalSlicedRows("unnest", {{Ints("{{1},{2}}"), NullOf(Ints("{{1}}").type()),
                                       Ints("{NULL,{3,4}}")}}),
            (std::vector<std::string>{"{1,2}", "NULL", "{3,4}"}));
  EXPECT_EQ(EvalSlicedRows("unnest", {{Ints("{1,2}"), Ints("{}")}}),
            (std::vector<std::string>{"{1,2}", "{}"}));
}

}  // namespace
}  // namespace boyodb::functions::testing
