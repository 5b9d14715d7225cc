// bit_and, bit_or and bit_xor: per-group results of each integer width, groups without input
// (NULL), merging partial states, and the registered result types.
#include "functions/aggregate/bitwise_aggregates.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "columnar/builder.h"
#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

std::shared_ptr<const sql::AggregateFunction> Make(std::string_view name, const DataType& type) {
  const sql::AggregateFunctionSet* set = FunctionRegistry::Builtins().FindAggregate(name);
  EXPECT_NE(set, nullptr);
  for (const sql::AggregateOverload& overload : set->overloads) {
    if (overload.parameters[0] == type) {
      const DataType args[] = {type};
      EXPECT_EQ(overload.result, type);
      Result<std::shared_ptr<const sql::AggregateFunction>> made = overload.make(args);
      EXPECT_TRUE(made.ok());
      return *made;
    }
  }
  ADD_FAILURE() << "no overload of " << name << " for " << type.ToString();
  return nullptr;
}

// Aggregates `values` into one state (or none, for an empty input) and shows the result.
std::string Aggregate(std::string_view name, const DataType& type,
                      const std::vector<Value>& values) {
  const std::shared_ptr<const sql::AggregateFunction> function = Make(name, type);
  alignas(16) uint8_t state[32];
  function->Init(state);
  std::vector<uint8_t*> states(values.size(), state);
  const ArrayPtr input = MakeArray(type, values);
  const ArrayPtr args[] = {input};
  EXPECT_TRUE(function->Update(states.data(), args, static_cast<int64_t>(values.size())).ok());
  std::unique_ptr<columnar::ArrayBuilder> out = columnar::MakeBuilder(type);
  const uint8_t* finals[] = {state};
  EXPECT_TRUE(function->Finalize(finals, 1, out.get()).ok());
  function->Destroy(state);
  return ShowAll(*out->Finish())[0];
}

TEST(BitwiseAggregatesTest, CombinesEveryWidth) {
  EXPECT_EQ(Aggregate("bit_and", DataType::Int16(), {Int16(12), Int16(10)}), "8");
  EXPECT_EQ(Aggregate("bit_or", DataType::Int32(), {Int32(12), Int32(10)}), "14");
  EXPECT_EQ(Aggregate("bit_xor", DataType::Int64(), {Int64(12), Int64(10), Int64(1)}), "7");
  EXPECT_EQ(Aggregate("bit_and", DataType::Int64(), {Int64(-1), Int64(INT64_MAX)}),
            "9223372036854775807");
  EXPECT_EQ(Aggregate("bit_xor", DataType::Int16(), {Int16(-1)}), "-1");
}

TEST(BitwiseAggregatesTest, NoInputIsNull) {
  EXPECT_EQ(Aggregate("bit_and", DataType::Int32(), {}), "NULL");
  EXPECT_EQ(Aggregate("bit_or", DataType::Int16(), {}), "NULL");
}

TEST(BitwiseAggregatesTest, MergeSkipsEmptyStates) {
  const std::shared_ptr<const sql::AggregateFunction> function = Make("bit_or", DataType::Int32());
  alignas(16) uint8_t left[32];
  alignas(16) uint8_t right[32];
  alignas(16) uint8_t empty[32];
  function->Init(left);
  function->Init(right);
  function->Init(empty);
  const ArrayPtr a = MakeArray(DataType::Int32(), {Int32(1)});
  const ArrayPtr b = MakeArray(DataType::Int32(), {Int32(4)});
  uint8_t* left_states[] = {left};
  uint8_t* right_states[] = {right};
  const ArrayPtr a_args[] = {a};
  const ArrayPtr b_args[] = {b};
  ASSERT_TRUE(function->Update(left_states, a_args, 1).ok());
  ASSERT_TRUE(function->Update(right_states, b_args, 1).ok());
  ASSERT_TRUE(function->Merge(left, right).ok());
  ASSERT_TRUE(function->Merge(left, empty).ok());
  ASSERT_TRUE(function->Merge(empty, right).ok());
  std::unique_ptr<columnar::ArrayBuilder> out = columnar::MakeBuilder(DataType::Int32());
  const uint8_t* finals[] = {left, empty};
  ASSERT_TRUE(function->Finalize(finals, 2, out.get()).ok());
  EXPECT_EQ(ShowAll(*out->Finish()), (std::vector<std::string>{"5", "4"}));
}

}  // namespace
}  // namespace boyodb::functions::testing
