// SegmentIndex: the contents of a segment's .idx file (zone maps, bloom filters and the CRC32C of
// every byte range of the .seg), and its binary encoding. The byte layout and what a reader must
// do with corrupt bytes are specified in docs/formats/segment.md; change both together.
// Thread safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "formats/compression/codec.h"
#include "storage/index/bloom_filter.h"
#include "storage/index/distinct_sketch.h"
#include "storage/scan/predicate.h"
#include "types/data_type.h"

namespace boyodb::storage {

inline constexpr std::string_view kSegmentIndexMagic = "BOYOIDX1";
/// The version written; DecodeSegmentIndex also reads version 1, which has no distinct sketches.
inline constexpr uint32_t kSegmentIndexVersion = 2;

/// A byte range of the .seg file and the CRC32C of its bytes.
struct ChecksummedRange {
  uint64_t offset = 0;
  uint64_t length = 0;
  uint32_t crc = 0;
};

/// One column of one record batch: its buffers' byte range in the .seg and its zone map.
struct ColumnChunkIndex {
  ChecksummedRange range;
  ZoneMap zone_map;
};

/// One record batch: where its IPC message lies (metadata block at offset, then the body) and
/// one entry per column.
struct BatchIndex {
  int64_t num_rows = 0;
  uint64_t offset = 0;
  uint32_t metadata_length = 0;
  uint64_t body_length = 0;
  std::vector<ColumnChunkIndex> columns;
};

struct SegmentIndex {
  uint64_t segment_id = 0;
  uint64_t num_rows = 0;
  formats::CompressionCodec codec = formats::CompressionCodec::kNone;
  types::Schema schema;
  /// Size and CRC32C of the whole .seg file.
  uint64_t file_size = 0;
  uint32_t file_crc = 0;
  std::vector<BatchIndex> batches;
  /// Every byte range of the .seg not inside a column range (magic, schema, dictionaries, batch
  /// metadata, footer), in file order. With the column ranges they tile the file exactly.
  std::vector<ChecksummedRange> metadata_ranges;
  /// One entry per column; nullopt for columns without a filter.
  std::vector<std::optional<BloomFilter>> bloom_filters;
  /// One entry per column: a sketch of its distinct non-NULL values; nullopt when not kept.
  /// Empty means none kept (a version 1 index).
  std::vector<std::optional<DistinctSketch>> distinct_sketches;
};

/// The .idx bytes of an index, ending with the CRC32C of everything before it.
/// Requires: the index is consistent (what DecodeSegmentIndex checks); bounds are non-NULL only
/// for types that keep them and strings no longer than kMaxZoneMapBytes.
std::string EncodeSegmentIndex(const SegmentIndex& index);

/// Decodes and checks .idx bytes read from `path`: magic, version, trailing CRC, every count and
/// length against the bytes present, the schema, the zone-map bounds, the bloom filters, that
/// batch row counts add up, that each column range lies inside its batch's body, and that column
/// and metadata ranges tile [0, file_size) without gaps or overlaps. Returns Corruption (XX001)
/// naming `path` and the byte offset of the first problem; never reads outside `bytes`.
Result<SegmentIndex> DecodeSegmentIndex(std::string_view bytes, std::string_view path);

}  // namespace boyodb::storage
