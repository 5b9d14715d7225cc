// MD5 digests (RFC 1321) for md5(). A self-contained implementation, kept in its own file so it
// can be replaced by OpenSSL's EVP_Digest once the functions library links OpenSSL::Crypto.
// Thread safety: pure function.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace boyodb::functions {

/// The 16-byte MD5 digest of `bytes`.
std::array<uint8_t, 16> Md5Digest(std::string_view bytes);

}  // namespace boyodb::functions
