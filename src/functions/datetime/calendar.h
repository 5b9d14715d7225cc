// Calendar arithmetic shared by the date/time functions: the ranges PostgreSQL allows, the
// errors it raises at their edges, broken-down timestamps (PostgreSQL's struct pg_tm), ISO
// weeks, and adding an interval to a timestamp with month-end clamping.
// Thread safety: pure functions.
#pragma once

#include <cstdint>

#include "common/result.h"
#include "common/status.h"
#include "types/datetime.h"

namespace boyodb::functions {

inline constexpr int64_t kMicrosPerMinute = 60 * types::kMicrosPerSecond;
inline constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
inline constexpr int32_t kDaysPerMonth = 30;  // PostgreSQL's DAYS_PER_MONTH

// PostgreSQL's ranges, counted from 1970-01-01: dates from 4714-11-24 BC (Julian day 0) up to
// but excluding 5874898-01-01; timestamps from 4714-11-24 BC up to what int64 microseconds hold.
inline constexpr int64_t kMinDate = -2440588;
inline constexpr int64_t kEndDate = 2145042906;
inline constexpr int64_t kMinTimestamp = kMinDate * types::kMicrosPerDay;

/// 22008 "date out of range".
Status DateOutOfRange();
/// 22008 "timestamp out of range".
Status TimestampOutOfRange();
/// 22008 "interval out of range".
Status IntervalOutOfRange();

inline bool IsValidDate(int64_t days) { return days >= kMinDate && days < kEndDate; }
inline bool IsValidTimestamp(int64_t micros) { return micros >= kMinTimestamp; }

/// A timestamp broken into fields; `year` is astronomical (0 is 1 BC), as in PostgreSQL's tm.
struct TimestampFields {
  int64_t year = 1970;
  int month = 1;   // 1..12
  int day = 1;     // 1..31
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  int second = 0;  // 0..59
  int micros = 0;  // 0..999999
};

/// The day (since 1970-01-01) holding the timestamp `micros`, rounding down before 1970.
int64_t DayOf(int64_t micros);

TimestampFields SplitTimestamp(int64_t micros);
/// 22008 "timestamp out of range" when the fields are outside the timestamp range.
Result<int64_t> JoinTimestamp(const TimestampFields& fields);

bool IsLeapYear(int64_t year);
int DaysInMonth(int64_t year, int month);
/// 0 = Sunday .. 6 = Saturday.
int DayOfWeek(int64_t days);
/// The ISO 8601 week number (1..53) and the ISO year it belongs to.
int IsoWeek(int64_t days);
int64_t IsoYear(int64_t days);
/// The Monday starting ISO week 1 of `iso_year`.
int64_t IsoYearStart(int64_t iso_year);

/// Microseconds of an interval (its nanoseconds / 1000).
inline int64_t IntervalMicros(const types::IntervalValue& interval) {
  return interval.nanos / 1000;
}
/// An interval from months, days and microseconds; 22008 "interval out of range" when the
/// microseconds do not fit the nanosecond field.
Result<types::IntervalValue> MakeIntervalValue(int64_t months, int64_t days, int64_t micros);

/// timestamp + interval as PostgreSQL adds them: months first (clamping the day to the month's
/// length), then days, then the time. 22008 "timestamp out of range" on overflow.
Result<int64_t> AddIntervalToTimestamp(int64_t micros, const types::IntervalValue& interval);
/// The same for a negated interval.
Result<int64_t> SubtractIntervalFromTimestamp(int64_t micros, const types::IntervalValue& interval);
/// A date's midnight as a timestamp; 22008 "date out of range for timestamp".
Result<int64_t> DateToTimestamp(int32_t days);

}  // namespace boyodb::functions
