#include "storage/segment/segment_reader.h"

#include <algorithm>

#include "common/check.h"
#include "common/crc32.h"
#include "common/sqlstate.h"
#include "formats/ipc/file_reader.h"
#include "storage/segment/checked_file.h"
#include "storage/segment/column_cache.h"
#include "storage/segment/segment_writer.h"

namespace boyodb::storage {

namespace {

Status SegmentCorruption(const std::string& path, const std::string& what) {
  return Status::Corruption("corrupt segment file \"" + path + "\": " + what);
}

Status OutOfRangeIndex(const std::string& path, const char* what, int index, size_t count) {
  return Status(StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange,
                std::string(what) + " index " + std::to_string(index) + " is outside [0, " +
                    std::to_string(count) + ") in segment \"" + path + "\"");
}

// Reads every metadata range of the .seg and checks its CRC32C.
Status VerifyMetadataRanges(const RandomAccessFile& file, const SegmentIndex& index) {
  std::string buffer;
  for (const ChecksummedRange& range : index.metadata_ranges) {
    buffer.resize(static_cast<size_t>(range.length));
    BOYO_RETURN_IF_ERROR(ReadExactly(file, range.offset, buffer.size(), buffer.data()));
    const uint32_t crc = crc32::Compute(buffer);
    if (crc != range.crc) {
      return Status::Corruption("checksum mismatch in segment file \"" + file.path() +
                                "\", metadata at byte offset " + std::to_string(range.offset) +
                                " (" + std::to_string(range.length) + " bytes): stored " +
                                std::to_string(range.crc) + ", computed " + std::to_string(crc));
    }
  }
  return Status::OK();
}

// Checks that the IPC file is the one the index describes.
Status CheckAgainstIndex(const formats::ipc::FileReader& reader, const SegmentIndex& index,
                         const std::string& path) {
  if (!(*reader.schema() == index.schema)) {
    return SegmentCorruption(path, "schema " + reader.schema()->ToString() +
                                       " differs from the index's " + index.schema.ToString());
  }
  if (static_cast<size_t>(reader.num_batches()) != index.batches.size()) {
    return SegmentCorruption(path, std::to_string(reader.num_batches()) +
                                       " record batches, the index has " +
                                       std::to_string(index.batches.size()));
  }
  for (size_t b = 0; b < index.batches.size(); ++b) {
    BOYO_ASSIGN_OR_RETURN(const formats::ipc::BatchLocation location,
                          reader.GetBatchLocation(static_cast<int>(b)));
    const BatchIndex& batch = index.batches[b];
    bool same = location.offset == batch.offset &&
                location.metadata_length == static_cast<int32_t>(batch.metadata_length) &&
                location.body_length == static_cast<int64_t>(batch.body_length) &&
                location.num_rows == batch.num_rows &&
                location.column_ranges.size() == batch.columns.size();
    for (size_t c = 0; same && c < batch.columns.size(); ++c) {
      const ChecksummedRange& range = batch.columns[c].range;
      // Empty ranges carry no bytes, so where they sit does not matter.
      same = location.column_ranges[c].length == range.length &&
             (range.length == 0 || location.column_ranges[c].offset == range.offset);
    }
    if (!same) {
      return SegmentCorruption(path, "record batch " + std::to_string(b) + " at byte offset " +
                                         std::to_string(location.offset) +
                                         " is not where or what the index says");
    }
  }
  return Status::OK();
}

}  // namespace

SegmentReader::SegmentReader(std::string path, SegmentIndex index,
                             std::shared_ptr<const CheckedFile> file,
                             std::unique_ptr<formats::ipc::FileReader> reader, ColumnCache* cache)
    : path_(std::move(path)),
      index_(std::move(index)),
      file_(std::move(file)),
      reader_(std::move(reader)),
      cache_(cache),
      cache_token_(cache != nullptr ? ColumnCache::NewReaderToken() : 0),
      distinct_values_(new std::atomic<double>[index_.schema.num_fields()]) {
  for (size_t i = 0; i < index_.schema.num_fields(); ++i) distinct_values_[i] = kNotComputed;
}

SegmentReader::~SegmentReader() {
  if (cache_ != nullptr) {
    cache_->EraseReader(cache_token_, num_batches(), static_cast<int>(index_.schema.num_fields()));
  }
}

Result<std::shared_ptr<const SegmentReader>> SegmentReader::Open(FileSystem& fs,
                                                                 const std::string& dir,
                                                                 uint64_t segment_id,
                                                                 ColumnCache* cache) {
  const std::string index_path = IndexPath(dir, segment_id);
  const std::string path = SegmentPath(dir, segment_id);
  BOYO_ASSIGN_OR_RETURN(const std::string index_bytes, ReadWholeFile(fs, index_path));
  BOYO_ASSIGN_OR_RETURN(SegmentIndex index, DecodeSegmentIndex(index_bytes, index_path));
  if (index.segment_id != segment_id) {
    return Status::Corruption("corrupt segment index \"" + index_path +
                              "\" at byte offset 16: it belongs to segment " +
                              std::to_string(index.segment_id));
  }
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> base, fs.OpenReadable(path));
  if (base->size() != index.file_size) {
    return SegmentCorruption(path, "file has " + std::to_string(base->size()) +
                                       " bytes, the index recorded " +
                                       std::to_string(index.file_size));
  }
  BOYO_RETURN_IF_ERROR(VerifyMetadataRanges(*base, index));

  std::vector<CheckedFile::Range> ranges;
  for (size_t b = 0; b < index.batches.size(); ++b) {
    const BatchIndex& batch = index.batches[b];
    for (size_t c = 0; c < batch.columns.size(); ++c) {
      const ChecksummedRange& range = batch.columns[c].range;
      ranges.push_back(
          {range.offset, range.length, range.crc, static_cast<int>(b), static_cast<int>(c)});
    }
  }
  for (const ChecksummedRange& range : index.metadata_ranges) {
    ranges.push_back({range.offset, range.length, range.crc, -1, -1});
  }
  auto file = std::make_shared<const CheckedFile>(
      std::shared_ptr<const RandomAccessFile>(std::move(base)), std::move(ranges));
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<formats::ipc::FileReader> reader,
                        formats::ipc::FileReader::Open(file));
  BOYO_RETURN_IF_ERROR(CheckAgainstIndex(*reader, index, path));
  return std::shared_ptr<const SegmentReader>(
      new SegmentReader(path, std::move(index), std::move(file), std::move(reader), cache));
}

int64_t SegmentReader::batch_num_rows(int batch) const {
  BOYO_CHECK(batch >= 0 && batch < num_batches());
  return index_.batches[static_cast<size_t>(batch)].num_rows;
}

const ZoneMap& SegmentReader::zone_map(int batch, int column) const {
  BOYO_CHECK(batch >= 0 && batch < num_batches());
  BOYO_CHECK(column >= 0 && static_cast<size_t>(column) < index_.schema.num_fields());
  return index_.batches[static_cast<size_t>(batch)].columns[static_cast<size_t>(column)].zone_map;
}

const BloomFilter* SegmentReader::bloom_filter(int column) const {
  BOYO_CHECK(column >= 0 && static_cast<size_t>(column) < index_.bloom_filters.size());
  const std::optional<BloomFilter>& filter = index_.bloom_filters[static_cast<size_t>(column)];
  return filter.has_value() ? &*filter : nullptr;
}

std::optional<double> SegmentReader::EstimatedDistinctValues(int column) const {
  std::atomic<double>& known = distinct_values_[static_cast<size_t>(column)];
  double estimate = known.load(std::memory_order_relaxed);
  // Racing threads compute the same figure; whichever stores last wins harmlessly.
  if (estimate >= 0) return estimate;
  if (estimate == kUnknownDistinct) return std::nullopt;
  const std::optional<double> computed = ComputeDistinctValues(column);
  known.store(computed.value_or(kUnknownDistinct), std::memory_order_relaxed);
  return computed;
}

std::optional<double> SegmentReader::ComputeDistinctValues(int column) const {
  const auto rows = static_cast<double>(num_rows());
  if (const DistinctSketch* sketch = distinct_sketch(column)) {
    return std::min(sketch->Estimate(), rows);
  }
  // A segment written before counts were kept: from its bloom filter, if it has one.
  if (const BloomFilter* filter = bloom_filter(column)) {
    return std::min(filter->EstimateInsertedHashes(), rows);
  }
  return std::nullopt;
}

const DistinctSketch* SegmentReader::distinct_sketch(int column) const {
  BOYO_CHECK(column >= 0 && static_cast<size_t>(column) < index_.schema.num_fields());
  if (index_.distinct_sketches.empty()) return nullptr;
  const std::optional<DistinctSketch>& sketch =
      index_.distinct_sketches[static_cast<size_t>(column)];
  return sketch.has_value() ? &*sketch : nullptr;
}

Result<columnar::Chunk> SegmentReader::ReadBatch(int batch, const std::vector<int>& columns) const {
  if (batch < 0 || batch >= num_batches()) {
    return OutOfRangeIndex(path_, "batch", batch, index_.batches.size());
  }
  for (const int column : columns) {
    if (column < 0 || static_cast<size_t>(column) >= index_.schema.num_fields()) {
      return OutOfRangeIndex(path_, "column", column, index_.schema.num_fields());
    }
  }
  if (cache_ != nullptr && cache_->capacity_bytes() > 0) return ReadThroughCache(batch, columns);
  return ReadFromFile(batch, columns);
}

Result<columnar::Chunk> SegmentReader::ReadFromFile(int batch,
                                                    const std::vector<int>& columns) const {
  Result<columnar::Chunk> chunk = reader_->ReadBatch(batch, columns);
  if (!chunk.ok()) {
    return chunk.error().WithContext("reading batch " + std::to_string(batch) + " of segment " +
                                     path_);
  }
  return chunk;
}

Result<columnar::Chunk> SegmentReader::ReadThroughCache(int batch,
                                                        const std::vector<int>& columns) const {
  std::vector<int> wanted = columns;
  if (wanted.empty()) {
    for (size_t i = 0; i < index_.schema.num_fields(); ++i) wanted.push_back(static_cast<int>(i));
  }
  std::vector<columnar::ArrayPtr> arrays(wanted.size());
  std::vector<int> missing;
  for (size_t i = 0; i < wanted.size(); ++i) {
    arrays[i] = cache_->Lookup(
        {cache_token_, static_cast<uint32_t>(batch), static_cast<uint32_t>(wanted[i])});
    if (!arrays[i]) missing.push_back(wanted[i]);
  }
  if (!missing.empty()) {
    BOYO_ASSIGN_OR_RETURN(const columnar::Chunk read, ReadFromFile(batch, missing));
    size_t next = 0;
    for (size_t i = 0; i < wanted.size(); ++i) {
      if (arrays[i]) continue;
      arrays[i] = read.column(next++);
      cache_->Insert({cache_token_, static_cast<uint32_t>(batch), static_cast<uint32_t>(wanted[i])},
                     arrays[i]);
    }
  }
  std::vector<types::Field> fields;
  fields.reserve(wanted.size());
  for (const int column : wanted)
    fields.push_back(index_.schema.field(static_cast<size_t>(column)));
  return columnar::Chunk(std::make_shared<const types::Schema>(std::move(fields)),
                         std::move(arrays), batch_num_rows(batch));
}

Status SegmentReader::VerifyFile() const {
  constexpr size_t kChunkBytes = size_t{4} << 20;
  std::string buffer(static_cast<size_t>(std::min<uint64_t>(kChunkBytes, index_.file_size)), '\0');
  uint32_t crc = 0;
  uint64_t offset = 0;
  while (offset < index_.file_size) {
    const size_t n =
        static_cast<size_t>(std::min<uint64_t>(kChunkBytes, index_.file_size - offset));
    BOYO_RETURN_IF_ERROR(ReadExactly(*file_, offset, n, buffer.data()));
    crc = crc32::Extend(crc, buffer.data(), n);
    offset += n;
  }
  // A file that grew since it was written has bytes past the recorded size.
  char extra = 0;
  BOYO_ASSIGN_OR_RETURN(const size_t more, file_->ReadAt(offset, 1, &extra));
  if (more != 0) {
    return SegmentCorruption(path_, "file is longer than the " + std::to_string(index_.file_size) +
                                        " bytes the index recorded");
  }
  if (crc != index_.file_crc) {
    return SegmentCorruption(path_, "checksum mismatch over the whole file: stored " +
                                        std::to_string(index_.file_crc) + ", computed " +
                                        std::to_string(crc));
  }
  return Status::OK();
}

}  // namespace boyodb::storage
