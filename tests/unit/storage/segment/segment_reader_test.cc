#include "storage/segment/segment_reader.h"

#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "storage/segment/column_cache.h"
#include "storage/segment/segment_index.h"
#include "storage/segment/segment_writer.h"
#include "tests/support/fault_injection_file_system.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/storage/segment/segment_test_util.h"

namespace boyodb::storage {
namespace {

using test::AllTypesChunk;
using test::Mentions;
using test::ReadAllBatches;
using testing::FaultInjectionFileSystem;

FileSystem& Fs() { return *DefaultFileSystem(); }

constexpr uint64_t kId = 12;

// A small segment of every type in three batches, written once per test.
class SegmentReaderTest : public ::testing::Test {
 protected:
  void SetUp() override { Write(formats::CompressionCodec::kLz4); }

  void Write(formats::CompressionCodec codec) {
    SegmentWriteOptions options;
    options.codec = codec;
    options.batch_rows = 400;
    ASSERT_TRUE(WriteSegment(Fs(), dir_.path(), kId, rows_, options).ok());
    Result<std::string> index_bytes = ReadWholeFile(Fs(), IndexPath(dir_.path(), kId));
    ASSERT_TRUE(index_bytes.ok());
    Result<SegmentIndex> index = DecodeSegmentIndex(*index_bytes, "test");
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    index_ = std::move(*index);
  }

  Result<std::shared_ptr<const SegmentReader>> Open() {
    return SegmentReader::Open(Fs(), dir_.path(), kId);
  }
  std::shared_ptr<const SegmentReader> OpenOrDie() {
    auto reader = Open();
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    return reader.ok() ? *reader : nullptr;
  }
  std::string seg_path() const { return SegmentPath(dir_.path(), kId); }
  std::string idx_path() const { return IndexPath(dir_.path(), kId); }
  Status Flip(const std::string& path, uint64_t offset) {
    return FaultInjectionFileSystem::FlipByte(Fs(), path, offset);
  }

  testing::TempDir dir_;
  const columnar::Chunk rows_ = AllTypesChunk(1000);
  SegmentIndex index_;
};

TEST_F(SegmentReaderTest, FlippedByteInAColumnRangeFailsOnlyThatColumnOfThatBatch) {
  auto reader = OpenOrDie();
  ASSERT_NE(reader, nullptr);
  const int column = 4;
  const ChecksummedRange& range = index_.batches[1].columns[column].range;
  const uint64_t offset = range.offset + range.length / 2;
  ASSERT_TRUE(Flip(seg_path(), offset).ok());

  const Status status = reader->ReadBatch(1, {column}).status();
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_EQ(status.sqlstate(), "XX001");
  EXPECT_TRUE(Mentions(status, seg_path())) << status.ToString();
  EXPECT_TRUE(Mentions(status, "batch 1 column 4")) << status.ToString();
  EXPECT_TRUE(Mentions(status, "byte offset " + std::to_string(range.offset))) << status.ToString();
  // Every other column of that batch, and that column in other batches, still read fine.
  for (size_t c = 0; c < rows_.num_columns(); ++c) {
    if (static_cast<int>(c) == column) continue;
    Result<columnar::Chunk> other = reader->ReadBatch(1, {static_cast<int>(c)});
    ASSERT_TRUE(other.ok()) << c << ": " << other.status().ToString();
    EXPECT_TRUE(other->Equals(rows_.Slice(400, 400).SelectColumns({static_cast<int>(c)})));
  }
  EXPECT_TRUE(reader->ReadBatch(0, {column}).ok());
  EXPECT_TRUE(reader->ReadBatch(2, {column}).ok());
  // Opening again works (metadata is intact); the damage shows on read and in VerifyFile.
  auto reopened = OpenOrDie();
  ASSERT_NE(reopened, nullptr);
  EXPECT_TRUE(reopened->ReadBatch(1, {column}).status().IsCorruption());
  EXPECT_TRUE(reopened->VerifyFile().IsCorruption());
}

TEST_F(SegmentReaderTest, UncompressedFlipsAreCaughtByTheChecksumNotByDecoding) {
  Write(formats::CompressionCodec::kNone);
  // A flipped value byte of an uncompressed BIGINT column decodes fine; only the CRC sees it.
  const ChecksummedRange& range = index_.batches[0].columns[0].range;
  ASSERT_TRUE(Flip(seg_path(), range.offset + range.length - 1).ok());
  auto reader = OpenOrDie();
  ASSERT_NE(reader, nullptr);
  const Status status = reader->ReadBatch(0, {0}).status();
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_TRUE(Mentions(status, "checksum mismatch")) << status.ToString();
}

TEST_F(SegmentReaderTest, FlippedMetadataByteFailsOpenNamingTheSegmentFile) {
  for (const ChecksummedRange& range : index_.metadata_ranges) {
    for (const uint64_t offset : {range.offset, range.offset + range.length - 1}) {
      SCOPED_TRACE(offset);
      ASSERT_TRUE(Flip(seg_path(), offset).ok());
      const Status status = Open().status();
      EXPECT_TRUE(status.IsCorruption()) << status.ToString();
      EXPECT_TRUE(Mentions(status, seg_path())) << status.ToString();
      EXPECT_TRUE(Mentions(status, "byte offset " + std::to_string(range.offset)))
          << status.ToString();
      ASSERT_TRUE(Flip(seg_path(), offset).ok());  // repair
    }
  }
  EXPECT_TRUE(Open().ok());
}

TEST_F(SegmentReaderTest, EveryFlippedIndexByteFailsOpenNamingTheIndexFile) {
  Result<uint64_t> size = Fs().FileSize(idx_path());
  ASSERT_TRUE(size.ok());
  // Every byte of the header and batch entries, then a stride through the bloom filters.
  for (uint64_t offset = 0; offset < *size; offset += offset < 2048 ? 1 : 97) {
    ASSERT_TRUE(Flip(idx_path(), offset).ok());
    const Status status = Open().status();
    ASSERT_TRUE(status.IsCorruption()) << offset << ": " << status.ToString();
    ASSERT_TRUE(Mentions(status, idx_path())) << status.ToString();
    ASSERT_TRUE(Flip(idx_path(), offset).ok());
  }
  EXPECT_TRUE(Open().ok());
}

TEST_F(SegmentReaderTest, TruncatedFilesAreCorruptionNeverACrash) {
  Result<std::string> seg = ReadWholeFile(Fs(), seg_path());
  Result<std::string> idx = ReadWholeFile(Fs(), idx_path());
  ASSERT_TRUE(seg.ok() && idx.ok());
  for (uint64_t size = 0; size < idx->size(); size += size < 256 ? 1 : 61) {
    ASSERT_TRUE(FaultInjectionFileSystem::TruncateFile(Fs(), idx_path(), size).ok());
    const Status status = Open().status();
    ASSERT_TRUE(status.IsCorruption()) << size << ": " << status.ToString();
    ASSERT_TRUE(Mentions(status, idx_path()));
  }
  ASSERT_TRUE(WriteFileAtomically(Fs(), idx_path(), *idx).ok());
  for (uint64_t size = 0; size < seg->size(); size += size < 256 ? 1 : 509) {
    ASSERT_TRUE(FaultInjectionFileSystem::TruncateFile(Fs(), seg_path(), size).ok());
    const Status status = Open().status();
    ASSERT_TRUE(status.IsCorruption()) << size << ": " << status.ToString();
    ASSERT_TRUE(Mentions(status, seg_path()));
  }
  // Extra bytes at the end are corruption too.
  ASSERT_TRUE(WriteFileAtomically(Fs(), seg_path(), *seg).ok());
  ASSERT_TRUE(FaultInjectionFileSystem::AppendZeros(Fs(), seg_path(), 3).ok());
  EXPECT_TRUE(Open().status().IsCorruption());
}

TEST_F(SegmentReaderTest, TruncationAfterOpenFailsReadsCleanly) {
  auto reader = OpenOrDie();
  ASSERT_NE(reader, nullptr);
  ASSERT_TRUE(
      FaultInjectionFileSystem::TruncateFile(Fs(), seg_path(), index_.batches[1].offset).ok());
  EXPECT_TRUE(reader->ReadBatch(0).ok());
  const Status status = reader->ReadBatch(2).status();
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_TRUE(reader->VerifyFile().IsCorruption());
}

TEST_F(SegmentReaderTest, VerifyFileDetectsAFlippedByteAnywhere) {
  auto reader = OpenOrDie();
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(reader->VerifyFile().ok());
  std::mt19937_64 random(5);
  for (int i = 0; i < 20; ++i) {
    const uint64_t offset = random() % index_.file_size;
    ASSERT_TRUE(Flip(seg_path(), offset).ok());
    const Status status = reader->VerifyFile();
    EXPECT_TRUE(status.IsCorruption()) << offset;
    EXPECT_TRUE(Mentions(status, seg_path()));
    ASSERT_TRUE(Flip(seg_path(), offset).ok());
  }
  EXPECT_TRUE(reader->VerifyFile().ok());
  EXPECT_EQ(reader->file_checksum(), index_.file_crc);
}

TEST_F(SegmentReaderTest, MissingFilesAreNotFound) {
  EXPECT_TRUE(SegmentReader::Open(Fs(), dir_.path(), kId + 1).status().IsNotFound());
  ASSERT_TRUE(Fs().RemoveFile(seg_path()).ok());
  EXPECT_TRUE(Open().status().IsNotFound());
}

TEST_F(SegmentReaderTest, AnIndexOfAnotherSegmentIsRejected) {
  ASSERT_TRUE(Fs().Rename(idx_path(), IndexPath(dir_.path(), 99)).ok());
  ASSERT_TRUE(Fs().Rename(seg_path(), SegmentPath(dir_.path(), 99)).ok());
  // The renamed pair opens under its new id only if the index names it: it names kId.
  const Status status = SegmentReader::Open(Fs(), dir_.path(), 99).status();
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
}

TEST_F(SegmentReaderTest, BadBatchOrColumnIndexIsOutOfRange) {
  auto reader = OpenOrDie();
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->ReadBatch(3).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(reader->ReadBatch(-1).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(reader->ReadBatch(0, {0, 27}).status().code(), StatusCode::kOutOfRange);
}

TEST_F(SegmentReaderTest, ConcurrentReadsShareOneReader) {
  auto reader = OpenOrDie();
  ASSERT_NE(reader, nullptr);
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        for (int b = 0; b < reader->num_batches(); ++b) {
          Result<columnar::Chunk> batch = reader->ReadBatch(b, {t, 12, 13});
          if (!batch.ok() ||
              !batch->Equals(
                  rows_.Slice(b * 400, reader->batch_num_rows(b)).SelectColumns({t, 12, 13}))) {
            ++failures[static_cast<size_t>(t)];
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST_F(SegmentReaderTest, CachedReadsEqualFileReadsAndSkipTheFile) {
  ColumnCache cache(64 << 20);
  Result<std::shared_ptr<const SegmentReader>> opened =
      SegmentReader::Open(Fs(), dir_.path(), kId, &cache);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  std::shared_ptr<const SegmentReader> reader = std::move(*opened);
  const int num_columns = static_cast<int>(rows_.num_columns());
  // Partly cached batches: column 4 first, then all columns, then a mixed order.
  for (int b = 0; b < reader->num_batches(); ++b) {
    const columnar::Chunk expected = rows_.Slice(b * 400, reader->batch_num_rows(b));
    Result<columnar::Chunk> one = reader->ReadBatch(b, {4});
    ASSERT_TRUE(one.ok()) << one.status().ToString();
    EXPECT_TRUE(one->Equals(expected.SelectColumns({4})));
    Result<columnar::Chunk> all = reader->ReadBatch(b);
    ASSERT_TRUE(all.ok()) << all.status().ToString();
    EXPECT_TRUE(all->Equals(expected)) << b;
    Result<columnar::Chunk> mixed = reader->ReadBatch(b, {7, 4, 0, 7});
    ASSERT_TRUE(mixed.ok()) << mixed.status().ToString();
    EXPECT_TRUE(mixed->Equals(expected.SelectColumns({7, 4, 0, 7})));
  }
  EXPECT_EQ(cache.stats().entries, reader->num_batches() * num_columns);
  // Damage on disk after the first read does not reach cached columns: they are not read again.
  const ChecksummedRange& range = index_.batches[1].columns[4].range;
  ASSERT_TRUE(Flip(seg_path(), range.offset + range.length / 2).ok());
  Result<columnar::Chunk> cached = reader->ReadBatch(1, {4});
  ASSERT_TRUE(cached.ok()) << cached.status().ToString();
  EXPECT_TRUE(cached->Equals(rows_.Slice(400, 400).SelectColumns({4})));
  // Closing the reader takes its columns out of the cache.
  reader.reset();
  EXPECT_EQ(cache.stats().entries, 0);
  EXPECT_EQ(cache.stats().bytes, 0);
}

// A crash at any point of WriteSegment leaves no segment or a complete one.
TEST(SegmentCrashTest, CrashBeforeOrAfterWriteLeavesNoSegmentOrACompleteOne) {
  const columnar::Chunk rows = AllTypesChunk(600);
  SegmentWriteOptions options;
  options.batch_rows = 256;
  for (const auto mode : {FaultInjectionFileSystem::CrashMode::kDropUnsynced,
                          FaultInjectionFileSystem::CrashMode::kKeepRandomPrefix,
                          FaultInjectionFileSystem::CrashMode::kZeroUnsynced}) {
    // Returned OK, then a crash: the segment is complete.
    {
      testing::TempDir dir;
      FaultInjectionFileSystem fs;
      ASSERT_TRUE(WriteSegment(fs, dir.path(), 1, rows, options).ok());
      ASSERT_TRUE(fs.SimulateCrash(mode, 3).ok());
      auto reader = SegmentReader::Open(fs, dir.path(), 1);
      ASSERT_TRUE(reader.ok()) << reader.status().ToString();
      EXPECT_TRUE((*reader)->VerifyFile().ok());
      EXPECT_TRUE(ReadAllBatches(**reader).Equals(rows));
    }
    // Writes that stop after any number of bytes (a crash mid-write), then a crash.
    for (uint64_t budget :
         {uint64_t{0}, uint64_t{100}, uint64_t{5000}, uint64_t{40000}, uint64_t{1} << 40}) {
      SCOPED_TRACE(budget);
      testing::TempDir dir;
      FaultInjectionFileSystem fs;
      fs.FailWritesAfterBytes(budget, Status::IOError("injected crash"));
      const Status written = WriteSegment(fs, dir.path(), 1, rows, options).status();
      fs.ClearErrors();
      ASSERT_TRUE(fs.SimulateCrash(mode, budget).ok());
      auto reader = SegmentReader::Open(fs, dir.path(), 1);
      if (written.ok()) {
        ASSERT_TRUE(reader.ok()) << reader.status().ToString();
        EXPECT_TRUE(ReadAllBatches(**reader).Equals(rows));
      } else {
        EXPECT_TRUE(reader.status().IsNotFound()) << reader.status().ToString();
      }
    }
    // A failing fsync: the write fails, and nothing is left after a crash.
    {
      testing::TempDir dir;
      FaultInjectionFileSystem fs;
      fs.SetSyncError(Status::IOError("injected fsync failure"));
      const Status written = WriteSegment(fs, dir.path(), 1, rows, options).status();
      EXPECT_TRUE(written.IsIOError()) << written.ToString();
      EXPECT_TRUE(Mentions(written, SegmentPath(dir.path(), 1)));
      fs.ClearErrors();
      ASSERT_TRUE(fs.SimulateCrash(mode, 1).ok());
      EXPECT_TRUE(SegmentReader::Open(fs, dir.path(), 1).status().IsNotFound());
      Result<std::vector<std::string>> names = fs.ListDir(dir.path());
      ASSERT_TRUE(names.ok());
      EXPECT_TRUE(names->empty());
    }
  }
}

TEST(SegmentCrashTest, WriteSyncsBothFilesThenTheDirectory) {
  const columnar::Chunk rows = AllTypesChunk(100);
  testing::TempDir dir;
  FaultInjectionFileSystem fs;
  ASSERT_TRUE(WriteSegment(fs, dir.path(), 1, rows, {}).ok());
  EXPECT_EQ(fs.num_syncs(), 2u);
  EXPECT_EQ(fs.num_dir_syncs(), 1u);
  EXPECT_EQ(fs.SyncedSize(SegmentPath(dir.path(), 1) + ".tmp"), std::nullopt);
}

}  // namespace
}  // namespace boyodb::storage
