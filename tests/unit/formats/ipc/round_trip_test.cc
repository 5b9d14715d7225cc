// Round trips through the Arrow IPC stream and file formats: every type, every codec, several
// batches, zero-row batches, sliced arrays and dictionaries.
#include <gtest/gtest.h>

#include <random>
#include <tuple>

#include "columnar/builder.h"
#include "columnar/dictionary.h"
#include "formats/ipc/file_reader.h"
#include "formats/ipc/file_writer.h"
#include "formats/ipc/stream_reader.h"
#include "formats/ipc/stream_writer.h"
#include "tests/unit/formats/ipc/ipc_test_util.h"

namespace boyodb::formats::ipc {
namespace {

using columnar::Chunk;
using testing::AllTypesChunk;
using testing::ChunksEqual;

enum class Format { kStream, kFile };

Result<std::string> Write(Format format, const columnar::SchemaPtr& schema,
                          const std::vector<Chunk>& chunks, const WriteOptions& options) {
  return format == Format::kStream ? WriteStream(schema, chunks, options)
                                   : WriteFile(schema, chunks, options);
}

Result<std::vector<Chunk>> Read(Format format, std::string_view bytes) {
  return format == Format::kStream ? ReadStream(bytes) : ReadFile(bytes);
}

class RoundTripTest : public ::testing::TestWithParam<std::tuple<Format, CompressionCodec>> {
 protected:
  Format format() const { return std::get<0>(GetParam()); }
  WriteOptions options() const {
    WriteOptions options;
    options.codec = std::get<1>(GetParam());
    return options;
  }
};

TEST_P(RoundTripTest, EveryTypeSurvivesWithNullsSlicesAndEmptyBatches) {
  const Chunk chunk = AllTypesChunk(5);
  const std::vector<Chunk> chunks = {chunk, chunk.Slice(1, 3), chunk.Slice(0, 0),
                                     chunk.Slice(3, 2)};
  Result<std::string> bytes = Write(format(), chunk.schema(), chunks, options());
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  Result<std::vector<Chunk>> read = Read(format(), *bytes);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), chunks.size());
  for (size_t i = 0; i < chunks.size(); ++i) {
    EXPECT_TRUE(ChunksEqual(chunks[i], (*read)[i])) << "batch " << i;
    const int dict = chunk.schema()->FieldIndex("dict");
    EXPECT_TRUE((*read)[i].column(static_cast<size_t>(dict))->is_dictionary());
  }
  EXPECT_FALSE((*read)[0].schema()->field(4).nullable);
}

TEST_P(RoundTripTest, SlicesAtEveryOffsetOfALargerBatch) {
  // 100 rows so bitmaps span several bytes; slices start at every bit position.
  const Chunk chunk = AllTypesChunk(100);
  std::vector<Chunk> chunks;
  for (int offset = 0; offset < 17; ++offset)
    chunks.push_back(chunk.Slice(offset, 100 - offset - 3));
  Result<std::string> bytes = Write(format(), chunk.schema(), chunks, options());
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  Result<std::vector<Chunk>> read = Read(format(), *bytes);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), chunks.size());
  for (size_t i = 0; i < chunks.size(); ++i) {
    EXPECT_TRUE(ChunksEqual(chunks[i], (*read)[i])) << "slice at offset " << i;
  }
}

TEST_P(RoundTripTest, SchemaWithoutBatches) {
  const Chunk chunk = AllTypesChunk(1);
  Result<std::string> bytes = Write(format(), chunk.schema(), {}, options());
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  if (format() == Format::kStream) {
    MemorySource source(*bytes);
    Result<std::unique_ptr<StreamReader>> reader = StreamReader::Open(&source);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ(*(*reader)->schema(), *chunk.schema());
    Result<std::optional<Chunk>> next = (*reader)->Next();
    ASSERT_TRUE(next.ok());
    EXPECT_FALSE(next->has_value());
  } else {
    auto file = std::make_shared<MemoryRandomAccessFile>(*bytes);
    Result<std::unique_ptr<FileReader>> reader = FileReader::Open(file);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ(*(*reader)->schema(), *chunk.schema());
    EXPECT_EQ((*reader)->num_batches(), 0);
  }
}

TEST_P(RoundTripTest, EmptySchema) {
  auto schema = std::make_shared<const types::Schema>();
  const Chunk empty(schema, {}, 0);
  Result<std::string> bytes = Write(format(), schema, {empty, empty}, options());
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  Result<std::vector<Chunk>> read = Read(format(), *bytes);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].num_columns(), 0u);
}

TEST_P(RoundTripTest, CompressibleDataShrinksAndRandomDataStaysRaw) {
  auto schema = std::make_shared<const types::Schema>(
      std::vector<types::Field>{types::Field("repeats", types::DataType::Int64()),
                                types::Field("noise", types::DataType::Int64())});
  columnar::FixedWidthBuilder<int64_t> repeats(types::DataType::Int64());
  columnar::FixedWidthBuilder<int64_t> noise(types::DataType::Int64());
  std::mt19937_64 random(20240611);
  for (int i = 0; i < 10000; ++i) {
    repeats.Append(i % 4);
    noise.Append(static_cast<int64_t>(random()));
  }
  const Chunk chunk(schema, {repeats.Finish(), noise.Finish()}, 10000);
  Result<std::string> bytes = Write(format(), schema, {chunk}, options());
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  WriteOptions plain;
  Result<std::string> uncompressed = Write(format(), schema, {chunk}, plain);
  ASSERT_TRUE(uncompressed.ok());
  if (options().codec != CompressionCodec::kNone) {
    // The repeating column compresses to almost nothing; the noise is stored raw (-1 prefix).
    EXPECT_LT(bytes->size(), uncompressed->size() * 6 / 10);
    EXPECT_NE(bytes->find(std::string("\xff\xff\xff\xff\xff\xff\xff\xff", 8)), std::string::npos);
  } else {
    EXPECT_EQ(bytes->size(), uncompressed->size());
  }
  Result<std::vector<Chunk>> read = Read(format(), *bytes);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_TRUE(ChunksEqual(chunk, (*read)[0]));
}

INSTANTIATE_TEST_SUITE_P(
    FormatsAndCodecs, RoundTripTest,
    ::testing::Combine(::testing::Values(Format::kStream, Format::kFile),
                       ::testing::Values(CompressionCodec::kNone, CompressionCodec::kLz4,
                                         CompressionCodec::kZstd, CompressionCodec::kSnappy)),
    [](const ::testing::TestParamInfo<RoundTripTest::ParamType>& info) {
      return std::string(std::get<0>(info.param) == Format::kStream ? "Stream" : "File") +
             std::string(CodecName(std::get<1>(info.param)));
    });

TEST(RoundTripTest, AlignedBuffersAreUsedInPlace) {
  const Chunk chunk = AllTypesChunk(20);
  for (const int alignment : {8, 16, 64}) {
    WriteOptions options;
    options.alignment = alignment;
    Result<std::string> bytes = WriteStream(chunk.schema(), {chunk}, options);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    Result<std::vector<Chunk>> read = ReadStream(*bytes);
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    EXPECT_TRUE(ChunksEqual(chunk, (*read)[0])) << "alignment " << alignment;
  }
}

TEST(RoundTripTest, SchemaMetadataIsKept) {
  const Chunk chunk = AllTypesChunk(2);
  WriteOptions options;
  options.schema_metadata = {{"boyodb.table", "events"}, {"empty", ""}};
  Result<std::string> stream = WriteStream(chunk.schema(), {chunk}, options);
  ASSERT_TRUE(stream.ok());
  MemorySource source(*stream);
  Result<std::unique_ptr<StreamReader>> reader = StreamReader::Open(&source);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->schema_metadata(), options.schema_metadata);
  Result<std::string> file = WriteFile(chunk.schema(), {chunk}, options);
  ASSERT_TRUE(file.ok());
  Result<std::unique_ptr<FileReader>> file_reader =
      FileReader::Open(std::make_shared<MemoryRandomAccessFile>(*file));
  ASSERT_TRUE(file_reader.ok());
  EXPECT_EQ((*file_reader)->schema_metadata(), options.schema_metadata);
}

TEST(RoundTripTest, InvalidOptionsAreRejected) {
  const Chunk chunk = AllTypesChunk(1);
  WriteOptions bad_alignment;
  bad_alignment.alignment = 12;
  EXPECT_EQ(WriteStream(chunk.schema(), {chunk}, bad_alignment).status().code(),
            StatusCode::kInvalidArgument);
  WriteOptions bad_level;
  bad_level.codec = CompressionCodec::kSnappy;
  bad_level.compression_level = 3;
  EXPECT_EQ(WriteFile(chunk.schema(), {chunk}, bad_level).status().sqlstate(), "22023");
  WriteOptions bad_codec;
  bad_codec.codec = static_cast<CompressionCodec>(9);
  EXPECT_FALSE(bad_codec.Validate().ok());
  ReadOptions bad_read;
  bad_read.max_buffer_bytes = 0;
  EXPECT_EQ(ReadStream("", bad_read).status().code(), StatusCode::kInvalidArgument);
}

TEST(RoundTripTest, ChunkOfAnotherSchemaIsRejectedAndWriterStaysUsable) {
  const Chunk chunk = AllTypesChunk(3);
  std::string out;
  StringSink sink(&out);
  Result<std::unique_ptr<StreamWriter>> writer = StreamWriter::Make(&sink, chunk.schema(), {});
  ASSERT_TRUE(writer.ok());
  const Chunk other = chunk.SelectColumns({1, 0});
  Status status = (*writer)->WriteChunk(other);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.sqlstate(), "22023");
  ASSERT_TRUE((*writer)->WriteChunk(chunk).ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  EXPECT_EQ((*writer)->WriteChunk(chunk).sqlstate(), "55000");
  Result<std::vector<Chunk>> read = ReadStream(out);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 1u);
  EXPECT_TRUE(ChunksEqual(chunk, (*read)[0]));
}

TEST(RoundTripTest, StreamWrittenToAFileIsReadFromTheFile) {
  const Chunk chunk = AllTypesChunk(7);
  Result<std::string> bytes = WriteStream(chunk.schema(), {chunk, chunk});
  ASSERT_TRUE(bytes.ok());
  auto file = std::make_shared<MemoryRandomAccessFile>(*bytes, "stream.arrows");
  FileSource source(file);
  Result<std::unique_ptr<StreamReader>> reader = StreamReader::Open(&source);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  int batches = 0;
  while (true) {
    Result<std::optional<Chunk>> next = (*reader)->Next();
    ASSERT_TRUE(next.ok()) << next.status().ToString();
    if (!next->has_value()) break;
    EXPECT_TRUE(ChunksEqual(chunk, **next));
    ++batches;
  }
  EXPECT_EQ(batches, 2);
}

TEST(RoundTripTest, LegacyFramingWithoutContinuationMarkerIsRead) {
  const Chunk chunk = AllTypesChunk(4);
  Result<std::string> bytes = WriteStream(chunk.schema(), {chunk});
  ASSERT_TRUE(bytes.ok());
  // Rewrite every message as <int32 length><metadata><body> (Arrow before 0.15): the padded
  // metadata keeps its length, so the body offsets still hold.
  std::string legacy;
  size_t position = 0;
  while (position < bytes->size()) {
    int32_t length;
    std::memcpy(&length, bytes->data() + position + 4, 4);
    legacy.append(bytes->data() + position + 4, 4);
    if (length == 0) break;
    MemorySource source(std::string_view(*bytes).substr(position));
    MessageReader reader(&source, ReadOptions{});
    Result<std::optional<IpcMessage>> message = reader.Next();
    ASSERT_TRUE(message.ok() && message->has_value());
    const size_t body = static_cast<size_t>((*message)->message->bodyLength());
    legacy.append(bytes->data() + position + 8, static_cast<size_t>(length) + body);
    position += 8 + static_cast<size_t>(length) + body;
  }
  Result<std::vector<Chunk>> read = ReadStream(legacy);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 1u);
  EXPECT_TRUE(ChunksEqual(chunk, (*read)[0]));
}

TEST(RoundTripTest, ColumnsDictionaryEncodedLaterAreDecodedAndViceVersa) {
  Chunk first = AllTypesChunk(5);
  // Column "txt" is plain in the first chunk, dictionary-encoded in the second; "dict" the
  // other way round. The first chunk decides the schema.
  const size_t txt = static_cast<size_t>(first.schema()->FieldIndex("txt"));
  const size_t dict = static_cast<size_t>(first.schema()->FieldIndex("dict"));
  std::vector<columnar::ArrayPtr> columns = first.columns();
  columns[txt] = columnar::DictionaryEncode(*columns[txt]);
  columns[dict] = columnar::DictionaryDecode(columns[dict]);
  const Chunk second(first.schema(), columns, 5);
  for (const Format format : {Format::kStream, Format::kFile}) {
    Result<std::string> bytes = Write(format, first.schema(), {first, second}, {});
    if (format == Format::kFile) {
      // Re-encoding "dict" builds a new dictionary in first-appearance order, which is the
      // same as the first one here, so the file format accepts it.
      ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    }
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    Result<std::vector<Chunk>> read = Read(format, *bytes);
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    EXPECT_TRUE(ChunksEqual(first, (*read)[0]));
    EXPECT_TRUE(ChunksEqual(second, (*read)[1]));
    EXPECT_FALSE((*read)[1].column(txt)->is_dictionary());
    EXPECT_TRUE((*read)[1].column(dict)->is_dictionary());
  }
}

}  // namespace
}  // namespace boyodb::formats::ipc
