#include "formats/ipc/body_compression.h"

#include <bit>
#include <cstring>

#include "common/check.h"
#include "common/sqlstate.h"

namespace boyodb::formats::ipc {

namespace fb = org::apache::arrow::flatbuf;

namespace {

constexpr size_t kPrefixBytes = 8;
constexpr int64_t kUncompressedMarker = -1;

void AppendInt64(int64_t value, std::string* out) {
  char bytes[8];
  std::memcpy(bytes, &value, 8);  // little-endian hosts only (checked at build time below)
  out->append(bytes, 8);
}

static_assert(std::endian::native == std::endian::little,
              "BoyoDB's IPC code assumes little-endian");

}  // namespace

fb::CompressionType ToArrowCodec(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::kLz4:
      return fb::CompressionType::LZ4_FRAME;
    case CompressionCodec::kZstd:
      return fb::CompressionType::ZSTD;
    case CompressionCodec::kSnappy:
      return fb::CompressionType::BOYODB_SNAPPY;
    case CompressionCodec::kNone:
      break;
  }
  BOYO_CHECK(false);
  return fb::CompressionType::LZ4_FRAME;
}

Result<CompressionCodec> FromArrowCodec(fb::CompressionType codec) {
  switch (codec) {
    case fb::CompressionType::LZ4_FRAME:
      return CompressionCodec::kLz4;
    case fb::CompressionType::ZSTD:
      return CompressionCodec::kZstd;
    case fb::CompressionType::BOYODB_SNAPPY:
      return CompressionCodec::kSnappy;
  }
  return Status(
      StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
      "unknown Arrow IPC body compression codec " + std::to_string(static_cast<int>(codec)));
}

Result<int64_t> AppendCompressedBuffer(CompressionCodec codec, int level, std::string_view data,
                                       std::string* body) {
  if (codec == CompressionCodec::kNone) {
    body->append(data);
    return static_cast<int64_t>(data.size());
  }
  if (data.empty()) return int64_t{0};
  const size_t start = body->size();
  AppendInt64(static_cast<int64_t>(data.size()), body);
  BOYO_RETURN_IF_ERROR(Compress(codec, data, body, level));
  if (body->size() - start - kPrefixBytes >= data.size()) {
    // Compression did not help: store the raw bytes, as Arrow's writers do.
    body->resize(start);
    AppendInt64(kUncompressedMarker, body);
    body->append(data);
  }
  return static_cast<int64_t>(body->size() - start);
}

columnar::BufferPtr SliceOrCopy(const columnar::BufferPtr& parent, uint64_t offset,
                                uint64_t length) {
  const uint8_t* start = parent->data() + offset;
  if (reinterpret_cast<uintptr_t>(start) % 16 == 0) {
    return columnar::Buffer::Slice(parent, static_cast<size_t>(offset),
                                   static_cast<size_t>(length));
  }
  return columnar::Buffer::CopyOf(
      std::string_view(reinterpret_cast<const char*>(start), static_cast<size_t>(length)));
}

Result<columnar::BufferPtr> DecompressBuffer(CompressionCodec codec,
                                             const columnar::BufferPtr& parent,
                                             uint64_t region_offset, uint64_t region_length,
                                             uint64_t max_bytes) {
  if (region_length == 0) return columnar::BufferPtr();
  if (region_length < kPrefixBytes) {
    return Status::Corruption("compressed buffer of " + std::to_string(region_length) +
                              " bytes is shorter than its 8-byte length prefix");
  }
  int64_t declared;
  std::memcpy(&declared, parent->data() + region_offset, 8);
  const uint64_t payload_offset = region_offset + kPrefixBytes;
  const uint64_t payload_length = region_length - kPrefixBytes;
  if (declared == kUncompressedMarker) {
    if (payload_length > max_bytes) {
      return Status::Corruption("uncompressed buffer of " + std::to_string(payload_length) +
                                " bytes exceeds the limit of " + std::to_string(max_bytes));
    }
    return SliceOrCopy(parent, payload_offset, payload_length);
  }
  if (declared < 0) {
    return Status::Corruption("compressed buffer declares a negative length " +
                              std::to_string(declared));
  }
  if (static_cast<uint64_t>(declared) > max_bytes) {
    return Status::Corruption("compressed buffer declares " + std::to_string(declared) +
                              " bytes, more than the limit of " + std::to_string(max_bytes));
  }
  // Some writers store an empty buffer as a bare prefix of 0.
  if (declared == 0) return columnar::BufferPtr();
  std::shared_ptr<columnar::Buffer> out =
      columnar::Buffer::AllocateUninitialized(static_cast<size_t>(declared));
  const std::string_view payload(reinterpret_cast<const char*>(parent->data() + payload_offset),
                                 static_cast<size_t>(payload_length));
  BOYO_RETURN_IF_ERROR(Decompress(codec, payload, reinterpret_cast<char*>(out->mutable_data()),
                                  static_cast<size_t>(declared)));
  return columnar::BufferPtr(std::move(out));
}

}  // namespace boyodb::formats::ipc
