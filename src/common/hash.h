// Fast non-cryptographic hashing (xxHash3) for hash tables and bloom filters.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace boyodb::hash {

/// 64-bit XXH3 of a byte range; stable across runs and machines (bloom filters persist it).
uint64_t Bytes(const void* data, size_t size, uint64_t seed = 0);
inline uint64_t Bytes(std::string_view bytes, uint64_t seed = 0) {
  return Bytes(bytes.data(), bytes.size(), seed);
}

/// A strong mix of a 64-bit integer (used for fixed-width keys instead of hashing bytes).
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

}  // namespace boyodb::hash
