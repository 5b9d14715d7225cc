#include "formats/ipc/message_reader.h"

#include <algorithm>
#include <cstring>

#include "formats/ipc/metadata.h"

namespace boyodb::formats::ipc {

namespace {

constexpr uint64_t kBodyReadStep = uint64_t{16} << 20;

Status Truncated(const ByteSource& source, uint64_t offset, const std::string& what) {
  return Status::Corruption("Arrow IPC stream " + std::string(source.name()) + " is truncated: " +
                            what + " of the message at offset " + std::to_string(offset));
}

}  // namespace

Result<columnar::BufferPtr> ReadBody(ByteSource& source, uint64_t length) {
  std::shared_ptr<columnar::Buffer> body = columnar::Buffer::Allocate(0);
  uint64_t filled = 0;
  while (filled < length) {
    const uint64_t step = std::min(length - filled, kBodyReadStep);
    body->Resize(static_cast<size_t>(filled + step));
    BOYO_ASSIGN_OR_RETURN(const size_t got,
                          ReadFully(source, static_cast<size_t>(step),
                                    reinterpret_cast<char*>(body->mutable_data() + filled)));
    filled += got;
    if (got < step) {
      return Status::Corruption("message body ends after " + std::to_string(filled) + " of " +
                                std::to_string(length) + " bytes");
    }
  }
  return columnar::BufferPtr(std::move(body));
}

Result<std::optional<IpcMessage>> MessageReader::Next() {
  const uint64_t offset = source_->position();
  char word[4];
  BOYO_ASSIGN_OR_RETURN(size_t got, ReadFully(*source_, 4, word));
  if (got == 0) return std::optional<IpcMessage>();  // clean end of input
  if (got < 4) return Truncated(*source_, offset, "the length prefix");
  uint32_t first;
  std::memcpy(&first, word, 4);
  int32_t length;
  if (first == kContinuationMarker) {
    BOYO_ASSIGN_OR_RETURN(got, ReadFully(*source_, 4, word));
    if (got < 4) return Truncated(*source_, offset, "the length prefix");
    std::memcpy(&length, word, 4);
  } else {
    std::memcpy(&length, &first, 4);  // legacy framing: the length comes first
  }
  if (length == 0) return std::optional<IpcMessage>();  // end-of-stream marker
  const std::string where =
      " at offset " + std::to_string(offset) + " of " + std::string(source_->name());
  if (length < 0 || static_cast<uint64_t>(length) > options_.max_metadata_bytes) {
    return Status::Corruption("Arrow IPC message metadata length " + std::to_string(length) +
                              " is outside 1.." + std::to_string(options_.max_metadata_bytes) +
                              where);
  }
  std::shared_ptr<columnar::Buffer> metadata =
      columnar::Buffer::Allocate(static_cast<size_t>(length));
  BOYO_ASSIGN_OR_RETURN(got, ReadFully(*source_, static_cast<size_t>(length),
                                       reinterpret_cast<char*>(metadata->mutable_data())));
  if (got < static_cast<size_t>(length)) return Truncated(*source_, offset, "the metadata");
  Result<const fb::Message*> message = VerifyMessage(metadata->data(), metadata->size(), options_);
  if (!message.ok()) return message.error().WithContext("message" + where);
  const int64_t body_length = (*message)->bodyLength();
  if (static_cast<uint64_t>(body_length) >
      options_.max_message_bytes - static_cast<uint64_t>(length)) {
    return Status::Corruption("Arrow IPC message body length " + std::to_string(body_length) +
                              " exceeds the limit of " +
                              std::to_string(options_.max_message_bytes) + " bytes" + where);
  }
  Result<columnar::BufferPtr> body = ReadBody(*source_, static_cast<uint64_t>(body_length));
  if (!body.ok()) return body.error().WithContext("message" + where);
  IpcMessage out;
  out.message = *message;
  out.metadata_bytes = std::move(metadata);
  out.body = std::move(body).value();
  out.offset = offset;
  return std::optional<IpcMessage>(std::move(out));
}

}  // namespace boyodb::formats::ipc
