// INTERVAL output and input (interval_text.h).
// Thread safety: see the header.
#include "functions/datetime/interval_text.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "common/sqlstate.h"
#include "functions/function_errors.h"

namespace boyodb::functions {
namespace {

using types::IntervalValue;
using types::kMicrosPerDay;
using types::kMicrosPerSecond;

constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;

enum class Unit {
  kMicrosecond,
  kMillisecond,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kYear,
  kDecade,
  kCentury,
  kMillennium,
  kNone
};

Unit UnitFromName(std::string_view name) {
  struct Entry {
    const char* name;
    Unit unit;
  };
  static constexpr Entry kUnits[] = {
      {"microsecond", Unit::kMicrosecond},
      {"microseconds", Unit::kMicrosecond},
      {"microsecon", Unit::kMicrosecond},
      {"us", Unit::kMicrosecond},
      {"usec", Unit::kMicrosecond},
      {"usecs", Unit::kMicrosecond},
      {"useconds", Unit::kMicrosecond},
      {"millisecond", Unit::kMillisecond},
      {"milliseconds", Unit::kMillisecond},
      {"millisecon", Unit::kMillisecond},
      {"ms", Unit::kMillisecond},
      {"msec", Unit::kMillisecond},
      {"msecs", Unit::kMillisecond},
      {"mseconds", Unit::kMillisecond},
      {"second", Unit::kSecond},
      {"seconds", Unit::kSecond},
      {"s", Unit::kSecond},
      {"sec", Unit::kSecond},
      {"secs", Unit::kSecond},
      {"minute", Unit::kMinute},
      {"minutes", Unit::kMinute},
      {"m", Unit::kMinute},
      {"min", Unit::kMinute},
      {"mins", Unit::kMinute},
      {"hour", Unit::kHour},
      {"hours", Unit::kHour},
      {"h", Unit::kHour},
      {"hr", Unit::kHour},
      {"hrs", Unit::kHour},
      {"day", Unit::kDay},
      {"days", Unit::kDay},
      {"d", Unit::kDay},
      {"week", Unit::kWeek},
      {"weeks", Unit::kWeek},
      {"w", Unit::kWeek},
      {"month", Unit::kMonth},
      {"months", Unit::kMonth},
      {"mon", Unit::kMonth},
      {"mons", Unit::kMonth},
      {"year", Unit::kYear},
      {"years", Unit::kYear},
      {"y", Unit::kYear},
      {"yr", Unit::kYear},
      {"yrs", Unit::kYear},
      {"decade", Unit::kDecade},
      {"decades", Unit::kDecade},
      {"dec", Unit::kDecade},
      {"decs", Unit::kDecade},
      {"century", Unit::kCentury},
      {"centuries", Unit::kCentury},
      {"c", Unit::kCentury},
      {"cent", Unit::kCentury},
      {"millennium", Unit::kMillennium},
      {"millennia", Unit::kMillennium},
      {"mil", Unit::kMillennium},
      {"mils", Unit::kMillennium},
  };
  for (const Entry& entry : kUnits) {
    if (name == entry.name) return entry.unit;
  }
  return Unit::kNone;
}

// Sums the fields of an interval being parsed. Whole parts add exactly; fractions go to the
// next smaller unit as PostgreSQL's AdjustFractDays / AdjustFractSeconds do.
class IntervalAccumulator {
 public:
  // Adds `whole + fraction` of `unit` (both carry the value's sign).
  bool Add(Unit unit, int64_t whole, double fraction) {
    switch (unit) {
      case Unit::kMillennium:
        return AddYears(whole, fraction, 1000);
      case Unit::kCentury:
        return AddYears(whole, fraction, 100);
      case Unit::kDecade:
        return AddYears(whole, fraction, 10);
      case Unit::kYear:
        return AddYears(whole, fraction, 1);
      case Unit::kMonth:
        return AddChecked(&months_, whole) && AddDays(0, fraction * 30);
      case Unit::kWeek:
        return AddDays(whole * 7, fraction * 7);
      case Unit::kDay:
        return AddDays(whole, fraction);
      case Unit::kHour:
        return AddMicros(whole, fraction, kMicrosPerHour);
      case Unit::kMinute:
        return AddMicros(whole, fraction, kMicrosPerMinute);
      case Unit::kSecond:
        return AddMicros(whole, fraction, kMicrosPerSecond);
      case Unit::kMillisecond:
        return AddMicros(whole, fraction, 1000);
      case Unit::kMicrosecond:
        return AddMicros(whole, fraction, 1);
      case Unit::kNone:
        return false;
    }
    return false;
  }

  bool Finish(bool negate, IntervalValue* out) const {
    int64_t micros = micros_;
    if (!AddChecked(&micros, static_cast<int64_t>(std::nearbyint(fraction_micros_)))) return false;
    int64_t months = months_, days = days_;
    if (negate) {
      months = -months;
      days = -days;
      micros = -micros;
    }
    if (months < std::numeric_limits<int32_t>::min() ||
        months > std::numeric_limits<int32_t>::max() ||
        days < std::numeric_limits<int32_t>::min() || days > std::numeric_limits<int32_t>::max() ||
        micros > std::numeric_limits<int64_t>::max() / 1000 ||
        micros < std::numeric_limits<int64_t>::min() / 1000) {
      return false;
    }
    *out = IntervalValue{static_cast<int32_t>(months), static_cast<int32_t>(days), micros * 1000};
    return true;
  }

 private:
  static bool AddChecked(int64_t* total, int64_t value) {
    return !__builtin_add_overflow(*total, value, total);
  }

  bool AddYears(int64_t whole, double fraction, int64_t years_per_unit) {
    int64_t months = 0;
    if (__builtin_mul_overflow(whole, years_per_unit * 12, &months)) return false;
    return AddChecked(&months_, months) &&
           AddChecked(&months_, static_cast<int64_t>(std::nearbyint(
                                    fraction * static_cast<double>(years_per_unit) * 12)));
  }

  bool AddDays(int64_t whole, double fraction) {
    const double extra_days = std::trunc(fraction);
    if (!AddChecked(&days_, whole) || !AddChecked(&days_, static_cast<int64_t>(extra_days))) {
      return false;
    }
    fraction_micros_ += (fraction - extra_days) * static_cast<double>(kMicrosPerDay);
    return true;
  }

  bool AddMicros(int64_t whole, double fraction, int64_t micros_per_unit) {
    int64_t micros = 0;
    if (__builtin_mul_overflow(whole, micros_per_unit, &micros)) return false;
    fraction_micros_ += fraction * static_cast<double>(micros_per_unit);
    return AddChecked(&micros_, micros);
  }

  int64_t months_ = 0;
  int64_t days_ = 0;
  int64_t micros_ = 0;
  double fraction_micros_ = 0;
};

// Reads "[sign]digits[.digits]" at *pos into whole and fraction (same sign).
bool ReadNumber(std::string_view text, size_t* pos, int64_t* whole, double* fraction) {
  size_t p = *pos;
  bool negative = false;
  if (p < text.size() && (text[p] == '+' || text[p] == '-')) negative = text[p++] == '-';
  const size_t digits_start = p;
  int64_t value = 0;
  while (p < text.size() && std::isdigit(static_cast<unsigned char>(text[p]))) {
    if (__builtin_mul_overflow(value, 10, &value) ||
        __builtin_add_overflow(value, text[p] - '0', &value)) {
      return false;
    }
    ++p;
  }
  bool any = p > digits_start;
  double frac = 0;
  if (p < text.size() && text[p] == '.') {
    ++p;
    double scale = 0.1;
    while (p < text.size() && std::isdigit(static_cast<unsigned char>(text[p]))) {
      frac += (text[p] - '0') * scale;
      scale /= 10;
      ++p;
      any = true;
    }
  }
  if (!any) return false;
  *whole = negative ? -value : value;
  *fraction = negative ? -frac : frac;
  *pos = p;
  return true;
}

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// "[-+]hh:mm[:ss[.ffffff]]" starting at *pos.
bool ReadClock(std::string_view text, size_t* pos, IntervalAccumulator* accumulator) {
  size_t p = *pos;
  bool negative = false;
  if (p < text.size() && (text[p] == '+' || text[p] == '-')) negative = text[p++] == '-';
  int64_t fields[2] = {0, 0};
  for (int i = 0; i < 2; ++i) {
    if (i == 1) {
      if (p >= text.size() || text[p] != ':') return false;
      ++p;
    }
    const size_t start = p;
    while (p < text.size() && std::isdigit(static_cast<unsigned char>(text[p]))) {
      if (p - start > 15) return false;
      fields[i] = fields[i] * 10 + (text[p++] - '0');
    }
    if (p == start) return false;
  }
  int64_t seconds_whole = 0;
  double seconds_fraction = 0;
  if (p < text.size() && text[p] == ':') {
    ++p;
    if (!ReadNumber(text, &p, &seconds_whole, &seconds_fraction) || seconds_whole < 0) return false;
  }
  const int64_t sign = negative ? -1 : 1;
  if (!accumulator->Add(Unit::kHour, sign * fields[0], 0) ||
      !accumulator->Add(Unit::kMinute, sign * fields[1], 0) ||
      !accumulator->Add(Unit::kSecond, sign * seconds_whole, sign * seconds_fraction)) {
    return false;
  }
  *pos = p;
  return true;
}

// ISO 8601 "P[nY][nM][nW][nD][T[nH][nM][nS]]".
bool ParseIso8601(std::string_view text, IntervalAccumulator* accumulator) {
  size_t pos = 1;
  bool in_time = false;
  if (pos == text.size()) return false;
  while (pos < text.size()) {
    if (text[pos] == 'T') {
      if (in_time) return false;
      in_time = true;
      ++pos;
      continue;
    }
    int64_t whole = 0;
    double fraction = 0;
    if (!ReadNumber(text, &pos, &whole, &fraction) || pos >= text.size()) return false;
    Unit unit = Unit::kNone;
    switch (text[pos]) {
      case 'Y':
        unit = in_time ? Unit::kNone : Unit::kYear;
        break;
      case 'M':
        unit = in_time ? Unit::kMinute : Unit::kMonth;
        break;
      case 'W':
        unit = in_time ? Unit::kNone : Unit::kWeek;
        break;
      case 'D':
        unit = in_time ? Unit::kNone : Unit::kDay;
        break;
      case 'H':
        unit = in_time ? Unit::kHour : Unit::kNone;
        break;
      case 'S':
        unit = in_time ? Unit::kSecond : Unit::kNone;
        break;
      default:
        break;
    }
    if (unit == Unit::kNone || !accumulator->Add(unit, whole, fraction)) return false;
    ++pos;
  }
  return true;
}

}  // namespace

Result<IntervalValue> ParseInterval(std::string_view original) {
  auto syntax_error = [&original] {
    return InvalidValue(
        sqlstate::kInvalidDatetimeFormat,
        "invalid input syntax for type interval: \"" + std::string(original) + "\"");
  };
  auto out_of_range = [] {
    return InvalidValue(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  };
  std::string_view text = original;
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  if (text.empty()) return syntax_error();
  IntervalAccumulator accumulator;
  IntervalValue result;
  if (text.front() == 'P') {
    if (!ParseIso8601(text, &accumulator)) return syntax_error();
    if (!accumulator.Finish(false, &result)) return out_of_range();
    return result;
  }
  if (text.front() == '@') text.remove_prefix(1);
  bool negate = false, seen_clock = false;
  uint32_t seen_units = 0;
  size_t pos = 0;
  while (true) {
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    if (pos == text.size()) break;
    // "ago" (last) negates the whole interval.
    if (std::isalpha(static_cast<unsigned char>(text[pos]))) {
      size_t end = pos;
      while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
      std::string word(text.substr(pos, end - pos));
      for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (word != "ago" || negate) return syntax_error();
      negate = true;
      pos = end;
      continue;
    }
    if (negate) return syntax_error();
    // A clock time if a ':' follows the first digits.
    size_t probe = pos;
    if (probe < text.size() && (text[probe] == '+' || text[probe] == '-')) ++probe;
    while (probe < text.size() && std::isdigit(static_cast<unsigned char>(text[probe]))) ++probe;
    if (probe < text.size() && text[probe] == ':') {
      if (seen_clock) return syntax_error();
      seen_clock = true;
      if (!ReadClock(text, &pos, &accumulator)) return syntax_error();
      continue;
    }
    int64_t whole = 0;
    double fraction = 0;
    if (!ReadNumber(text, &pos, &whole, &fraction)) return syntax_error();
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    size_t end = pos;
    while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
    std::string word(text.substr(pos, end - pos));
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    Unit unit = Unit::kSecond;  // a bare number counts seconds
    if (!word.empty() && word != "ago") {
      unit = UnitFromName(word);
      if (unit == Unit::kNone) return syntax_error();
      pos = end;
    }
    const uint32_t bit = 1u << static_cast<int>(unit);
    if ((seen_units & bit) != 0) return syntax_error();
    seen_units |= bit;
    if (!accumulator.Add(unit, whole, fraction)) return out_of_range();
  }
  if (!accumulator.Finish(negate, &result)) return out_of_range();
  return result;
}

}  // namespace boyodb::functions
