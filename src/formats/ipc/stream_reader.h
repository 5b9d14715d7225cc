// StreamReader: reads an Arrow IPC stream (ours or any Arrow writer's, either framing) into
// chunks, keeping dictionaries across batches (replacements and deltas). Input is untrusted:
// every problem is a Status, never a crash. See docs/formats/arrow_ipc.md.
// Thread safety: one reader per thread.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "columnar/chunk.h"
#include "common/result.h"
#include "formats/ipc/byte_source.h"
#include "formats/ipc/message_reader.h"
#include "formats/ipc/metadata.h"
#include "formats/ipc/options.h"

namespace boyodb::formats::ipc {

class StreamReader {
 public:
  /// Reads the Schema message. The source must outlive the reader. Corruption (XX001, naming
  /// the source and offset) when the stream is malformed or does not start with a schema;
  /// NotSupported (0A000) for a type BoyoDB cannot represent (naming the field and Arrow type);
  /// InvalidArgument for invalid options.
  static Result<std::unique_ptr<StreamReader>> Open(ByteSource* source, ReadOptions options = {});

  const columnar::SchemaPtr& schema() const { return schema_.schema; }
  /// The schema's custom_metadata, in order.
  const KeyValues& schema_metadata() const { return schema_.metadata; }

  /// The next record batch as a chunk, or nullopt at the end of the stream. Dictionary-encoded
  /// TEXT/BYTEA/JSON columns come back dictionary-encoded. Errors as Open, plus OutOfRange for
  /// foreign values BoyoDB's types cannot hold; after an error the reader is unusable.
  Result<std::optional<columnar::Chunk>> Next();

 private:
  StreamReader(ByteSource* source, ReadOptions options);
  Result<std::optional<columnar::Chunk>> ReadNext();
  Status LoadDictionary(const IpcMessage& message);

  ByteSource* source_;
  ReadOptions options_;
  MessageReader messages_;
  IpcSchema schema_;
  std::map<int64_t, columnar::ArrayPtr> dictionaries_;
  bool done_ = false;
  bool failed_ = false;
};

/// Reads a whole stream held in memory.
Result<std::vector<columnar::Chunk>> ReadStream(std::string_view bytes,
                                                const ReadOptions& options = {});

}  // namespace boyodb::formats::ipc
