// Calendar arithmetic and text forms of DATE, TIME, TIMESTAMP, TIMESTAMPTZ and INTERVAL values,
// in the proleptic Gregorian calendar, as PostgreSQL prints and reads them (ISO style).
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "common/result.h"

namespace boyodb::types {

inline constexpr int64_t kMicrosPerSecond = 1'000'000;
inline constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

/// PostgreSQL's 'infinity' and '-infinity' dates and timestamps: the extremes of the
/// representation, so they sort after and before every other value. Arithmetic keeps them
/// (infinity + 1 day is infinity), and no calendar field of theirs exists.
inline constexpr int32_t kDateInfinity = std::numeric_limits<int32_t>::max();
inline constexpr int32_t kDateMinusInfinity = std::numeric_limits<int32_t>::min();
inline constexpr int64_t kTimestampInfinity = std::numeric_limits<int64_t>::max();
inline constexpr int64_t kTimestampMinusInfinity = std::numeric_limits<int64_t>::min();
inline bool IsFiniteDate(int32_t days) {
  return days != kDateInfinity && days != kDateMinusInfinity;
}
inline bool IsFiniteTimestamp(int64_t micros) {
  return micros != kTimestampInfinity && micros != kTimestampMinusInfinity;
}

/// Arrow's MONTH_DAY_NANO interval; PostgreSQL's interval keeps microseconds, so nanos is a
/// multiple of 1000 for values made from SQL.
struct IntervalValue {
  int32_t months = 0;
  int32_t days = 0;
  int64_t nanos = 0;
  bool operator==(const IntervalValue&) const = default;
};

struct CivilDate {
  int64_t year;
  int month;  // 1..12
  int day;    // 1..31
};

/// Days since 1970-01-01 of a civil date (any year; no validation).
int64_t DaysFromCivil(int64_t year, int month, int day);
CivilDate CivilFromDays(int64_t days);

/// "2024-03-01"; years before 1 print as "0044-03-15 BC" like PostgreSQL.
std::string FormatDate(int32_t days);
/// "13:45:01" or "13:45:01.25" (trailing zeros of the fraction dropped).
std::string FormatTime(int64_t micros);
/// "2024-03-01 13:45:01.25".
std::string FormatTimestamp(int64_t micros);
/// "2024-03-01 13:45:01.25+00" (always shown in UTC until sessions carry a time zone).
std::string FormatTimestampTz(int64_t micros);
/// PostgreSQL's postgres IntervalStyle: "1 year 2 mons 3 days 04:05:06.5", "-1 days +02:00:00",
/// "00:00:00" for zero.
std::string FormatInterval(const IntervalValue& interval);

/// Parses "YYYY-MM-DD"; InvalidArgument (22007 or 22008) naming the text otherwise.
Result<int32_t> ParseDate(std::string_view text);
/// Parses "HH:MM[:SS[.ffffff]]".
Result<int64_t> ParseTime(std::string_view text);
/// Parses "YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]][Z|(+|-)HH[:MM]]"; an offset, if present, is
/// applied so the result is UTC.
Result<int64_t> ParseTimestamp(std::string_view text);

}  // namespace boyodb::types
