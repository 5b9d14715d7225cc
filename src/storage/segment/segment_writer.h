// WriteSegment: turns a chunk of rows into a segment on disk, <id>.seg (Arrow IPC file) and
// <id>.idx (zone maps, bloom filters, checksums), written durably. Layout and crash behaviour:
// docs/formats/segment.md.
// Thread safety: WriteSegment may run concurrently for distinct segment ids.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "columnar/chunk.h"
#include "common/file_system.h"
#include "common/result.h"
#include "formats/compression/codec.h"

namespace boyodb::storage {

struct SegmentWriteOptions {
  /// Body compression of every buffer; lz4 and zstd are standard Arrow, snappy is BoyoDB-only.
  formats::CompressionCodec codec = formats::CompressionCodec::kLz4;
  /// Rows per record batch (the last batch may be shorter).
  int64_t batch_rows = 65536;
  /// Rows are sorted by these columns (ascending, NULLs last, stable) before writing. The first
  /// of them gets no bloom filter: its batches' zone maps are already tight ranges.
  std::vector<int> sort_key_columns;
  /// TEXT columns whose distinct count is at most half the rows (and at most 1,000,000) are
  /// dictionary-encoded once for the whole segment and sliced into batches.
  bool dictionary_encode_strings = true;
  /// Whether columns of the types SupportsBloomFilter accepts get a bloom filter.
  bool bloom_filters = true;
  /// When set, only these columns get one (the engine passes the table's bloom indexes:
  /// hashing every value of every column is a large share of ingest time, and a filter only
  /// pays for columns that queries look up by equality).
  std::optional<std::vector<int>> bloom_filter_columns;

  /// InvalidArgument (22023) for an unknown codec, batch_rows outside [1, 2^31 - 1] or a
  /// negative sort key column.
  Status Validate() const;
};

/// What the manifest records about a written segment.
struct SegmentFileInfo {
  uint64_t row_count = 0;
  /// Size of the .seg file.
  uint64_t compressed_bytes = 0;
  /// Sum of Array::ByteSize of the input columns.
  uint64_t uncompressed_bytes = 0;
  /// CRC32C of the whole .seg file.
  uint32_t checksum = 0;
  /// Min and max of the first sort-key column when it is TIMESTAMP or TIMESTAMPTZ and has a
  /// non-NULL value.
  std::optional<int64_t> min_event_time;
  std::optional<int64_t> max_event_time;
};

/// <dir>/<segment_id>.seg.
std::string SegmentPath(const std::string& dir, uint64_t segment_id);
/// <dir>/<segment_id>.idx.
std::string IndexPath(const std::string& dir, uint64_t segment_id);

/// Writes <dir>/<segment_id>.seg and .idx durably: each is written to a temporary name and
/// fsynced, both are renamed into place (.idx last), then the directory is fsynced, so a crash
/// leaves either no segment or a complete one. Creates `dir` if missing; replaces an existing
/// segment of the same id. The whole .seg is built in memory first (about the compressed size
/// of the rows).
/// Requires: rows.num_rows() > 0 (else InvalidArgument), fewer than 2^32 rows, sort key columns
/// that exist in rows (else InvalidArgument). I/O errors (58030, 53100 for a full disk) name
/// the file; temporary files are removed on failure.
Result<SegmentFileInfo> WriteSegment(FileSystem& fs, const std::string& dir, uint64_t segment_id,
                                     const columnar::Chunk& rows,
                                     const SegmentWriteOptions& options);

}  // namespace boyodb::storage
