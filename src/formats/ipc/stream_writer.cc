#include "formats/ipc/stream_writer.h"

#include "common/sqlstate.h"
#include "formats/ipc/message_encoder.h"

namespace boyodb::formats::ipc {

namespace {

constexpr char kEndOfStream[8] = {'\xff', '\xff', '\xff', '\xff', 0, 0, 0, 0};

Status Unusable(bool finished) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kObjectNotInPrerequisiteState,
                finished ? "the IPC stream writer is finished"
                         : "the IPC stream writer failed earlier and cannot continue");
}

}  // namespace

StreamWriter::StreamWriter(ByteSink* sink, std::unique_ptr<MessageEncoder> encoder)
    : sink_(sink), encoder_(std::move(encoder)) {}

StreamWriter::~StreamWriter() = default;

Result<std::unique_ptr<StreamWriter>> StreamWriter::Make(ByteSink* sink, columnar::SchemaPtr schema,
                                                         WriteOptions options) {
  BOYO_RETURN_IF_ERROR(options.Validate());
  auto encoder = std::make_unique<MessageEncoder>(std::move(schema), std::move(options),
                                                  /*allow_replacement=*/true);
  return std::unique_ptr<StreamWriter>(new StreamWriter(sink, std::move(encoder)));
}

Status StreamWriter::EnsureSchema(const columnar::Chunk* first) {
  if (encoder_->schema_fixed()) return Status::OK();
  encoder_->FixSchema(first);
  return sink_->Append(encoder_->SchemaMessage().bytes);
}

Status StreamWriter::WriteChunk(const columnar::Chunk& chunk) {
  if (finished_ || failed_) return Unusable(finished_);
  // A chunk rejected before anything is written leaves the stream usable; a failed write
  // does not.
  BOYO_RETURN_IF_ERROR(encoder_->CheckChunk(chunk));
  Status status = EnsureSchema(&chunk);
  if (status.ok()) {
    Result<std::vector<FramedMessage>> messages = encoder_->EncodeChunk(chunk);
    if (!messages.ok()) return messages.error();
    for (const FramedMessage& message : *messages) {
      status = sink_->Append(message.bytes);
      if (!status.ok()) break;
    }
  }
  if (!status.ok()) failed_ = true;
  return status;
}

Status StreamWriter::Finish() {
  if (finished_ || failed_) return Unusable(finished_);
  Status status = EnsureSchema(nullptr);
  if (status.ok()) status = sink_->Append(std::string_view(kEndOfStream, sizeof(kEndOfStream)));
  finished_ = status.ok();
  failed_ = !status.ok();
  return status;
}

Result<std::string> WriteStream(const columnar::SchemaPtr& schema,
                                const std::vector<columnar::Chunk>& chunks,
                                const WriteOptions& options) {
  std::string out;
  StringSink sink(&out);
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<StreamWriter> writer,
                        StreamWriter::Make(&sink, schema, options));
  for (const columnar::Chunk& chunk : chunks) BOYO_RETURN_IF_ERROR(writer->WriteChunk(chunk));
  BOYO_RETURN_IF_ERROR(writer->Finish());
  return out;
}

}  // namespace boyodb::formats::ipc
