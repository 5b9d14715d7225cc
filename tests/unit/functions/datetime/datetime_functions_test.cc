// Date/time kernels with PostgreSQL 15's results and errors: month-end clamping of interval
// arithmetic, leap years, negative intervals, extract fields at year boundaries (ISO weeks,
// dow/isodow), epoch of TIMESTAMPTZ, date_trunc to weeks and quarters, age, the statement
// time of now(), and the 22008/22023/0A000 errors.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "tests/unit/functions/function_test_util.h"
#include "types/datetime.h"

namespace boyodb::functions::testing {
namespace {

Value Parse(const DataType& type, const std::string& text) {
  Result<Value> value = CastValue(Text(text), type);
  EXPECT_TRUE(value.ok()) << value.status().ToString();
  return value.ok() ? *value : Value::Null(type);
}

Value Date(const std::string& text) { return Parse(DataType::Date(), text); }
Value Timestamp(const std::string& text) { return Parse(DataType::Timestamp(), text); }
Value TimestampTz(const std::string& text) { return Parse(DataType::TimestampTz(), text); }
Value Interval(const std::string& text) { return Parse(DataType::Interval(), text); }
Value Time(const std::string& text) { return Parse(DataType::Time(), text); }
/// A BC date, which the DATE text input does not read.
Value DateBc(int64_t year_bc, int month, int day) {
  return Value::Date(static_cast<int32_t>(types::DaysFromCivil(1 - year_bc, month, day)));
}

// The result through the TEXT cast (PostgreSQL's output function), or "ERROR ...".
std::string EvalText(std::string_view name, const std::vector<Value>& args) {
  Result<Value> value = CallValues(name, args);
  if (!value.ok()) return Eval(name, args);
  return AsText(*value);
}

TEST(DatetimeArithmeticTest, MonthStepsClampToTheMonthsLastDay) {
  EXPECT_EQ(Eval("+", {Date("2024-01-31"), Interval("1 month")}), "2024-02-29 00:00:00");
  EXPECT_EQ(Eval("+", {Date("2023-01-31"), Interval("1 month")}), "2023-02-28 00:00:00");
  EXPECT_EQ(Eval("+", {Date("2024-02-29"), Interval("1 year")}), "2025-02-28 00:00:00");
  EXPECT_EQ(Eval("-", {Date("2024-03-31"), Interval("1 month")}), "2024-02-29 00:00:00");
  EXPECT_EQ(Eval("+", {Timestamp("2024-01-31 10:00"), Interval("-13 months")}),
            "2022-12-31 10:00:00");
}

TEST(DatetimeArithmeticTest, DatesAndIntegers) {
  EXPECT_EQ(Eval("+", {Date("2024-02-28"), Int32(1)}), "2024-02-29");
  EXPECT_EQ(Eval("+", {Int32(1), Date("2023-02-28")}), "2023-03-01");
  EXPECT_EQ(Eval("-", {Date("2024-03-01"), Date("2024-01-01")}), "60");
  EXPECT_EQ(Eval("-", {Date("2024-01-01"), Int32(2147483647)}), "ERROR 22008: date out of range");
}

TEST(DatetimeArithmeticTest, TimestampDifferencesKeepDaysAndTime) {
  EXPECT_EQ(Eval("-", {Timestamp("2024-03-01 12:00"), Timestamp("2024-01-01")}),
            "60 days 12:00:00");
  EXPECT_EQ(Eval("-", {Timestamp("2024-01-01"), Timestamp("2024-03-01 12:00")}),
            "-60 days -12:00:00");
  EXPECT_EQ(Eval("-", {TimestampTz("2024-01-02 00:00+00"), TimestampTz("2024-01-01 06:30+00")}),
            "17:30:00");
}

TEST(DatetimeArithmeticTest, TimeWrapsAroundMidnight) {
  EXPECT_EQ(Eval("+", {Time("23:00"), Interval("2 hours")}), "01:00:00");
  EXPECT_EQ(Eval("-", {Time("01:00"), Interval("3 hours 30 minutes")}), "21:30:00");
}

TEST(IntervalArithmeticTest, NegationAndScaling) {
  EXPECT_EQ(EvalText("-", {Interval("1 year 2 days 03:00")}), "-1 years -2 days -03:00:00");
  EXPECT_EQ(Eval("*", {Interval("1 mon 1 day"), Float64(2.5)}), "2 mons 17 days 12:00:00");
  EXPECT_EQ(Eval("/", {Interval("1 mon"), Float64(3)}), "10 days");
  EXPECT_EQ(Eval("/", {Interval("1 day"), Float64(0)}), "ERROR 22012: division by zero");
  EXPECT_EQ(Eval("+", {Interval("2147483647 mons"), Interval("1 mon")}),
            "ERROR 22008: interval out of range");
}

TEST(IntervalArithmeticTest, Justify) {
  EXPECT_EQ(Eval("justify_days", {Interval("1 mon -40 days")}), "-10 days");
  EXPECT_EQ(Eval("justify_hours", {Interval("1 day -30 hours")}), "-06:00:00");
  EXPECT_EQ(Eval("justify_interval", {Interval("1 mon -1 hour")}), "29 days 23:00:00");
}

TEST(ExtractTest, IsoWeeksAtYearBoundaries) {
  EXPECT_EQ(Eval("date_part", {Text("week"), Date("2024-12-30")}), "1");
  EXPECT_EQ(Eval("date_part", {Text("isoyear"), Date("2024-12-30")}), "2025");
  EXPECT_EQ(Eval("date_part", {Text("week"), Date("2021-01-03")}), "53");
  EXPECT_EQ(Eval("date_part", {Text("isoyear"), Date("2021-01-03")}), "2020");
  EXPECT_EQ(Eval("date_part", {Text("dow"), Date("2021-01-03")}), "0");
  EXPECT_EQ(Eval("date_part", {Text("isodow"), Date("2021-01-03")}), "7");
  EXPECT_EQ(Eval("date_part", {Text("doy"), Date("2024-12-31")}), "366");
}

TEST(ExtractTest, NumericKeepsMicrosecondsAndEpochIsUtc) {
  EXPECT_EQ(Eval("extract", {Text("second"), Timestamp("2024-01-31 10:20:30.123456")}),
            "30.123456");
  EXPECT_EQ(Eval("extract", {Text("epoch"), TimestampTz("2024-01-01 02:00+02")}),
            "1704067200.000000");
  EXPECT_EQ(Eval("extract", {Text("year"), DateBc(44, 3, 15)}), "-44.000000");
  EXPECT_EQ(Eval("extract", {Text("century"), Date("2001-01-01")}), "21.000000");
}

TEST(ExtractTest, NegativeIntervalFields) {
  EXPECT_EQ(Eval("date_part", {Text("minute"), Interval("-65 minutes")}), "-5");
  EXPECT_EQ(Eval("date_part", {Text("hour"), Interval("-65 minutes")}), "-1");
  EXPECT_EQ(Eval("date_part", {Text("epoch"), Interval("1 year 1 mon")}), "34149600");
}

TEST(ExtractTest, UnknownAndUnsupportedUnits) {
  EXPECT_EQ(Eval("extract", {Text("hour"), Date("2024-01-01")}),
            "ERROR 0A000: unit \"hour\" not supported for type date");
  EXPECT_EQ(Eval("extract", {Text("Fortnight"), Timestamp("2024-01-01")}),
            "ERROR 22023: unit \"fortnight\" not recognized for type timestamp without time zone");
}

TEST(DateTruncTest, WeeksStartOnMondayAndQuarters) {
  EXPECT_EQ(Eval("date_trunc", {Text("week"), Timestamp("2023-12-31 23:00")}),
            "2023-12-25 00:00:00");
  EXPECT_EQ(Eval("date_trunc", {Text("week"), Timestamp("2024-01-01")}), "2024-01-01 00:00:00");
  EXPECT_EQ(Eval("date_trunc", {Text("quarter"), Timestamp("2024-08-15 10:00")}),
            "2024-07-01 00:00:00");
  EXPECT_EQ(Eval("date_trunc", {Text("century"), Timestamp("2000-06-01")}), "1901-01-01 00:00:00");
  EXPECT_EQ(Eval("date_trunc", {Text("month"), Interval("1 year 2 mons 3 days")}), "1 year 2 mons");
}

TEST(DateBinTest, SourcesBeforeTheOrigin) {
  EXPECT_EQ(Eval("date_bin",
                 {Interval("1 day"), Timestamp("2024-01-01 10:38"), Timestamp("2024-01-05 06:00")}),
            "2024-01-01 06:00:00");
  EXPECT_EQ(
      Eval("date_bin", {Interval("1 month"), Timestamp("2024-01-01"), Timestamp("2000-01-01")}),
      "ERROR 0A000: timestamps cannot be binned into intervals containing months or years");
}

TEST(AgeTest, BorrowsFromTheMonthBefore) {
  EXPECT_EQ(Eval("age", {Timestamp("2024-03-31"), Timestamp("2024-01-31 12:00")}),
            "1 mon 30 days 12:00:00");
  EXPECT_EQ(Eval("age", {Timestamp("2001-04-10"), Timestamp("1957-06-13")}),
            "43 years 9 mons 27 days");
}

TEST(ConstructorTest, ValidatesFields) {
  EXPECT_EQ(Eval("make_date", {Int32(-44), Int32(3), Int32(15)}), "0044-03-15 BC");
  EXPECT_EQ(Eval("make_date", {Int32(2023), Int32(2), Int32(29)}),
            "ERROR 22008: date field value out of range: 2023-02-29");
  EXPECT_EQ(Eval("make_time", {Int32(10), Int32(60), Float64(0)}),
            "ERROR 22008: time field value out of range: 10:60:00");
  EXPECT_EQ(Eval("make_interval",
                 {Int32(0), Int32(0), Int32(1), Int32(2), Int32(3), Int32(4), Float64(5.5)}),
            "9 days 03:04:05.5");
}

TEST(ToCharTest, PaddingAndFillMode) {
  EXPECT_EQ(Eval("to_char", {Timestamp("2024-01-05 13:04:09.5"),
                             Text("YYYY-MM-DD HH12:MI:SS.MS PM Month|Day|")}),
            "2024-01-05 01:04:09.500 PM January  |Friday   |");
  EXPECT_EQ(Eval("to_char", {Timestamp("2024-01-05 00:30"), Text("FMMonth FMDD FMHH12 \"at\" Dy")}),
            "January 5 12 at Fri");
  EXPECT_EQ(Eval("to_char", {Interval("-3 days -05:06:07"), Text("DD HH24 MI SS HH")}),
            "-3 -05 -06 -07 -05");
  EXPECT_EQ(Eval("to_char", {Interval("1 day"), Text("Mon")}),
            "ERROR 22007: invalid format specification for an interval value");
}

TEST(CurrentTimeTest, NowIsTheStatementTime) {
  sql::EvalContext context;
  context.statement_time_micros = 1706696430500000;  // 2024-01-31 10:20:30.5 UTC
  EXPECT_EQ(Eval("now", {}, context), "2024-01-31 10:20:30.5+00");
  EXPECT_EQ(Eval("current_date", {}, context), "2024-01-31");
  EXPECT_EQ(Eval("localtime", {}, context), "10:20:30.5");
  context.time_zone = "Asia/Tokyo";
  EXPECT_EQ(Eval("localtimestamp", {}, context), "2024-01-31 19:20:30.5");
}

TEST(ToTimestampTest, EveryCutOfTextAndTemplateGivesAValueOrAnError) {
  // Each prefix of the text against each prefix of the template, and the reverse: the reader
  // must stop cleanly wherever either ends, and any error must be PostgreSQL's 22007/22008.
  const std::string text = "Fri 05 January 2024 1,234 03:04:05.123456 PM -05:30 B.C. 2460000";
  const std::string pattern =
      "Dy DD Month YYYY Y,YYY HH12:MI:SS.US P.M. TZH:TZM B.C. J\"q\"FMDDD SSSS";
  for (size_t t = 0; t <= text.size(); ++t) {
    for (size_t p = 0; p <= pattern.size(); p += 3) {
      for (const char* function : {"to_date", "to_timestamp"}) {
        Result<Value> value =
            CallValues(function, {Text(text.substr(0, t)), Text(pattern.substr(0, p))});
        if (value.ok()) continue;
        const std::string_view code = value.status().sqlstate();
        EXPECT_TRUE(code == "22007" || code == "22008")
            << function << "('" << text.substr(0, t) << "', '" << pattern.substr(0, p)
            << "'): " << value.status().ToString();
      }
    }
  }
}

TEST(ToTimestampTest, ReadsWhatToCharWrites) {
  EXPECT_EQ(EvalText("to_date", {Text("05 Jan 2024"), Text("DD Mon YYYY")}), "2024-01-05");
  EXPECT_EQ(EvalText("to_timestamp",
                     {Text("2024-01-05 3:04:05.5 PM"), Text("YYYY-MM-DD HH:MI:SS.MS AM")}),
            "2024-01-05 15:04:05.5+00");
  EXPECT_EQ(EvalText("to_date", {Text("95-03-04"), Text("YY-MM-DD")}), "1995-03-04");
  EXPECT_EQ(EvalText("to_date", {Text("2024-13-01"), Text("YYYY-MM-DD")}).substr(0, 11),
            "ERROR 22008");
}

}  // namespace
}  // namespace boyodb::functions::testing
