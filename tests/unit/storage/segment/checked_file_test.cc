#include "storage/segment/checked_file.h"

#include <gtest/gtest.h>

#include "common/crc32.h"
#include "formats/ipc/file_reader.h"
#include "storage/segment/segment_index.h"
#include "storage/segment/segment_writer.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/storage/segment/segment_test_util.h"

namespace boyodb::storage {
namespace {

using test::Mentions;

class StringFile final : public RandomAccessFile {
 public:
  explicit StringFile(std::string bytes) : bytes_(std::move(bytes)) {}
  Result<size_t> ReadAt(uint64_t offset, size_t n, char* out) const override {
    if (offset >= bytes_.size()) return size_t{0};
    const size_t got = std::min<size_t>(n, bytes_.size() - offset);
    std::memcpy(out, bytes_.data() + offset, got);
    return got;
  }
  uint64_t size() const override { return bytes_.size(); }
  const std::string& path() const override { return path_; }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
  std::string path_ = "/data/1.seg";
};

TEST(CheckedFileTest, ExactReadsOfKnownRangesAreCheckedOthersPassThrough) {
  auto base = std::make_shared<StringFile>("0123456789abcdef");
  CheckedFile file(base, {{2, 4, crc32::Compute("2345"), 0, 1},
                          {10, 3, crc32::Compute("abc"), -1, -1},
                          {6, 0, 0, 0, 2}});
  char out[16];
  ASSERT_TRUE(file.ReadAt(2, 4, out).ok());
  ASSERT_TRUE(file.ReadAt(10, 3, out).ok());
  EXPECT_EQ(file.num_checked_reads(), 2u);
  // Reads that are not exactly a range: unchecked, even when they overlap one.
  base->bytes()[3] = 'X';
  EXPECT_EQ(*file.ReadAt(0, 16, out), 16u);
  EXPECT_EQ(*file.ReadAt(2, 3, out), 3u);
  EXPECT_EQ(*file.ReadAt(6, 0, out), 0u);
  EXPECT_EQ(file.num_checked_reads(), 2u);
  const Status status = file.ReadAt(2, 4, out).status();
  EXPECT_TRUE(status.IsCorruption());
  EXPECT_TRUE(Mentions(status, "/data/1.seg"));
  EXPECT_TRUE(Mentions(status, "batch 0 column 1 at byte offset 2")) << status.ToString();
  base->bytes()[11] = 'X';
  EXPECT_TRUE(Mentions(file.ReadAt(10, 3, out).status(), "metadata at byte offset 10"));
  EXPECT_EQ(file.num_checked_reads(), 4u);
  EXPECT_EQ(file.size(), 16u);
  EXPECT_EQ(file.path(), "/data/1.seg");
}

TEST(CheckedFileTest, ShortReadOfAKnownRangeIsCorruption) {
  auto base = std::make_shared<StringFile>("0123");
  CheckedFile file(base, {{2, 4, 0, 3, 0}});
  char out[4];
  const Status status = file.ReadAt(2, 4, out).status();
  EXPECT_TRUE(status.IsCorruption());
  EXPECT_TRUE(Mentions(status, "truncated")) << status.ToString();
}

// The IPC reader must fetch each column with exactly one read of exactly its column range: if it
// ever reads columns another way, checking silently stops, and this test fails.
TEST(CheckedFileTest, IpcReaderReadsEachColumnInOneExactRead) {
  testing::TempDir dir;
  const columnar::Chunk rows = test::AllTypesChunk(900);
  SegmentWriteOptions options;
  options.batch_rows = 300;
  ASSERT_TRUE(WriteSegment(*DefaultFileSystem(), dir.path(), 1, rows, options).ok());
  Result<std::string> index_bytes = ReadWholeFile(*DefaultFileSystem(), IndexPath(dir.path(), 1));
  ASSERT_TRUE(index_bytes.ok());
  Result<SegmentIndex> index = DecodeSegmentIndex(*index_bytes, "1.idx");
  ASSERT_TRUE(index.ok());
  std::vector<CheckedFile::Range> ranges;
  for (size_t b = 0; b < index->batches.size(); ++b) {
    for (size_t c = 0; c < index->batches[b].columns.size(); ++c) {
      const ChecksummedRange& range = index->batches[b].columns[c].range;
      ranges.push_back(
          {range.offset, range.length, range.crc, static_cast<int>(b), static_cast<int>(c)});
    }
  }
  Result<std::unique_ptr<RandomAccessFile>> base =
      DefaultFileSystem()->OpenReadable(SegmentPath(dir.path(), 1));
  ASSERT_TRUE(base.ok());
  auto file = std::make_shared<const CheckedFile>(std::move(*base), std::move(ranges));
  Result<std::unique_ptr<formats::ipc::FileReader>> reader = formats::ipc::FileReader::Open(file);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(file->num_checked_reads(), 0u);
  uint64_t expected = 0;
  for (int b = 0; b < 3; ++b) {
    for (const std::vector<int>& columns :
         std::vector<std::vector<int>>{{0}, {3, 12, 13}, {24, 25, 26}, {}}) {
      ASSERT_TRUE((*reader)->ReadBatch(b, columns).ok());
      const size_t num_read = columns.empty() ? rows.num_columns() : columns.size();
      // Columns with no bytes (none here) would not be read at all.
      expected += num_read;
      EXPECT_EQ(file->num_checked_reads(), expected) << "batch " << b;
    }
  }
}

}  // namespace
}  // namespace boyodb::storage
