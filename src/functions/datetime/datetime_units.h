// The field and unit names that extract, date_part and date_trunc accept ("year", "yrs",
// "microseconds", "dow", ...), with PostgreSQL's aliases, and the errors for names a type does
// not support.
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace boyodb::functions {

enum class DatetimeUnit {
  kMicroseconds,
  kMilliseconds,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kQuarter,
  kYear,
  kDecade,
  kCentury,
  kMillennium,
  kJulian,
  kIsoYear,
  kDow,
  kIsoDow,
  kDoy,
  kEpoch,
  kTimezone,
  kTimezoneHour,
  kTimezoneMinute,
};

/// The unit `name` names (case-insensitive), or nullopt.
std::optional<DatetimeUnit> ParseDatetimeUnit(std::string_view name);

/// The lower-cased name as PostgreSQL quotes it in errors.
std::string LowerUnitName(std::string_view name);

/// 22023 `unit "x" not recognized for type <type_name>`.
Status UnitNotRecognized(std::string_view name, std::string_view type_name);
/// 0A000 `unit "x" not supported for type <type_name>`.
Status UnitNotSupported(std::string_view name, std::string_view type_name);

}  // namespace boyodb::functions
