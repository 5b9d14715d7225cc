// The shared pieces of the array functions: shapes of (multi-dimensional) arrays, walking their
// elements in storage order, and PostgreSQL's ordering of elements and of whole arrays.
#include "functions/array/array_internal.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/functions/array/array_test_util.h"

namespace boyodb::functions::testing {
namespace {

std::vector<int64_t> Shape(const Value& value) {
  const ArrayPtr array = MakeArray(value.type(), {value});
  std::vector<int64_t> dims;
  ShapeOf(*array, 0, &dims);
  return dims;
}

std::vector<std::string> Flat(const ArrayPtr& array, int64_t row) {
  FlatElements flat(*array);
  flat.Reset(row);
  std::vector<std::string> out;
  for (int64_t k = 0; k < flat.size(); ++k) {
    out.push_back(Show(flat.leaves().GetValue(flat[k])));
  }
  return out;
}

int Order(const Value& a, const Value& b) {
  const ArrayPtr left = MakeArray(a.type(), {a});
  const ArrayPtr right = MakeArray(b.type(), {b});
  return ArrayComparer(*left, *right).Compare(0, 0);
}

TEST(ArrayInternalTest, DepthCountsNestedLists) {
  EXPECT_EQ(ArrayDepth(DataType::Int32()), 0);
  EXPECT_EQ(ArrayDepth(DataType::List(DataType::Int32())), 1);
  EXPECT_EQ(ArrayDepth(DataType::List(DataType::List(DataType::String()))), 2);
}

TEST(ArrayInternalTest, ShapesFollowTheFirstSubArray) {
  EXPECT_EQ(Shape(Ints("{1,2,3}")), (std::vector<int64_t>{3}));
  EXPECT_EQ(Shape(Ints("{{1,2,3},{4,5,6}}")), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(Shape(Ints("{{{1},{2}}}")), (std::vector<int64_t>{1, 2, 1}));
  // Empty arrays have no dimensions, {{}} included.
  EXPECT_TRUE(Shape(Ints("{}")).empty());
  EXPECT_TRUE(Shape(Ints("{{},{}}")).empty());
  // A NULL sub-array is skipped when looking for the inner length.
  EXPECT_EQ(Shape(Ints("{NULL,{1,2}}")), (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(Shape(Ints("{NULL}")), (std::vector<int64_t>{1}));
  EXPECT_TRUE(Shape(ArrayOf(DataType::List(DataType::Int32()),
                            {Value::Null(DataType::List(DataType::Int32()))}))
                  .empty());
}

TEST(ArrayInternalTest, FlatElementsWalkStorageOrderAndRespectOffsets) {
  const ArrayPtr flat =
      MakeSlicedArray(Ints("{}").type(), {Ints("{1,NULL}"), Ints("{}")}, Ints("{7,8,9}"));
  EXPECT_EQ(Flat(flat, 0), (std::vector<std::string>{"1", "NULL"}));
  EXPECT_TRUE(Flat(flat, 1).empty());
  const Value two_d = Ints("{{1,2},{3,4}}");
  const ArrayPtr nested =
      MakeSlicedArray(two_d.type(), {two_d, Ints("{NULL,{5}}")}, Ints("{{8,9}}"));
  EXPECT_EQ(Flat(nested, 0), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(Flat(nested, 1), (std::vector<std::string>{"5"}));
}

TEST(ArrayInternalTest, ElementsOrderNullsLastAndEqual) {
  const ArrayPtr values =
      MakeArray(DataType::Int32(), {Int32(1), Int32(2), Value::Null(DataType::Int32())});
  EXPECT_LT(CompareElements(*values, 0, *values, 1), 0);
  EXPECT_GT(CompareElements(*values, 2, *values, 1), 0);
  EXPECT_EQ(CompareElements(*values, 2, *values, 2), 0);
  const ArrayPtr floats = MakeArray(DataType::Float64(), {Float64(NAN), Float64(1e300)});
  EXPECT_GT(CompareElements(*floats, 0, *floats, 1), 0);
  EXPECT_EQ(CompareElements(*floats, 0, *floats, 0), 0);
  // Sub-arrays compare as arrays.
  const ArrayPtr lists = MakeArray(Ints("{}").type(), {Ints("{1,2}"), Ints("{1,2,0}")});
  EXPECT_LT(CompareElements(*lists, 0, *lists, 1), 0);
  EXPECT_EQ(CompareElements(*lists, 1, *lists, 1), 0);
}

TEST(ArrayInternalTest, ArraysOrderAsPostgreSqlDoes) {
  EXPECT_LT(Order(Ints("{1,2}"), Ints("{1,2,3}")), 0);
  EXPECT_GT(Order(Ints("{1,NULL}"), Ints("{1,2}")), 0);
  EXPECT_EQ(Order(Ints("{NULL}"), Ints("{NULL}")), 0);
  EXPECT_LT(Order(Ints("{}"), Ints("{1}")), 0);
  EXPECT_GT(Order(Ints("{3}"), Ints("{1,2}")), 0);
  // Same elements: the dimensions decide ({{1,2}} < {{1},{2}} in PostgreSQL).
  EXPECT_LT(Order(Ints("{{1,2}}"), Ints("{{1},{2}}")), 0);
  EXPECT_EQ(Order(Ints("{{1,2},{3,4}}"), Ints("{{1,2},{3,4}}")), 0);
  EXPECT_LT(Order(Ints("{{1,2},{3,4}}"), Ints("{{1,3}}")), 0);
}

TEST(ArrayInternalTest, ErrorsCarryPostgreSqlCodes) {
  EXPECT_EQ(ArraySubscriptError("x").sqlstate(), "2202E");
  EXPECT_EQ(ArrayFeatureNotSupported("x").sqlstate(), "0A000");
  EXPECT_EQ(ArrayTooLarge().sqlstate(), "54000");
  EXPECT_EQ(ArrayTooLarge().message(), "array size exceeds the maximum allowed (134217727)");
}

}  // namespace
}  // namespace boyodb::functions::testing
