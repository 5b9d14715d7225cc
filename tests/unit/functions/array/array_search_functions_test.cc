// array_position, array_positions, array_remove and array_replace: IS NOT DISTINCT FROM
// matching (NULL finds NULL), start positions, empty and NULL arrays, and PostgreSQL 15's
// errors for multi-dimensional arrays (0A000) and a NULL start (22004).
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/functions/array/array_test_util.h"

namespace boyodb::functions::testing {
namespace {

const Value kNullInt = Value::Null(DataType::Int32());

TEST(ArraySearchFunctionsTest, Position) {
  const Value array = Ints("{1,2,NULL,2}");
  EXPECT_EQ(EvalArray("array_position", {array, Int32(2)}), "2");
  EXPECT_EQ(EvalArray("array_position", {array, kNullInt}), "3");
  EXPECT_EQ(EvalArray("array_position", {array, Int32(9)}), "NULL");
  EXPECT_EQ(EvalArray("array_position", {array, Int32(2), Int32(3)}), "4");
  EXPECT_EQ(EvalArray("array_position", {array, Int32(2), Int32(5)}), "NULL");
  EXPECT_EQ(EvalArray("array_position", {array, Int32(2), Int32(-5)}), "2");
  EXPECT_EQ(EvalArray("array_position", {array, Int32(2), Int32(INT32_MAX)}), "NULL");
  EXPECT_EQ(EvalArray("array_position", {Ints("NULL"), Int32(1)}), "NULL");
  EXPECT_EQ(EvalArray("array_position", {Ints("{}"), Int32(1)}), "NULL");
  EXPECT_EQ(EvalArray("array_position", {Texts({"a", "b", "A"}), Text("A")}), "3");
  // NaN equals NaN, as in PostgreSQL's float equality.
  EXPECT_EQ(EvalArray("array_position",
                      {ArrayOf(DataType::Float64(), {Float64(1), Float64(NAN)}), Float64(NAN)}),
            "2");
}

TEST(ArraySearchFunctionsTest, PositionErrors) {
  EXPECT_EQ(EvalArray("array_position", {Ints("{1,2}"), Int32(2), kNullInt}),
            "ERROR 22004: initial position must not be null");
  // A NULL or empty array is NULL before the start is looked at.
  EXPECT_EQ(EvalArray("array_position", {Ints("NULL"), Int32(2), kNullInt}), "NULL");
  EXPECT_EQ(EvalArray("array_position", {Ints("{}"), Int32(2), kNullInt}), "NULL");
  EXPECT_EQ(EvalArray("array_position", {Ints("{{1,2}}"), Ints("{1,2}")}),
            "ERROR 0A000: searching for elements in multidimensional arrays is not supported");
  EXPECT_EQ(EvalArray("array_positions", {Ints("{{1,2}}"), Ints("{1,2}")}),
            "ERROR 0A000: searching for elements in multidimensional arrays is not supported");
  EXPECT_EQ(EvalArray("array_positions", {Ints("{{},{}}"), Ints("{1,2}")}), "{}");
}

TEST(ArraySearchFunctionsTest, Positions) {
  const Value array = Ints("{1,2,NULL,2}");
  EXPECT_EQ(EvalArray("array_positions", {array, Int32(2)}), "{2,4}");
  EXPECT_EQ(EvalArray("array_positions", {array, kNullInt}), "{3}");
  EXPECT_EQ(EvalArray("array_positions", {array, Int32(5)}), "{}");
  EXPECT_EQ(EvalArray("array_positions", {Ints("NULL"), Int32(1)}), "NULL");
  EXPECT_EQ(EvalArray("array_positions", {Ints("{}"), Int32(1)}), "{}");
}

TEST(ArraySearchFunctionsTest, Remove) {
  EXPECT_EQ(EvalArray("array_remove", {Ints("{1,2,NULL,2}"), Int32(2)}), "{1,NULL}");
  EXPECT_EQ(EvalArray("array_remove", {Ints("{1,2,NULL,2}"), kNullInt}), "{1,2,2}");
  EXPECT_EQ(EvalArray("array_remove", {Ints("{2,2}"), Int32(2)}), "{}");
  EXPECT_EQ(EvalArray("array_remove", {Ints("{}"), Int32(1)}), "{}");
  EXPECT_EQ(EvalArray("array_remove", {Ints("NULL"), Int32(1)}), "NULL");
  EXPECT_EQ(EvalArray("array_remove", {Texts({"a", std::nullopt, "b"}), Text("b")}), "{a,NULL}");
  EXPECT_EQ(EvalArray("array_remove", {Ints("{{1,2}}"), Ints("{5}")}),
            "ERROR 0A000: removing elements from multidimensional arrays is not supported");
}

TEST(ArraySearchFunctionsTest, Replace) {
  const Value array = Ints("{1,2,NULL,2}");
  EXPECT_EQ(EvalArray("array_replace", {array, Int32(2), Int32(9)}), "{1,9,NULL,9}");
  EXPECT_EQ(EvalArray("array_replace", {array, kNullInt, Int32(9)}), "{1,2,9,2}");
  EXPECT_EQ(EvalArray("array_replace", {array, Int32(2), kNullInt}), "{1,NULL,NULL,NULL}");
  EXPECT_EQ(EvalArray("array_replace", {Ints("NULL"), Int32(1), Int32(2)}), "NULL");
  EXPECT_EQ(EvalArray("array_replace", {Ints("{}"), Int32(1), Int32(2)}), "{}");
  // The elements of a list of lists are its sub-arrays.
  EXPECT_EQ(EvalArray("array_replace", {Ints("{{1,2},{3,4}}"), Ints("{3,4}"), Ints("{5,6}")}),
            "{{1,2},{5,6}}");
}

TEST(ArraySearchFunctionsTest, SlicedInputs) {
  EXPECT_EQ(EvalSlicedRows("array_position", {{Ints("{1,2}"), Ints("{3,NULL}"), Ints("NULL")},
                                              {Int32(2), kNullInt, Int32(1)}}),
            (std::vector<std::string>{"2", "2", "NULL"}));
  EXPECT_EQ(EvalSlicedRows("array_positions", {{Ints("{1,1}"), Ints("{}")}, {Int32(1), Int32(1)}}),
            (std::vector<std::string>{"{1,2}", "{}"}));
  EXPECT_EQ(EvalSlicedRows("array_remove", {{Ints("{1,2,1}"), Ints("{3}")}, {Int32(1), Int32(3)}}),
            (std::vector<std::string>{"{2}", "{}"}));
  EXPECT_EQ(
      EvalSlicedRows("array_replace",
                     {{Ints("{1,2,1}"), Ints("{3}")}, {Int32(1), Int32(4)}, {Int32(0), Int32(5)}}),
      (std::vector<std::string>{"{0,2,0}", "{3}"}));
}

}  // namespace
}  // namespace boyodb::functions::testing
