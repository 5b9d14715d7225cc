#include "functions/datetime/datetime_units.h"

#include <cctype>
#include <string>
#include <unordered_map>

#include "common/sqlstate.h"
#include "functions/function_errors.h"

namespace boyodb::functions {

std::string LowerUnitName(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<DatetimeUnit> ParseDatetimeUnit(std::string_view name) {
  using U = DatetimeUnit;
  // PostgreSQL's datetktbl and deltatktbl spellings of the units.
  static const std::unordered_map<std::string, DatetimeUnit> kUnits = {
      {"microsecond", U::kMicroseconds},
      {"microseconds", U::kMicroseconds},
      {"us", U::kMicroseconds},
      {"usec", U::kMicroseconds},
      {"usecs", U::kMicroseconds},
      {"useconds", U::kMicroseconds},
      {"millisecond", U::kMilliseconds},
      {"milliseconds", U::kMilliseconds},
      {"ms", U::kMilliseconds},
      {"msec", U::kMilliseconds},
      {"msecs", U::kMilliseconds},
      {"mseconds", U::kMilliseconds},
      {"second", U::kSecond},
      {"seconds", U::kSecond},
      {"s", U::kSecond},
      {"sec", U::kSecond},
      {"secs", U::kSecond},
      {"minute", U::kMinute},
      {"minutes", U::kMinute},
      {"m", U::kMinute},
      {"min", U::kMinute},
      {"mins", U::kMinute},
      {"hour", U::kHour},
      {"hours", U::kHour},
      {"h", U::kHour},
      {"hr", U::kHour},
      {"hrs", U::kHour},
      {"day", U::kDay},
      {"days", U::kDay},
      {"d", U::kDay},
      {"week", U::kWeek},
      {"weeks", U::kWeek},
      {"w", U::kWeek},
      {"month", U::kMonth},
      {"months", U::kMonth},
      {"mon", U::kMonth},
      {"mons", U::kMonth},
      {"quarter", U::kQuarter},
      {"qtr", U::kQuarter},
      {"year", U::kYear},
      {"years", U::kYear},
      {"y", U::kYear},
      {"yr", U::kYear},
      {"yrs", U::kYear},
      {"decade", U::kDecade},
      {"decades", U::kDecade},
      {"dec", U::kDecade},
      {"decs", U::kDecade},
      {"century", U::kCentury},
      {"centuries", U::kCentury},
      {"c", U::kCentury},
      {"cent", U::kCentury},
      {"millennium", U::kMillennium},
      {"millennia", U::kMillennium},
      {"mil", U::kMillennium},
      {"mils", U::kMillennium},
      {"julian", U::kJulian},
      {"j", U::kJulian},
      {"isoyear", U::kIsoYear},
      {"dow", U::kDow},
      {"isodow", U::kIsoDow},
      {"doy", U::kDoy},
      {"epoch", U::kEpoch},
      {"timezone", U::kTimezone},
      {"timezone_hour", U::kTimezoneHour},
      {"timezone_h", U::kTimezoneHour},
      {"timezone_minute", U::kTimezoneMinute},
      {"timezone_m", U::kTimezoneMinute},
  };
  // Kernels parse the (almost always constant) unit once per row: the last name this thread
  // parsed is remembered, so that a column of one unit costs a comparison per row.
  thread_local std::string last_name;
  thread_local std::optional<DatetimeUnit> last_unit;
  if (!last_name.empty() && name == last_name) return last_unit;
  const auto found = kUnits.find(LowerUnitName(name));
  const std::optional<DatetimeUnit> unit =
      found == kUnits.end() ? std::nullopt : std::optional<DatetimeUnit>(found->second);
  last_name.assign(name);
  last_unit = unit;
  return unit;
}

Status UnitNotRecognized(std::string_view name, std::string_view type_name) {
  return InvalidValue(
      sqlstate::kInvalidParameterValue,
      "unit \"" + LowerUnitName(name) + "\" not recognized for type " + std::string(type_name));
}

Status UnitNotSupported(std::string_view name, std::string_view type_name) {
  return Status(
      StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
      "unit \"" + LowerUnitName(name) + "\" not supported for type " + std::string(type_name));
}

}  // namespace boyodb::functions
