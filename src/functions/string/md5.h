// MD5 digests for md5(), computed by OpenSSL (libssl-dev, ARCHITECTURE.md section 8).
// Thread safety: pure function.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace boyodb::functions {

/// The 16-byte MD5 digest of `bytes`.
std::array<uint8_t, 16> Md5Digest(std::string_view bytes);

}  // namespace boyodb::functions
