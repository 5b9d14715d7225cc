// age(a, b) and age(a): the difference of two timestamps in years, months and days of the
// calendar (PostgreSQL's timestamp_age), borrowing from the month that precedes the later
// value's month. age(x) counts from midnight of the current date. TIMESTAMPTZ values are
// compared as wall-clock times in the session's time zone.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include "functions/builtin_families_internal.h"
#include "functions/datetime/calendar.h"
#include "functions/datetime/time_zone.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::IntervalValue;
using types::kMicrosPerDay;
using types::kMicrosPerSecond;

Result<IntervalValue> Age(int64_t first, int64_t second) {
  // No interval reaches an infinite timestamp (PostgreSQL 15 answers with a meaningless one).
  if (!types::IsFiniteTimestamp(first) || !types::IsFiniteTimestamp(second)) {
    return IntervalOutOfRange();
  }
  const TimestampFields a = SplitTimestamp(first), b = SplitTimestamp(second);
  int64_t micros = a.micros - b.micros, seconds = a.second - b.second,
          minutes = a.minute - b.minute, hours = a.hour - b.hour, days = a.day - b.day,
          months = a.month - b.month, years = a.year - b.year;
  const bool negative = first < second;
  // Work on the positive difference, then restore the sign (PostgreSQL's steps).
  const auto flip = [&] {
    micros = -micros;
    seconds = -seconds;
    minutes = -minutes;
    hours = -hours;
    days = -days;
    months = -months;
    years = -years;
  };
  if (negative) flip();
  while (micros < 0) {
    micros += kMicrosPerSecond;
    --seconds;
  }
  while (seconds < 0) {
    seconds += 60;
    --minutes;
  }
  while (minutes < 0) {
    minutes += 60;
    --hours;
  }
  while (hours < 0) {
    hours += 24;
    --days;
  }
  const TimestampFields& later = negative ? a : b;
  while (days < 0) {
    days += DaysInMonth(later.year, later.month);
    --months;
  }
  while (months < 0) {
    months += 12;
    --years;
  }
  if (negative) flip();
  return MakeIntervalValue(years * 12 + months, days,
                           ((hours * 60 + minutes) * 60 + seconds) * kMicrosPerSecond + micros);
}

}  // namespace

void RegisterAgeFunctions(FunctionRegistry& registry) {
  const DataType timestamp = DataType::Timestamp(), timestamptz = DataType::TimestampTz(),
                 interval = DataType::Interval();
  const auto plain = RowKernel<IntervalValue, int64_t, int64_t>(
      interval, [](int64_t a, int64_t b, IntervalValue* out) -> Status {
        BOYO_ASSIGN_OR_RETURN(*out, Age(a, b));
        return Status::OK();
      });
  const sql::ScalarKernel zoned =
      [](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
         const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(context.time_zone));
    return MapRows<IntervalValue, int64_t, int64_t>(
        args, num_rows, DataType::Interval(),
        [&](int64_t a, int64_t b, IntervalValue* out) -> Status {
          BOYO_ASSIGN_OR_RETURN(*out, Age(zone.ToLocalMicros(a), zone.ToLocalMicros(b)));
          return Status::OK();
        });
  };
  const auto since_today = [](bool zoned_input) -> sql::ScalarKernel {
    return [zoned_input](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                         const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
      BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(context.time_zone));
      const int64_t today =
          DayOf(zone.ToLocalMicros(context.statement_time_micros)) * kMicrosPerDay;
      return MapRows<IntervalValue, int64_t>(
          args, num_rows, DataType::Interval(), [&](int64_t value, IntervalValue* out) -> Status {
            BOYO_ASSIGN_OR_RETURN(*out,
                                  Age(today, zoned_input ? zone.ToLocalMicros(value) : value));
            return Status::OK();
          });
    };
  };
  registry.AddScalar(
      {"age",
       {Overload({timestamp, timestamp}, interval, plain),
        Overload({timestamptz, timestamptz}, interval, zoned, sql::Volatility::kStable),
        Overload({timestamp}, interval, since_today(false), sql::Volatility::kStable),
        Overload({timestamptz}, interval, since_today(true), sql::Volatility::kStable)}});
}

}  // namespace boyodb::functions
