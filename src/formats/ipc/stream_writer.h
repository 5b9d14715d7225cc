// StreamWriter: writes chunks as an Arrow IPC stream (docs/formats/arrow_ipc.md): a Schema
// message, DictionaryBatch messages when a dictionary-encoded column's dictionary is new, grows
// (a delta) or changes (a replacement), one RecordBatch message per chunk, then the
// end-of-stream marker. Any Arrow implementation reads it (except BoyoDB's snappy extension).
// Thread safety: one writer per thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "columnar/chunk.h"
#include "common/result.h"
#include "formats/ipc/byte_sink.h"
#include "formats/ipc/options.h"

namespace boyodb::formats::ipc {

class MessageEncoder;

class StreamWriter {
 public:
  /// The sink must outlive the writer. Writes nothing yet: the Schema message goes out with the
  /// first chunk (whose dictionary-encoded columns decide which columns the schema marks as
  /// dictionary-encoded) or at Finish. InvalidArgument when the options are invalid.
  static Result<std::unique_ptr<StreamWriter>> Make(ByteSink* sink, columnar::SchemaPtr schema,
                                                    WriteOptions options);
  ~StreamWriter();

  /// Writes the chunk (and any dictionary batch it needs). InvalidArgument (22023) when its
  /// columns differ from the schema's: nothing is written and the writer stays usable.
  /// InvalidArgument (55000) after Finish or after a failed write; the sink's errors as they
  /// are, after which the writer is unusable.
  Status WriteChunk(const columnar::Chunk& chunk);
  /// Writes the schema if no chunk did, then the end-of-stream marker 0xFFFFFFFF 0x00000000.
  Status Finish();

 private:
  StreamWriter(ByteSink* sink, std::unique_ptr<MessageEncoder> encoder);
  Status EnsureSchema(const columnar::Chunk* first);

  ByteSink* sink_;
  std::unique_ptr<MessageEncoder> encoder_;
  bool finished_ = false;
  bool failed_ = false;
};

/// Writes chunks as one stream into a string.
Result<std::string> WriteStream(const columnar::SchemaPtr& schema,
                                const std::vector<columnar::Chunk>& chunks,
                                const WriteOptions& options = {});

}  // namespace boyodb::formats::ipc
