// Untrusted input: truncated and bit-flipped streams and files, decompression bombs, and
// hand-made malformed messages. Every case must end in an error or a valid result; ASan and
// UBSan check that none crashes or reads out of bounds.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "formats/ipc/file_reader.h"
#include "formats/ipc/file_writer.h"
#include "formats/ipc/stream_reader.h"
#include "formats/ipc/stream_writer.h"
#include "tests/unit/formats/ipc/ipc_test_util.h"

namespace boyodb::formats::ipc {
namespace {

using columnar::Chunk;
using testing::AllTypesChunk;

// Reads every value of every chunk, so a result that passed validation but points outside its
// buffers shows up under ASan.
void TouchEveryValue(const std::vector<Chunk>& chunks) {
  for (const Chunk& chunk : chunks) {
    for (const columnar::ArrayPtr& column : chunk.columns()) {
      ASSERT_TRUE(columnar::ValidateArray(*column).ok());
      ASSERT_EQ(column->length(), chunk.num_rows());
      for (int64_t row = 0; row < chunk.num_rows(); ++row) (void)column->GetValue(row);
    }
  }
}

// Statuses a reader of damaged input may return.
bool IsExpectedError(const Status& status) {
  switch (status.code()) {
    case StatusCode::kCorruption:
    case StatusCode::kNotSupported:
    case StatusCode::kOutOfRange:
      return true;
    default:
      return false;
  }
}

void ReadDamaged(std::string_view bytes, bool file) {
  Result<std::vector<Chunk>> chunks = file ? ReadFile(bytes) : ReadStream(bytes);
  if (chunks.ok()) {
    TouchEveryValue(*chunks);
  } else {
    EXPECT_TRUE(IsExpectedError(chunks.status())) << chunks.status().ToString();
  }
}

std::string SmallStream(CompressionCodec codec, bool file) {
  const Chunk chunk = AllTypesChunk(3);
  WriteOptions options;
  options.codec = codec;
  Result<std::string> bytes =
      file ? WriteFile(chunk.schema(), {chunk, chunk.Slice(1, 2)}, options)
           : WriteStream(chunk.schema(), {chunk, chunk.Slice(1, 2)}, options);
  BOYO_CHECK(bytes.ok());
  return *bytes;
}

class DamagedInputTest : public ::testing::TestWithParam<CompressionCodec> {};

TEST_P(DamagedInputTest, TruncationAtEveryOffset) {
  for (const bool file : {false, true}) {
    const std::string bytes = SmallStream(GetParam(), file);
    for (size_t size = 0; size < bytes.size(); ++size) {
      SCOPED_TRACE((file ? "file truncated to " : "stream truncated to ") + std::to_string(size));
      ReadDamaged(std::string_view(bytes).substr(0, size), file);
      if (::testing::Test::HasFatalFailure()) return;
    }
    // A file without its tail has no footer: always an error.
    EXPECT_FALSE(ReadFile(std::string_view(bytes).substr(0, bytes.size() - 1)).ok());
  }
}

TEST_P(DamagedInputTest, EveryByteFlipped) {
  for (const bool file : {false, true}) {
    const std::string bytes = SmallStream(GetParam(), file);
    // Every byte of the stream is flipped once, alternating a one-bit flip (a length off by a
    // little) with a whole-byte flip (a sign or a huge value), so every multi-byte field gets
    // both. A file is the stream's messages plus a footer: there every byte of the footer gets
    // both flips and every fifth byte of the messages one. Both masks on every byte took minutes
    // under the sanitizers without finding more.
    int32_t footer_length = 0;
    std::memcpy(&footer_length, bytes.data() + bytes.size() - 10, 4);
    const size_t footer_start = bytes.size() - 10 - static_cast<size_t>(footer_length);
    for (size_t position = 0; position < bytes.size(); ++position) {
      const bool in_messages = file && position < footer_start;
      if (in_messages && position % 5 != 0) continue;
      std::vector<uint8_t> masks;
      if (file && !in_messages) {
        masks = {0x01, 0xff};
      } else {
        masks = {position % 2 == 0 ? uint8_t{0x01} : uint8_t{0xff}};
      }
      for (const uint8_t mask : masks) {
        std::string damaged = bytes;
        damaged[position] = static_cast<char>(damaged[position] ^ mask);
        SCOPED_TRACE((file ? "file byte " : "stream byte ") + std::to_string(position) + " xor " +
                     std::to_string(mask));
        ReadDamaged(damaged, file);
        if (::testing::Test::HasFatalFailure()) return;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Codecs, DamagedInputTest,
                         ::testing::Values(CompressionCodec::kNone, CompressionCodec::kLz4,
                                           CompressionCodec::kZstd, CompressionCodec::kSnappy),
                         [](const ::testing::TestParamInfo<CompressionCodec>& info) {
                           return std::string(CodecName(info.param));
                         });

// Finds the first buffer region of the first record batch whose stored bytes hold a length
// prefix other than -1, returning its position in the stream.
size_t FirstCompressedPrefix(const std::string& stream) {
  MemorySource source(stream);
  MessageReader messages(&source, ReadOptions{});
  while (true) {
    const uint64_t start = source.position();
    Result<std::optional<IpcMessage>> message = messages.Next();
    BOYO_CHECK(message.ok() && message->has_value());
    const auto* batch = (*message)->message->header_as_RecordBatch();
    if (batch == nullptr) continue;
    const uint64_t body_start = source.position() - (*message)->body->size();
    (void)start;
    for (const auto* buffer : *batch->buffers()) {
      if (buffer->length() <= 8) continue;
      int64_t prefix;
      std::memcpy(&prefix, (*message)->body->data() + buffer->offset(), 8);
      if (prefix > 0) return static_cast<size_t>(body_start + buffer->offset());
    }
    BOYO_CHECK(false);
  }
}

TEST(DamagedInputTest, DecompressionBombIsRejectedBeforeAllocating) {
  const Chunk chunk = AllTypesChunk(200);
  WriteOptions options;
  options.codec = CompressionCodec::kZstd;
  Result<std::string> bytes = WriteStream(chunk.schema(), {chunk}, options);
  ASSERT_TRUE(bytes.ok());
  const size_t prefix = FirstCompressedPrefix(*bytes);
  for (const int64_t declared : {int64_t{1} << 40, int64_t{1} << 29, int64_t{-7}}) {
    std::string damaged = *bytes;
    std::memcpy(damaged.data() + prefix, &declared, 8);
    Result<std::vector<Chunk>> read = ReadStream(damaged);
    ASSERT_FALSE(read.ok()) << declared;
    EXPECT_EQ(read.status().code(), StatusCode::kCorruption) << read.status().ToString();
    EXPECT_EQ(read.status().sqlstate(), "XX001");
  }
}

TEST(DamagedInputTest, LimitsOfReadOptionsAreEnforced) {
  const Chunk chunk = AllTypesChunk(100);
  Result<std::string> bytes = WriteStream(chunk.schema(), {chunk});
  ASSERT_TRUE(bytes.ok());
  ReadOptions small_buffers;
  small_buffers.max_buffer_bytes = 64;
  Result<std::vector<Chunk>> read = ReadStream(*bytes, small_buffers);
  EXPECT_EQ(read.status().code(), StatusCode::kCorruption);
  EXPECT_NE(read.status().message().find("exceeds the limit"), std::string::npos);
  ReadOptions small_messages;
  small_messages.max_message_bytes = 4096;
  small_messages.max_metadata_bytes = 4096;
  read = ReadStream(*bytes, small_messages);
  EXPECT_EQ(read.status().code(), StatusCode::kCorruption);
  ReadOptions shallow;
  shallow.max_nesting_depth = 2;  // LIST(LIST(INT)) needs 3
  read = ReadStream(*bytes, shallow);
  EXPECT_EQ(read.status().code(), StatusCode::kCorruption);
  EXPECT_NE(read.status().message().find("nested deeper"), std::string::npos);
}

TEST(DamagedInputTest, HugeDeclaredLengthsAreRejectedWithoutReadingThem) {
  // Metadata length near 2 GiB, then a plausible metadata length with a huge body length.
  std::string huge_metadata("\xff\xff\xff\xff\xf0\xff\xff\x7f", 8);
  Result<std::vector<Chunk>> read = ReadStream(huge_metadata);
  EXPECT_EQ(read.status().code(), StatusCode::kCorruption);
  EXPECT_NE(read.status().message().find("metadata length"), std::string::npos);
  std::string negative("\xff\xff\xff\xff\x00\x00\x00\x80", 8);
  EXPECT_EQ(ReadStream(negative).status().code(), StatusCode::kCorruption);
  std::string garbage(
      "\xff\xff\xff\xff\x10\x00\x00\x00"
      "0123456789abcdef",
      24);
  read = ReadStream(garbage);
  EXPECT_EQ(read.status().code(), StatusCode::kCorruption);
  EXPECT_NE(read.status().message().find("not a valid flatbuffer"), std::string::npos);
  EXPECT_NE(read.status().FullMessage().find("offset 0"), std::string::npos);
}

TEST(DamagedInputTest, StreamMustStartWithSchema) {
  EXPECT_EQ(ReadStream("").status().code(), StatusCode::kCorruption);
  EXPECT_EQ(ReadStream(std::string("\xff\xff\xff\xff\0\0\0\0", 8)).status().code(),
            StatusCode::kCorruption);
  // A stream without its first message (the schema) is not a stream.
  const Chunk chunk = AllTypesChunk(2);
  Result<std::string> stream = WriteStream(chunk.schema(), {chunk});
  ASSERT_TRUE(stream.ok());
  MemorySource source(*stream);
  MessageReader messages(&source, ReadOptions{});
  ASSERT_TRUE(messages.Next().ok());
  const std::string batch_only = stream->substr(source.position());
  Result<std::vector<Chunk>> read = ReadStream(batch_only);
  EXPECT_EQ(read.status().code(), StatusCode::kCorruption);
  EXPECT_NE(read.status().message().find("instead of a Schema"), std::string::npos)
      << read.status().ToString();
}

TEST(DamagedInputTest, MessageWithoutItsHeaderTableIsCorrupt) {
  // Found by tests/fuzz/ipc_stream_fuzz.cc: a header type without the header table.
  const Chunk chunk = AllTypesChunk(1);
  Result<std::string> schema = WriteStream(chunk.schema(), {});
  ASSERT_TRUE(schema.ok());
  for (const fb::MessageHeader type : {fb::MessageHeader::DictionaryBatch,
                                       fb::MessageHeader::RecordBatch, fb::MessageHeader::Tensor}) {
    flatbuffers::FlatBufferBuilder builder;
    builder.Finish(fb::CreateMessage(builder, fb::MetadataVersion::V5, type, 0, 0));
    std::string stream = schema->substr(0, schema->size() - 8);
    AppendFramedMetadata(std::string_view(reinterpret_cast<const char*>(builder.GetBufferPointer()),
                                          builder.GetSize()),
                         &stream);
    Result<std::vector<Chunk>> read = ReadStream(stream);
    ASSERT_FALSE(read.ok());
    EXPECT_TRUE(IsExpectedError(read.status())) << read.status().ToString();
  }
  flatbuffers::FlatBufferBuilder builder;
  builder.Finish(
      fb::CreateMessage(builder, fb::MetadataVersion::V5, fb::MessageHeader::Schema, 0, 0));
  std::string no_schema;
  AppendFramedMetadata(std::string_view(reinterpret_cast<const char*>(builder.GetBufferPointer()),
                                        builder.GetSize()),
                       &no_schema);
  EXPECT_EQ(ReadStream(no_schema).status().code(), StatusCode::kCorruption);
}

TEST(DamagedInputTest, FileErrorsNameThePathAndOffset) {
  const Chunk chunk = AllTypesChunk(3);
  Result<std::string> bytes = WriteFile(chunk.schema(), {chunk});
  ASSERT_TRUE(bytes.ok());
  std::string bad_magic = *bytes;
  bad_magic[0] = 'X';
  auto open = [](const std::string& data) {
    return FileReader::Open(std::make_shared<MemoryRandomAccessFile>(data, "/data/seg-1.arrow"));
  };
  Result<std::unique_ptr<FileReader>> reader = open(bad_magic);
  EXPECT_EQ(reader.status().code(), StatusCode::kCorruption);
  EXPECT_NE(reader.status().FullMessage().find("/data/seg-1.arrow"), std::string::npos);
  std::string bad_footer = *bytes;
  const int32_t too_long = 1 << 30;
  std::memcpy(bad_footer.data() + bad_footer.size() - 10, &too_long, 4);
  reader = open(bad_footer);
  EXPECT_EQ(reader.status().code(), StatusCode::kCorruption);
  EXPECT_NE(reader.status().FullMessage().find("offset"), std::string::npos);
  EXPECT_EQ(open("ARROW1").status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace boyodb::formats::ipc
