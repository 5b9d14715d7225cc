// extract(field FROM x) and date_part('field', x) for DATE, TIME, TIMESTAMP, TIMESTAMPTZ and
// INTERVAL, and isfinite. Each field is computed exactly in millionths (so seconds keep their
// microseconds); extract returns it as NUMERIC with six decimals, date_part as double precision,
// as PostgreSQL 15's two functions do. date_part of a DATE reads it as a TIMESTAMP, as
// PostgreSQL's SQL-level date_part(text, date) does. Field sets per type are PostgreSQL's:
// unknown names are 22023, names the type lacks (hour of a date) 0A000.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <optional>
#include <string_view>

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

// The kernel of extract (numeric, millionths kept) or date_part (double).
template <typename In, typename Field>
sql::ScalarKernel FieldKernel(bool numeric, Field field) {
  return [numeric, field](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                          const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
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
  // Values of these types are always finite here: 'infinity' is not a value BoyoDB stores.
  std::vector<sql::ScalarOverload> finite;
  for (const DataType& type :
       {DataType::Date(), DataType::Timestamp(), DataType::TimestampTz(), DataType::Interval()}) {
    finite.push_back(Overload({type}, DataType::Boolean(),
                              [](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                 const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
                                BooleanOutput out(num_rows);
                                for (int64_t i = 0; i < num_rows; ++i) out.Set(i, true);
                                return out.Finish(CombineValidity(args, num_rows));
                              }));
  }
  registry.AddScalar({"isfinite", std::move(finite)});
}

}  // namespace boyodb::functions
