// generate_series as a set-returning function (one array per row): integer, bigint, numeric,
// timestamp and timestamptz overloads, steps in both directions, empty series, the ends of the
// integer ranges, month steps clamping from the day reached, daylight-saving changes in the
// session's time zone, NULL arguments, the zero-step error (22023), and the size limits (54000).
// Expected values come from PostgreSQL 15.
#include <gtest/gtest.h>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

Value Timestamp(std::string_view text) { return Value::Timestamp(*types::ParseTimestamp(text)); }
Value TimestampTz(std::string_view text) {
  return Value::TimestampTz(*types::ParseTimestamp(text));
}
Value Interval(int32_t months, int32_t days, int64_t micros) {
  return Value::Interval({months, days, micros * 1000});
}

TEST(GenerateSeriesTest, Integers) {
  EXPECT_EQ(Eval("generate_series", {Int32(1), Int32(3)}), "{1,2,3}");
  EXPECT_EQ(Eval("generate_series", {Int32(1), Int32(10), Int32(3)}), "{1,4,7,10}");
  EXPECT_EQ(Eval("generate_series", {Int32(10), Int32(1), Int32(-4)}), "{10,6,2}");
  EXPECT_EQ(Eval("generate_series", {Int32(5), Int32(1)}), "{}");
  EXPECT_EQ(Eval("generate_series", {Int32(1), Int32(5), Int32(-1)}), "{}");
  EXPECT_EQ(Eval("generate_series", {Int32(3), Int32(3)}), "{3}");
  EXPECT_EQ(Eval("generate_series", {Int32(2147483646), Int32(2147483647)}),
            "{2147483646,2147483647}");
  EXPECT_EQ(Eval("generate_series", {Int32(-2147483647), Int32(-2147483647 - 1), Int32(-1)}),
            "{-2147483647,-2147483648}");
  EXPECT_EQ(Eval("generate_series", {Int64(9223372036854775806), Int64(9223372036854775807)}),
            "{9223372036854775806,9223372036854775807}");
  EXPECT_EQ(Eval("generate_series",
                 {Int64(-9223372036854775807), Int64(-9223372036854775807 - 1), Int64(-1)}),
            "{-9223372036854775807,-9223372036854775808}");
  EXPECT_EQ(Eval("generate_series", {Int32(1), Value::Null(DataType::Int32())}), "NULL");
  EXPECT_EQ(Eval("generate_series", {Int32(1), Int32(3), Value::Null(DataType::Int32())}), "NULL");
}

TEST(GenerateSeriesTest, ZeroStepIsAnError) {
  EXPECT_EQ(Eval("generate_series", {Int32(1), Int32(3), Int32(0)}),
            "ERROR 22023: step size cannot equal zero");
  EXPECT_EQ(Eval("generate_series", {Int64(1), Int64(3), Int64(0)}),
            "ERROR 22023: step size cannot equal zero");
  EXPECT_EQ(Eval("generate_series", {Decimal("1"), Decimal("3"), Decimal("0.0")}),
            "ERROR 22023: step size cannot equal zero");
  EXPECT_EQ(Eval("generate_series", {Timestamp("2024-01-01 00:00:00"),
                                     Timestamp("2024-01-03 00:00:00"), Interval(0, 0, 0)}),
            "ERROR 22023: step size cannot equal zero");
  // A month counts 30 days when intervals are compared, so this step is zero too.
  EXPECT_EQ(Eval("generate_series", {Timestamp("2024-01-01 00:00:00"),
                                     Timestamp("2024-01-03 00:00:00"), Interval(1, -30, 0)}),
            "ERROR 22023: step size cannot equal zero");
  EXPECT_EQ(
      Eval("generate_series", {TimestampTz("2024-01-01 00:00:00"),
                               TimestampTz("2024-01-03 00:00:00"), Interval(0, 1, -86400000000)}),
      "ERROR 22023: step size cannot equal zero");
}

TEST(GenerateSeriesTest, Numerics) {
  EXPECT_EQ(Eval("generate_series", {Decimal("0.5"), Decimal("2.25")}), "{0.5,1.5}");
  EXPECT_EQ(Eval("generate_series", {Decimal("1.0"), Decimal("2"), Decimal("0.5")}),
            "{1.0,1.5,2.0}");
  EXPECT_EQ(Eval("generate_series", {Decimal("-1.0"), Decimal("-3.5"), Decimal("-1.0")}),
            "{-1.0,-2.0,-3.0}");
  EXPECT_EQ(Eval("generate_series", {Decimal("1.123"), Decimal("2"), Decimal("0.5")}),
            "{1.123,1.623}");
  // PostgreSQL shows the first value with start's own scale (1.5); BoyoDB's DECIMAL has one.
  EXPECT_EQ(Eval("generate_series", {Decimal("1.5"), Decimal("3.25"), Decimal("0.75")}),
            "{1.50,2.25,3.00}");
  EXPECT_EQ(Eval("generate_series", {Decimal("3"), Decimal("1")}), "{}");
  EXPECT_EQ(ResultType("generate_series", {DataType::Decimal(10, 1), DataType::Decimal(10, 3),
                                           DataType::Decimal(10, 2)}),
            DataType::List(DataType::Decimal(38, 2)));
}

TEST(GenerateSeriesTest, Timestamps) {
  EXPECT_EQ(Eval("generate_series", {Timestamp("2024-01-01 00:00:00"),
                                     Timestamp("2024-01-03 00:00:00"), Interval(0, 1, 0)}),
            "{\"2024-01-01 00:00:00\",\"2024-01-02 00:00:00\",\"2024-01-03 00:00:00\"}");
  EXPECT_EQ(Eval("generate_series", {Timestamp("2024-01-03 00:00:00"),
                                     Timestamp("2024-01-01 00:00:00"), Interval(0, -1, 0)}),
            "{\"2024-01-03 00:00:00\",\"2024-01-02 00:00:00\",\"2024-01-01 00:00:00\"}");
  EXPECT_EQ(Eval("generate_series", {Timestamp("2024-01-31 00:00:00"),
                                     Timestamp("2024-05-01 00:00:00"), Interval(1, 0, 0)}),
            "{\"2024-01-31 00:00:00\",\"2024-02-29 00:00:00\",\"2024-03-29 00:00:00\","
            "\"2024-04-29 00:00:00\"}");
  EXPECT_EQ(Eval("generate_series", {Timestamp("2024-01-03 00:00:00"),
                                     Timestamp("2024-01-01 00:00:00"), Interval(0, 1, 0)}),
            "{}");
}

TEST(GenerateSeriesTest, TimestampTzStepsDaysInTheSessionZone) {
  sql::EvalContext paris;
  paris.time_zone = "Europe/Paris";
  // 2024-03-30 12:00+01 to 2024-04-01 00:00+02; a day later is 12:00+02 (23 hours later).
  const Value start = TimestampTz("2024-03-30 11:00:00");
  const Value stop = TimestampTz("2024-03-31 22:00:00");
  const Result<Value> days = CallValues("generate_series", {start, stop, Interval(0, 1, 0)}, paris);
  ASSERT_TRUE(days.ok()) << days.status().ToString();
  ASSERT_EQ(days->children().size(), 2u);
  EXPECT_EQ(AsText(days->children()[1], paris), "2024-03-31 12:00:00+02");
  const Result<Value> hours = CallValues(
      "generate_series",
      {start, TimestampTz("2024-03-31 10:00:00"), Interval(0, 0, 12 * 3600 * 1000000LL)}, paris);
  ASSERT_TRUE(hours.ok()) << hours.status().ToString();
  ASSERT_EQ(hours->children().size(), 2u);
  EXPECT_EQ(AsText(hours->children()[1], paris), "2024-03-31 00:00:00+01");
  EXPECT_EQ(Eval("generate_series", {start, stop, Interval(0, 1, 0)}),
            "{\"2024-03-30 11:00:00+00\",\"2024-03-31 11:00:00+00\"}");
}

TEST(GenerateSeriesTest, SeriesAreLimited) {
  EXPECT_EQ(Eval("generate_series", {Int64(1), Int64(100'000'001)}),
            "ERROR 54000: generate_series result size exceeds the maximum allowed (100000000 "
            "values)");
  EXPECT_EQ(Eval("generate_series", {Int32(-2147483647 - 1), Int32(2147483647)}),
            "ERROR 54000: generate_series result size exceeds the maximum allowed (100000000 "
            "values)");
  EXPECT_EQ(Eval("generate_series", {Timestamp("2000-01-01 00:00:00"),
                                     Timestamp("2300-01-01 00:00:00"), Interval(0, 0, 1)}),
            "ERROR 54000: generate_series result size exceeds the maximum allowed (100000000 "
            "values)");
  EXPECT_EQ(Eval("generate_series", {Decimal("0"), Decimal("1000000000", 38), Decimal("0.5")}),
            "ERROR 54000: generate_series result size exceeds the maximum allowed (100000000 "
            "values)");
}

TEST(GenerateSeriesTest, RowsOfABatchOverSlicedArrays) {
  const ArrayPtr starts = MakeSlicedArray(
      DataType::Int32(), {Int32(1), Int32(5), Value::Null(DataType::Int32()), Int32(0)}, Int32(7));
  const ArrayPtr stops =
      MakeSlicedArray(DataType::Int32(), {Int32(3), Int32(1), Int32(2), Int32(0)}, Int32(-7));
  const Result<ArrayPtr> series = Call("generate_series", {starts, stops});
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  EXPECT_EQ(ShowAll(**series), (std::vector<std::string>{"{1,2,3}", "{}", "NULL", "{0}"}));
}

TEST(GenerateSeriesTest, OverloadsReturnSets) {
  const sql::ScalarFunction* function = FunctionRegistry::Builtins().FindScalar("generate_series");
  ASSERT_NE(function, nullptr);
  for (const sql::ScalarOverload& overload : function->overloads) {
    EXPECT_TRUE(overload.returns_set);
    EXPECT_EQ(overload.result.id(), types::TypeId::kList);
  }
  EXPECT_EQ(ResultType("generate_series", {DataType::Int64(), DataType::Int64()}),
            DataType::List(DataType::Int64()));
  EXPECT_EQ(ResultType("generate_series",
                       {DataType::TimestampTz(), DataType::TimestampTz(), DataType::Interval()}),
            DataType::List(DataType::TimestampTz()));
}

}  // namespace
}  // namespace boyodb::functions::testing
