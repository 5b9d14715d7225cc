#include "types/datetime.h"

#include <cctype>
#include <cstdio>
#include <limits>
#include <optional>

#include "common/sqlstate.h"

namespace boyodb::types {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

std::string FormatFraction(int64_t micros_in_second) {
  if (micros_in_second == 0) return "";
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), ".%06lld", static_cast<long long>(micros_in_second));
  std::string out(buffer);
  while (out.back() == '0') out.pop_back();
  return out;
}

std::string FormatClock(int64_t micros_of_day) {
  const int64_t seconds = micros_of_day / kMicrosPerSecond;
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%02lld:%02lld:%02lld",
                static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
                static_cast<long long>(seconds % 60));
  return buffer + FormatFraction(micros_of_day % kMicrosPerSecond);
}

bool IsLeap(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

Status BadFormat(std::string_view kind, std::string_view text) {
  return Status(
      StatusCode::kInvalidArgument, sqlstate::kInvalidDatetimeFormat,
      "invalid input syntax for type " + std::string(kind) + ": \"" + std::string(text) + "\"");
}

Status OutOfRange(std::string_view kind, std::string_view text) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kDatetimeFieldOverflow,
                "date/time field value out of range for type " + std::string(kind) + ": \"" +
                    std::string(text) + "\"");
}

// A cursor over the text that reads fixed fields.
struct Cursor {
  std::string_view text;
  size_t pos = 0;
  bool ReadDigits(size_t min, size_t max, int64_t* out) {
    size_t n = 0;
    int64_t value = 0;
    while (pos < text.size() && n < max && text[pos] >= '0' && text[pos] <= '9') {
      value = value * 10 + (text[pos] - '0');
      ++pos;
      ++n;
    }
    *out = value;
    return n >= min;
  }
  bool Accept(char c) {
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  bool AtEnd() const { return pos == text.size(); }
  // A trailing era, " BC" or " AD" in any case (PostgreSQL's input of years before 1 AD): true
  // when the text ends with BC.
  bool AcceptEra() {
    const std::string_view rest = text.substr(pos);
    if (rest.size() != 3 || rest[0] != ' ') return false;
    const char first = static_cast<char>(rest[1] | 0x20),
               second = static_cast<char>(rest[2] | 0x20);
    if (first == 'b' && second == 'c') {
      pos = text.size();
      return true;
    }
    if (first == 'a' && second == 'd') pos = text.size();
    return false;
  }
};

// The astronomical year (0 is 1 BC) of `year` in its era; false for year 0 BC, which no era has.
bool AstronomicalYear(bool bc, int64_t* year) {
  if (!bc) return true;
  if (*year == 0) return false;
  *year = 1 - *year;
  return true;
}

// Reads HH:MM[:SS[.ffffff]] into micros since midnight; false on bad syntax or range.
bool ReadClock(Cursor& cursor, int64_t* micros, bool* in_range) {
  int64_t hour = 0, minute = 0, second = 0, fraction = 0;
  if (!cursor.ReadDigits(1, 2, &hour) || !cursor.Accept(':') || !cursor.ReadDigits(2, 2, &minute)) {
    return false;
  }
  if (cursor.Accept(':')) {
    if (!cursor.ReadDigits(2, 2, &second)) return false;
    if (cursor.Accept('.')) {
      const size_t start = cursor.pos;
      int64_t digits = 0;
      if (!cursor.ReadDigits(1, 6, &digits)) return false;
      for (size_t n = cursor.pos - start; n < 6; ++n) digits *= 10;
      fraction = digits;
      int64_t ignored = 0;
      cursor.ReadDigits(0, 100, &ignored);  // digits past microseconds are dropped
    }
  }
  *in_range = hour < 24 && minute < 60 && second < 60;
  // PostgreSQL accepts 24:00:00 exactly.
  if (hour == 24 && minute == 0 && second == 0 && fraction == 0) *in_range = true;
  *micros = ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + fraction;
  return true;
}

}  // namespace

int64_t DaysFromCivil(int64_t year, int month, int day) {
  // Howard Hinnant's days_from_civil, in 400-year eras.
  year -= month <= 2;
  const int64_t era = FloorDiv(year, 400);
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = FloorDiv(days, 146097);
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return CivilDate{year_of_era + era * 400 + (month <= 2), month, day};
}

namespace {

// PostgreSQL's special inputs of dates and timestamps, in any case: 'infinity' (1),
// '-infinity' (-1) and 'epoch' (0, 1970-01-01 midnight); nullopt for other text.
std::optional<int> SpecialValue(std::string_view text) {
  const auto is = [text](std::string_view word) {
    if (text.size() != word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
    }
    return true;
  };
  if (is("infinity")) return 1;
  if (is("-infinity")) return -1;
  if (is("epoch")) return 0;
  return std::nullopt;
}

}  // namespace

std::string FormatDate(int32_t days) {
  if (!IsFiniteDate(days)) return days > 0 ? "infinity" : "-infinity";
  const CivilDate date = CivilFromDays(days);
  char buffer[48];
  if (date.year <= 0) {
    std::snprintf(buffer, sizeof(buffer), "%04lld-%02d-%02d BC",
                  static_cast<long long>(1 - date.year), date.month, date.day);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%04lld-%02d-%02d", static_cast<long long>(date.year),
                  date.month, date.day);
  }
  return buffer;
}

std::string FormatTime(int64_t micros) { return FormatClock(micros); }

std::string FormatTimestamp(int64_t micros) {
  if (!IsFiniteTimestamp(micros)) return micros > 0 ? "infinity" : "-infinity";
  const int64_t days = FloorDiv(micros, kMicrosPerDay);
  const int64_t micros_of_day = micros - days * kMicrosPerDay;
  std::string date = FormatDate(static_cast<int32_t>(days));
  std::string era;
  if (date.size() > 3 && date.compare(date.size() - 3, 3, " BC") == 0) {
    era = " BC";
    date.resize(date.size() - 3);
  }
  return date + " " + FormatClock(micros_of_day) + era;
}

std::string FormatTimestampTz(int64_t micros) {
  if (!IsFiniteTimestamp(micros)) return micros > 0 ? "infinity" : "-infinity";
  std::string out = FormatTimestamp(micros);
  const size_t bc = out.find(" BC");
  if (bc != std::string::npos) return out.insert(bc, "+00");
  return out + "+00";
}

namespace {

// PostgreSQL's AddPostgresIntPart: "-1 days" and "1 day", and a "+" on a positive part after a
// negative one ("-1 days +02:00:00"), so that the text reads back as the same interval.
void AddIntervalPart(int64_t value, const char* unit, bool* is_zero, bool* is_before,
                     std::string* out) {
  if (value == 0) return;
  if (!*is_zero) out->push_back(' ');
  if (*is_before && value > 0) out->push_back('+');
  out->append(std::to_string(value));
  out->push_back(' ');
  out->append(unit);
  if (value != 1) out->push_back('s');
  *is_before = value < 0;
  *is_zero = false;
}

}  // namespace

std::string FormatInterval(const IntervalValue& interval) {
  // PostgreSQL's EncodeInterval with IntervalStyle postgres.
  std::string out;
  bool is_zero = true, is_before = false;
  AddIntervalPart(interval.months / 12, "year", &is_zero, &is_before, &out);
  AddIntervalPart(interval.months % 12, "mon", &is_zero, &is_before, &out);
  AddIntervalPart(interval.days, "day", &is_zero, &is_before, &out);
  const int64_t micros = interval.nanos / 1000;
  if (is_zero || micros != 0) {
    const bool minus = micros < 0;
    // The magnitude of INT64_MIN micros does not fit; intervals from SQL never reach it.
    const uint64_t magnitude = minus ? static_cast<uint64_t>(0) - static_cast<uint64_t>(micros)
                                     : static_cast<uint64_t>(micros);
    const uint64_t seconds = magnitude / kMicrosPerSecond;
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "%s%s%02llu:%02llu:%02llu", is_zero ? "" : " ",
                  minus ? "-" : (is_before ? "+" : ""),
                  static_cast<unsigned long long>(seconds / 3600),
                  static_cast<unsigned long long>(seconds / 60 % 60),
                  static_cast<unsigned long long>(seconds % 60));
    out += buffer + FormatFraction(static_cast<int64_t>(magnitude % kMicrosPerSecond));
  }
  return out;
}

Result<int32_t> ParseDate(std::string_view text) {
  if (const std::optional<int> special = SpecialValue(text)) {
    return *special == 0 ? 0 : (*special > 0 ? kDateInfinity : kDateMinusInfinity);
  }
  Cursor cursor{text};
  int64_t year = 0, month = 0, day = 0;
  if (!cursor.ReadDigits(4, 6, &year) || !cursor.Accept('-') || !cursor.ReadDigits(1, 2, &month) ||
      !cursor.Accept('-') || !cursor.ReadDigits(1, 2, &day)) {
    return BadFormat("date", text);
  }
  const bool bc = cursor.AcceptEra();
  if (!cursor.AtEnd()) return BadFormat("date", text);
  if (!AstronomicalYear(bc, &year)) return OutOfRange("date", text);
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, static_cast<int>(month))) {
    return OutOfRange("date", text);
  }
  return static_cast<int32_t>(DaysFromCivil(year, static_cast<int>(month), static_cast<int>(day)));
}

Result<int64_t> ParseTime(std::string_view text) {
  Cursor cursor{text};
  int64_t micros = 0;
  bool in_range = false;
  if (!ReadClock(cursor, &micros, &in_range) || !cursor.AtEnd()) return BadFormat("time", text);
  if (!in_range) return OutOfRange("time", text);
  return micros;
}

Result<int64_t> ParseTimestamp(std::string_view text) {
  if (const std::optional<int> special = SpecialValue(text)) {
    return *special == 0 ? 0 : (*special > 0 ? kTimestampInfinity : kTimestampMinusInfinity);
  }
  Cursor cursor{text};
  int64_t year = 0, month = 0, day = 0;
  if (!cursor.ReadDigits(4, 6, &year) || !cursor.Accept('-') || !cursor.ReadDigits(1, 2, &month) ||
      !cursor.Accept('-') || !cursor.ReadDigits(1, 2, &day)) {
    return BadFormat("timestamp", text);
  }
  int64_t micros = 0;
  if (cursor.Accept(' ') || cursor.Accept('T')) {
    bool in_range = false;
    if (!ReadClock(cursor, &micros, &in_range)) return BadFormat("timestamp", text);
    if (!in_range) return OutOfRange("timestamp", text);
  }
  int64_t offset_minutes = 0;
  if (cursor.Accept('Z')) {
  } else if (cursor.pos < text.size() && (text[cursor.pos] == '+' || text[cursor.pos] == '-')) {
    const bool negative = text[cursor.pos] == '-';
    ++cursor.pos;
    int64_t hours = 0, minutes = 0;
    if (!cursor.ReadDigits(1, 2, &hours)) return BadFormat("timestamp", text);
    if (cursor.Accept(':')) {
      if (!cursor.ReadDigits(2, 2, &minutes)) return BadFormat("timestamp", text);
    } else {
      cursor.ReadDigits(0, 2, &minutes);
    }
    offset_minutes = (hours * 60 + minutes) * (negative ? -1 : 1);
  }
  const bool bc = cursor.AcceptEra();
  if (!cursor.AtEnd()) return BadFormat("timestamp", text);
  if (!AstronomicalYear(bc, &year) || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, static_cast<int>(month))) {
    return OutOfRange("timestamp", text);
  }
  const int64_t days = DaysFromCivil(year, static_cast<int>(month), static_cast<int>(day));
  // Beyond about 294247 AD (and before 290308 BC) microseconds since 1970 leave int64; the
  // extremes themselves stand for 'infinity' and '-infinity'.
  int64_t result = 0;
  if (__builtin_mul_overflow(days, kMicrosPerDay, &result) ||
      __builtin_add_overflow(result, micros - offset_minutes * 60 * kMicrosPerSecond, &result) ||
      result == std::numeric_limits<int64_t>::min() ||
      result == std::numeric_limits<int64_t>::max()) {
    return OutOfRange("timestamp", text);
  }
  return result;
}

}  // namespace boyodb::types
