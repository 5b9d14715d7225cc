// A binary result's frames read as one Arrow IPC stream: cut anywhere, ended by the empty frame
// (also when the IPC reader stops before it), or by a JSON error frame whose error the reader
// sees, leaving the connection at the next response either way.
#include "tools/cli/result_frame_source.h"

#include <gtest/gtest.h>

#include "formats/ipc/stream_reader.h"
#include "formats/ipc/stream_writer.h"
#include "tests/unit/tools/cli/memory_client_stream.h"
#include "tools/cli/native_frames.h"

namespace boyodb::tools::cli {
namespace {

using types::DataType;
using types::Value;

columnar::SchemaPtr TestSchema() {
  return std::make_shared<const types::Schema>(std::vector<types::Field>{
      types::Field("id", DataType::Int64()), types::Field("name", DataType::String())});
}

std::vector<columnar::Chunk> TestChunks() {
  std::vector<columnar::Chunk> chunks;
  chunks.push_back(
      *columnar::ChunkFromRows(TestSchema(), {{Value::Int64(1), Value::String("one")},
                                              {Value::Int64(2), Value::Null(DataType::String())}}));
  chunks.push_back(
      *columnar::ChunkFromRows(TestSchema(), {{Value::Int64(3), Value::String("three")}}));
  return chunks;
}

// The stream of TestChunks cut into frames at `cuts` (byte offsets), without the end frame.
std::string StreamFrames(const std::vector<size_t>& cuts) {
  const std::string stream = *formats::ipc::WriteStream(TestSchema(), TestChunks());
  std::string frames;
  size_t start = 0;
  for (const size_t cut : cuts) {
    frames += Frame(stream.substr(start, cut - start));
    start = cut;
  }
  return frames + Frame(stream.substr(start));
}

// Reads the IPC stream from `source` as the connection does.
Result<std::vector<columnar::Chunk>> ReadAll(ResultFrameSource& source) {
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<formats::ipc::StreamReader> reader,
                        formats::ipc::StreamReader::Open(&source));
  std::vector<columnar::Chunk> chunks;
  while (true) {
    BOYO_ASSIGN_OR_RETURN(std::optional<columnar::Chunk> chunk, reader->Next());
    if (!chunk.has_value()) return chunks;
    chunks.push_back(std::move(*chunk));
  }
}

TEST(ResultFrameSourceTest, FramesCutAnywhereReadAsOneStream) {
  const std::string next_response = Frame(R"({"status":"ok"})");
  MemoryClientStream stream(StreamFrames({1, 7, 100}) + Frame("") + next_response);
  ResultFrameSource source(stream);
  Result<std::vector<columnar::Chunk>> chunks = ReadAll(source);
  ASSERT_TRUE(chunks.ok()) << chunks.status().ToString();
  ASSERT_EQ(chunks->size(), 2u);
  EXPECT_TRUE((*chunks)[0].Equals(TestChunks()[0]));
  EXPECT_TRUE((*chunks)[1].Equals(TestChunks()[1]));
  // The IPC reader stops at the end-of-stream marker; Finish reads the empty frame after it.
  EXPECT_FALSE(source.ended());
  EXPECT_TRUE(source.Finish().ok());
  EXPECT_TRUE(source.ended());
  EXPECT_EQ(ReadFrame(stream).value(), R"({"status":"ok"})");
}

TEST(ResultFrameSourceTest, AnErrorFrameEndsTheResultWithTheServersError) {
  const std::string stream_bytes = *formats::ipc::WriteStream(TestSchema(), TestChunks());
  // The schema and the first batch arrive, then encoding fails on the server.
  const std::string error =
      R"({"status":"error","code":"53200","message":"out of memory encoding the result"})";
  MemoryClientStream stream(Frame(stream_bytes.substr(0, stream_bytes.size() / 2)) + Frame(error) +
                            Frame(R"({"status":"ok"})"));
  ResultFrameSource source(stream);
  Result<std::vector<columnar::Chunk>> chunks = ReadAll(source);
  ASSERT_FALSE(chunks.ok());
  EXPECT_EQ(chunks.status().sqlstate(), "53200");
  EXPECT_EQ(chunks.status().message(), "out of memory encoding the result");
  EXPECT_TRUE(source.ended());
  EXPECT_EQ(source.Finish().sqlstate(), "53200");
  EXPECT_EQ(ReadFrame(stream).value(), R"({"status":"ok"})");
}

TEST(ResultFrameSourceTest, FinishSkipsWhatADecodingErrorLeftUnread) {
  // Bytes that are not IPC at all: the reader fails at once; Finish still finds the end.
  MemoryClientStream stream(Frame(std::string(16, '\x01')) + Frame("more") + Frame("") +
                            Frame(R"({"status":"ok"})"));
  ResultFrameSource source(stream);
  EXPECT_FALSE(ReadAll(source).ok());
  EXPECT_TRUE(source.Finish().ok());
  EXPECT_TRUE(source.ended());
  EXPECT_EQ(ReadFrame(stream).value(), R"({"status":"ok"})");
}

TEST(ResultFrameSourceTest, ALostConnectionLeavesTheSourceNotEnded) {
  MemoryClientStream stream(StreamFrames({}).substr(0, 20));
  ResultFrameSource source(stream);
  const Result<std::vector<columnar::Chunk>> chunks = ReadAll(source);
  ASSERT_FALSE(chunks.ok());
  EXPECT_EQ(source.Finish().sqlstate(), "08006");
  EXPECT_FALSE(source.ended());
}

}  // namespace
}  // namespace boyodb::tools::cli
