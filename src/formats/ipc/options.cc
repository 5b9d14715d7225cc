#include "formats/ipc/options.h"

#include "common/sqlstate.h"

namespace boyodb::formats::ipc {
namespace {

Status InvalidOption(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue, std::move(message));
}

}  // namespace

Status WriteOptions::Validate() const {
  switch (codec) {
    case CompressionCodec::kNone:
    case CompressionCodec::kLz4:
    case CompressionCodec::kZstd:
    case CompressionCodec::kSnappy:
      break;
    default:
      return InvalidOption("unknown IPC compression codec " +
                           std::to_string(static_cast<int>(codec)));
  }
  if (codec == CompressionCodec::kNone || codec == CompressionCodec::kSnappy) {
    if (compression_level != 0) {
      return InvalidOption("compression level " + std::to_string(compression_level) +
                           " given for codec " + std::string(CodecName(codec)) +
                           ", which has no levels");
    }
  } else {
    // Let the codec judge the level on a tiny input, so the range stays defined in one place.
    std::string probe;
    Status status = Compress(codec, "x", &probe, compression_level);
    if (!status.ok()) {
      return InvalidOption("compression level " + std::to_string(compression_level) +
                           " is not valid for codec " + std::string(CodecName(codec)));
    }
  }
  if (alignment != 8 && alignment != 16 && alignment != 32 && alignment != 64) {
    return InvalidOption("IPC buffer alignment must be 8, 16, 32 or 64, got " +
                         std::to_string(alignment));
  }
  for (const auto& [key, value] : schema_metadata) {
    if (key.empty()) return InvalidOption("schema metadata key must not be empty");
  }
  return Status::OK();
}

Status ReadOptions::Validate() const {
  if (max_buffer_bytes == 0 || max_message_bytes == 0 || max_metadata_bytes == 0) {
    return InvalidOption("IPC read limits must be positive");
  }
  if (max_metadata_bytes > max_message_bytes) {
    return InvalidOption("max_metadata_bytes " + std::to_string(max_metadata_bytes) +
                         " exceeds max_message_bytes " + std::to_string(max_message_bytes));
  }
  if (max_metadata_bytes >= (uint64_t{1} << 31)) {
    return InvalidOption("max_metadata_bytes must be below 2 GiB (a flatbuffer's limit), got " +
                         std::to_string(max_metadata_bytes));
  }
  if (max_nesting_depth < 1) {
    return InvalidOption("max_nesting_depth must be at least 1, got " +
                         std::to_string(max_nesting_depth));
  }
  return Status::OK();
}

}  // namespace boyodb::formats::ipc
