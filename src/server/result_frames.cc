#include "server/result_frames.h"

#include <utility>

#include "formats/ipc/dictionaries.h"

namespace boyodb::server {

// Collects what the writer appends until the next piece is taken; keeps counting positions
// across pieces, since the writer aligns messages by the stream's offset.
class ResultFrames::PieceSink final : public formats::ipc::ByteSink {
 public:
  Status Append(std::string_view data) override {
    piece_.append(data);
    position_ += data.size();
    return Status::OK();
  }
  uint64_t position() const override { return position_; }
  std::string TakePiece() { return std::exchange(piece_, {}); }

 private:
  std::string piece_;
  uint64_t position_ = 0;
};

ResultFrames::ResultFrames(columnar::SchemaPtr schema, std::vector<columnar::Chunk> chunks,
                           std::unique_ptr<PieceSink> sink,
                           std::unique_ptr<formats::ipc::StreamWriter> writer)
    : schema_(std::move(schema)),
      chunks_(std::move(chunks)),
      sink_(std::move(sink)),
      writer_(std::move(writer)) {}

ResultFrames::~ResultFrames() = default;

namespace {

// A frame per executor chunk would send a selective scan's result (a few rows from each of
// hundreds of batches) as hundreds of tiny frames, each a write and a read: consecutive chunks
// are joined up to this many rows, and empty ones dropped.
constexpr int64_t kFrameRows = 8192;

std::vector<columnar::Chunk> CoalesceSmallChunks(const columnar::SchemaPtr& schema,
                                                 std::vector<columnar::Chunk> chunks) {
  std::vector<columnar::Chunk> frames;
  std::vector<columnar::Chunk> pending;
  int64_t pending_rows = 0;
  auto flush = [&] {
    if (pending.size() == 1) frames.push_back(std::move(pending.front()));
    if (pending.size() > 1) frames.push_back(columnar::ConcatenateChunks(schema, pending));
    pending.clear();
    pending_rows = 0;
  };
  for (columnar::Chunk& chunk : chunks) {
    if (chunk.num_rows() == 0) continue;
    if (pending_rows + chunk.num_rows() > kFrameRows) flush();
    pending_rows += chunk.num_rows();
    pending.push_back(std::move(chunk));
  }
  flush();
  return frames;
}

// A result's rows may use a few entries of a large dictionary: a scan's text column carries its
// segment's dictionary, which for SELECT * ... LIMIT 10 over URLs held millions of entries,
// all of which the stream would send and the client decode for ten rows (over 200 ms where
// the query itself took a tenth of a millisecond). Such a column is sent as its values.
void DecodeLargeDictionaries(std::vector<columnar::Chunk>* frames) {
  for (columnar::Chunk& frame : *frames) {
    std::vector<columnar::ArrayPtr> columns = frame.columns();
    bool decoded = false;
    for (columnar::ArrayPtr& column : columns) {
      if (column->is_dictionary() && column->dictionary()->length() > frame.num_rows()) {
        column = formats::ipc::MaterializeDictionary(column);
        decoded = true;
      }
    }
    if (decoded) frame = columnar::Chunk(frame.schema(), std::move(columns), frame.num_rows());
  }
}

}  // namespace

Result<std::unique_ptr<ResultFrames>> ResultFrames::Make(
    const std::vector<sql::OutputColumn>& columns, std::vector<columnar::Chunk> chunks) {
  std::vector<types::Field> fields;
  fields.reserve(columns.size());
  for (const sql::OutputColumn& column : columns) fields.emplace_back(column.name, column.type);
  auto schema = std::make_shared<const types::Schema>(std::move(fields));
  // The executor's chunks carry its own column names; the stream names them as the result does.
  for (columnar::Chunk& chunk : chunks) {
    chunk = columnar::Chunk(schema, chunk.columns(), chunk.num_rows());
  }
  chunks = CoalesceSmallChunks(schema, std::move(chunks));
  DecodeLargeDictionaries(&chunks);
  auto sink = std::make_unique<PieceSink>();
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<formats::ipc::StreamWriter> writer,
                        formats::ipc::StreamWriter::Make(sink.get(), schema, {}));
  return std::unique_ptr<ResultFrames>(
      new ResultFrames(schema, std::move(chunks), std::move(sink), std::move(writer)));
}

Result<std::optional<std::string>> ResultFrames::Next() {
  if (finished_) return std::optional<std::string>();
  if (next_chunk_ < chunks_.size()) {
    BOYO_RETURN_IF_ERROR(writer_->WriteChunk(chunks_[next_chunk_]));
    // Sent chunks are released as they go, so a large result's memory shrinks as it is sent.
    chunks_[next_chunk_++] = columnar::Chunk();
    return std::optional<std::string>(sink_->TakePiece());
  }
  BOYO_RETURN_IF_ERROR(writer_->Finish());
  finished_ = true;
  return std::optional<std::string>(sink_->TakePiece());
}

Result<std::string> ResultFrames::ReadAll() {
  std::string stream;
  while (true) {
    BOYO_ASSIGN_OR_RETURN(std::optional<std::string> piece, Next());
    if (!piece) return stream;
    stream.append(*piece);
  }
}

}  // namespace boyodb::server
