// Interval text in PostgreSQL's postgres style, both ways; expected values come from
// PostgreSQL 15.
#include "functions/datetime/interval_text.h"

#include <gtest/gtest.h>

namespace boyodb::functions {
namespace {

std::string Format(int32_t months, int32_t days, int64_t micros) {
  return types::FormatInterval({months, days, micros * 1000});
}

std::string Reformat(std::string_view text) {
  const Result<types::IntervalValue> parsed = ParseInterval(text);
  if (!parsed.ok()) {
    return "ERROR " + std::string(parsed.status().sqlstate()) + ": " +
           std::string(parsed.status().message());
  }
  return types::FormatInterval(*parsed);
}

constexpr int64_t kHour = 3'600'000'000;

TEST(IntervalTextTest, FormatsLikePostgres) {
  EXPECT_EQ(Format(0, 0, 0), "00:00:00");
  EXPECT_EQ(Format(14, 3, 4 * kHour + 306'000'000), "1 year 2 mons 3 days 04:05:06");
  EXPECT_EQ(Format(0, -1, 0), "-1 days");
  EXPECT_EQ(Format(0, 1, -kHour), "1 day -01:00:00");
  EXPECT_EQ(Format(0, -1, kHour), "-1 days +01:00:00");
  EXPECT_EQ(Format(-14, 0, 0), "-1 years -2 mons");
  EXPECT_EQ(Format(0, 0, 100 * kHour), "100:00:00");
  EXPECT_EQ(Format(1, -1, 0), "1 mon -1 days");
  EXPECT_EQ(Format(0, 0, -1'500'000), "-00:00:01.5");
  EXPECT_EQ(Format(12, 0, 1), "1 year 00:00:00.000001");
}

TEST(IntervalTextTest, ParsesPostgresInput) {
  EXPECT_EQ(Reformat("1 year 2 mons 3 days 04:05:06"), "1 year 2 mons 3 days 04:05:06");
  EXPECT_EQ(Reformat("1.5 days"), "1 day 12:00:00");
  EXPECT_EQ(Reformat("2 hours 30 minutes"), "02:30:00");
  EXPECT_EQ(Reformat("1 day ago"), "-1 days");
  EXPECT_EQ(Reformat("10:00"), "10:00:00");
  EXPECT_EQ(Reformat("1:2:3"), "01:02:03");
  EXPECT_EQ(Reformat("@ 1 minute"), "00:01:00");
  EXPECT_EQ(Reformat(" 3 "), "00:00:03");
  EXPECT_EQ(Reformat("1.5 months"), "1 mon 15 days");
  EXPECT_EQ(Reformat("1 week"), "7 days");
  EXPECT_EQ(Reformat("-1:30"), "-01:30:00");
  EXPECT_EQ(Reformat("1 day -1:30"), "1 day -01:30:00");
  EXPECT_EQ(Reformat("1.5 years"), "1 year 6 mons");
  EXPECT_EQ(Reformat("0.5 mon"), "15 days");
  EXPECT_EQ(Reformat("1 day 1.5 hours"), "1 day 01:30:00");
  EXPECT_EQ(Reformat("2 decades"), "20 years");
  EXPECT_EQ(Reformat("1 century"), "100 years");
  EXPECT_EQ(Reformat("1 millennium"), "1000 years");
  EXPECT_EQ(Reformat("1 ms"), "00:00:00.001");
  EXPECT_EQ(Reformat("5 us"), "00:00:00.000005");
  EXPECT_EQ(Reformat("1 d 2 h 3 m 4 s"), "1 day 02:03:04");
  EXPECT_EQ(Reformat("1 mins"), "00:01:00");
  EXPECT_EQ(Reformat("1.2345678 sec"), "00:00:01.234568");
  EXPECT_EQ(Reformat("1 yr 2 mon"), "1 year 2 mons");
  EXPECT_EQ(Reformat("+1 day"), "1 day");
  EXPECT_EQ(Reformat("2DAYS"), "2 days");
  EXPECT_EQ(Reformat("P1Y2M3DT4H5M6S"), "1 year 2 mons 3 days 04:05:06");
}

TEST(IntervalTextTest, RejectsWhatPostgresRejects) {
  EXPECT_EQ(Reformat("abc"), "ERROR 22007: invalid input syntax for type interval: \"abc\"");
  EXPECT_EQ(Reformat("1 day 2 day"),
            "ERROR 22007: invalid input syntax for type interval: \"1 day 2 day\"");
  EXPECT_EQ(Reformat(""), "ERROR 22007: invalid input syntax for type interval: \"\"");
  EXPECT_EQ(Reformat("1 fortnight"),
            "ERROR 22007: invalid input syntax for type interval: \"1 fortnight\"");
  EXPECT_EQ(Reformat("99999999999 years"), "ERROR 22008: interval out of range");
}

}  // namespace
}  // namespace boyodb::functions
