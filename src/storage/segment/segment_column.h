// SegmentColumn: one column of a segment being written, made ready for the IPC writer and the
// index: dictionary-encoded when that pays, summarized per batch (zone maps) and, for types that
// have one, by a bloom filter over the whole column. Used by WriteSegment.
// Thread safety: pure functions; the scratch vector belongs to the caller.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "columnar/array.h"
#include "storage/index/bloom_filter.h"
#include "storage/index/distinct_sketch.h"
#include "storage/scan/predicate.h"

namespace boyodb::storage {

/// TEXT columns with more distinct values than this are never dictionary-encoded.
inline constexpr int64_t kMaxDictionaryEntries = 1'000'000;
/// Target false-positive rate of column bloom filters.
inline constexpr double kBloomFalsePositiveRate = 0.01;
/// Largest bloom filter of one column; past it the false-positive rate grows instead.
inline constexpr size_t kMaxBloomFilterBytes = size_t{1} << 20;

struct SegmentColumnOptions {
  /// Rows per record batch: one zone map per batch_rows rows. Requires: > 0.
  int64_t batch_rows = 65536;
  /// Dictionary-encode a plain TEXT column whose distinct count is at most half its rows and at
  /// most kMaxDictionaryEntries.
  bool dictionary_encode = true;
  /// Build a bloom filter when SupportsBloomFilter(type).
  bool bloom_filter = true;
  /// Sketch the distinct values (for the optimizer's estimates) when SupportsBloomFilter(type).
  bool count_distinct = true;
};

struct SegmentColumn {
  /// The column as it is written: the input, or its dictionary encoding (one dictionary for
  /// all batches, which slice this array).
  columnar::ArrayPtr array;
  /// One per batch of batch_rows rows (the last one possibly shorter).
  std::vector<ZoneMap> zone_maps;
  /// Every non-NULL value hashed with the BloomHashOf definition, sized for the (estimated)
  /// distinct count at kBloomFalsePositiveRate, at most kMaxBloomFilterBytes.
  std::optional<BloomFilter> bloom_filter;
  /// A sketch of the non-NULL values' hashes (BloomHashOf), for estimating distinct values;
  /// nullopt when not counted.
  std::optional<DistinctSketch> distinct_sketch;
};

/// Prepares one column. `scratch` is reused across calls to avoid reallocating per column.
/// Requires: options.batch_rows > 0; column has fewer than 2^31 rows.
SegmentColumn PrepareSegmentColumn(const columnar::ArrayPtr& column,
                                   const SegmentColumnOptions& options,
                                   std::vector<uint64_t>* scratch);

/// A sketch of the array's non-NULL values, hashed as SegmentColumn::distinct_sketch is (a
/// dictionary array's entries stand for its values). Requires: SupportsBloomFilter(type).
DistinctSketch SketchValues(const columnar::Array& array);

/// A HyperLogLog estimate (about 1.6% standard error) of the number of distinct values among
/// the hashes, at most hashes.size().
uint64_t EstimateDistinctHashes(const std::vector<uint64_t>& hashes);

}  // namespace boyodb::storage
