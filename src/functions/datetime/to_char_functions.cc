// to_char(timestamp | timestamptz | date | interval, template): PostgreSQL's template patterns
// (YYYY, MM, Mon, Month, DD, D, DDD, HH, HH12, HH24, MI, SS, MS, US, AM/PM, TZ, OF, Day, Dy, IYYY,
// IW, WW, CC, Q, J, BC/AD and their case variants), the FM prefix that drops padding, quoted
// literal text and backslash escapes. Unpadded numbers widen by one for a minus sign, as
// PostgreSQL's "%0*d" does. TZ shows the zone's abbreviation ("CET", "EDT"), OF its offset.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <array>
#include <cctype>
#include <cstdio>
#include <string>
#include <string_view>

#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/datetime/calendar.h"
#include "functions/datetime/infinite_values.h"
#include "functions/datetime/time_zone.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"
#include "functions/string/ordinal_suffix.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::IntervalValue;
using types::kMicrosPerSecond;

constexpr std::array<const char*, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<const char*, 7> kDayNames = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                  "Thursday", "Friday", "Saturday"};

// What a template is formatted from: PostgreSQL's broken-down time. For intervals the fields
// are the interval's (hours may pass 23, fields may be negative).
struct FormatFields {
  int64_t year = 0;  // astronomical for timestamps
  int64_t month = 0;
  int64_t day = 0;
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t micros = 0;
  int64_t day_of_year = 0;
  int64_t days = 0;  // days since 1970 (timestamps only)
  bool interval = false;
  std::string zone;        // TZ's text; empty for TIMESTAMP
  int64_t utc_offset = 0;  // OF's seconds east of UTC; 0 for TIMESTAMP
};

// Template keywords, longest first where one is a prefix of another.
constexpr std::array<std::string_view, 60> kKeywords = {
    "A.D.",  "A.M.", "AD", "AM",   "B.C.", "BC",    "CC",    "DAY",   "DDD",  "DD",
    "DY",    "Day",  "Dy", "D",    "HH24", "HH12",  "HH",    "IDDD",  "ID",   "IW",
    "IYYY",  "IYY",  "IY", "I",    "J",    "MI",    "MM",    "MONTH", "MON",  "MS",
    "Month", "Mon",  "OF", "P.M.", "PM",   "Q",     "SSSSS", "SSSS",  "SS",   "TZ",
    "US",    "WW",   "W",  "YYYY", "YYY",  "YY",    "Y",     "a.d.",  "a.m.", "ad",
    "am",    "b.c.", "bc", "day",  "dy",   "month", "mon",   "p.m.",  "pm",   "tz"};

std::string_view MatchKeyword(std::string_view text) {
  std::string_view best;
  for (std::string_view keyword : kKeywords) {
    if (keyword.size() > best.size() && text.substr(0, keyword.size()) == keyword) best = keyword;
  }
  return best;
}

// `widen` adds a column for a minus sign, as PostgreSQL does for the fields that can be
// negative in intervals (YYYY, MM, HH, MI, SS) but not for DD or DDD.
void AppendNumber(int64_t value, int width, bool fill_mode, bool widen, std::string* out) {
  char buffer[32];
  const int padded = fill_mode ? 0 : width + (widen && value < 0 ? 1 : 0);
  std::snprintf(buffer, sizeof(buffer), "%0*lld", padded, static_cast<long long>(value));
  out->append(buffer);
}

// A name in the keyword's case (MONTH, Month, month), padded to nine characters unless FM.
void AppendName(std::string_view name, std::string_view keyword, bool abbreviate, bool fill_mode,
                std::string* out) {
  std::string text(abbreviate ? name.substr(0, 3) : name);
  const bool upper = std::isupper(static_cast<unsigned char>(keyword[1]));
  const bool lower = std::islower(static_cast<unsigned char>(keyword[0]));
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (upper) text[i] = static_cast<char>(std::toupper(c));
    if (lower) text[i] = static_cast<char>(std::tolower(c));
  }
  out->append(text);
  if (!abbreviate && !fill_mode && text.size() < 9) out->append(9 - text.size(), ' ');
}

int64_t DisplayYear(int64_t year) { return year <= 0 ? 1 - year : year; }

Status InvalidForInterval() {
  return InvalidValue(sqlstate::kInvalidDatetimeFormat,
                      "invalid format specification for an interval value");
}

Status AppendKeyword(std::string_view keyword, bool fill_mode, const FormatFields& f,
                     std::string* out) {
  const auto number = [&](int64_t value, int width) {
    AppendNumber(value, width, fill_mode, false, out);
    return Status::OK();
  };
  const auto signed_number = [&](int64_t value, int width) {
    AppendNumber(value, width, fill_mode, true, out);
    return Status::OK();
  };
  const char first = keyword[0];
  // Intervals have no era, weekday, month name or zone (AM/PM is allowed, as in PostgreSQL).
  const bool era = keyword == "AD" || keyword == "ad" || keyword == "BC" || keyword == "bc" ||
                   keyword == "A.D." || keyword == "a.d." || keyword == "B.C." || keyword == "b.c.";
  const bool calendar_only = era || keyword == "D" || keyword == "ID" || keyword == "TZ" ||
                             keyword == "tz" || keyword == "OF" ||
                             ((first == 'M' || first == 'm') && keyword.size() >= 3) ||
                             keyword == "DAY" || keyword == "Day" || keyword == "day" ||
                             keyword == "DY" || keyword == "Dy" || keyword == "dy";
  if (f.interval && calendar_only) return InvalidForInterval();
  const int64_t hour12 = f.hour % 12 == 0 ? 12 : f.hour % 12;
  const int64_t year = f.interval ? f.year : DisplayYear(f.year);
  if (keyword == "YYYY") return signed_number(year, 4);
  if (keyword == "YYY") return number(year % 1000, 3);
  if (keyword == "YY") return number(year % 100, 2);
  if (keyword == "Y") return number(year % 10, 1);
  if (keyword == "MM") return signed_number(f.month, 2);
  if (keyword == "DD") return number(f.day, 2);
  if (keyword == "DDD") return number(f.day_of_year, 3);
  if (keyword == "HH24") return signed_number(f.hour, 2);
  if (keyword == "HH" || keyword == "HH12") {
    // The minus column follows the hour's sign even when it shows as 12 ("-12" is "012").
    AppendNumber(hour12, f.hour < 0 && !fill_mode ? 3 : 2, fill_mode, false, out);
    return Status::OK();
  }
  if (keyword == "MI") return signed_number(f.minute, 2);
  if (keyword == "SS") return signed_number(f.second, 2);
  if (keyword == "MS") return number(f.micros / 1000, 3);
  if (keyword == "US") return number(f.micros, 6);
  if (keyword == "SSSS" || keyword == "SSSSS") {
    return number((f.hour * 60 + f.minute) * 60 + f.second, 0);
  }
  if (keyword == "CC") {
    const int64_t century = f.interval   ? f.year / 100
                            : f.year > 0 ? (f.year + 99) / 100
                                         : -((99 - (f.year - 1)) / 100);
    return number(century, 2);
  }
  if (keyword == "Q") return number(f.interval ? f.month / 3 + 1 : (f.month - 1) / 3 + 1, 0);
  if (keyword == "WW") return number((f.day_of_year - 1) / 7 + 1, 2);
  if (keyword == "W") return number((f.day - 1) / 7 + 1, 0);
  if (keyword == "J") return number(f.days + 2440588, 0);
  if (keyword == "IW") return number(IsoWeek(f.days), 2);
  if (keyword == "IDDD") return number(f.days - IsoYearStart(IsoYear(f.days)) + 1, 3);
  if (keyword[0] == 'I' && keyword != "ID") {
    const int64_t iso_year = DisplayYear(IsoYear(f.days));
    static constexpr int64_t kModulus[] = {10, 100, 1000};
    const size_t digits = keyword.size();
    return number(digits == 4 ? iso_year : iso_year % kModulus[digits - 1],
                  static_cast<int>(digits));
  }
  if (keyword == "D" || keyword == "ID") {
    const int dow = DayOfWeek(f.days);
    return number(keyword == "D" ? dow + 1 : (dow == 0 ? 7 : dow), 0);
  }
  if (keyword == "TZ" || keyword == "tz") {
    std::string zone = f.zone;
    if (keyword == "tz") {
      for (char& c : zone) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    out->append(zone);
    return Status::OK();
  }
  if (keyword == "OF") {
    // Hours and, when not whole, minutes; PostgreSQL leaves out seconds here.
    const int64_t magnitude = f.utc_offset < 0 ? -f.utc_offset : f.utc_offset;
    out->push_back(f.utc_offset < 0 ? '-' : '+');
    AppendNumber(magnitude / 3600, 2, fill_mode, false, out);
    if (magnitude / 60 % 60 != 0) {
      out->push_back(':');
      AppendNumber(magnitude / 60 % 60, 2, false, false, out);
    }
    return Status::OK();
  }
  const bool upper = std::isupper(static_cast<unsigned char>(first));
  const bool dotted = keyword.size() == 4 && keyword[1] == '.';
  if (keyword == "AM" || keyword == "PM" || keyword == "am" || keyword == "pm" ||
      ((first == 'A' || first == 'a' || first == 'P' || first == 'p') && dotted &&
       std::toupper(keyword[2]) == 'M')) {
    const char* text = f.hour >= 12 ? (dotted ? "P.M." : "PM") : (dotted ? "A.M." : "AM");
    std::string value(text);
    if (!upper) {
      for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    out->append(value);
    return Status::OK();
  }
  if (std::toupper(first) == 'A' || std::toupper(first) == 'B') {
    std::string value = f.year <= 0 ? (dotted ? "B.C." : "BC") : (dotted ? "A.D." : "AD");
    if (!upper) {
      for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    out->append(value);
    return Status::OK();
  }
  if (first == 'M' || first == 'm') {
    AppendName(kMonthNames[f.month - 1], keyword, keyword.size() == 3, fill_mode, out);
    return Status::OK();
  }
  AppendName(kDayNames[DayOfWeek(f.days)], keyword, keyword.size() == 2, fill_mode, out);
  return Status::OK();
}

Status Format(std::string_view pattern, const FormatFields& fields, std::string* out) {
  size_t i = 0;
  while (i < pattern.size()) {
    bool fill_mode = false;
    if (pattern.substr(i, 2) == "FM" || pattern.substr(i, 2) == "fm") {
      fill_mode = true;
      i += 2;
    }
    const std::string_view keyword = MatchKeyword(pattern.substr(i));
    if (!keyword.empty()) {
      const size_t written = out->size();
      BOYO_RETURN_IF_ERROR(AppendKeyword(keyword, fill_mode, fields, out));
      i += keyword.size();
      // A TH or th suffix gives a number its ordinal ending ("22nd"); after a name (Month, AM)
      // PostgreSQL takes the suffix and writes nothing.
      const std::string_view suffix = pattern.substr(i, 2);
      if (suffix == "TH" || suffix == "th") {
        i += 2;
        const std::string_view digits = std::string_view(*out).substr(written);
        if (!digits.empty() && std::isdigit(static_cast<unsigned char>(digits.back()))) {
          out->append(OrdinalSuffix(digits, suffix == "th"));
        }
      }
      continue;
    }
    if (pattern[i] == '"') {
      // Quoted literal text; a backslash inside quotes escapes the next character.
      for (++i; i < pattern.size() && pattern[i] != '"'; ++i) {
        if (pattern[i] == '\\' && i + 1 < pattern.size()) ++i;
        out->push_back(pattern[i]);
      }
      ++i;
      continue;
    }
    if (pattern[i] == '\\' && i + 1 < pattern.size() && pattern[i + 1] == '"') ++i;
    out->push_back(pattern[i]);
    ++i;
  }
  return Status::OK();
}

FormatFields FromTimestamp(int64_t local) {
  const TimestampFields t = SplitTimestamp(local);
  FormatFields f;
  f.year = t.year;
  f.month = t.month;
  f.day = t.day;
  f.hour = t.hour;
  f.minute = t.minute;
  f.second = t.second;
  f.micros = t.micros;
  f.days = DayOf(local);
  f.day_of_year = f.days - types::DaysFromCivil(t.year, 1, 1) + 1;
  return f;
}

FormatFields FromInterval(const IntervalValue& interval) {
  FormatFields f;
  f.interval = true;
  int64_t micros = IntervalMicros(interval);
  f.year = interval.months / 12;
  f.month = interval.months % 12;
  f.day = interval.days;
  f.hour = micros / kMicrosPerHour;
  micros -= f.hour * kMicrosPerHour;
  f.minute = micros / kMicrosPerMinute;
  micros -= f.minute * kMicrosPerMinute;
  f.second = micros / kMicrosPerSecond;
  f.micros = micros - f.second * kMicrosPerSecond;
  f.day_of_year = (f.year * 12 + f.month) * kDaysPerMonth + f.day;
  return f;
}

// to_char of a zoned value: `to_utc` turns the argument into a UTC instant.
template <typename In, typename ToUtc>
sql::ScalarKernel ZonedKernel(ToUtc to_utc) {
  return [to_utc](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                  const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(context.time_zone));
    return MapRows<StringResult, In, std::string_view>(
        args, num_rows, DataType::String(),
        [&](In value, std::string_view pattern, std::string* out) -> Status {
          const int64_t utc = to_utc(value, zone);
          FormatFields fields = FromTimestamp(zone.ToLocalMicros(utc));
          const int64_t seconds = utc / kMicrosPerSecond - (utc % kMicrosPerSecond < 0);
          fields.zone = zone.AbbreviationAt(seconds);
          fields.utc_offset = zone.OffsetAt(seconds);
          return Format(pattern, fields, out);
        });
  };
}

}  // namespace

void RegisterToCharFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  const auto plain = RowKernel<StringResult, int64_t, std::string_view>(
      text, [](int64_t micros, std::string_view pattern, std::string* out) {
        return Format(pattern, FromTimestamp(micros), out);
      });
  const auto of_interval = RowKernel<StringResult, IntervalValue, std::string_view>(
      text, [](IntervalValue interval, std::string_view pattern, std::string* out) {
        return Format(pattern, FromInterval(interval), out);
      });
  // A DATE is formatted as PostgreSQL does it, through TIMESTAMPTZ: midnight in the zone.
  const auto of_date = ZonedKernel<int32_t>([](int32_t days, const TimeZone& zone) {
    return zone.ToUtcMicros(days * types::kMicrosPerDay);
  });
  const auto zoned = ZonedKernel<int64_t>([](int64_t micros, const TimeZone&) { return micros; });
  registry.AddScalar(
      {"to_char",
       {Overload({DataType::Timestamp(), text}, text,
                 WithInfiniteValues(plain, 0, InfiniteResult::kNull)),
        Overload({DataType::TimestampTz(), text}, text,
                 WithInfiniteValues(zoned, 0, InfiniteResult::kNull), sql::Volatility::kStable),
        Overload({DataType::Date(), text}, text,
                 WithInfiniteValues(of_date, 0, InfiniteResult::kNull), sql::Volatility::kStable),
        Overload({DataType::Interval(), text}, text, of_interval)}});
}

}  // namespace boyodb::functions
