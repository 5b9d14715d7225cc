// The length limit of CHARACTER VARYING(n) and CHARACTER(n), as PostgreSQL applies it when a
// value is stored in such a column or cast to such a type: a longer value is an error (22001)
// on assignment unless only spaces are cut, and is cut to n characters by an explicit cast;
// CHARACTER(n) values lose their trailing spaces (types::CharacterLength::fixed). Lengths count
// characters, not bytes.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "columnar/array.h"
#include "common/result.h"
#include "types/character_length.h"

namespace boyodb::functions {

using types::CharacterLength;

/// `text` fitted to `limit`, appended to `out`. `explicit_cast` cuts a longer value; otherwise
/// only trailing spaces may be cut and anything else is 22001 `value too long for type ...`.
Status FitCharacterLength(std::string_view text, CharacterLength limit, bool explicit_cast,
                          std::string* out);

/// FitCharacterLength over every row of a TEXT array (NULLs stay NULL).
Result<columnar::ArrayPtr> FitCharacterLengths(const columnar::ArrayPtr& strings,
                                               CharacterLength limit, bool explicit_cast);

}  // namespace boyodb::functions
