// ResultFrames: a statement's rows as an Arrow IPC stream (docs/formats/arrow_ipc.md), cut
// into pieces a batch at a time, so the native protocol can send a large result frame by frame
// instead of building it whole: the first piece holds the schema and the first batch, each
// next one a batch (with any dictionary batch it needs), the last the end-of-stream marker.
// Consecutive small chunks are joined into batches of up to 8192 rows, and empty ones dropped.
// Thread safety: one consumer.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "columnar/chunk.h"
#include "common/result.h"
#include "formats/ipc/stream_writer.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::server {

class ResultFrames {
 public:
  /// The result's columns name the stream's fields; `chunks` hold its rows.
  static Result<std::unique_ptr<ResultFrames>> Make(const std::vector<sql::OutputColumn>& columns,
                                                    std::vector<columnar::Chunk> chunks);
  ~ResultFrames();

  /// The next piece of the stream, or nullopt after the end-of-stream marker was returned.
  Result<std::optional<std::string>> Next();

  /// The whole stream in one string (the base64 form of a response).
  Result<std::string> ReadAll();

 private:
  class PieceSink;
  ResultFrames(columnar::SchemaPtr schema, std::vector<columnar::Chunk> chunks,
               std::unique_ptr<PieceSink> sink, std::unique_ptr<formats::ipc::StreamWriter> writer);

  columnar::SchemaPtr schema_;
  std::vector<columnar::Chunk> chunks_;
  size_t next_chunk_ = 0;
  bool finished_ = false;
  std::unique_ptr<PieceSink> sink_;
  std::unique_ptr<formats::ipc::StreamWriter> writer_;
};

}  // namespace boyodb::server
