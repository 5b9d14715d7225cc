// The Arrow IPC file format: batch locations, reading a subset of columns with one read per
// column and nothing else, dictionaries written once (plus deltas), and concurrent reads.
#include "formats/ipc/file_reader.h"

#include <gtest/gtest.h>

#include <thread>

#include "columnar/builder.h"
#include "formats/ipc/file_writer.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/formats/ipc/ipc_test_util.h"

namespace boyodb::formats::ipc {
namespace {

using columnar::Chunk;
using testing::AllTypesChunk;
using testing::ChunksEqual;
using testing::RecordingFile;

struct WrittenFile {
  std::string bytes;
  std::vector<BatchLocation> locations;
};

WrittenFile WriteChunks(const std::vector<Chunk>& chunks, const WriteOptions& options = {}) {
  WrittenFile out;
  StringSink sink(&out.bytes);
  Result<std::unique_ptr<FileWriter>> writer = FileWriter::Make(&sink, chunks[0].schema(), options);
  BOYO_CHECK(writer.ok());
  for (const Chunk& chunk : chunks) {
    Result<BatchLocation> location = (*writer)->WriteChunk(chunk);
    BOYO_CHECK(location.ok());
    out.locations.push_back(*location);
  }
  BOYO_CHECK((*writer)->Finish().ok());
  return out;
}

bool Overlaps(uint64_t a_offset, uint64_t a_length, const ByteRange& b) {
  return a_length > 0 && b.length > 0 && a_offset < b.offset + b.length &&
         b.offset < a_offset + a_length;
}

class FileReaderTest : public ::testing::TestWithParam<CompressionCodec> {};

TEST_P(FileReaderTest, WriterAndReaderAgreeOnBatchLocations) {
  const Chunk chunk = AllTypesChunk(40);
  WriteOptions options;
  options.codec = GetParam();
  const WrittenFile file = WriteChunks({chunk, chunk.Slice(5, 20), chunk.Slice(0, 0)}, options);
  Result<std::unique_ptr<FileReader>> reader =
      FileReader::Open(std::make_shared<MemoryRandomAccessFile>(file.bytes));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_EQ((*reader)->num_batches(), 3);
  EXPECT_EQ((*reader)->num_dictionaries(), 1);  // one shared dictionary, written once
  for (int batch = 0; batch < 3; ++batch) {
    Result<BatchLocation> location = (*reader)->GetBatchLocation(batch);
    ASSERT_TRUE(location.ok()) << location.status().ToString();
    EXPECT_EQ(*location, file.locations[static_cast<size_t>(batch)]) << "batch " << batch;
    Result<int64_t> rows = (*reader)->BatchNumRows(batch);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows, location->num_rows);
    // Column ranges are ordered, disjoint and inside the body.
    const uint64_t body = location->offset + static_cast<uint64_t>(location->metadata_length);
    uint64_t previous_end = body;
    for (const ByteRange& range : location->column_ranges) {
      EXPECT_GE(range.offset, previous_end);
      previous_end = range.offset + range.length;
    }
    EXPECT_LE(previous_end, body + static_cast<uint64_t>(location->body_length));
  }
  EXPECT_EQ(file.locations[0].num_rows, 40);
  EXPECT_EQ(file.locations[2].num_rows, 0);
}

TEST_P(FileReaderTest, ColumnSubsetReadsOnlyThoseColumnsRanges) {
  const Chunk chunk = AllTypesChunk(50);
  WriteOptions options;
  options.codec = GetParam();
  const WrittenFile file = WriteChunks({chunk, chunk.Slice(10, 30)}, options);
  auto recording = std::make_shared<RecordingFile>(file.bytes);
  Result<std::unique_ptr<FileReader>> reader = FileReader::Open(recording);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const BatchLocation& location = file.locations[1];
  const int dict = chunk.schema()->FieldIndex("dict");
  const int lists = chunk.schema()->FieldIndex("lists");
  const int st = chunk.schema()->FieldIndex("st");
  for (const std::vector<int>& columns :
       std::vector<std::vector<int>>{{3}, {lists, 0}, {st, dict, 12}, {dict}}) {
    recording->TakeReads();
    Result<Chunk> read = (*reader)->ReadBatch(1, columns);
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    EXPECT_TRUE(ChunksEqual(chunk.Slice(10, 30).SelectColumns(columns), *read));
    std::vector<bool> selected(chunk.num_columns(), false);
    for (const int column : columns) selected[static_cast<size_t>(column)] = true;
    for (const auto& [offset, length] : recording->TakeReads()) {
      // The batch's metadata, a selected column's exact range, or a dictionary block.
      const bool metadata =
          offset == location.offset && length == static_cast<uint64_t>(location.metadata_length);
      bool column_range = false;
      for (size_t c = 0; c < chunk.num_columns(); ++c) {
        const ByteRange& range = location.column_ranges[c];
        if (selected[c] && offset == range.offset && length == range.length) column_range = true;
        if (!selected[c]) {
          EXPECT_FALSE(Overlaps(offset, length, range))
              << "read at " << offset << " of " << length << " touches column "
              << chunk.schema()->field(c).name;
        }
      }
      const bool before_batches = offset + length <= file.locations[0].offset;
      EXPECT_TRUE(metadata || column_range ||
                  (selected[static_cast<size_t>(dict)] && before_batches))
          << "unexpected read at " << offset << " of " << length;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Codecs, FileReaderTest,
                         ::testing::Values(CompressionCodec::kNone, CompressionCodec::kLz4,
                                           CompressionCodec::kZstd, CompressionCodec::kSnappy),
                         [](const ::testing::TestParamInfo<CompressionCodec>& info) {
                           return std::string(CodecName(info.param));
                         });

TEST(FileReaderTest, SharedDictionaryIsLoadedOnceAndShared) {
  const Chunk chunk = AllTypesChunk(30);
  const WrittenFile file =
      WriteChunks({chunk.Slice(0, 10), chunk.Slice(10, 10), chunk.Slice(20, 10)});
  auto recording = std::make_shared<RecordingFile>(file.bytes);
  Result<std::unique_ptr<FileReader>> reader = FileReader::Open(recording);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->num_dictionaries(), 1);
  const int dict = chunk.schema()->FieldIndex("dict");
  Result<Chunk> first = (*reader)->ReadBatch(0, {dict});
  ASSERT_TRUE(first.ok());
  recording->TakeReads();
  Result<Chunk> second = (*reader)->ReadBatch(2, {dict});
  ASSERT_TRUE(second.ok());
  // Metadata and the column only: the dictionary came from the cache.
  EXPECT_EQ(recording->TakeReads().size(), 2u);
  EXPECT_EQ(first->column(0)->dictionary(), second->column(0)->dictionary());
  EXPECT_TRUE(ChunksEqual(chunk.Slice(20, 10).SelectColumns({dict}), *second));
}

Chunk WordsChunk(const std::vector<std::string>& dictionary, const std::vector<int32_t>& indices) {
  auto schema = std::make_shared<const types::Schema>(
      std::vector<types::Field>{types::Field("word", types::DataType::String())});
  columnar::BinaryBuilder values(types::DataType::String());
  for (const std::string& value : dictionary) values.Append(value);
  auto array = std::make_shared<const columnar::Array>(
      types::DataType::String(), static_cast<int64_t>(indices.size()),
      std::vector<columnar::BufferPtr>{nullptr,
                                       columnar::Buffer::CopyOf(testing::RawValues(indices))},
      std::vector<columnar::ArrayPtr>{}, values.Finish());
  return Chunk(schema, {array}, static_cast<int64_t>(indices.size()));
}

TEST(FileReaderTest, GrowingDictionaryIsWrittenAsDeltas) {
  const std::vector<Chunk> chunks = {WordsChunk({"a", "b"}, {0, 1}), WordsChunk({"a", "b"}, {1, 1}),
                                     WordsChunk({"a", "b", "c"}, {2, 0}),
                                     WordsChunk({"a", "b", "c", "d"}, {3})};
  const WrittenFile file = WriteChunks(chunks);
  Result<std::unique_ptr<FileReader>> reader =
      FileReader::Open(std::make_shared<MemoryRandomAccessFile>(file.bytes));
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->num_dictionaries(), 3);  // the first, then two deltas
  for (int i = 0; i < 4; ++i) {
    Result<Chunk> read = (*reader)->ReadBatch(i);
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    EXPECT_TRUE(ChunksEqual(chunks[static_cast<size_t>(i)], *read));
    // Deltas only append, so every batch uses the final dictionary.
    EXPECT_EQ(read->column(0)->dictionary()->length(), 4);
  }
}

TEST(FileReaderTest, ReplacedDictionaryIsNotSupportedAndWritesNothing) {
  std::string bytes;
  StringSink sink(&bytes);
  const Chunk first = WordsChunk({"a", "b"}, {0, 1});
  Result<std::unique_ptr<FileWriter>> writer = FileWriter::Make(&sink, first.schema(), {});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->WriteChunk(first).ok());
  const size_t size = bytes.size();
  Result<BatchLocation> replaced = (*writer)->WriteChunk(WordsChunk({"x"}, {0}));
  EXPECT_EQ(replaced.status().code(), StatusCode::kNotSupported);
  EXPECT_EQ(replaced.status().sqlstate(), "0A000");
  EXPECT_NE(replaced.status().message().find("\"word\""), std::string::npos);
  EXPECT_EQ(bytes.size(), size);
  // The writer is still usable and the file valid.
  ASSERT_TRUE((*writer)->WriteChunk(WordsChunk({"a", "b", "c"}, {2})).ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  Result<std::vector<Chunk>> read = ReadFile(bytes);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->size(), 2u);
}

TEST(FileReaderTest, IndexesOutOfRangeAreRejected) {
  const Chunk chunk = AllTypesChunk(3);
  const WrittenFile file = WriteChunks({chunk});
  Result<std::unique_ptr<FileReader>> reader =
      FileReader::Open(std::make_shared<MemoryRandomAccessFile>(file.bytes));
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->ReadBatch(1).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ((*reader)->ReadBatch(-1).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ((*reader)->BatchNumRows(7).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ((*reader)->GetBatchLocation(1).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ((*reader)->ReadBatch(0, {0, 99}).status().code(), StatusCode::kOutOfRange);
}

TEST(FileReaderTest, ConcurrentReadsShareOneReader) {
  const Chunk chunk = AllTypesChunk(64);
  const WrittenFile file = WriteChunks({chunk.Slice(0, 32), chunk.Slice(32, 32)});
  Result<std::unique_ptr<FileReader>> reader =
      FileReader::Open(std::make_shared<MemoryRandomAccessFile>(file.bytes));
  ASSERT_TRUE(reader.ok());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        const int batch = (t + i) % 2;
        Result<Chunk> read = (*reader)->ReadBatch(batch);
        if (!read.ok() || !ChunksEqual(chunk.Slice(batch * 32, 32), *read)) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(FileReaderTest, WritesToAndReadsFromRealFiles) {
  boyodb::testing::TempDir dir;
  const std::string path = dir.Join("segment.arrow");
  const Chunk chunk = AllTypesChunk(25);
  FileSystem* fs = DefaultFileSystem();
  {
    Result<std::unique_ptr<WritableFile>> out = fs->OpenWritable(path, OpenMode::kCreateNew);
    ASSERT_TRUE(out.ok());
    WritableFileSink sink(out->get());
    WriteOptions options;
    options.codec = CompressionCodec::kZstd;
    options.alignment = 64;
    Result<std::unique_ptr<FileWriter>> writer = FileWriter::Make(&sink, chunk.schema(), options);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->WriteChunk(chunk).ok());
    ASSERT_TRUE((*writer)->Finish().ok());
    ASSERT_TRUE((*out)->Sync().ok());
    ASSERT_TRUE((*out)->Close().ok());
  }
  Result<std::unique_ptr<RandomAccessFile>> in = fs->OpenReadable(path);
  ASSERT_TRUE(in.ok());
  Result<std::unique_ptr<FileReader>> reader =
      FileReader::Open(std::shared_ptr<const RandomAccessFile>(std::move(*in)));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  Result<Chunk> read = (*reader)->ReadBatch(0);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_TRUE(ChunksEqual(chunk, *read));
}

}  // namespace
}  // namespace boyodb::formats::ipc
