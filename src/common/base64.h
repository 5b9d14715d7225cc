// Base64 (RFC 4648, with '=' padding): the native protocol's ipc_base64 fields and
// PostgreSQL's encode(bytea, 'base64') / decode(text, 'base64').
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace boyodb {

/// Appends `bytes` in base64 to `out`. With `line_length` > 0 a newline follows every full
/// line of that many characters (PostgreSQL's encode uses 76, and ends a full last line with
/// one too); 0 writes one unbroken line.
void AppendBase64(std::string_view bytes, size_t line_length, std::string* out);

/// Appends the bytes `text` encodes to `out`, skipping spaces, tabs and line breaks.
/// InvalidArgument (22023) naming the problem: a symbol outside the alphabet, a misplaced
/// '=' or a final group that is not complete.
Status DecodeBase64(std::string_view text, std::string* out);

}  // namespace boyodb
