// Frames of the native protocol (docs/formats/native_protocol.md): a 4-byte big-endian length,
// then that many bytes of payload. Requests and responses are JSON payloads; binary results
// and binary ingest carry raw Arrow IPC bytes in frames of their own.
// Thread safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace boyodb::server::native {

inline constexpr size_t kFrameHeaderBytes = 4;

/// The 4-byte header of a frame of `payload_size` bytes. Requires: payload_size < 2^32.
std::array<char, kFrameHeaderBytes> EncodeFrameHeader(size_t payload_size);

/// The payload length a header announces. 54000 (program_limit_exceeded) naming both sizes
/// when it is above `max_payload_bytes`: the reader must not allocate it.
Result<uint32_t> DecodeFrameHeader(const std::array<char, kFrameHeaderBytes>& header,
                                   uint32_t max_payload_bytes);

/// Header and payload in one string (tests, small responses).
std::string EncodeFrame(std::string_view payload);

}  // namespace boyodb::server::native
