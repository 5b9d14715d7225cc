// The + and - operators between DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTEGER and INTERVAL, with
// PostgreSQL's result types and range errors (22008). TIMESTAMPTZ steps months and days in the
// session's time zone, so '1 day' crosses a daylight-saving change as a calendar day does.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/datetime/calendar.h"
#include "functions/datetime/time_zone.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::IntervalValue;
using types::kMicrosPerDay;

Status AddDays(int32_t date, int64_t days, int32_t* out) {
  if (!types::IsFiniteDate(date)) {
    *out = date;  // infinity + n is infinity
    return Status::OK();
  }
  const int64_t result = int64_t{date} + days;
  if (!IsValidDate(result)) return DateOutOfRange();
  *out = static_cast<int32_t>(result);
  return Status::OK();
}

// TIME wraps around midnight, as PostgreSQL's time + interval does.
int64_t WrapTime(int64_t micros) {
  micros %= kMicrosPerDay;
  return micros < 0 ? micros + kMicrosPerDay : micros;
}

// timestamp - timestamp: the difference in microseconds, whole days moved to the day field
// (PostgreSQL's interval_justify_hours of the difference).
Status Difference(int64_t a, int64_t b, IntervalValue* out) {
  if (!types::IsFiniteTimestamp(a) || !types::IsFiniteTimestamp(b)) {
    return InvalidValue(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite timestamps");
  }
  int64_t micros = 0;
  if (__builtin_sub_overflow(a, b, &micros)) return IntervalOutOfRange();
  int64_t days = micros / kMicrosPerDay;
  micros -= days * kMicrosPerDay;
  BOYO_ASSIGN_OR_RETURN(*out, MakeIntervalValue(0, days, micros));
  return Status::OK();
}

Result<int64_t> StepTimestamp(int64_t micros, const IntervalValue& interval, int sign) {
  return sign > 0 ? AddIntervalToTimestamp(micros, interval)
                  : SubtractIntervalFromTimestamp(micros, interval);
}

// Adds (sign 1) or subtracts (sign -1) an interval to a TIMESTAMPTZ in the session's zone.
sql::ScalarKernel ZonedIntervalKernel(int sign) {
  return [sign](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(context.time_zone));
    return MapRows<int64_t, int64_t, IntervalValue>(
        args, num_rows, DataType::TimestampTz(),
        [&](int64_t micros, IntervalValue interval, int64_t* out) -> Status {
          if ((interval.months == 0 && interval.days == 0) || !types::IsFiniteTimestamp(micros)) {
            // Pure time steps need no calendar, so no zone lookup either.
            BOYO_ASSIGN_OR_RETURN(*out, StepTimestamp(micros, interval, sign));
            return Status::OK();
          }
          const IntervalValue calendar{interval.months, interval.days, 0};
          const IntervalValue clock{0, 0, interval.nanos};
          BOYO_ASSIGN_OR_RETURN(const int64_t local,
                                StepTimestamp(zone.ToLocalMicros(micros), calendar, sign));
          BOYO_ASSIGN_OR_RETURN(*out, StepTimestamp(zone.ToUtcMicros(local), clock, sign));
          return Status::OK();
        });
  };
}

// The kernel of a commutator: `kernel` with its two arguments swapped (integer + date).
sql::ScalarKernel Swapped(sql::ScalarKernel kernel) {
  return [kernel = std::move(kernel)](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                      const sql::EvalContext& context) {
    const columnar::ArrayPtr swapped[] = {args[1], args[0]};
    return kernel(swapped, num_rows, context);
  };
}

// date +/- interval and timestamp +/- interval, both giving TIMESTAMP.
sql::ScalarKernel DateIntervalKernel(int sign) {
  return RowKernel<int64_t, int32_t, IntervalValue>(
      DataType::Timestamp(), [sign](int32_t date, IntervalValue interval, int64_t* out) -> Status {
        BOYO_ASSIGN_OR_RETURN(const int64_t start, DateToTimestamp(date));
        BOYO_ASSIGN_OR_RETURN(*out, StepTimestamp(start, interval, sign));
        return Status::OK();
      });
}

sql::ScalarKernel TimestampIntervalKernel(int sign) {
  return RowKernel<int64_t, int64_t, IntervalValue>(
      DataType::Timestamp(),
      [sign](int64_t micros, IntervalValue interval, int64_t* out) -> Status {
        BOYO_ASSIGN_OR_RETURN(*out, StepTimestamp(micros, interval, sign));
        return Status::OK();
      });
}

// time +/- interval: only the interval's time of day counts, and the result wraps.
sql::ScalarKernel TimeIntervalKernel(int sign) {
  return BinaryKernel<int64_t, IntervalValue, int64_t>(
      DataType::Time(), [sign](int64_t time, IntervalValue interval) {
        return WrapTime(time + sign * (IntervalMicros(interval) % kMicrosPerDay));
      });
}

void RegisterPlus(FunctionRegistry& registry) {
  const DataType date = DataType::Date(), integer = DataType::Int32(),
                 interval = DataType::Interval(), time = DataType::Time(),
                 timestamp = DataType::Timestamp(), timestamptz = DataType::TimestampTz();
  const auto date_plus_days = RowKernel<int32_t, int32_t, int32_t>(
      date, [](int32_t d, int32_t days, int32_t* out) { return AddDays(d, days, out); });
  const auto date_plus_time = RowKernel<int64_t, int32_t, int64_t>(
      timestamp, [](int32_t d, int64_t t, int64_t* out) -> Status {
        BOYO_ASSIGN_OR_RETURN(const int64_t start, DateToTimestamp(d));
        if (!types::IsFiniteTimestamp(start)) {
          *out = start;
          return Status::OK();
        }
        if (__builtin_add_overflow(start, t, out)) return TimestampOutOfRange();
        return Status::OK();
      });
  const sql::ScalarKernel zoned = ZonedIntervalKernel(1);
  constexpr sql::Volatility kStable = sql::Volatility::kStable;
  registry.AddScalar(
      {"+",
       {Overload({date, integer}, date, date_plus_days),
        Overload({integer, date}, date, Swapped(date_plus_days)),
        Overload({date, interval}, timestamp, DateIntervalKernel(1)),
        Overload({interval, date}, timestamp, Swapped(DateIntervalKernel(1))),
        Overload({timestamp, interval}, timestamp, TimestampIntervalKernel(1)),
        Overload({interval, timestamp}, timestamp, Swapped(TimestampIntervalKernel(1))),
        Overload({timestamptz, interval}, timestamptz, zoned, kStable),
        Overload({interval, timestamptz}, timestamptz, Swapped(zoned), kStable),
        Overload({date, time}, timestamp, date_plus_time),
        Overload({time, date}, timestamp, Swapped(date_plus_time)),
        Overload({time, interval}, time, TimeIntervalKernel(1)),
        Overload({interval, time}, time, Swapped(TimeIntervalKernel(1)))}});
}

void RegisterMinus(FunctionRegistry& registry) {
  const DataType date = DataType::Date(), integer = DataType::Int32(),
                 interval = DataType::Interval(), time = DataType::Time(),
                 timestamp = DataType::Timestamp(), timestamptz = DataType::TimestampTz();
  const auto date_minus_days = RowKernel<int32_t, int32_t, int32_t>(
      date, [](int32_t d, int32_t days, int32_t* out) { return AddDays(d, -int64_t{days}, out); });
  const auto date_minus_date = RowKernel<int32_t, int32_t, int32_t>(
      integer, [](int32_t a, int32_t b, int32_t* out) -> Status {
        if (!types::IsFiniteDate(a) || !types::IsFiniteDate(b)) {
          return InvalidValue(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite dates");
        }
        *out = static_cast<int32_t>(int64_t{a} - b);
        return Status::OK();
      });
  const auto difference = RowKernel<IntervalValue, int64_t, int64_t>(interval, Difference);
  const auto time_minus_time = RowKernel<IntervalValue, int64_t, int64_t>(
      interval, [](int64_t a, int64_t b, IntervalValue* out) -> Status {
        BOYO_ASSIGN_OR_RETURN(*out, MakeIntervalValue(0, 0, a - b));
        return Status::OK();
      });
  registry.AddScalar({"-",
                      {Overload({date, integer}, date, date_minus_days),
                       Overload({date, date}, integer, date_minus_date),
                       Overload({date, interval}, timestamp, DateIntervalKernel(-1)),
                       Overload({timestamp, interval}, timestamp, TimestampIntervalKernel(-1)),
                       Overload({timestamptz, interval}, timestamptz, ZonedIntervalKernel(-1),
                                sql::Volatility::kStable),
                       Overload({timestamp, timestamp}, interval, difference),
                       Overload({timestamptz, timestamptz}, interval, difference),
                       Overload({time, interval}, time, TimeIntervalKernel(-1)),
                       Overload({time, time}, interval, time_minus_time)}});
}

}  // namespace

void RegisterDatetimeArithmetic(FunctionRegistry& registry) {
  RegisterPlus(registry);
  RegisterMinus(registry);
}

}  // namespace boyodb::functions
