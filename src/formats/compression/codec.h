// Block compression codecs (LZ4 frame, zstd, snappy) for Arrow IPC body compression and segment
// buffers: one-shot compress into a caller-owned string, bounded decompress into a caller buffer.
// Thread safety: every function is safe to call from any thread; each thread keeps its own codec
// contexts in thread-local storage, so concurrent calls share no mutable state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/status.h"

namespace boyodb::formats {

/// A compression codec. The numeric values are persisted (segment metadata, manifest), so they
/// never change; new codecs take new values.
enum class CompressionCodec : uint8_t {
  kNone = 0,
  /// The LZ4 *frame* format (magic 0x184D2204), which is what Arrow's LZ4_FRAME body
  /// compression requires, not the raw LZ4 block format.
  kLz4 = 1,
  /// One or more standard zstd frames.
  kZstd = 2,
  /// Snappy's raw format (varint uncompressed length, then elements), not its framing format.
  kSnappy = 3,
};

/// "none", "lz4", "zstd" or "snappy"; "unknown" for a value outside the enum.
std::string_view CodecName(CompressionCodec codec);

/// Parses a codec name, ignoring ASCII case ("ZSTD" is zstd). Returns InvalidArgument (22023)
/// naming the input and listing the valid names otherwise.
Result<CompressionCodec> ParseCodecName(std::string_view name);

/// An upper bound of the compressed size of n input bytes: Compress never appends more than this.
/// For kNone it is n.
size_t MaxCompressedSize(CompressionCodec codec, size_t n);

/// Appends the compressed form of input to *out, so callers can reuse one buffer for many calls.
/// level: 0 selects the codec's default (lz4: fast mode; zstd: 1). lz4 accepts -65536 to 12
/// (negative levels trade ratio for speed, 3 and above use LZ4-HC); zstd accepts its own range
/// (ZSTD_minCLevel() to 22); kNone and kSnappy have no levels and accept only 0.
/// Returns InvalidArgument for an unknown codec, an unsupported level, or an input larger than
/// the codec can encode (snappy: 4 GiB - 1); *out is unchanged on every error.
/// Requires: out != nullptr and out does not alias input.
Status Compress(CompressionCodec codec, std::string_view input, std::string* out, int level = 0);

/// Decompresses input into out[0, expected_size). Returns Corruption (XX001) naming the codec if
/// input is not well-formed data of that codec (an empty input is never well-formed, except for
/// kNone with expected_size 0) or does not decompress to exactly expected_size bytes. Input may
/// be arbitrary untrusted bytes: this never reads outside input and never writes outside
/// out[0, expected_size), whatever the bytes claim, so a decompression bomb fails cleanly. On
/// error the contents of out[0, expected_size) are unspecified. Callers add the file and offset
/// as context.
///
/// kLz4 accepts any standard frame (with or without content size and checksums; checksums that
/// are present are verified) and concatenated frames; kZstd accepts concatenated and skippable
/// frames. The frames Compress writes carry no checksums of their own: integrity of stored
/// bytes is checked by the CRC32C of the file that holds them.
/// Requires: out points to expected_size writable bytes (out may be null when expected_size is 0).
Status Decompress(CompressionCodec codec, std::string_view input, char* out, size_t expected_size);

}  // namespace boyodb::formats
