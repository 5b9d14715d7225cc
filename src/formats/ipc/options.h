// Options of the Arrow IPC writers and readers (docs/formats/arrow_ipc.md): which body
// compression to write, and the bounds that keep a reader of untrusted bytes from allocating or
// recursing without limit.
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "formats/compression/codec.h"

namespace boyodb::formats::ipc {

struct WriteOptions {
  /// Body compression of record and dictionary batches. kLz4 and kZstd are Arrow's standard
  /// LZ4_FRAME and ZSTD; kSnappy is a BoyoDB extension that other Arrow readers reject.
  CompressionCodec codec = CompressionCodec::kNone;
  /// Passed to formats::Compress; 0 is the codec's default.
  int compression_level = 0;
  /// Start of every buffer in a body, in bytes: 8 (Arrow's minimum), 16, 32 or 64. 64 lets a
  /// reader use every buffer in place; 8 keeps small batches small.
  int alignment = 8;
  /// Written as the Schema's custom_metadata, in this order.
  std::vector<std::pair<std::string, std::string>> schema_metadata;

  /// InvalidArgument (22023) for an unknown codec, a level the codec refuses to state, or an
  /// alignment that is not 8, 16, 32 or 64.
  Status Validate() const;
};

struct ReadOptions {
  /// Largest buffer a reader materializes (decompressed size, or stored size when
  /// uncompressed). Larger declared sizes are Corruption, before anything is allocated.
  uint64_t max_buffer_bytes = uint64_t{1} << 30;
  /// Largest message: flatbuffer metadata plus body, and also the sum of the decompressed sizes
  /// of one message's buffers.
  uint64_t max_message_bytes = uint64_t{4} << 30;
  /// Largest flatbuffer metadata of one message or of a file footer.
  uint64_t max_metadata_bytes = uint64_t{64} << 20;
  /// Deepest nesting of types (LIST(LIST(...)) counts one per level).
  int max_nesting_depth = 64;

  /// InvalidArgument (22023) when a bound is zero, max_metadata_bytes > max_message_bytes or
  /// max_metadata_bytes >= 2 GiB.
  Status Validate() const;
};

}  // namespace boyodb::formats::ipc
