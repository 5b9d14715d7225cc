#include "functions/datetime/calendar.h"

#include <string>

#include "common/sqlstate.h"
#include "functions/function_errors.h"

namespace boyodb::functions {

using types::kMicrosPerDay;
using types::kMicrosPerSecond;

Status DateOutOfRange() {
  return InvalidValue(sqlstate::kDatetimeFieldOverflow, "date out of range");
}

Status TimestampOutOfRange() {
  return InvalidValue(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
}

Status IntervalOutOfRange() {
  return InvalidValue(sqlstate::kDatetimeFieldOverflow, "interval out of range");
}

namespace {

// Floor division, so times before 1970 fall on the day that contains them.
int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t quotient = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient;
}

}  // namespace

int64_t DayOf(int64_t micros) { return FloorDiv(micros, kMicrosPerDay); }

TimestampFields SplitTimestamp(int64_t micros) {
  const int64_t days = DayOf(micros);
  int64_t time = micros - days * kMicrosPerDay;
  const types::CivilDate date = types::CivilFromDays(days);
  TimestampFields fields;
  fields.year = date.year;
  fields.month = date.month;
  fields.day = date.day;
  fields.hour = static_cast<int>(time / kMicrosPerHour);
  time -= fields.hour * kMicrosPerHour;
  fields.minute = static_cast<int>(time / kMicrosPerMinute);
  time -= fields.minute * kMicrosPerMinute;
  fields.second = static_cast<int>(time / kMicrosPerSecond);
  fields.micros = static_cast<int>(time - fields.second * kMicrosPerSecond);
  return fields;
}

Result<int64_t> JoinTimestamp(const TimestampFields& fields) {
  const int64_t days = types::DaysFromCivil(fields.year, fields.month, fields.day);
  if (!IsValidDate(days)) return TimestampOutOfRange();
  const int64_t time = fields.hour * kMicrosPerHour + fields.minute * kMicrosPerMinute +
                       fields.second * kMicrosPerSecond + fields.micros;
  int64_t result = 0;
  if (__builtin_mul_overflow(days, kMicrosPerDay, &result) ||
      __builtin_add_overflow(result, time, &result) || !IsValidTimestamp(result)) {
    return TimestampOutOfRange();
  }
  return result;
}

bool IsLeapYear(int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

int DayOfWeek(int64_t days) {
  // 1970-01-01 was a Thursday.
  return static_cast<int>(((days % 7) + 7 + 4) % 7);
}

int64_t IsoYearStart(int64_t iso_year) {
  // Week 1 is the week (Monday to Sunday) holding January 4th.
  const int64_t january_4 = types::DaysFromCivil(iso_year, 1, 4);
  return january_4 - (DayOfWeek(january_4) + 6) % 7;
}

int64_t IsoYear(int64_t days) {
  const int64_t year = types::CivilFromDays(days).year;
  if (days >= IsoYearStart(year + 1)) return year + 1;
  if (days < IsoYearStart(year)) return year - 1;
  return year;
}

int IsoWeek(int64_t days) { return static_cast<int>((days - IsoYearStart(IsoYear(days))) / 7 + 1); }

Result<types::IntervalValue> MakeIntervalValue(int64_t months, int64_t days, int64_t micros) {
  types::IntervalValue interval;
  if (months < INT32_MIN || months > INT32_MAX || days < INT32_MIN || days > INT32_MAX ||
      __builtin_mul_overflow(micros, int64_t{1000}, &interval.nanos)) {
    return IntervalOutOfRange();
  }
  interval.months = static_cast<int32_t>(months);
  interval.days = static_cast<int32_t>(days);
  return interval;
}

Result<int64_t> AddIntervalToTimestamp(int64_t micros, const types::IntervalValue& interval) {
  if (!types::IsFiniteTimestamp(micros)) return micros;  // infinity + anything is infinity
  if (interval.months != 0) {
    TimestampFields fields = SplitTimestamp(micros);
    const int64_t month_index = fields.year * 12 + (fields.month - 1) + interval.months;
    fields.year = FloorDiv(month_index, 12);
    fields.month = static_cast<int>(month_index - fields.year * 12) + 1;
    const int last_day = DaysInMonth(fields.year, fields.month);
    if (fields.day > last_day) fields.day = last_day;
    BOYO_ASSIGN_OR_RETURN(micros, JoinTimestamp(fields));
  }
  if (interval.days != 0) {
    int64_t shift = 0;
    if (__builtin_mul_overflow(int64_t{interval.days}, kMicrosPerDay, &shift) ||
        __builtin_add_overflow(micros, shift, &micros)) {
      return TimestampOutOfRange();
    }
    if (!IsValidTimestamp(micros)) return TimestampOutOfRange();
  }
  if (__builtin_add_overflow(micros, IntervalMicros(interval), &micros) ||
      !IsValidTimestamp(micros)) {
    return TimestampOutOfRange();
  }
  return micros;
}

Result<int64_t> SubtractIntervalFromTimestamp(int64_t micros,
                                              const types::IntervalValue& interval) {
  if (interval.months == INT32_MIN || interval.days == INT32_MIN || interval.nanos == INT64_MIN) {
    return IntervalOutOfRange();
  }
  return AddIntervalToTimestamp(micros, {-interval.months, -interval.days, -interval.nanos});
}

Result<int64_t> DateToTimestamp(int32_t days) {
  if (!types::IsFiniteDate(days)) {
    return days > 0 ? types::kTimestampInfinity : types::kTimestampMinusInfinity;
  }
  int64_t micros = 0;
  if (__builtin_mul_overflow(int64_t{days}, kMicrosPerDay, &micros) || !IsValidTimestamp(micros)) {
    return InvalidValue(sqlstate::kDatetimeFieldOverflow, "date out of range for timestamp");
  }
  return micros;
}

}  // namespace boyodb::functions
