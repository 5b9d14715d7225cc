// BatchLocation: where the Arrow IPC file writer put one record batch, and where each of its
// top-level columns' buffers are, so the storage engine can index a segment and later read only
// the byte ranges of the columns a query needs.
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <vector>

namespace boyodb::formats::ipc {

struct ByteRange {
  uint64_t offset = 0;
  uint64_t length = 0;
  bool operator==(const ByteRange&) const = default;
};

struct BatchLocation {
  /// Offset in the file of the batch's message (its continuation marker).
  uint64_t offset = 0;
  /// Framing prefix + flatbuffer metadata + padding; the body starts at offset + this.
  int32_t metadata_length = 0;
  int64_t body_length = 0;
  int64_t num_rows = 0;
  /// Absolute file range of each top-level column's buffers, children included; the buffers of
  /// one column are contiguous in the body. A column without buffers (NULL type) has an empty
  /// range where it would start.
  std::vector<ByteRange> column_ranges;
  bool operator==(const BatchLocation&) const = default;
};

}  // namespace boyodb::formats::ipc
