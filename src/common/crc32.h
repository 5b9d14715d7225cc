// CRC32 checksums for every stored byte (WAL records, segments, index files, manifest).
// The polynomial is Castagnoli's (CRC32C), which x86 computes in hardware (SSE4.2).
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace boyodb::crc32 {

/// Returns the CRC32C of data[0, size) continuing from a previous crc (0 to start).
uint32_t Extend(uint32_t crc, const void* data, size_t size);

inline uint32_t Compute(const void* data, size_t size) { return Extend(0, data, size); }
inline uint32_t Compute(std::string_view bytes) { return Extend(0, bytes.data(), bytes.size()); }

}  // namespace boyodb::crc32
