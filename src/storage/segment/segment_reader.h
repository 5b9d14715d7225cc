// SegmentReader: an open segment (<id>.seg + <id>.idx): its zone maps and bloom filters for
// skipping, and reads of single batches and columns whose bytes are checked against the CRC32C
// the index recorded. Layout and error handling: docs/formats/segment.md.
// Thread safety: immutable after Open; every method may be called from many threads at once, so
// concurrent scans share one reader.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "columnar/chunk.h"
#include "common/file_system.h"
#include "common/result.h"
#include "storage/index/bloom_filter.h"
#include "storage/scan/predicate.h"
#include "storage/segment/segment_index.h"
#include "types/data_type.h"

namespace boyodb::formats::ipc {
class FileReader;
}  // namespace boyodb::formats::ipc

namespace boyodb::storage {

class CheckedFile;
class ColumnCache;

class SegmentReader {
 public:
  /// Opens <dir>/<segment_id>.idx (read whole, decoded and checked) and <dir>/<segment_id>.seg
  /// (footer and schema), and checks the CRC32C of every metadata range of the .seg and that
  /// the .seg matches the index (size, schema, batches). NotFound when either file is missing;
  /// Corruption (XX001) naming the file and byte offset for anything malformed; I/O errors.
  /// `fs` must outlive the reader, and so must `cache` when given: decoded columns are then
  /// kept there and later reads of them skip the file.
  static Result<std::shared_ptr<const SegmentReader>> Open(FileSystem& fs, const std::string& dir,
                                                           uint64_t segment_id,
                                                           ColumnCache* cache = nullptr);
  ~SegmentReader();

  uint64_t segment_id() const { return index_.segment_id; }
  /// The .seg file's path.
  const std::string& path() const { return path_; }
  const types::Schema& schema() const { return index_.schema; }
  int64_t num_rows() const { return static_cast<int64_t>(index_.num_rows); }
  int num_batches() const { return static_cast<int>(index_.batches.size()); }
  /// Requires: 0 <= batch < num_batches().
  int64_t batch_num_rows(int batch) const;
  /// Requires: batch and column in range.
  const ZoneMap& zone_map(int batch, int column) const;
  /// The column's bloom filter over the whole segment, or nullptr when it has none.
  /// Requires: column in range.
  const BloomFilter* bloom_filter(int column) const;
  /// The column's sketch of distinct values, or nullptr when it has none (a version 1 index,
  /// a type without hashes). Requires: column in range.
  const DistinctSketch* distinct_sketch(int column) const;
  /// The number of distinct non-NULL values of the column in this segment, at most its rows:
  /// from its sketch or, without one, from its bloom filter
  /// (BloomFilter::EstimateInsertedHashes); nullopt when it has neither. Remembered after the
  /// first call per column. Requires: column in range.
  std::optional<double> EstimatedDistinctValues(int column) const;
  /// The decoded .idx.
  const SegmentIndex& index() const { return index_; }

  /// Reads the listed columns of one batch, in that order (empty = all). Only those columns'
  /// byte ranges are read (one pread each, plus the batch's metadata and, on first use, the
  /// dictionaries), and each range's CRC32C is checked before decoding: a mismatch is
  /// Corruption naming the .seg path, batch, column and byte offset, and other columns remain
  /// readable. OutOfRange (22003) for a batch or column index out of range. Columns found in
  /// the column cache are not read at all.
  Result<columnar::Chunk> ReadBatch(int batch, const std::vector<int>& columns = {}) const;

  /// Reads the whole .seg and compares its size and CRC32C with the index: Corruption naming
  /// the file when they differ. Blocks for the time it takes to read the file.
  Status VerifyFile() const;
  /// CRC32C of the whole .seg as the index records it (what the manifest also stores).
  uint32_t file_checksum() const { return index_.file_crc; }

 private:
  SegmentReader(std::string path, SegmentIndex index, std::shared_ptr<const CheckedFile> file,
                std::unique_ptr<formats::ipc::FileReader> reader, ColumnCache* cache);

  Result<columnar::Chunk> ReadFromFile(int batch, const std::vector<int>& columns) const;
  Result<columnar::Chunk> ReadThroughCache(int batch, const std::vector<int>& columns) const;
  std::optional<double> ComputeDistinctValues(int column) const;

  // distinct_values_ entries: not computed yet, or computed and unknown.
  static constexpr double kNotComputed = -1.0;
  static constexpr double kUnknownDistinct = -2.0;

  const std::string path_;
  const SegmentIndex index_;
  const std::shared_ptr<const CheckedFile> file_;
  const std::unique_ptr<formats::ipc::FileReader> reader_;
  ColumnCache* const cache_;
  const uint64_t cache_token_;
  // Per column, EstimatedDistinctValues once computed, or one of the two markers above.
  const std::unique_ptr<std::atomic<double>[]> distinct_values_;
};

}  // namespace boyodb::storage
