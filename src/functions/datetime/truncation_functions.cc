// date_trunc('unit', timestamp | timestamptz [, zone] | interval) and date_bin(stride, source,
// origin), as PostgreSQL 15 computes them: TIMESTAMPTZ is truncated in the session's (or the
// given) time zone; weeks start on Monday (ISO); decades, centuries and millennia follow
// PostgreSQL's numbering (the 21st century starts in 2001).
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <optional>
#include <string>
#include <string_view>

#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/datetime/calendar.h"
#include "functions/datetime/datetime_units.h"
#include "functions/datetime/infinite_values.h"
#include "functions/datetime/time_zone.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::IntervalValue;
using types::kMicrosPerDay;
using types::kMicrosPerSecond;
using U = DatetimeUnit;

// Truncates wall-clock microseconds to the unit `name`.
Result<int64_t> TruncateTimestamp(std::string_view name, int64_t micros,
                                  std::string_view type_name) {
  const std::optional<U> unit = ParseDatetimeUnit(name);
  if (!unit) return UnitNotRecognized(name, type_name);
  TimestampFields fields = SplitTimestamp(micros);
  switch (*unit) {
    case U::kWeek: {
      const int64_t days = types::DaysFromCivil(fields.year, fields.month, fields.day);
      const types::CivilDate monday = types::CivilFromDays(days - (DayOfWeek(days) + 6) % 7);
      return JoinTimestamp({monday.year, monday.month, monday.day, 0, 0, 0, 0});
    }
    case U::kMillennium:
      fields.year = fields.year > 0 ? (fields.year + 999) / 1000 * 1000 - 999
                                    : -((999 - (fields.year - 1)) / 1000) * 1000 + 1;
      fields.month = 1;
      fields.day = 1;
      fields.hour = fields.minute = fields.second = fields.micros = 0;
      break;
    case U::kCentury:
      fields.year = fields.year > 0 ? (fields.year + 99) / 100 * 100 - 99
                                    : -((99 - (fields.year - 1)) / 100) * 100 + 1;
      fields.month = 1;
      fields.day = 1;
      fields.hour = fields.minute = fields.second = fields.micros = 0;
      break;
    case U::kDecade:
      fields.year = fields.year > 0 ? fields.year / 10 * 10 : -((8 - (fields.year - 1)) / 10) * 10;
      [[fallthrough]];
    case U::kYear:
      fields.month = 1;
      [[fallthrough]];
    case U::kQuarter:
      fields.month = 3 * ((fields.month - 1) / 3) + 1;
      [[fallthrough]];
    case U::kMonth:
      fields.day = 1;
      [[fallthrough]];
    case U::kDay:
      fields.hour = 0;
      [[fallthrough]];
    case U::kHour:
      fields.minute = 0;
      [[fallthrough]];
    case U::kMinute:
      fields.second = 0;
      [[fallthrough]];
    case U::kSecond:
      fields.micros = 0;
      break;
    case U::kMilliseconds:
      fields.micros = fields.micros / 1000 * 1000;
      break;
    case U::kMicroseconds:
      break;
    default:
      // PostgreSQL's timestamp_trunc calls the fields it cannot truncate to unrecognized.
      return UnitNotRecognized(name, type_name);
  }
  return JoinTimestamp(fields);
}

// The width in microseconds of the units that are a fixed number of microseconds in a
// timestamp without time zone (every day has 24 hours there), 0 for the others.
int64_t FixedUnitWidth(std::string_view name) {
  const std::optional<U> unit = ParseDatetimeUnit(name);
  if (!unit) return 0;
  switch (*unit) {
    case U::kMicroseconds:
      return 1;
    case U::kMilliseconds:
      return 1000;
    case U::kSecond:
      return kMicrosPerSecond;
    case U::kMinute:
      return kMicrosPerMinute;
    case U::kHour:
      return kMicrosPerHour;
    case U::kDay:
      return kMicrosPerDay;
    default:
      return 0;
  }
}

// date_trunc of timestamps without time zone row by row, the unit's name parsed again only when
// it changes (it is a constant in nearly every query): units up to a day are a floor to a
// multiple of their width, without splitting the timestamp into calendar fields (hits Q42
// spent most of its aggregation there).
class TimestampTruncator {
 public:
  Status operator()(std::string_view name, int64_t micros, int64_t* out) {
    if (!parsed_ || name != name_) {
      name_.assign(name);
      width_ = FixedUnitWidth(name);
      parsed_ = true;
    }
    if (width_ > 0) {
      int64_t remainder = micros % width_;
      if (remainder < 0) remainder += width_;
      *out = micros - remainder;
      return Status::OK();
    }
    BOYO_ASSIGN_OR_RETURN(*out, TruncateTimestamp(name, micros, "timestamp without time zone"));
    return Status::OK();
  }

 private:
  bool parsed_ = false;
  std::string name_;
  int64_t width_ = 0;
};

Result<int64_t> TruncateZoned(std::string_view name, int64_t micros, const TimeZone& zone) {
  BOYO_ASSIGN_OR_RETURN(const int64_t local, TruncateTimestamp(name, zone.ToLocalMicros(micros),
                                                               "timestamp with time zone"));
  return zone.ToUtcMicros(local);
}

Result<IntervalValue> TruncateInterval(std::string_view name, IntervalValue interval) {
  const std::optional<U> unit = ParseDatetimeUnit(name);
  if (!unit) return UnitNotRecognized(name, "interval");
  int64_t years = interval.months / 12, months = interval.months % 12, days = interval.days;
  int64_t micros = IntervalMicros(interval);
  switch (*unit) {
    case U::kMillennium:
      years = years / 1000 * 1000;
      months = 0;
      days = 0;
      micros = 0;
      break;
    case U::kCentury:
      years = years / 100 * 100;
      months = 0;
      days = 0;
      micros = 0;
      break;
    case U::kDecade:
      years = years / 10 * 10;
      [[fallthrough]];
    case U::kYear:
      months = 0;
      [[fallthrough]];
    case U::kQuarter:
      months = 3 * (months / 3);
      [[fallthrough]];
    case U::kMonth:
      days = 0;
      [[fallthrough]];
    case U::kDay:
      micros = 0;
      break;
    case U::kHour:
      micros = micros / kMicrosPerHour * kMicrosPerHour;
      break;
    case U::kMinute:
      micros = micros / kMicrosPerMinute * kMicrosPerMinute;
      break;
    case U::kSecond:
      micros = micros / kMicrosPerSecond * kMicrosPerSecond;
      break;
    case U::kMilliseconds:
      micros = micros / 1000 * 1000;
      break;
    case U::kMicroseconds:
      break;
    case U::kWeek:
      // Months do not hold whole weeks.
      return UnitNotSupported(name, "interval");
    default:
      return UnitNotRecognized(name, "interval");
  }
  return MakeIntervalValue(years * 12 + months, days, micros);
}

Result<int64_t> Bin(IntervalValue stride, int64_t source, int64_t origin) {
  if (stride.months != 0) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "timestamps cannot be binned into intervals containing months or years");
  }
  int64_t stride_micros = 0;
  if (__builtin_mul_overflow(int64_t{stride.days}, kMicrosPerDay, &stride_micros) ||
      __builtin_add_overflow(stride_micros, IntervalMicros(stride), &stride_micros)) {
    return IntervalOutOfRange();
  }
  if (stride_micros <= 0) {
    return InvalidValue(sqlstate::kInvalidParameterValue, "stride must be greater than zero");
  }
  int64_t difference = 0;
  if (__builtin_sub_overflow(source, origin, &difference)) return IntervalOutOfRange();
  int64_t delta = difference - difference % stride_micros;
  // A source before the origin belongs to the bin that starts at or before it.
  if (difference < 0 && difference % stride_micros != 0) delta -= stride_micros;
  int64_t result = 0;
  if (__builtin_add_overflow(origin, delta, &result) || !IsValidTimestamp(result)) {
    return TimestampOutOfRange();
  }
  return result;
}

}  // namespace

void RegisterTruncationFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String(), timestamp = DataType::Timestamp(),
                 timestamptz = DataType::TimestampTz(), interval = DataType::Interval();
  const sql::ScalarKernel plain = [](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                     const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    return MapRows<int64_t, std::string_view, int64_t>(args, num_rows, DataType::Timestamp(),
                                                       TimestampTruncator());
  };
  const sql::ScalarKernel zoned =
      [](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
         const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(context.time_zone));
    return MapRows<int64_t, std::string_view, int64_t>(
        args, num_rows, DataType::TimestampTz(),
        [&](std::string_view name, int64_t micros, int64_t* out) -> Status {
          BOYO_ASSIGN_OR_RETURN(*out, TruncateZoned(name, micros, zone));
          return Status::OK();
        });
  };
  const auto zoned_explicit = RowKernel<int64_t, std::string_view, int64_t, std::string_view>(
      timestamptz,
      [](std::string_view name, int64_t micros, std::string_view zone_name,
         int64_t* out) -> Status {
        BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(zone_name));
        BOYO_ASSIGN_OR_RETURN(*out, TruncateZoned(name, micros, zone));
        return Status::OK();
      });
  const auto of_interval = RowKernel<IntervalValue, std::string_view, IntervalValue>(
      interval, [](std::string_view name, IntervalValue value, IntervalValue* out) -> Status {
        BOYO_ASSIGN_OR_RETURN(*out, TruncateInterval(name, value));
        return Status::OK();
      });
  registry.AddScalar(
      {"date_trunc",
       {Overload({text, timestamp}, timestamp, WithInfiniteValues(plain, 1, InfiniteResult::kSame)),
        Overload({text, timestamptz}, timestamptz,
                 WithInfiniteValues(zoned, 1, InfiniteResult::kSame), sql::Volatility::kStable),
        Overload({text, timestamptz, text}, timestamptz,
                 WithInfiniteValues(zoned_explicit, 1, InfiniteResult::kSame)),
        Overload({text, interval}, interval, of_interval)}});
  const auto bin = [](const DataType& type) {
    return Overload(
        {DataType::Interval(), type, type}, type,
        WithInfiniteValues(
            RowKernel<int64_t, IntervalValue, int64_t, int64_t>(
                type,
                [](IntervalValue stride, int64_t source, int64_t origin, int64_t* out) -> Status {
                  BOYO_ASSIGN_OR_RETURN(*out, Bin(stride, source, origin));
                  return Status::OK();
                }),
            1, InfiniteResult::kSame));
  };
  registry.AddScalar({"date_bin", {bin(timestamp), bin(timestamptz)}});
}

}  // namespace boyodb::functions
