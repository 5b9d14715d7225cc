// Arrow IPC body compression, method BUFFER: each buffer of a body is stored as its int64
// little-endian uncompressed length followed by the compressed bytes, or as -1 followed by the
// raw bytes when compressing did not make it smaller; an empty buffer is an empty region.
// docs/formats/arrow_ipc.md describes the codecs (LZ4_FRAME, ZSTD, BoyoDB's snappy extension).
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "columnar/buffer.h"
#include "common/result.h"
#include "formats/compression/codec.h"
#include "formats/ipc/fbs/Message_generated.h"

namespace boyodb::formats::ipc {

/// The BodyCompression codec of a BoyoDB codec. Requires: codec != kNone.
org::apache::arrow::flatbuf::CompressionType ToArrowCodec(CompressionCodec codec);
/// The BoyoDB codec of a BodyCompression codec; NotSupported (0A000) for unknown values.
Result<CompressionCodec> FromArrowCodec(org::apache::arrow::flatbuf::CompressionType codec);

/// Appends the stored form of one buffer to *body: the raw bytes for kNone, otherwise the
/// length prefix and the compressed (or raw, if compression did not help) bytes. Appends
/// nothing for an empty buffer. Returns the number of bytes appended.
Result<int64_t> AppendCompressedBuffer(CompressionCodec codec, int level, std::string_view data,
                                       std::string* body);

/// Decodes one stored buffer of a compressed body: `region` is the buffer's bytes in the body,
/// which start at `region_offset` of `parent` (so raw bytes can be used in place when
/// aligned). Returns null for an empty buffer. Corruption (XX001) when the region is shorter
/// than its prefix, the declared length is negative (other than -1) or above max_bytes, or
/// the compressed bytes do not decode to exactly the declared length.
Result<columnar::BufferPtr> DecompressBuffer(CompressionCodec codec,
                                             const columnar::BufferPtr& parent,
                                             uint64_t region_offset, uint64_t region_length,
                                             uint64_t max_bytes);

/// Uses bytes [offset, offset + length) of parent in place when they are 16-byte aligned (so
/// any value type may be read from them), else copies them into a new aligned buffer.
columnar::BufferPtr SliceOrCopy(const columnar::BufferPtr& parent, uint64_t offset,
                                uint64_t length);

}  // namespace boyodb::formats::ipc
