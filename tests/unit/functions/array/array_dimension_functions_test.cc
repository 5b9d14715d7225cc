// array_ndims, array_dims, array_length, array_lower, array_upper and cardinality, with
// PostgreSQL 15's results for empty arrays, multi-dimensional arrays, dimensions out of range
// and NULLs.
#include <gtest/gtest.h>

#include "tests/unit/functions/array/array_test_util.h"

namespace boyodb::functions::testing {
namespace {

const Value kNullInt = Value::Null(DataType::Int32());

TEST(ArrayDimensionFunctionsTest, OneDimension) {
  EXPECT_EQ(EvalArray("array_ndims", {Ints("{1,2,3}")}), "1");
  EXPECT_EQ(EvalArray("array_dims", {Ints("{1,2,3}")}), "[1:3]");
  EXPECT_EQ(EvalArray("cardinality", {Ints("{1,NULL,3}")}), "3");
  EXPECT_EQ(EvalArray("array_length", {Ints("{1,2,3}"), Int32(1)}), "3");
  EXPECT_EQ(EvalArray("array_lower", {Ints("{1,2,3}"), Int32(1)}), "1");
  EXPECT_EQ(EvalArray("array_upper", {Ints("{1,2,3}"), Int32(1)}), "3");
  EXPECT_EQ(EvalArray("array_length", {Texts({"a", std::nullopt}), Int32(1)}), "2");
}

TEST(ArrayDimensionFunctionsTest, DimensionsOutOfRangeAreNull) {
  for (const int32_t dimension : {0, -1, 2}) {
    EXPECT_EQ(EvalArray("array_length", {Ints("{1,2,3}"), Int32(dimension)}), "NULL");
    EXPECT_EQ(EvalArray("array_lower", {Ints("{1,2,3}"), Int32(dimension)}), "NULL");
    EXPECT_EQ(EvalArray("array_upper", {Ints("{1,2,3}"), Int32(dimension)}), "NULL");
  }
}

TEST(ArrayDimensionFunctionsTest, EmptyArraysHaveNoDimensions) {
  EXPECT_EQ(EvalArray("cardinality", {Ints("{}")}), "0");
  EXPECT_EQ(EvalArray("array_ndims", {Ints("{}")}), "NULL");
  EXPECT_EQ(EvalArray("array_dims", {Ints("{}")}), "NULL");
  EXPECT_EQ(EvalArray("array_length", {Ints("{}"), Int32(1)}), "NULL");
  EXPECT_EQ(EvalArray("array_lower", {Ints("{}"), Int32(1)}), "NULL");
  EXPECT_EQ(EvalArray("array_upper", {Ints("{}"), Int32(1)}), "NULL");
  EXPECT_EQ(EvalArray("cardinality", {Ints("{{},{}}")}), "0");
  EXPECT_EQ(EvalArray("array_ndims", {Ints("{{},{}}")}), "NULL");
}

TEST(ArrayDimensionFunctionsTest, ListsOfListsAreMultiDimensional) {
  const Value matrix = Ints("{{1,2,3},{4,5,6}}");
  EXPECT_EQ(EvalArray("array_ndims", {matrix}), "2");
  EXPECT_EQ(EvalArray("array_dims", {matrix}), "[1:2][1:3]");
  EXPECT_EQ(EvalArray("cardinality", {matrix}), "6");
  EXPECT_EQ(EvalArray("array_length", {matrix, Int32(1)}), "2");
  EXPECT_EQ(EvalArray("array_length", {matrix, Int32(2)}), "3");
  EXPECT_EQ(EvalArray("array_upper", {matrix, Int32(2)}), "3");
  EXPECT_EQ(EvalArray("array_lower", {matrix, Int32(2)}), "1");
  EXPECT_EQ(EvalArray("array_length", {matrix, Int32(3)}), "NULL");
  EXPECT_EQ(EvalArray("array_dims", {Ints("{{{1},{2}}}")}), "[1:1][1:2][1:1]");
}

TEST(ArrayDimensionFunctionsTest, NullArgumentsGiveNull) {
  EXPECT_EQ(EvalArray("array_ndims", {Ints("NULL")}), "NULL");
  EXPECT_EQ(EvalArray("array_dims", {Ints("NULL")}), "NULL");
  EXPECT_EQ(EvalArray("cardinality", {Ints("NULL")}), "NULL");
  EXPECT_EQ(EvalArray("array_length", {Ints("NULL"), Int32(1)}), "NULL");
  EXPECT_EQ(EvalArray("array_length", {Ints("{1}"), kNullInt}), "NULL");
  EXPECT_EQ(EvalArray("array_upper", {Ints("{1}"), kNullInt}), "NULL");
}

TEST(ArrayDimensionFunctionsTest, SlicedInputs) {
  EXPECT_EQ(
      EvalSlicedRows("array_length", {{Ints("{1,2}"), Ints("NULL"), Ints("{}"), Ints("{5,6,7}")},
                                      {Int32(1), Int32(1), Int32(1), Int32(1)}}),
      (std::vector<std::string>{"2", "NULL", "NULL", "3"}));
  EXPECT_EQ(EvalSlicedRows("array_dims", {{Ints("{{1},{2}}"), Ints("{{3,4,5}}")}}),
            (std::vector<std::string>{"[1:2][1:1]", "[1:1][1:3]"}));
  EXPECT_EQ(EvalSlicedRows("cardinality", {{Ints("{1,2}"), Ints("{}"), Ints("{NULL}")}}),
            (std::vector<std::string>{"2", "0", "1"}));
}

}  // namespace
}  // namespace boyodb::functions::testing
