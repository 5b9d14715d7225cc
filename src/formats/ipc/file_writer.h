// FileWriter: writes chunks as an Arrow IPC file ("ARROW1" magic, the stream's messages, a
// footer that locates every dictionary and record batch, "ARROW1"), so readers can fetch one
// batch, or only some of its columns, without reading the rest. See docs/formats/arrow_ipc.md.
// Thread safety: one writer per thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "columnar/chunk.h"
#include "common/result.h"
#include "formats/ipc/batch_location.h"
#include "formats/ipc/byte_sink.h"
#include "formats/ipc/metadata.h"
#include "formats/ipc/options.h"

namespace boyodb::formats::ipc {

class MessageEncoder;

class FileWriter {
 public:
  /// Writes the magic at the sink's position, where the file starts; the sink must outlive the
  /// writer. Offsets in the footer are relative to that start; BatchLocation offsets are sink
  /// positions (the same when the sink starts empty). The Schema message goes out with the
  /// first chunk (see StreamWriter::Make). InvalidArgument for invalid options.
  static Result<std::unique_ptr<FileWriter>> Make(ByteSink* sink, columnar::SchemaPtr schema,
                                                  WriteOptions options);
  ~FileWriter();

  /// Writes the chunk as one record batch, after the dictionary batches it needs: a column's
  /// dictionary is written once, and a later dictionary that extends it (the previous one is
  /// its prefix) as a delta. Errors as StreamWriter::WriteChunk, plus NotSupported (0A000)
  /// for a dictionary that does not extend the previous one (the file format forbids
  /// replacing a dictionary); rejected chunks write nothing.
  Result<BatchLocation> WriteChunk(const columnar::Chunk& chunk);
  /// Writes the schema if no chunk did, the end-of-stream marker, the footer (blocks of all
  /// dictionary and record batches) and the closing magic. Does not sync the sink.
  Status Finish();

  int num_batches() const { return static_cast<int>(record_batches_.size()); }

 private:
  FileWriter(ByteSink* sink, std::unique_ptr<MessageEncoder> encoder, uint64_t start);
  Status EnsureSchema(const columnar::Chunk* first);
  Status Append(std::string_view bytes);

  ByteSink* sink_;
  std::unique_ptr<MessageEncoder> encoder_;
  uint64_t start_;
  std::vector<FileBlock> dictionaries_;
  std::vector<FileBlock> record_batches_;
  bool finished_ = false;
  bool failed_ = false;
};

/// Writes chunks as one Arrow IPC file into a string.
Result<std::string> WriteFile(const columnar::SchemaPtr& schema,
                              const std::vector<columnar::Chunk>& chunks,
                              const WriteOptions& options = {});

}  // namespace boyodb::formats::ipc
