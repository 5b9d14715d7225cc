// The English ordinal suffix of a number as to_char's TH/th writes it ("1st", "22nd", "13th").
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace boyodb::functions {

/// "ST", "ND", "RD" or "TH" (lower case when `lower`) for the decimal `digits`, judged by the
/// last two as PostgreSQL does: the teens take TH. Requires: digits is not empty.
std::string OrdinalSuffix(std::string_view digits, bool lower);

}  // namespace boyodb::functions
