// TimeZone: the session's TimeZone setting as casts between TIMESTAMP, TIMESTAMPTZ and DATE
// and the text output of TIMESTAMPTZ use it, following PostgreSQL's reading of the setting:
// a plain number is an hour offset east of UTC ("5", "-3.5"); "UTC", "GMT", "Z" are UTC; a
// POSIX-style offset counts hours WEST of UTC as POSIX does ("+02:00" and "UTC+2" are two
// hours behind UTC, shown as -02, exactly as in PostgreSQL); anything else is an IANA zone
// name read from the system's compiled tz database (/usr/share/zoneinfo, TZif files).
// Thread safety: a TimeZone is an immutable value; zone files are parsed once per process and
// cached behind a mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace boyodb::functions {

class TimeZone {
 public:
  /// UTC.
  TimeZone() = default;

  /// Reads a TimeZone setting. 22023 `time zone "x" not recognized` for a name that is neither
  /// an offset nor a zone of the tz database.
  static Result<TimeZone> Find(std::string_view setting);

  /// The offset from UTC, in seconds east, in effect at the UTC instant `utc_seconds`.
  int64_t OffsetAt(int64_t utc_seconds) const;
  /// The offset to subtract from the wall-clock time `local_seconds` to get UTC. A time
  /// skipped by a spring-forward transition takes the offset before it; a time repeated by a
  /// fall-back transition takes the offset after it (PostgreSQL's rule).
  int64_t OffsetForLocal(int64_t local_seconds) const;

  /// The zone's abbreviation in effect at `utc_seconds`, as to_char's TZ shows it: "EDT",
  /// "CET", "UTC"; "+05" for an hour-number setting; a POSIX setting's name ("" for "+02:00").
  std::string AbbreviationAt(int64_t utc_seconds) const;

  /// UTC microseconds to wall-clock microseconds, and back.
  int64_t ToLocalMicros(int64_t utc_micros) const;
  int64_t ToUtcMicros(int64_t local_micros) const;

 private:
  // Transitions of a tz database zone: from transitions[i] on, offsets[i] applies; before
  // the first, `initial_offset`.
  struct Rules {
    int64_t initial_offset = 0;
    std::string initial_abbreviation;
    std::vector<int64_t> transitions;
    std::vector<int64_t> offsets;
    std::vector<std::string> abbreviations;
  };

  static Result<std::shared_ptr<const Rules>> LoadRules(const std::string& name);

  int64_t fixed_offset_ = 0;
  std::string fixed_abbreviation_ = "UTC";
  std::shared_ptr<const Rules> rules_;  // null for fixed offsets
};

/// The offset as PostgreSQL appends it to a TIMESTAMPTZ: "+00", "-05", "+05:30", "+00:09:21".
std::string FormatUtcOffset(int64_t offset_seconds);

/// PostgreSQL's text output of a TIMESTAMPTZ shown in `zone`: "2024-06-01 10:00:00-04".
std::string FormatTimestampTz(int64_t utc_micros, const TimeZone& zone);

}  // namespace boyodb::functions
