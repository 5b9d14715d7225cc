#include "formats/ipc/file_writer.h"

#include <cstring>

#include "common/sqlstate.h"
#include "formats/ipc/message_encoder.h"

namespace boyodb::formats::ipc {

namespace {

constexpr char kEndOfStream[8] = {'\xff', '\xff', '\xff', '\xff', 0, 0, 0, 0};

Status Unusable(bool finished) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kObjectNotInPrerequisiteState,
                finished ? "the IPC file writer is finished"
                         : "the IPC file writer failed earlier and cannot continue");
}

}  // namespace

FileWriter::FileWriter(ByteSink* sink, std::unique_ptr<MessageEncoder> encoder, uint64_t start)
    : sink_(sink), encoder_(std::move(encoder)), start_(start) {}

FileWriter::~FileWriter() = default;

Result<std::unique_ptr<FileWriter>> FileWriter::Make(ByteSink* sink, columnar::SchemaPtr schema,
                                                     WriteOptions options) {
  BOYO_RETURN_IF_ERROR(options.Validate());
  auto encoder = std::make_unique<MessageEncoder>(std::move(schema), std::move(options),
                                                  /*allow_replacement=*/false);
  std::unique_ptr<FileWriter> writer(new FileWriter(sink, std::move(encoder), sink->position()));
  // The magic padded to 8 bytes, so every message starts 8-byte aligned.
  std::string magic(kFileMagic);
  magic.append(2, '\0');
  BOYO_RETURN_IF_ERROR(writer->Append(magic));
  return writer;
}

Status FileWriter::Append(std::string_view bytes) {
  Status status = sink_->Append(bytes);
  if (!status.ok()) failed_ = true;
  return status;
}

Status FileWriter::EnsureSchema(const columnar::Chunk* first) {
  if (encoder_->schema_fixed()) return Status::OK();
  encoder_->FixSchema(first);
  return Append(encoder_->SchemaMessage().bytes);
}

Result<BatchLocation> FileWriter::WriteChunk(const columnar::Chunk& chunk) {
  if (finished_ || failed_) return Unusable(finished_);
  BOYO_RETURN_IF_ERROR(encoder_->CheckChunk(chunk));
  BOYO_RETURN_IF_ERROR(EnsureSchema(&chunk));
  BOYO_ASSIGN_OR_RETURN(std::vector<FramedMessage> messages, encoder_->EncodeChunk(chunk));
  BatchLocation location;
  for (const FramedMessage& message : messages) {
    const uint64_t position = sink_->position();
    BOYO_RETURN_IF_ERROR(Append(message.bytes));
    const FileBlock block{static_cast<int64_t>(position - start_), message.metadata_length,
                          message.body_length};
    if (message.is_dictionary) {
      dictionaries_.push_back(block);
      continue;
    }
    record_batches_.push_back(block);
    location.offset = position;
    location.metadata_length = message.metadata_length;
    location.body_length = message.body_length;
    location.num_rows = chunk.num_rows();
    const uint64_t body = position + static_cast<uint64_t>(message.metadata_length);
    for (const ByteRange& range : ColumnBodyRanges(encoder_->fields(), message.header.buffers)) {
      location.column_ranges.push_back({body + range.offset, range.length});
    }
  }
  return location;
}

Status FileWriter::Finish() {
  if (finished_ || failed_) return Unusable(finished_);
  BOYO_RETURN_IF_ERROR(EnsureSchema(nullptr));
  BOYO_RETURN_IF_ERROR(Append(std::string_view(kEndOfStream, sizeof(kEndOfStream))));
  std::string tail = encoder_->Footer(dictionaries_, record_batches_);
  const int32_t footer_length = static_cast<int32_t>(tail.size());
  char length_bytes[4];
  std::memcpy(length_bytes, &footer_length, 4);
  tail.append(length_bytes, 4);
  tail.append(kFileMagic);
  BOYO_RETURN_IF_ERROR(Append(tail));
  finished_ = true;
  return Status::OK();
}

Result<std::string> WriteFile(const columnar::SchemaPtr& schema,
                              const std::vector<columnar::Chunk>& chunks,
                              const WriteOptions& options) {
  std::string out;
  StringSink sink(&out);
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<FileWriter> writer,
                        FileWriter::Make(&sink, schema, options));
  for (const columnar::Chunk& chunk : chunks) {
    BOYO_RETURN_IF_ERROR(writer->WriteChunk(chunk));
  }
  BOYO_RETURN_IF_ERROR(writer->Finish());
  return out;
}

}  // namespace boyodb::formats::ipc
