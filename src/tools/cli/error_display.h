// psql's way of showing an error: "ERROR:  message", then for an error with a position in the
// statement the line it is on ("LINE 2: from t wher x") and a caret under the position, then
// the SQLSTATE on a line of its own ("SQLSTATE: 42601").
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "common/status.h"

namespace boyodb::tools::cli {

/// Writes the error report for `status` to `err`. `location` prefixes the first line
/// ("script.sql:3: "; may be empty); `statement` is the text that ran, which status.position()
/// counts into (may be empty for errors that are not about a statement).
void PrintError(const Status& status, std::string_view statement, std::string_view location,
                std::ostream& err);

/// The "LINE n: ..." line and the caret line under it (each ending in '\n') for a 1-based
/// character `position` in `statement`, as libpq shows them: lines longer than 60 characters
/// are cut around the position and the cuts marked with "...", tabs show as spaces. Empty when
/// `position` is not in 1 .. (characters in statement + 1).
std::string ErrorPositionLines(std::string_view statement, int32_t position);

}  // namespace boyodb::tools::cli
