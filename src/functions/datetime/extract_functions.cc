// extract(field FROM x) and date_part('field', x) for DATE, TIME, TIMESTAMP, TIMESTAMPTZ and
// INTERVAL, and isfinite. Each field is computed exactly in millionths (so seconds keep their
// microseconds); extract returns it as NUMERIC with six decimals, date_part as double precision,
// as PostgreSQL 15's two functions do. date_part of a DATE reads it as a TIMESTAMP, as
// PostgreSQL's SQL-level date_part(text, date) does. Field sets per type are PostgreSQL's:
// unknown names are 22023, names the type lacks (hour of a date) 0A000.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <limits>
#include <optional>
#include <string_view>
#include <type_traits>

#include "columnar/builder.h"
#include "common/sqlstate.h"

#include "functions/builtin_families_internal.h"
#include "functions/datetime/calendar.h"
#include "functions/datetime/datetime_units.h"
#include "functions/datetime/time_zone.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::Int128;
using types::IntervalValue;
using types::kMicrosPerDay;
using types::kMicrosPerSecond;
using U = DatetimeUnit;

constexpr int64_t kMillion = 1'000'000;
constexpr int64_t kJulianDayOf1970 = 2440588;
constexpr std::string_view kTimestampName = "timestamp without time zone";
constexpr std::string_view kTimestampTzName = "timestamp with time zone";
constexpr std::string_view kTimeName = "time without time zone";

// Year-based fields of an astronomical year (0 is 1 BC), in PostgreSQL's numbering.
std::optional<int64_t> YearField(U unit, int64_t year) {
  switch (unit) {
    case U::kYear:
      return year > 0 ? year : year - 1;  // there is no year 0: 1 BC is -1
    case U::kDecade:
      return year >= 0 ? year / 10 : -((8 - (year - 1)) / 10);
    case U::kCentury:
      return year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100);
    case U::kMillennium:
      return year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000);
    default:
      return std::nullopt;
  }
}

// Fields of a calendar day (DATE, and the date part of timestamps), in whole units.
std::optional<int64_t> DayField(U unit, int64_t days) {
  const types::CivilDate date = types::CivilFromDays(days);
  switch (unit) {
    case U::kDay:
      return date.day;
    case U::kMonth:
      return date.month;
    case U::kQuarter:
      return (date.month - 1) / 3 + 1;
    case U::kWeek:
      return IsoWeek(days);
    case U::kIsoYear: {
      const int64_t year = IsoYear(days);
      return year <= 0 ? year - 1 : year;
    }
    case U::kDow:
      return DayOfWeek(days);
    case U::kIsoDow: {
      const int dow = DayOfWeek(days);
      return dow == 0 ? 7 : dow;
    }
    case U::kDoy:
      return days - types::DaysFromCivil(date.year, 1, 1) + 1;
    default:
      return YearField(unit, date.year);
  }
}

// Fields of a time of day in millionths of the unit, or nullopt.
std::optional<Int128> ClockField(U unit, int64_t time) {
  const int64_t seconds_and_micros = time % kMicrosPerHour % kMicrosPerMinute;
  switch (unit) {
    case U::kMicroseconds:
      return Int128(seconds_and_micros) * kMillion;
    case U::kMilliseconds:
      return Int128(seconds_and_micros) * 1000;
    case U::kSecond:
      return Int128(seconds_and_micros);
    case U::kMinute:
      return Int128(time % kMicrosPerHour / kMicrosPerMinute) * kMillion;
    case U::kHour:
      return Int128(time / kMicrosPerHour) * kMillion;
    default:
      return std::nullopt;
  }
}

// A field of a timestamp given as local wall-clock microseconds; `epoch_micros` is the value
// epoch counts from, `offset_seconds` the zone offset (nullopt for TIMESTAMP).
Result<Int128> TimestampField(std::string_view name, int64_t local, int64_t epoch_micros,
                              std::optional<int64_t> offset_seconds) {
  const std::string_view type_name = offset_seconds ? kTimestampTzName : kTimestampName;
  const std::optional<U> unit = ParseDatetimeUnit(name);
  if (!unit) return UnitNotRecognized(name, type_name);
  const int64_t days = DayOf(local);
  const int64_t time = local - days * kMicrosPerDay;
  if (std::optional<Int128> clock = ClockField(*unit, time)) return *clock;
  switch (*unit) {
    case U::kEpoch:
      return Int128(epoch_micros);
    case U::kJulian:
      // The day number plus the fraction of the day gone, rounded to millionths.
      return Int128(days + kJulianDayOf1970) * kMillion + (time + 43'200) / 86'400;
    case U::kTimezone:
    case U::kTimezoneHour:
    case U::kTimezoneMinute: {
      if (!offset_seconds) return UnitNotSupported(name, type_name);
      const int64_t offset = *offset_seconds;
      if (*unit == U::kTimezone) return Int128(offset) * kMillion;
      if (*unit == U::kTimezoneHour) return Int128(offset / 3600) * kMillion;
      return Int128(offset / 60 % 60) * kMillion;
    }
    default:
      break;
  }
  if (std::optional<int64_t> value = DayField(*unit, days)) return Int128(*value) * kMillion;
  return UnitNotRecognized(name, type_name);
}

Result<Int128> DateField(std::string_view name, int32_t days) {
  const std::optional<U> unit = ParseDatetimeUnit(name);
  if (!unit) return UnitNotRecognized(name, "date");
  if (*unit == U::kEpoch) return Int128(days) * 86'400 * kMillion;
  if (*unit == U::kJulian) return Int128(days + kJulianDayOf1970) * kMillion;
  if (std::optional<int64_t> value = DayField(*unit, days)) return Int128(*value) * kMillion;
  return UnitNotSupported(name, "date");
}

Result<Int128> TimeField(std::string_view name, int64_t time) {
  const std::optional<U> unit = ParseDatetimeUnit(name);
  if (!unit) return UnitNotRecognized(name, kTimeName);
  if (*unit == U::kEpoch) return Int128(time);
  if (std::optional<Int128> value = ClockField(*unit, time)) return *value;
  return UnitNotSupported(name, kTimeName);
}

Result<Int128> IntervalField(std::string_view name, IntervalValue interval) {
  const std::optional<U> unit = ParseDatetimeUnit(name);
  if (!unit) return UnitNotRecognized(name, "interval");
  const int64_t micros = IntervalMicros(interval);
  const int64_t years = interval.months / 12;
  const int64_t months = interval.months % 12;
  switch (*unit) {
    case U::kMicroseconds:
    case U::kMilliseconds:
    case U::kSecond:
    case U::kMinute: {
      // ClockField expects a non-negative time; the fields of a negative one are negated.
      const int64_t magnitude = micros < 0 ? -micros : micros;
      const Int128 value = *ClockField(*unit, magnitude);
      return micros < 0 ? -value : value;
    }
    case U::kHour:
      return Int128(micros / kMicrosPerHour) * kMillion;
    case U::kDay:
      return Int128(interval.days) * kMillion;
    case U::kMonth:
      return Int128(months) * kMillion;
    case U::kQuarter:
      return Int128(months / 3 + 1) * kMillion;
    case U::kYear:
      return Int128(years) * kMillion;
    case U::kDecade:
      return Int128(years / 10) * kMillion;
    case U::kCentury:
      return Int128(years / 100) * kMillion;
    case U::kMillennium:
      return Int128(years / 1000) * kMillion;
    case U::kEpoch: {
      // A year is 365.25 days and a month 30, as in PostgreSQL; times four keeps it integral.
      const Int128 seconds =
          (Int128(1461) * years + Int128(120) * months + Int128(4) * interval.days) * (86'400 / 4);
      return seconds * kMillion + micros;
    }
    default:
      return UnitNotSupported(name, "interval");
  }
}

// +1 or -1 for an infinite date or timestamp, 0 for any other value.
int InfiniteSign(int32_t days) { return types::IsFiniteDate(days) ? 0 : (days > 0 ? 1 : -1); }
int InfiniteSign(int64_t micros) {
  return types::IsFiniteTimestamp(micros) ? 0 : (micros > 0 ? 1 : -1);
}

// Fields that grow with time (PostgreSQL's "monotonic" ones) are +-Infinity for an infinite
// value; the others (month, hour, ...) have no value there.
bool GrowsWithTime(U unit) {
  return unit == U::kEpoch || unit == U::kJulian || unit == U::kYear || unit == U::kIsoYear ||
         unit == U::kDecade || unit == U::kCentury || unit == U::kMillennium;
}

// extract / date_part of `name` for an infinite value of sign `sign`: +-Infinity for
// date_part, NULL, or an error; `check` is the field of a finite value, so that unknown or
// unsupported names fail as they do for finite ones.
template <typename In, typename Field>
Status InfiniteField(bool numeric, const Field& field, std::string_view name, int sign,
                     const sql::EvalContext& context, columnar::ArrayBuilder* out) {
  const Result<Int128> finite = field(name, In{0}, context);
  BOYO_RETURN_IF_ERROR(finite.status());
  const std::optional<U> unit = ParseDatetimeUnit(name);
  if (!unit || !GrowsWithTime(*unit)) {
    out->AppendNull();
    return Status::OK();
  }
  if (numeric) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "extract of " + std::string(name) +
                      " from an infinite value would be an infinite NUMERIC, which BoyoDB does "
                      "not have; use date_part");
  }
  return out->AppendValue(types::Value::Float64(sign * std::numeric_limits<double>::infinity()));
}

// The kernel of extract (numeric, millionths kept) or date_part (double).
template <typename In, typename Field>
sql::ScalarKernel FieldKernel(bool numeric, Field field) {
  return [numeric, field](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                          const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    if constexpr (std::is_same_v<In, int32_t> || std::is_same_v<In, int64_t>) {
      // Infinite dates and timestamps have no calendar fields: the rows go one by one.
      const In* values = args[1]->values<In>();
      bool any_infinite = false;
      for (int64_t i = 0; i < num_rows && !any_infinite; ++i) {
        any_infinite = !args[1]->IsNull(i) && InfiniteSign(values[i]) != 0;
      }
      if (any_infinite) {
        const DataType type = numeric ? DataType::Decimal(38, 6) : DataType::Float64();
        std::unique_ptr<columnar::ArrayBuilder> out = columnar::MakeBuilder(type);
        const ArgReader<std::string_view> names(*args[0]);
        for (int64_t i = 0; i < num_rows; ++i) {
          if (args[0]->IsNull(i) || args[1]->IsNull(i)) {
            out->AppendNull();
          } else if (const int sign = InfiniteSign(values[i]); sign != 0) {
            BOYO_RETURN_IF_ERROR(
                InfiniteField<In>(numeric, field, names[i], sign, context, out.get()));
          } else {
            BOYO_ASSIGN_OR_RETURN(const Int128 millionths, field(names[i], values[i], context));
            if (numeric) {
              BOYO_RETURN_IF_ERROR(out->AppendValue(types::Value::Decimal(millionths, type)));
            } else {
              BOYO_RETURN_IF_ERROR(
                  out->AppendValue(types::Value::Float64(static_cast<double>(millionths) / 1e6)));
            }
          }
        }
        return out->Finish();
      }
    }
    if (numeric) {
      return MapRows<Int128, std::string_view, In>(
          args, num_rows, DataType::Decimal(38, 6),
          [&](std::string_view name, In value, Int128* out) -> Status {
            BOYO_ASSIGN_OR_RETURN(*out, field(name, value, context));
            return Status::OK();
          });
    }
    return MapRows<double, std::string_view, In>(
        args, num_rows, DataType::Float64(),
        [&](std::string_view name, In value, double* out) -> Status {
          BOYO_ASSIGN_OR_RETURN(const Int128 millionths, field(name, value, context));
          *out = static_cast<double>(millionths) / 1e6;
          return Status::OK();
        });
  };
}

Result<Int128> PlainTimestampField(std::string_view name, int64_t micros, const sql::EvalContext&) {
  return TimestampField(name, micros, micros, std::nullopt);
}

Result<Int128> ZonedTimestampField(std::string_view name, int64_t micros,
                                   const sql::EvalContext& context) {
  BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(context.time_zone));
  const int64_t offset = zone.OffsetAt(micros / kMicrosPerSecond - (micros % kMicrosPerSecond < 0));
  return TimestampField(name, micros + offset * kMicrosPerSecond, micros, offset);
}

// extract's NUMERIC has the scale PostgreSQL gives each field: six decimals for seconds and
// epochs of times, three for milliseconds, none for whole-number fields (and for a DATE's
// epoch and Julian day). The kernel computes millionths; the binder narrows them to this.
sql::ShownTypeRule ExtractScale(bool of_date) {
  return [of_date](const DataType&,
                   std::span<const types::Value* const> constants) -> std::optional<DataType> {
    const types::Value* field = constants[0];
    if (field == nullptr || field->is_null()) return std::nullopt;
    const std::optional<U> unit = ParseDatetimeUnit(field->ToString());
    if (!unit) return std::nullopt;
    switch (*unit) {
      case U::kSecond:
        return DataType::Decimal(38, 6);
      case U::kMilliseconds:
        return DataType::Decimal(38, 3);
      case U::kEpoch:
      case U::kJulian:
        return DataType::Decimal(38, of_date ? 0 : 6);
      default:
        return DataType::Decimal(38, 0);
    }
  };
}

void RegisterFieldFunction(FunctionRegistry& registry, const char* name, bool numeric) {
  const DataType text = DataType::String();
  const DataType result = numeric ? DataType::Decimal(38, 6) : DataType::Float64();
  std::vector<sql::ScalarOverload> overloads = {
      Overload({text, DataType::Timestamp()}, result,
               FieldKernel<int64_t>(numeric, PlainTimestampField)),
      Overload({text, DataType::TimestampTz()}, result,
               FieldKernel<int64_t>(numeric, ZonedTimestampField), sql::Volatility::kStable),
      Overload({text, DataType::Time()}, result,
               FieldKernel<int64_t>(numeric,
                                    [](std::string_view unit, int64_t time,
                                       const sql::EvalContext&) { return TimeField(unit, time); })),
      Overload({text, DataType::Interval()}, result,
               FieldKernel<IntervalValue>(
                   numeric, [](std::string_view unit, IntervalValue value,
                               const sql::EvalContext&) { return IntervalField(unit, value); }))};
  if (numeric) {
    for (sql::ScalarOverload& overload : overloads) overload.shown_type_rule = ExtractScale(false);
    overloads.push_back(
        Overload({text, DataType::Date()}, result,
                 FieldKernel<int32_t>(
                     numeric, [](std::string_view unit, int32_t days, const sql::EvalContext&) {
                       return DateField(unit, days);
                     })));
    overloads.back().shown_type_rule = ExtractScale(true);
  } else {
    overloads.push_back(Overload(
        {text, DataType::Date()}, result,
        FieldKernel<int32_t>(
            numeric,
            [](std::string_view unit, int32_t days, const sql::EvalContext&) -> Result<Int128> {
              BOYO_ASSIGN_OR_RETURN(const int64_t micros, DateToTimestamp(days));
              return TimestampField(unit, micros, micros, std::nullopt);
            })));
  }
  registry.AddScalar({name, std::move(overloads)});
}

}  // namespace

void RegisterExtractFunctions(FunctionRegistry& registry) {
  RegisterFieldFunction(registry, "extract", true);
  RegisterFieldFunction(registry, "date_part", false);
  // isfinite: false for 'infinity' and '-infinity'; an interval is always finite.
  const auto date_finite = UnaryKernel<int32_t, bool>(DataType::Boolean(), types::IsFiniteDate);
  const auto timestamp_finite =
      UnaryKernel<int64_t, bool>(DataType::Boolean(), types::IsFiniteTimestamp);
  const auto interval_finite = UnaryKernel<IntervalValue, bool>(
      DataType::Boolean(), [](const IntervalValue&) { return true; });
  registry.AddScalar({"isfinite",
                      {Overload({DataType::Date()}, DataType::Boolean(), date_finite),
                       Overload({DataType::Timestamp()}, DataType::Boolean(), timestamp_finite),
                       Overload({DataType::TimestampTz()}, DataType::Boolean(), timestamp_finite),
                       Overload({DataType::Interval()}, DataType::Boolean(), interval_finite)}});
}

}  // namespace boyodb::functions
