// Date/time values from numbers: make_date, make_time, make_timestamp, make_timestamptz,
// make_interval (every trailing argument optional, as PostgreSQL's defaults make them) and
// to_timestamp(seconds since the epoch), with PostgreSQL's validation and messages (22008).
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <cmath>
#include <cstdio>
#include <string>

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
using types::kMicrosPerSecond;

std::string TwoDigits(int value) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%02d", value);
  return buffer;
}

std::string SecondsText(double seconds) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%02g", seconds);
  return buffer;
}

std::string DateText(int year, int month, int day) {
  return std::to_string(year) + "-" + TwoDigits(month) + "-" + TwoDigits(day);
}

std::string TimeText(int hour, int minute, double seconds) {
  return std::to_string(hour) + ":" + TwoDigits(minute) + ":" + SecondsText(seconds);
}

Status Overflow(std::string message) {
  return InvalidValue(sqlstate::kDatetimeFieldOverflow, std::move(message));
}

// Days since 1970 of a validated date; `astronomical_year` may be 0 or negative (BC).
Result<int64_t> CheckedDate(int64_t astronomical_year, int month, int day,
                            const std::string& text) {
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(astronomical_year, month)) {
    return Overflow("date field value out of range: " + text);
  }
  const int64_t days = types::DaysFromCivil(astronomical_year, month, day);
  if (!IsValidDate(days)) return Overflow("date out of range: " + text);
  return days;
}

// Microseconds since midnight, or an error when the fields are not a time of day (24:00:00 is).
Result<int64_t> CheckedTime(int hour, int minute, double seconds) {
  const auto overflow = [&] {
    return Overflow("time field value out of range: " + TimeText(hour, minute, seconds));
  };
  if (hour < 0 || minute < 0 || minute > 59 || hour > 24) return overflow();
  if (std::isnan(seconds) || !(seconds >= 0 && seconds <= 60)) return overflow();
  const int64_t micros = (int64_t{hour} * 60 + minute) * 60 * kMicrosPerSecond +
                         static_cast<int64_t>(std::rint(seconds * kMicrosPerSecond));
  if (micros > kMicrosPerDay) return overflow();
  return micros;
}

Result<int64_t> MakeTimestamp(int year, int month, int day, int hour, int minute, double seconds) {
  const std::string date_text = DateText(year, month, day);
  // make_timestamp takes no BC years, unlike make_date.
  if (year <= 0) return Overflow("date field value out of range: " + date_text);
  BOYO_ASSIGN_OR_RETURN(const int64_t days, CheckedDate(year, month, day, date_text));
  BOYO_ASSIGN_OR_RETURN(const int64_t time, CheckedTime(hour, minute, seconds));
  int64_t result = 0;
  if (__builtin_mul_overflow(days, kMicrosPerDay, &result) ||
      __builtin_add_overflow(result, time, &result) || !IsValidTimestamp(result)) {
    return Overflow("timestamp out of range: " + date_text + " " + TimeText(hour, minute, seconds));
  }
  return result;
}

Status MakeDate(int32_t year, int32_t month, int32_t day, int32_t* out) {
  const std::string text = DateText(year, month, day);
  if (year == 0) return Overflow("date field value out of range: " + text);
  // A negative year is BC: -1 is 1 BC, which is astronomical year 0.
  BOYO_ASSIGN_OR_RETURN(const int64_t days,
                        CheckedDate(year < 0 ? int64_t{year} + 1 : year, month, day, text));
  *out = static_cast<int32_t>(days);
  return Status::OK();
}

Status ToTimestamp(double seconds, int64_t* out) {
  if (std::isnan(seconds)) return Overflow("timestamp cannot be NaN");
  const double micros = std::rint(seconds * kMicrosPerSecond);
  if (!(micros >= static_cast<double>(kMinTimestamp) && micros < 9223372036854775807.0)) {
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "%g", seconds);
    return Overflow("timestamp out of range: \"" + std::string(buffer) + "\"");
  }
  *out = static_cast<int64_t>(micros);
  return Status::OK();
}

// make_interval with its first `arity` arguments given (years, months, weeks, days, hours,
// mins as integers, secs as double precision); the others are zero.
sql::ScalarOverload MakeIntervalOverload(size_t arity) {
  std::vector<DataType> parameters(arity, DataType::Int32());
  if (arity == 7) parameters.back() = DataType::Float64();
  sql::ScalarKernel kernel = [arity](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                     const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    columnar::BufferPtr validity = CombineValidity(args, num_rows);
    const uint8_t* valid = validity ? validity->data() : nullptr;
    FixedOutput<IntervalValue> out(num_rows);
    for (int64_t row = 0; row < num_rows; ++row) {
      if (!RowIsValid(valid, row)) continue;
      int64_t fields[6] = {0, 0, 0, 0, 0, 0};
      double seconds = 0;
      for (size_t i = 0; i < arity && i < 6; ++i) {
        fields[i] = ArgReader<int32_t>(*args[i])[row];
      }
      if (arity == 7) seconds = ArgReader<double>(*args[6])[row];
      if (!std::isfinite(seconds)) return IntervalOutOfRange();
      const double second_micros = std::rint(seconds * kMicrosPerSecond);
      if (!(std::fabs(second_micros) < 9.2e18)) return IntervalOutOfRange();
      BOYO_ASSIGN_OR_RETURN(
          out.data()[row],
          MakeIntervalValue(fields[0] * 12 + fields[1], fields[2] * 7 + fields[3],
                            fields[4] * kMicrosPerHour + fields[5] * kMicrosPerMinute +
                                static_cast<int64_t>(second_micros)));
    }
    return out.Finish(DataType::Interval(), std::move(validity));
  };
  return Overload(std::move(parameters), DataType::Interval(), std::move(kernel));
}

// make_timestamptz: the fields are wall-clock time in `zone`.
Result<int64_t> MakeZoned(int year, int month, int day, int hour, int minute, double seconds,
                          const TimeZone& zone) {
  BOYO_ASSIGN_OR_RETURN(const int64_t local,
                        MakeTimestamp(year, month, day, hour, minute, seconds));
  return zone.ToUtcMicros(local);
}

}  // namespace

void RegisterConstructorFunctions(FunctionRegistry& registry) {
  const DataType integer = DataType::Int32(), float8 = DataType::Float64();
  registry.AddScalar(
      {"make_date",
       {Overload({integer, integer, integer}, DataType::Date(),
                 RowKernel<int32_t, int32_t, int32_t, int32_t>(DataType::Date(), MakeDate))},
       {"year", "month", "day"}});
  registry.AddScalar(
      {"make_time",
       {Overload({integer, integer, float8}, DataType::Time(),
                 RowKernel<int64_t, int32_t, int32_t, double>(
                     DataType::Time(),
                     [](int32_t hour, int32_t minute, double seconds, int64_t* out) -> Status {
                       BOYO_ASSIGN_OR_RETURN(*out, CheckedTime(hour, minute, seconds));
                       return Status::OK();
                     }))},
       {"hour", "min", "sec"}});
  registry.AddScalar(
      {"make_timestamp",
       {Overload({integer, integer, integer, integer, integer, float8}, DataType::Timestamp(),
                 RowKernel<int64_t, int32_t, int32_t, int32_t, int32_t, int32_t, double>(
                     DataType::Timestamp(),
                     [](int32_t year, int32_t month, int32_t day, int32_t hour, int32_t minute,
                        double seconds, int64_t* out) -> Status {
                       BOYO_ASSIGN_OR_RETURN(
                           *out, MakeTimestamp(year, month, day, hour, minute, seconds));
                       return Status::OK();
                     }))},
       {"year", "month", "mday", "hour", "min", "sec"}});
  const sql::ScalarKernel session_zoned =
      [](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
         const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(context.time_zone));
    return MapRows<int64_t, int32_t, int32_t, int32_t, int32_t, int32_t, double>(
        args, num_rows, DataType::TimestampTz(),
        [&](int32_t year, int32_t month, int32_t day, int32_t hour, int32_t minute, double seconds,
            int64_t* out) -> Status {
          BOYO_ASSIGN_OR_RETURN(*out, MakeZoned(year, month, day, hour, minute, seconds, zone));
          return Status::OK();
        });
  };
  const auto given_zone =
      RowKernel<int64_t, int32_t, int32_t, int32_t, int32_t, int32_t, double, std::string_view>(
          DataType::TimestampTz(),
          [](int32_t year, int32_t month, int32_t day, int32_t hour, int32_t minute, double seconds,
             std::string_view zone_name, int64_t* out) -> Status {
            BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(zone_name));
            BOYO_ASSIGN_OR_RETURN(*out, MakeZoned(year, month, day, hour, minute, seconds, zone));
            return Status::OK();
          });
  registry.AddScalar(
      {"make_timestamptz",
       {Overload({integer, integer, integer, integer, integer, float8}, DataType::TimestampTz(),
                 session_zoned, sql::Volatility::kStable),
        Overload({integer, integer, integer, integer, integer, float8, DataType::String()},
                 DataType::TimestampTz(), given_zone)},
       {"year", "month", "mday", "hour", "min", "sec", "timezone"}});
  std::vector<sql::ScalarOverload> make_interval;
  for (size_t arity = 0; arity <= 7; ++arity) make_interval.push_back(MakeIntervalOverload(arity));
  // Parameter names as PostgreSQL's, for calls such as make_interval(days => 3).
  const types::Value zero = types::Value::Int32(0);
  registry.AddScalar({"make_interval",
                      std::move(make_interval),
                      {"years", "months", "weeks", "days", "hours", "mins", "secs"},
                      {zero, zero, zero, zero, zero, zero, types::Value::Float64(0)}});
  registry.AddScalar(
      {"to_timestamp",
       {Overload({float8}, DataType::TimestampTz(),
                 RowKernel<int64_t, double>(DataType::TimestampTz(), ToTimestamp))}});
}

}  // namespace boyodb::functions
