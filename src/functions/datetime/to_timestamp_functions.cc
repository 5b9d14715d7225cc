// to_date(text, template) and to_timestamp(text, template): text read by PostgreSQL's template
// patterns (the inverse of to_char): YYYY, YYY, YY, Y (partial years nearest 2020), Y,YYY,
// MM, Mon, Month, DD, DDD, J, Day/Dy (read and ignored, as D and Q are), HH, HH12, HH24, MI,
// SS, SSSS, MS, US (fractions scaled by the digits given), AM/PM, BC/AD, TZH, TZM; FM reads
// a number of any width; quoted text skips as many characters; a separator in the template
// matches one separator in the input or nothing. Reading stops when the input ends, so
// missing fields keep PostgreSQL's defaults (year 1 BC, January, day 1, midnight). Errors
// are PostgreSQL's: 22007 for text that does not fit the template, 22008 for values out of
// range. ISO week patterns and FX are refused (0A000).
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/datetime/calendar.h"
#include "functions/datetime/time_zone.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

enum class Pattern : uint8_t {
  kYearComma,  // Y,YYY
  kYear4,
  kYear3,
  kYear2,
  kYear1,
  kMonth,
  kMonthName,
  kMonthAbbrev,
  kDayName,
  kDayAbbrev,
  kDayOfYear,
  kDay,
  kDayOfWeek,
  kJulian,
  kHour24,
  kHour12,
  kMinute,
  kSecondsOfDay,
  kSecond,
  kMillis,
  kMicros,
  kMeridiemDots,  // A.M. / P.M.
  kMeridiem,      // AM / PM
  kEraDots,       // A.D. / B.C.
  kEra,           // AD / BC
  kTzHour,
  kTzMinute,
  kQuarter,
  kCentury,
  kIsoOrWeek,  // IYYY, IW, WW, ...: refused
};

struct Keyword {
  std::string_view text;  // upper case; matched without regard to case
  Pattern pattern;
  int width;  // digits a fixed-width number takes (0: not a number)
};

// Longest first where one keyword begins another.
constexpr std::array<Keyword, 38> kKeywords = {{
    {"Y,YYY", Pattern::kYearComma, 5},
    {"YYYY", Pattern::kYear4, 4},
    {"YYY", Pattern::kYear3, 3},
    {"YY", Pattern::kYear2, 2},
    {"Y", Pattern::kYear1, 1},
    {"MONTH", Pattern::kMonthName, 0},
    {"MON", Pattern::kMonthAbbrev, 0},
    {"MM", Pattern::kMonth, 2},
    {"MI", Pattern::kMinute, 2},
    {"MS", Pattern::kMillis, 3},
    {"DAY", Pattern::kDayName, 0},
    {"DDD", Pattern::kDayOfYear, 3},
    {"DD", Pattern::kDay, 2},
    {"DY", Pattern::kDayAbbrev, 0},
    {"D", Pattern::kDayOfWeek, 1},
    {"J", Pattern::kJulian, 7},
    {"HH24", Pattern::kHour24, 2},
    {"HH12", Pattern::kHour12, 2},
    {"HH", Pattern::kHour12, 2},
    {"SSSSS", Pattern::kSecondsOfDay, 5},
    {"SSSS", Pattern::kSecondsOfDay, 5},
    {"SS", Pattern::kSecond, 2},
    {"US", Pattern::kMicros, 6},
    {"A.M.", Pattern::kMeridiemDots, 0},
    {"P.M.", Pattern::kMeridiemDots, 0},
    {"AM", Pattern::kMeridiem, 0},
    {"PM", Pattern::kMeridiem, 0},
    {"A.D.", Pattern::kEraDots, 0},
    {"B.C.", Pattern::kEraDots, 0},
    {"AD", Pattern::kEra, 0},
    {"BC", Pattern::kEra, 0},
    {"TZH", Pattern::kTzHour, 2},
    {"TZM", Pattern::kTzMinute, 2},
    {"Q", Pattern::kQuarter, 1},
    {"CC", Pattern::kCentury, 2},
    {"IYYY", Pattern::kIsoOrWeek, 0},
    {"IW", Pattern::kIsoOrWeek, 0},
    {"WW", Pattern::kIsoOrWeek, 0},
}};

constexpr std::array<std::string_view, 12> kMonthNames = {
    "JANUARY", "FEBRUARY", "MARCH",     "APRIL",   "MAY",      "JUNE",
    "JULY",    "AUGUST",   "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};
constexpr std::array<std::string_view, 7> kDayNames = {"SUNDAY",   "MONDAY", "TUESDAY", "WEDNESDAY",
                                                       "THURSDAY", "FRIDAY", "SATURDAY"};

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

const Keyword* MatchKeyword(std::string_view text) {
  for (const Keyword& keyword : kKeywords) {
    if (StartsWithNoCase(text, keyword.text)) return &keyword;
  }
  return nullptr;
}

bool IsSeparator(char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0; }

// What the input said, before the date is assembled.
struct Parsed {
  int64_t year = 0;  // astronomical: PostgreSQL's default is 1 BC
  bool year_given = false;
  std::optional<int64_t> century;
  int64_t month = 1;
  int64_t day = 1;
  std::optional<int64_t> day_of_year;
  std::optional<int64_t> julian;
  int64_t hour = 0;
  bool twelve_hour = false;
  std::optional<bool> pm;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t micros = 0;
  std::optional<int64_t> seconds_of_day;
  bool bc = false;
  std::optional<int64_t> tz_hour;
  bool tz_negative = false;
  int64_t tz_minute = 0;
};

// PostgreSQL's message, then its DETAIL (Status has no field of its own for it).
Status InvalidValue(std::string_view value, std::string_view keyword, const std::string& detail) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidDatetimeFormat,
                "invalid value \"" + std::string(value) + "\" for \"" + std::string(keyword) +
                    "\": " + detail);
}

Status OutOfRange(std::string_view input) {
  return Status(StatusCode::kOutOfRange, sqlstate::kDatetimeFieldOverflow,
                "date/time field value out of range: \"" + std::string(input) + "\"");
}

// Stores a read value into a field (plain or optional), or passes the error on.
template <typename T, typename Field>
Status Store(Result<T> value, Field* field) {
  if (!value.ok()) return value.status();
  *field = *value;
  return Status::OK();
}

class TemplateReader {
 public:
  TemplateReader(std::string_view input, std::string_view pattern)
      : input_(input), pattern_(pattern) {}

  Result<Parsed> Read() {
    Parsed out;
    size_t p = 0;
    while (p < pattern_.size() && in_ < input_.size()) {
      bool fill = false;
      while (StartsWithNoCase(pattern_.substr(p), "FM")) {
        fill = true;
        p += 2;
      }
      if (StartsWithNoCase(pattern_.substr(p), "FX")) {
        return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      "the FX modifier of to_date/to_timestamp is not supported");
      }
      if (p >= pattern_.size()) break;
      const Keyword* keyword = MatchKeyword(pattern_.substr(p));
      if (keyword == nullptr) {
        BOYO_RETURN_IF_ERROR(SkipLiteral(&p));
        continue;
      }
      const std::string_view written = pattern_.substr(p, keyword->text.size());
      p += keyword->text.size();
      // A number is read to its width unless FM is given or a separator (or nothing) follows
      // in the template, when it takes every digit there is.
      const bool greedy = fill || p >= pattern_.size() || IsSeparator(pattern_[p]);
      BOYO_RETURN_IF_ERROR(ReadField(*keyword, written, greedy, &out));
    }
    return out;
  }

 private:
  // Template text that is no pattern: quoted text skips as many input characters; a space or
  // separator matches one separator in the input, or nothing; any other character skips one.
  Status SkipLiteral(size_t* p) {
    const char c = pattern_[*p];
    if (c == '"') {
      size_t end = *p + 1;
      while (end < pattern_.size() && pattern_[end] != '"') {
        if (pattern_[end] == '\\' && end + 1 < pattern_.size()) ++end;
        ++end;
        if (in_ < input_.size()) ++in_;
      }
      *p = end + 1;
      return Status::OK();
    }
    if (c == '\\' && *p + 1 < pattern_.size()) ++*p;
    ++*p;
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      while (in_ < input_.size() && std::isspace(static_cast<unsigned char>(input_[in_])) != 0) {
        ++in_;
      }
    } else if (IsSeparator(c)) {
      if (in_ < input_.size() && IsSeparator(input_[in_])) ++in_;
    } else {
      ++in_;
    }
    return Status::OK();
  }

  // Reads a number for `keyword`; `digits` gets how many digits it had (for fractions).
  Result<int64_t> ReadNumber(const Keyword& keyword, std::string_view written, bool greedy,
                             int* digits) {
    while (in_ < input_.size() && std::isspace(static_cast<unsigned char>(input_[in_])) != 0) {
      ++in_;
    }
    const size_t start = in_;
    const size_t width = static_cast<size_t>(keyword.width);
    if (!greedy && input_.size() - in_ < width) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidDatetimeFormat,
                    "source string too short for \"" + std::string(written) +
                        "\" formatting field: field requires " + std::to_string(width) +
                        " characters, but only " + std::to_string(input_.size() - in_) +
                        " remain; if the text is not fixed-width, use the \"FM\" modifier");
    }
    const size_t limit = greedy ? input_.size() : in_ + width;
    size_t at = in_;
    bool negative = false;
    if (at < limit && (input_[at] == '-' || input_[at] == '+')) negative = input_[at++] == '-';
    int64_t value = 0;
    int count = 0;
    while (at < limit && std::isdigit(static_cast<unsigned char>(input_[at])) != 0 && count < 18) {
      value = value * 10 + (input_[at] - '0');
      ++at;
      ++count;
    }
    const std::string_view shown = input_.substr(start, std::max<size_t>(width, 1));
    if (count == 0) return InvalidValue(shown, written, "Value must be an integer.");
    if (!greedy && at - start < width) {
      return InvalidValue(shown, written,
                          "Field requires " + std::to_string(width) + " characters, but only " +
                              std::to_string(at - start) + " could be parsed.");
    }
    in_ = at;
    *digits = count;
    return negative ? -value : value;
  }

  // Matches one of `names` (upper case) at the input, by its first `length` letters (or the
  // whole name when 0); returns its index.
  template <size_t N>
  Result<int64_t> ReadName(const std::array<std::string_view, N>& names, size_t length,
                           std::string_view written) {
    const std::string_view rest = input_.substr(in_);
    for (size_t i = 0; i < N; ++i) {
      const std::string_view name = length == 0 ? names[i] : names[i].substr(0, length);
      if (StartsWithNoCase(rest, name)) {
        in_ += name.size();
        return static_cast<int64_t>(i);
      }
    }
    return InvalidValue(rest.substr(0, length == 0 ? 3 : length), written,
                        "The given value did not match any of the allowed values for this field.");
  }

  // Matches the two spellings of a two-valued field ("AM"/"PM"); true for the second.
  Result<bool> ReadChoice(std::string_view first, std::string_view second,
                          std::string_view written) {
    const std::string_view rest = input_.substr(in_);
    for (const std::string_view choice : {first, second}) {
      if (StartsWithNoCase(rest, choice)) {
        in_ += choice.size();
        return choice == second;
      }
    }
    return InvalidValue(rest.substr(0, first.size()), written,
                        "The given value did not match any of the allowed values for this field.");
  }

  Status ReadField(const Keyword& keyword, std::string_view written, bool greedy, Parsed* out) {
    int digits = 0;
    auto number = [&]() { return ReadNumber(keyword, written, greedy, &digits); };
    switch (keyword.pattern) {
      case Pattern::kYearComma: {
        BOYO_ASSIGN_OR_RETURN(
            const int64_t thousands,
            ReadNumber({"Y", Pattern::kYear1, 1}, written, /*greedy=*/true, &digits));
        if (in_ >= input_.size() || input_[in_] != ',') {
          return InvalidValue(input_.substr(in_, 1), written, "Value must be an integer.");
        }
        ++in_;
        BOYO_ASSIGN_OR_RETURN(const int64_t rest,
                              ReadNumber({"YYY", Pattern::kYear3, 3}, written, greedy, &digits));
        out->year = thousands * 1000 + rest;
        out->year_given = true;
        return Status::OK();
      }
      case Pattern::kYear4:
      case Pattern::kYear3:
      case Pattern::kYear2:
      case Pattern::kYear1: {
        BOYO_ASSIGN_OR_RETURN(int64_t year, number());
        // Fewer digits than YYYY: the year nearest 2020, as PostgreSQL reads them.
        if (keyword.pattern != Pattern::kYear4 && digits < 4) {
          if (digits <= 2 && keyword.pattern != Pattern::kYear1) {
            year += year < 70 ? 2000 : 1900;
          } else if (keyword.pattern == Pattern::kYear1 && digits == 1) {
            year += 2000;
          } else if (digits == 3) {
            year += year < 520 ? 2000 : 1000;
          }
        }
        out->year = year;
        out->year_given = true;
        return Status::OK();
      }
      case Pattern::kMonth:
        return Store(number(), &out->month);
      case Pattern::kMonthName:
      case Pattern::kMonthAbbrev: {
        BOYO_ASSIGN_OR_RETURN(
            const int64_t index,
            ReadName(kMonthNames, keyword.pattern == Pattern::kMonthAbbrev ? 3 : 0, written));
        out->month = index + 1;
        return Status::OK();
      }
      case Pattern::kDayName:
      case Pattern::kDayAbbrev:
        return ReadName(kDayNames, keyword.pattern == Pattern::kDayAbbrev ? 3 : 0, written)
            .status();
      case Pattern::kDayOfYear:
        return Store(number(), &out->day_of_year);
      case Pattern::kDay:
        return Store(number(), &out->day);
      case Pattern::kJulian:
        return Store(ReadNumber(keyword, written, true, &digits), &out->julian);
      case Pattern::kDayOfWeek:
      case Pattern::kQuarter:
        // Implied by the date; PostgreSQL reads and ignores them too.
        return number().status();
      case Pattern::kCentury:
        return Store(number(), &out->century);
      case Pattern::kHour24:
      case Pattern::kHour12:
        out->twelve_hour = keyword.pattern == Pattern::kHour12;
        return Store(number(), &out->hour);
      case Pattern::kMinute:
        return Store(number(), &out->minute);
      case Pattern::kSecond:
        return Store(number(), &out->second);
      case Pattern::kSecondsOfDay:
        return Store(number(), &out->seconds_of_day);
      case Pattern::kMillis:
      case Pattern::kMicros: {
        BOYO_ASSIGN_OR_RETURN(int64_t fraction, number());
        // A fraction: ".5" is half a second whichever field reads it.
        for (int i = digits; i < 6; ++i) fraction *= 10;
        out->micros = fraction;
        return Status::OK();
      }
      case Pattern::kMeridiem:
        return Store(ReadChoice("AM", "PM", written), &out->pm);
      case Pattern::kMeridiemDots:
        return Store(ReadChoice("A.M.", "P.M.", written), &out->pm);
      case Pattern::kEra:
        return Store(ReadChoice("AD", "BC", written), &out->bc);
      case Pattern::kEraDots:
        return Store(ReadChoice("A.D.", "B.C.", written), &out->bc);
      case Pattern::kTzHour: {
        while (in_ < input_.size() && std::isspace(static_cast<unsigned char>(input_[in_])) != 0) {
          ++in_;
        }
        // "-00:30" is west of UTC although its hour is 0: TZM takes the sign TZH was written with.
        out->tz_negative = in_ < input_.size() && input_[in_] == '-';
        return Store(number(), &out->tz_hour);
      }
      case Pattern::kTzMinute: {
        BOYO_ASSIGN_OR_RETURN(const int64_t minutes, number());
        out->tz_minute = out->tz_negative ? -minutes : minutes;
        return Status::OK();
      }
      case Pattern::kIsoOrWeek:
        return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      "template pattern \"" + std::string(written) +
                          "\" is not supported by to_date and to_timestamp");
    }
    return Status::OK();
  }

  std::string_view input_;
  std::string_view pattern_;
  size_t in_ = 0;
};

// The local date and time the parsed fields name, checked as PostgreSQL checks them.
Result<int64_t> LocalMicros(const Parsed& parsed, std::string_view input) {
  int64_t year = parsed.year;
  if (!parsed.year_given && parsed.century) year = (*parsed.century - 1) * 100 + 1;
  if (parsed.bc) year = 1 - year;
  // Far outside any date: refused before the arithmetic below could overflow.
  constexpr int64_t kYearBound = 10'000'000;
  if (year < -kYearBound || year > kYearBound) return DateOutOfRange();
  int64_t days = 0;
  if (parsed.julian) {
    if (*parsed.julian > kYearBound * 366) return DateOutOfRange();
    days = *parsed.julian - 2440588;  // Julian day of 1970-01-01
  } else if (parsed.day_of_year) {
    const int64_t length = IsLeapYear(year) ? 366 : 365;
    if (*parsed.day_of_year < 1 || *parsed.day_of_year > length) return OutOfRange(input);
    days = types::DaysFromCivil(year, 1, 1) + *parsed.day_of_year - 1;
  } else {
    if (parsed.month < 1 || parsed.month > 12 || parsed.day < 1 ||
        parsed.day > DaysInMonth(year, static_cast<int>(parsed.month))) {
      return OutOfRange(input);
    }
    days = types::DaysFromCivil(year, static_cast<int>(parsed.month), static_cast<int>(parsed.day));
  }
  if (!IsValidDate(days)) return DateOutOfRange();
  int64_t hour = parsed.hour;
  int64_t minute = parsed.minute;
  int64_t second = parsed.second;
  if (parsed.seconds_of_day) {
    hour = *parsed.seconds_of_day / 3600;
    minute = *parsed.seconds_of_day / 60 % 60;
    second = *parsed.seconds_of_day % 60;
  }
  if (parsed.twelve_hour || parsed.pm) {
    if (parsed.twelve_hour && (hour < 1 || hour > 12)) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidDatetimeFormat,
                    "hour \"" + std::to_string(hour) +
                        "\" is invalid for the 12-hour clock: use the 24-hour clock, or give an "
                        "hour between 1 and 12");
    }
    const bool pm = parsed.pm.value_or(false);
    if (pm && hour < 12) hour += 12;
    if (!pm && hour == 12) hour = 0;
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 ||
      parsed.micros < 0 || parsed.micros > 999'999 ||
      (parsed.tz_hour && (*parsed.tz_hour < -24 || *parsed.tz_hour > 24)) ||
      parsed.tz_minute < -59 || parsed.tz_minute > 59) {
    return OutOfRange(input);
  }
  return days * types::kMicrosPerDay + ((hour * 60 + minute) * 60 + second) * 1'000'000 +
         parsed.micros;
}

}  // namespace

void RegisterToTimestampFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  const auto to_date = RowKernel<int32_t, std::string_view, std::string_view>(
      DataType::Date(), [](std::string_view input, std::string_view pattern, int32_t* out) {
        BOYO_ASSIGN_OR_RETURN(const Parsed parsed, TemplateReader(input, pattern).Read());
        BOYO_ASSIGN_OR_RETURN(const int64_t micros, LocalMicros(parsed, input));
        const int64_t days = DayOf(micros);
        if (!IsValidDate(days)) return DateOutOfRange();
        *out = static_cast<int32_t>(days);
        return Status::OK();
      });
  // The text is a time in the session's zone unless TZH gives its offset.
  const sql::ScalarKernel to_timestamp =
      [](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
         const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(context.time_zone));
    return MapRows<int64_t, std::string_view, std::string_view>(
        args, num_rows, DataType::TimestampTz(),
        [&](std::string_view input, std::string_view pattern, int64_t* out) -> Status {
          BOYO_ASSIGN_OR_RETURN(const Parsed parsed, TemplateReader(input, pattern).Read());
          BOYO_ASSIGN_OR_RETURN(const int64_t local, LocalMicros(parsed, input));
          const int64_t utc =
              parsed.tz_hour ? local - (*parsed.tz_hour * 3600 + parsed.tz_minute * 60) * 1'000'000
                             : zone.ToUtcMicros(local);
          if (!IsValidTimestamp(utc)) return TimestampOutOfRange();
          *out = utc;
          return Status::OK();
        });
  };
  registry.AddScalar(
      {"to_date", {Overload({text, text}, DataType::Date(), to_date, sql::Volatility::kStable)}});
  registry.AddScalar(
      {"to_timestamp",
       {Overload({text, text}, DataType::TimestampTz(), to_timestamp, sql::Volatility::kStable)}});
}

}  // namespace boyodb::functions
