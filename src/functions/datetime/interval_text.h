// The text input of INTERVAL as PostgreSQL reads it (its output is types::FormatInterval):
// "<number> <unit>" lists ("1.5 days 2 hours", "1 day ago", "@ 1 minute", abbreviations such as "3
// mins", "2h"), clock times "[-]hh:mm[:ss[.ffffff]]", a bare number of seconds, and ISO 8601
// durations ("P1Y2M3DT4H5M6S"). Fractions spill into smaller units as in PostgreSQL (a month
// is 30 days, a day 24 hours).
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "types/datetime.h"

namespace boyodb::functions {

/// Parses an interval; 22007 `invalid input syntax for type interval: "x"`, 22008
/// "interval out of range" when a field overflows.
Result<types::IntervalValue> ParseInterval(std::string_view text);

}  // namespace boyodb::functions
