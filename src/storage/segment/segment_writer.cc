#include "storage/segment/segment_writer.h"

#include <algorithm>
#include <limits>

#include "common/crc32.h"
#include "common/sqlstate.h"
#include "formats/ipc/byte_sink.h"
#include "formats/ipc/file_writer.h"
#include "storage/index/zone_map_builder.h"
#include "storage/segment/row_sort.h"
#include "storage/segment/segment_column.h"
#include "storage/segment/segment_index.h"

namespace boyodb::storage {

using columnar::ArrayPtr;
using types::TypeId;

namespace {

// --- Checksums -----------------------------------------------------------------------------------

ChecksummedRange Checksummed(std::string_view file, uint64_t offset, uint64_t length) {
  return ChecksummedRange{offset, length, crc32::Compute(file.data() + offset, length)};
}

// The spans of the file outside column ranges, cut at every batch message, body and end, so
// that each batch's metadata block is a range of its own.
std::vector<ChecksummedRange> MetadataRanges(std::string_view file,
                                             const std::vector<BatchIndex>& batches) {
  std::vector<std::pair<uint64_t, uint64_t>> columns;  // [begin, end)
  std::vector<uint64_t> cuts;
  for (const BatchIndex& batch : batches) {
    cuts.push_back(batch.offset);
    cuts.push_back(batch.offset + batch.metadata_length);
    cuts.push_back(batch.offset + batch.metadata_length + batch.body_length);
    for (const ColumnChunkIndex& column : batch.columns) {
      if (column.range.length > 0) {
        columns.emplace_back(column.range.offset, column.range.offset + column.range.length);
      }
    }
  }
  std::sort(columns.begin(), columns.end());
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<ChecksummedRange> ranges;
  const auto add_gap = [&](uint64_t begin, uint64_t end) {
    auto cut = std::upper_bound(cuts.begin(), cuts.end(), begin);
    while (begin < end) {
      const uint64_t piece_end = cut != cuts.end() && *cut < end ? *cut++ : end;
      ranges.push_back(Checksummed(file, begin, piece_end - begin));
      begin = piece_end;
    }
  };
  uint64_t position = 0;
  for (const auto& [begin, end] : columns) {
    add_gap(position, begin);
    position = end;
  }
  add_gap(position, file.size());
  return ranges;
}

// --- Files -------------------------------------------------------------------------------------

Status WriteAndSync(FileSystem& fs, const std::string& path, std::string_view contents) {
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file,
                        fs.OpenWritable(path, OpenMode::kTruncate));
  BOYO_RETURN_IF_ERROR(file->Append(contents));
  BOYO_RETURN_IF_ERROR(file->Sync());
  return file->Close();
}

Status WriteFilesDurably(FileSystem& fs, const std::string& dir, uint64_t segment_id,
                         std::string_view segment, std::string_view index) {
  const std::string segment_path = SegmentPath(dir, segment_id);
  const std::string index_path = IndexPath(dir, segment_id);
  const std::string segment_temp = segment_path + ".tmp";
  const std::string index_temp = index_path + ".tmp";
  Status status = fs.CreateDirs(dir);
  if (status.ok()) status = WriteAndSync(fs, segment_temp, segment);
  if (status.ok()) status = WriteAndSync(fs, index_temp, index);
  bool renamed_segment = false;
  bool renamed_index = false;
  if (status.ok()) {
    status = fs.Rename(segment_temp, segment_path);
    renamed_segment = status.ok();
  }
  // The index goes last: an .idx always names a complete .seg.
  if (status.ok()) {
    status = fs.Rename(index_temp, index_path);
    renamed_index = status.ok();
  }
  if (status.ok()) status = fs.SyncDir(dir);
  if (!status.ok()) {
    // Best effort: what cannot be removed now is unreferenced, and the engine removes it later.
    std::vector<std::string> leftovers = {segment_temp, index_temp};
    if (renamed_index) leftovers.push_back(index_path);
    if (renamed_segment) leftovers.push_back(segment_path);
    for (const std::string& path : leftovers) {
      Result<bool> exists = fs.Exists(path);
      if (exists.ok() && *exists) (void)fs.RemoveFile(path);
    }
    return std::move(status).WithContext("writing segment " + segment_path);
  }
  return Status::OK();
}

Status InvalidOption(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue, std::move(message));
}

}  // namespace

Status SegmentWriteOptions::Validate() const {
  if (static_cast<uint8_t>(codec) > static_cast<uint8_t>(formats::CompressionCodec::kSnappy)) {
    return InvalidOption("unknown segment codec " + std::to_string(static_cast<int>(codec)));
  }
  if (batch_rows < 1 || batch_rows > std::numeric_limits<int32_t>::max()) {
    return InvalidOption("segment batch_rows " + std::to_string(batch_rows) +
                         " must be between 1 and " +
                         std::to_string(std::numeric_limits<int32_t>::max()));
  }
  for (const int column : sort_key_columns) {
    if (column < 0) return InvalidOption("negative sort key column " + std::to_string(column));
  }
  return Status::OK();
}

std::string SegmentPath(const std::string& dir, uint64_t segment_id) {
  return JoinPath(dir, std::to_string(segment_id) + ".seg");
}

std::string IndexPath(const std::string& dir, uint64_t segment_id) {
  return JoinPath(dir, std::to_string(segment_id) + ".idx");
}

Result<SegmentFileInfo> WriteSegment(FileSystem& fs, const std::string& dir, uint64_t segment_id,
                                     const columnar::Chunk& rows,
                                     const SegmentWriteOptions& options) {
  BOYO_RETURN_IF_ERROR(options.Validate());
  if (rows.num_rows() <= 0) {
    return InvalidOption("a segment needs at least one row, segment " + std::to_string(segment_id) +
                         " has none");
  }
  if (rows.num_rows() >= (int64_t{1} << 32)) {
    return InvalidOption("a segment holds fewer than 2^32 rows, got " +
                         std::to_string(rows.num_rows()));
  }
  for (const int column : options.sort_key_columns) {
    if (static_cast<size_t>(column) >= rows.num_columns()) {
      return InvalidOption("sort key column " + std::to_string(column) + " is not one of the " +
                           std::to_string(rows.num_columns()) + " columns");
    }
  }

  const columnar::Chunk sorted = SortChunk(rows, options.sort_key_columns);
  std::vector<SegmentColumn> columns;
  columns.reserve(sorted.num_columns());
  std::vector<uint64_t> scratch;
  for (size_t c = 0; c < sorted.num_columns(); ++c) {
    SegmentColumnOptions column_options;
    column_options.batch_rows = options.batch_rows;
    column_options.dictionary_encode = options.dictionary_encode_strings;
    // The leading sort key needs no filter: its batches' zone maps are already tight ranges.
    const bool chosen =
        !options.bloom_filter_columns ||
        std::find(options.bloom_filter_columns->begin(), options.bloom_filter_columns->end(),
                  static_cast<int>(c)) != options.bloom_filter_columns->end();
    column_options.bloom_filter =
        options.bloom_filters && chosen &&
        (options.sort_key_columns.empty() || options.sort_key_columns[0] != static_cast<int>(c));
    columns.push_back(PrepareSegmentColumn(sorted.column(c), column_options, &scratch));
  }

  // The whole .seg in memory: its checksums come from these bytes, and the file is one append.
  std::string file;
  // Room for the data uncompressed: compressing a buffer first extends the string by the
  // codec's bound, and a reallocation would copy everything written so far. Pages are only
  // touched as bytes are written, so the unused part costs no memory.
  file.reserve(static_cast<size_t>(rows.ByteSize() + rows.ByteSize() / 64 + (64 << 10)));
  formats::ipc::StringSink sink(&file);
  formats::ipc::WriteOptions ipc_options;
  ipc_options.codec = options.codec;
  ipc_options.alignment = 64;  // buffers read back in place keep their natural alignment
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<formats::ipc::FileWriter> writer,
                        formats::ipc::FileWriter::Make(&sink, rows.schema(), ipc_options));
  SegmentIndex index;
  index.segment_id = segment_id;
  index.num_rows = static_cast<uint64_t>(rows.num_rows());
  index.codec = options.codec;
  index.schema = *rows.schema();
  size_t batch_number = 0;
  for (int64_t offset = 0; offset < sorted.num_rows();
       offset += options.batch_rows, ++batch_number) {
    const int64_t length = std::min(options.batch_rows, sorted.num_rows() - offset);
    std::vector<ArrayPtr> slices;
    slices.reserve(columns.size());
    for (const SegmentColumn& column : columns)
      slices.push_back(column.array->Slice(offset, length));
    BOYO_ASSIGN_OR_RETURN(
        const formats::ipc::BatchLocation location,
        writer->WriteChunk(columnar::Chunk(rows.schema(), std::move(slices), length)));
    BatchIndex batch;
    batch.num_rows = length;
    batch.offset = location.offset;
    batch.metadata_length = static_cast<uint32_t>(location.metadata_length);
    batch.body_length = static_cast<uint64_t>(location.body_length);
    for (size_t c = 0; c < columns.size(); ++c) {
      const formats::ipc::ByteRange& range = location.column_ranges[c];
      batch.columns.push_back(ColumnChunkIndex{Checksummed(file, range.offset, range.length),
                                               std::move(columns[c].zone_maps[batch_number])});
    }
    index.batches.push_back(std::move(batch));
  }
  BOYO_RETURN_IF_ERROR(writer->Finish());

  index.file_size = file.size();
  index.file_crc = crc32::Compute(file);
  index.metadata_ranges = MetadataRanges(file, index.batches);
  for (SegmentColumn& column : columns) {
    index.bloom_filters.push_back(std::move(column.bloom_filter));
    index.distinct_sketches.push_back(std::move(column.distinct_sketch));
  }
  const std::string index_bytes = EncodeSegmentIndex(index);
  BOYO_RETURN_IF_ERROR(WriteFilesDurably(fs, dir, segment_id, file, index_bytes));

  SegmentFileInfo info;
  info.row_count = index.num_rows;
  info.compressed_bytes = file.size();
  info.uncompressed_bytes = static_cast<uint64_t>(rows.ByteSize());
  info.checksum = index.file_crc;
  if (!options.sort_key_columns.empty()) {
    const int key = options.sort_key_columns[0];
    const TypeId key_type = rows.schema()->field(static_cast<size_t>(key)).type().id();
    if (key_type == TypeId::kTimestamp || key_type == TypeId::kTimestampTz) {
      for (const BatchIndex& batch : index.batches) {
        const ZoneMap& zone = batch.columns[static_cast<size_t>(key)].zone_map;
        if (zone.min.is_null()) continue;
        info.min_event_time =
            std::min(info.min_event_time.value_or(zone.min.int64()), zone.min.int64());
        info.max_event_time =
            std::max(info.max_event_time.value_or(zone.max.int64()), zone.max.int64());
      }
    }
  }
  return info;
}

}  // namespace boyodb::storage
