// MessageReader: splits an Arrow IPC stream into messages. Each message is framed as
// 0xFFFFFFFF, an int32 metadata length, the Message flatbuffer padded to 8 bytes, then the body;
// a length of 0 ends the stream. The legacy framing without the 0xFFFFFFFF marker (Arrow before
// 0.15) is accepted too. See docs/formats/arrow_ipc.md.
// Thread safety: one reader per thread.
#pragma once

#include <cstdint>
#include <optional>

#include "columnar/buffer.h"
#include "common/result.h"
#include "formats/ipc/byte_source.h"
#include "formats/ipc/fbs/Message_generated.h"
#include "formats/ipc/options.h"

namespace boyodb::formats::ipc {

/// One message: its verified metadata and its body.
struct IpcMessage {
  /// Owns the flatbuffer that `message` points into.
  columnar::BufferPtr metadata_bytes;
  const org::apache::arrow::flatbuf::Message* message = nullptr;
  /// bodyLength bytes (an empty buffer for none).
  columnar::BufferPtr body;
  /// Position of the message's first byte in the source.
  uint64_t offset = 0;
};

class MessageReader {
 public:
  /// The source must outlive the reader.
  MessageReader(ByteSource* source, const ReadOptions& options)
      : source_(source), options_(options) {}

  /// The next message, or nullopt at the end-of-stream marker or at a clean end of the input
  /// between messages. Corruption (XX001, naming the source and offset) for a truncated
  /// message, a length outside the limits of the options, or metadata that fails
  /// verification.
  Result<std::optional<IpcMessage>> Next();

 private:
  ByteSource* source_;
  ReadOptions options_;
};

/// Reads `length` bytes of a body into a new buffer, growing it as bytes arrive so that a
/// declared length larger than the input never allocates more than the input holds (plus one
/// step). Corruption when the input ends first.
Result<columnar::BufferPtr> ReadBody(ByteSource& source, uint64_t length);

}  // namespace boyodb::formats::ipc
