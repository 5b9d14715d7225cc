#include "storage/segment/segment_index.h"

#include <algorithm>
#include <limits>

#include "common/crc32.h"
#include "storage/index/bloom_hash.h"
#include "storage/index/zone_map_builder.h"

namespace boyodb::storage {

namespace {

// Header: magic(8) version u32, flags u32, segment id u64, rows u64, columns u32, batches u32,
// .seg size u64, .seg CRC u32, codec u8, three reserved bytes.
constexpr size_t kHeaderBytes = 56;
constexpr size_t kTrailerBytes = 4;
constexpr uint8_t kHasMin = 1;
constexpr uint8_t kHasMax = 2;

class Encoder {
 public:
  explicit Encoder(std::string* out) : out_(out) {}
  void U8(uint8_t v) { out_->push_back(static_cast<char>(v)); }
  void U32(uint32_t v) {
    for (int i = 0; i < 4; ++i) out_->push_back(static_cast<char>(v >> (8 * i)));
  }
  void U64(uint64_t v) {
    for (int i = 0; i < 8; ++i) out_->push_back(static_cast<char>(v >> (8 * i)));
  }
  void Bytes(std::string_view bytes) { out_->append(bytes); }
  void Range(const ChecksummedRange& range) {
    U64(range.offset);
    U64(range.length);
    U32(range.crc);
  }

 private:
  std::string* out_;
};

// Reads little-endian fields; the first failure is kept (later reads return zeros and consume
// nothing), so callers check ok() once per entry instead of after every field.
class Decoder {
 public:
  Decoder(std::string_view bytes, std::string_view path) : bytes_(bytes), path_(path) {}

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  size_t position() const { return position_; }
  size_t remaining() const { return bytes_.size() - position_; }

  Status Error(size_t offset, const std::string& what) const {
    return Status::Corruption("corrupt segment index \"" + std::string(path_) +
                              "\" at byte offset " + std::to_string(offset) + ": " + what);
  }
  /// Records an error (the first one wins) and returns false.
  bool Fail(size_t offset, const std::string& what) {
    if (status_.ok()) status_ = Error(offset, what);
    return false;
  }

  std::string_view Bytes(size_t n, const char* what) {
    if (!ok()) return {};
    if (remaining() < n) {
      Fail(position_, std::string(what) + " needs " + std::to_string(n) + " bytes, " +
                          std::to_string(remaining()) + " remain");
      return {};
    }
    const std::string_view out = bytes_.substr(position_, n);
    position_ += n;
    return out;
  }
  uint64_t Uint(size_t width, const char* what) {
    const std::string_view bytes = Bytes(width, what);
    uint64_t v = 0;
    for (size_t i = bytes.size(); i > 0; --i) v = v << 8 | static_cast<uint8_t>(bytes[i - 1]);
    return v;
  }
  uint8_t U8(const char* what) { return static_cast<uint8_t>(Uint(1, what)); }
  uint32_t U32(const char* what) { return static_cast<uint32_t>(Uint(4, what)); }
  uint64_t U64(const char* what) { return Uint(8, what); }
  ChecksummedRange Range() {
    ChecksummedRange range;
    range.offset = U64("range offset");
    range.length = U64("range length");
    range.crc = U32("range checksum");
    return range;
  }
  types::Value Bound(const types::DataType& type) {
    if (!ok()) return types::Value::Null(type);
    const size_t start = position_;
    std::string_view rest = bytes_.substr(position_);
    Result<types::Value> value = ParseZoneMapValue(type, &rest);
    if (!value.ok()) {
      Fail(start, std::string(value.error().message()));
      return types::Value::Null(type);
    }
    position_ = bytes_.size() - rest.size();
    return std::move(*value);
  }

 private:
  std::string_view bytes_;
  std::string_view path_;
  size_t position_ = 0;
  Status status_;
};

// A range of the .seg and where the index describes it, for the tiling check.
struct RangeEntry {
  uint64_t offset;
  uint64_t length;
  size_t index_offset;
};

std::string RangeText(uint64_t offset, uint64_t length) {
  return "[" + std::to_string(offset) + ", " + std::to_string(offset + length) + ")";
}

bool Fits(uint64_t offset, uint64_t length, uint64_t limit) {
  return offset <= limit && length <= limit - offset;
}

bool DecodeColumn(Decoder& d, const types::DataType& type, const BatchIndex& batch,
                  uint64_t file_size, std::vector<RangeEntry>* ranges, ColumnChunkIndex* column) {
  const size_t start = d.position();
  column->range = d.Range();
  const uint64_t null_count = d.U64("null count");
  const uint8_t flags = d.U8("bound flags");
  if (!d.ok()) return false;
  const ChecksummedRange& range = column->range;
  const uint64_t body_start = batch.offset + batch.metadata_length;
  if (!Fits(range.offset, range.length, file_size) || range.offset < body_start ||
      range.offset + range.length > body_start + batch.body_length) {
    return d.Fail(start, "column range " + RangeText(range.offset, range.length) +
                             " is outside its batch body " +
                             RangeText(body_start, batch.body_length));
  }
  if (null_count > static_cast<uint64_t>(batch.num_rows)) {
    return d.Fail(start + 20, "null count " + std::to_string(null_count) + " exceeds the batch's " +
                                  std::to_string(batch.num_rows) + " rows");
  }
  if ((flags & ~(kHasMin | kHasMax)) != 0) {
    return d.Fail(start + 28, "unknown bound flags " + std::to_string(flags));
  }
  if (range.length > 0) ranges->push_back(RangeEntry{range.offset, range.length, start});
  ZoneMap& zone = column->zone_map;
  zone.row_count = batch.num_rows;
  zone.null_count = static_cast<int64_t>(null_count);
  zone.min = (flags & kHasMin) != 0 ? d.Bound(type) : types::Value::Null(type);
  zone.max = (flags & kHasMax) != 0 ? d.Bound(type) : types::Value::Null(type);
  return d.ok();
}

bool DecodeBatch(Decoder& d, const types::Schema& schema, uint64_t file_size,
                 std::vector<RangeEntry>* ranges, BatchIndex* batch) {
  const size_t start = d.position();
  const uint64_t num_rows = d.U64("batch row count");
  batch->offset = d.U64("batch offset");
  batch->metadata_length = d.U32("batch metadata length");
  batch->body_length = d.U64("batch body length");
  if (!d.ok()) return false;
  if (num_rows > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) {
    return d.Fail(start, "batch row count " + std::to_string(num_rows) + " is too large");
  }
  batch->num_rows = static_cast<int64_t>(num_rows);
  if (!Fits(batch->offset, batch->metadata_length, file_size) ||
      !Fits(batch->offset + batch->metadata_length, batch->body_length, file_size)) {
    return d.Fail(start + 8, "batch message at offset " + std::to_string(batch->offset) + " with " +
                                 std::to_string(batch->metadata_length) + " metadata bytes and " +
                                 std::to_string(batch->body_length) +
                                 " body bytes does not fit the segment file's " +
                                 std::to_string(file_size) + " bytes");
  }
  batch->columns.resize(schema.num_fields());
  for (size_t c = 0; c < schema.num_fields(); ++c) {
    if (!DecodeColumn(d, schema.field(c).type(), *batch, file_size, ranges, &batch->columns[c])) {
      return false;
    }
  }
  return true;
}

bool CheckTiling(Decoder& d, std::vector<RangeEntry> ranges, uint64_t file_size) {
  std::sort(ranges.begin(), ranges.end(),
            [](const RangeEntry& a, const RangeEntry& b) { return a.offset < b.offset; });
  uint64_t expected = 0;
  for (const RangeEntry& range : ranges) {
    if (range.offset != expected) {
      return d.Fail(range.index_offset,
                    "segment file range " + RangeText(range.offset, range.length) +
                        (range.offset < expected ? " overlaps the range before it"
                                                 : " leaves bytes before it unchecked from " +
                                                       std::to_string(expected)));
    }
    expected += range.length;
  }
  if (expected != file_size) {
    return d.Fail(kHeaderBytes - 16, "checked ranges end at byte " + std::to_string(expected) +
                                         " of a " + std::to_string(file_size) +
                                         " byte segment file");
  }
  return true;
}

}  // namespace

std::string EncodeSegmentIndex(const SegmentIndex& index) {
  std::string out;
  Encoder e(&out);
  e.Bytes(kSegmentIndexMagic);
  e.U32(kSegmentIndexVersion);
  e.U32(0);
  e.U64(index.segment_id);
  e.U64(index.num_rows);
  e.U32(static_cast<uint32_t>(index.schema.num_fields()));
  e.U32(static_cast<uint32_t>(index.batches.size()));
  e.U64(index.file_size);
  e.U32(index.file_crc);
  e.U8(static_cast<uint8_t>(index.codec));
  e.U8(0);
  e.U8(0);
  e.U8(0);
  const std::string schema_json = types::SchemaToJson(index.schema);
  e.U32(static_cast<uint32_t>(schema_json.size()));
  e.Bytes(schema_json);
  for (const BatchIndex& batch : index.batches) {
    e.U64(static_cast<uint64_t>(batch.num_rows));
    e.U64(batch.offset);
    e.U32(batch.metadata_length);
    e.U64(batch.body_length);
    for (const ColumnChunkIndex& column : batch.columns) {
      e.Range(column.range);
      e.U64(static_cast<uint64_t>(column.zone_map.null_count));
      const bool has_min = !column.zone_map.min.is_null();
      const bool has_max = !column.zone_map.max.is_null();
      e.U8(static_cast<uint8_t>((has_min ? kHasMin : 0) | (has_max ? kHasMax : 0)));
      if (has_min) AppendZoneMapValue(column.zone_map.min, &out);
      if (has_max) AppendZoneMapValue(column.zone_map.max, &out);
    }
  }
  e.U32(static_cast<uint32_t>(index.metadata_ranges.size()));
  for (const ChecksummedRange& range : index.metadata_ranges) e.Range(range);
  for (const std::optional<BloomFilter>& filter : index.bloom_filters) {
    e.U8(filter.has_value() ? 1 : 0);
    if (filter.has_value()) {
      e.U32(static_cast<uint32_t>(filter->SerializedSize()));
      filter->AppendTo(&out);
    }
  }
  for (size_t c = 0; c < index.schema.num_fields(); ++c) {
    if (c >= index.distinct_sketches.size() || !index.distinct_sketches[c].has_value()) {
      e.U32(0);
      continue;
    }
    std::string sketch;
    index.distinct_sketches[c]->AppendTo(&sketch);
    e.U32(static_cast<uint32_t>(sketch.size()));
    e.Bytes(sketch);
  }
  e.U32(crc32::Compute(out));
  return out;
}

Result<SegmentIndex> DecodeSegmentIndex(std::string_view bytes, std::string_view path) {
  if (bytes.size() < kHeaderBytes + 4 + kTrailerBytes) {
    return Decoder(bytes, path)
        .Error(bytes.size(), "file of " + std::to_string(bytes.size()) +
                                 " bytes is shorter than the smallest index (" +
                                 std::to_string(kHeaderBytes + 4 + kTrailerBytes) + " bytes)");
  }
  // Everything but the trailing checksum; offsets in errors are still offsets in the file.
  const size_t crc_offset = bytes.size() - kTrailerBytes;
  Decoder d(bytes.substr(0, crc_offset), path);
  if (bytes.substr(0, kSegmentIndexMagic.size()) != kSegmentIndexMagic) {
    return d.Error(0, "bad magic, not a segment index file");
  }
  const uint32_t computed_crc = crc32::Compute(bytes.substr(0, crc_offset));
  Decoder trailer(bytes.substr(crc_offset), path);
  const uint32_t stored_crc = trailer.U32("checksum");
  if (computed_crc != stored_crc) {
    return d.Error(crc_offset, "checksum mismatch: stored " + std::to_string(stored_crc) +
                                   ", computed " + std::to_string(computed_crc));
  }
  // From here on the bytes are what a writer wrote (or a collision); every field is still
  // checked, so a writer bug or a crafted file cannot make the reader misbehave.
  d.Bytes(kSegmentIndexMagic.size(), "magic");
  const uint32_t version = d.U32("version");
  if (version != 1 && version != kSegmentIndexVersion) {
    return d.Error(8, "unsupported version " + std::to_string(version));
  }
  if (d.U32("flags") != 0) return d.Error(12, "non-zero reserved flags");
  SegmentIndex index;
  index.segment_id = d.U64("segment id");
  index.num_rows = d.U64("row count");
  const uint32_t num_columns = d.U32("column count");
  const uint32_t num_batches = d.U32("batch count");
  index.file_size = d.U64("segment file size");
  index.file_crc = d.U32("segment file checksum");
  const uint8_t codec = d.U8("codec");
  if (codec > static_cast<uint8_t>(formats::CompressionCodec::kSnappy)) {
    return d.Error(52, "unknown codec " + std::to_string(codec));
  }
  index.codec = static_cast<formats::CompressionCodec>(codec);
  if (d.Bytes(3, "reserved") != std::string_view("\0\0\0", 3)) {
    return d.Error(53, "non-zero reserved bytes");
  }
  const size_t schema_start = d.position();
  const uint32_t schema_length = d.U32("schema length");
  const std::string_view schema_json = d.Bytes(schema_length, "schema");
  if (!d.ok()) return d.status();
  Result<types::Schema> schema = types::SchemaFromJson(schema_json);
  if (!schema.ok()) {
    return d.Error(schema_start + 4, "bad schema: " + std::string(schema.error().message()));
  }
  index.schema = std::move(*schema);
  if (index.schema.num_fields() != num_columns) {
    return d.Error(32, "column count " + std::to_string(num_columns) + " differs from the " +
                           std::to_string(index.schema.num_fields()) + " fields of the schema");
  }

  std::vector<RangeEntry> ranges;
  uint64_t total_rows = 0;
  for (uint32_t b = 0; b < num_batches && d.ok(); ++b) {
    BatchIndex batch;
    if (!DecodeBatch(d, index.schema, index.file_size, &ranges, &batch)) break;
    total_rows += static_cast<uint64_t>(batch.num_rows);
    index.batches.push_back(std::move(batch));
  }
  if (!d.ok()) return d.status();
  if (total_rows != index.num_rows) {
    return d.Error(24, "row count " + std::to_string(index.num_rows) +
                           " differs from the sum of the batches' rows " +
                           std::to_string(total_rows));
  }

  const uint32_t num_metadata_ranges = d.U32("metadata range count");
  for (uint32_t i = 0; i < num_metadata_ranges && d.ok(); ++i) {
    const size_t start = d.position();
    const ChecksummedRange range = d.Range();
    if (!d.ok()) break;
    if (range.length == 0 || !Fits(range.offset, range.length, index.file_size)) {
      return d.Error(start, "metadata range " + RangeText(range.offset, range.length) +
                                " is empty or outside the segment file's " +
                                std::to_string(index.file_size) + " bytes");
    }
    ranges.push_back(RangeEntry{range.offset, range.length, start});
    index.metadata_ranges.push_back(range);
  }
  if (!d.ok()) return d.status();
  if (!CheckTiling(d, std::move(ranges), index.file_size)) return d.status();

  index.bloom_filters.resize(num_columns);
  for (uint32_t c = 0; c < num_columns && d.ok(); ++c) {
    const size_t start = d.position();
    const uint8_t present = d.U8("bloom filter flag");
    if (!d.ok() || present == 0) continue;
    if (present != 1) return d.Error(start, "bad bloom filter flag " + std::to_string(present));
    if (!SupportsBloomFilter(index.schema.field(c).type())) {
      return d.Error(start, "bloom filter for column " + std::to_string(c) + " of type " +
                                index.schema.field(c).type().ToString() + ", which has none");
    }
    const uint32_t length = d.U32("bloom filter length");
    const std::string_view filter_bytes = d.Bytes(length, "bloom filter");
    if (!d.ok()) break;
    Result<BloomFilter> filter = BloomFilter::Parse(filter_bytes);
    if (!filter.ok()) return d.Error(start + 5, std::string(filter.error().message()));
    index.bloom_filters[c] = std::move(*filter);
  }
  if (!d.ok()) return d.status();
  if (version >= 2) {
    index.distinct_sketches.resize(num_columns);
    for (uint32_t c = 0; c < num_columns && d.ok(); ++c) {
      const size_t start = d.position();
      const uint32_t length = d.U32("distinct sketch length");
      if (!d.ok() || length == 0) continue;
      if (!SupportsBloomFilter(index.schema.field(c).type())) {
        return d.Error(start, "distinct sketch for column " + std::to_string(c) + " of type " +
                                  index.schema.field(c).type().ToString() + ", which has none");
      }
      const std::string_view sketch_bytes = d.Bytes(length, "distinct sketch");
      if (!d.ok()) break;
      Result<DistinctSketch> sketch = DistinctSketch::Parse(sketch_bytes);
      if (!sketch.ok()) return d.Error(start + 4, std::string(sketch.error().message()));
      index.distinct_sketches[c] = std::move(*sketch);
    }
    if (!d.ok()) return d.status();
  }
  if (d.remaining() != 0) {
    return d.Error(d.position(),
                   std::to_string(d.remaining()) + " unexpected bytes before the checksum");
  }
  return index;
}

}  // namespace boyodb::storage
