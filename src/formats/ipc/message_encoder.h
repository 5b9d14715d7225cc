// MessageEncoder: turns a schema and a sequence of chunks into framed Arrow IPC messages — the
// Schema message, DictionaryBatch messages whenever a dictionary-encoded column's dictionary
// is new or grows, and RecordBatch messages. The stream and file writers put them in a sink.
// Thread safety: one encoder per writer; not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "columnar/chunk.h"
#include "common/result.h"
#include "formats/ipc/metadata.h"
#include "formats/ipc/options.h"
#include "formats/ipc/type_mapping.h"

namespace boyodb::formats::ipc {

/// One framed message: continuation marker, length, metadata, padding, body.
struct FramedMessage {
  std::string bytes;
  int32_t metadata_length = 0;
  int64_t body_length = 0;
  bool is_dictionary = false;
  /// The record batch's header (nodes and buffers), for column byte ranges.
  BatchHeader header;
};

class MessageEncoder {
 public:
  /// allow_replacement: whether a changed dictionary may replace the previous one (the stream
  /// format) or is NotSupported (the file format, which allows only deltas).
  /// Requires: options.Validate() is OK.
  MessageEncoder(columnar::SchemaPtr schema, WriteOptions options, bool allow_replacement);

  const columnar::SchemaPtr& schema() const { return schema_; }
  bool schema_fixed() const { return schema_fixed_; }
  /// Decides, once, which columns are written dictionary-encoded: those that are dictionary
  /// arrays in `first` (none when first is null). Later chunks are encoded or decoded to match.
  void FixSchema(const columnar::Chunk* first);
  /// Requires: schema_fixed().
  const std::vector<IpcField>& fields() const { return fields_; }

  /// InvalidArgument (22023) when the chunk's column count, types or lengths differ from the
  /// schema's.
  Status CheckChunk(const columnar::Chunk& chunk) const;
  /// The Schema message. Requires: schema_fixed().
  FramedMessage SchemaMessage() const;
  /// The dictionary messages this chunk needs (first in order), then its record batch.
  /// CheckChunk's errors; NotSupported (0A000) when the file format would need a replacement
  /// dictionary. On error the encoder's state is unchanged. Requires: schema_fixed().
  Result<std::vector<FramedMessage>> EncodeChunk(const columnar::Chunk& chunk);
  /// The file footer flatbuffer. Requires: schema_fixed().
  std::string Footer(const std::vector<FileBlock>& dictionaries,
                     const std::vector<FileBlock>& record_batches) const;

 private:
  struct DictionaryState {
    size_t column = 0;
    columnar::ArrayPtr written;  // the last dictionary sent (all of it, deltas included)
  };

  Result<FramedMessage> EncodeDictionary(const DictionaryState& state,
                                         const columnar::ArrayPtr& values, int64_t id,
                                         bool is_delta) const;

  columnar::SchemaPtr schema_;
  WriteOptions options_;
  bool allow_replacement_;
  bool schema_fixed_ = false;
  std::vector<IpcField> fields_;
  std::vector<DictionaryState> dictionaries_;  // index = dictionary id
};

}  // namespace boyodb::formats::ipc
