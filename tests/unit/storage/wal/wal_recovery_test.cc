// Wal::Open on logs left behind by crashes and damage: torn tails are cut, corruption is an
// error naming the file and offset.
#include <gtest/gtest.h>

#include "storage/wal/log_format.h"
#include "storage/wal/wal.h"
#include "tests/support/fault_injection_file_system.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/storage/wal/wal_test_util.h"

namespace boyodb::storage::wal {
namespace {

using test::MessageHas;
using test::OpenOrDie;
using test::Payload;
using test::ReopenAndReplay;
using test::ReplayAll;
using testing::FaultInjectionFileSystem;

FileSystem& Fs() { return *DefaultFileSystem(); }

struct Written {
  std::vector<Lsn> lsns;
  std::vector<std::string> paths;
  Lsn end_lsn = kNoLsn;
};

// Appends `count` records of 20+ bytes, starting a new file every `per_file` records.
Written WriteRecords(const std::string& dir, size_t count, size_t per_file) {
  Written written;
  auto wal = OpenOrDie(Fs(), dir);
  for (size_t i = 0; i < count; ++i) {
    if (i > 0 && i % per_file == 0) {
      EXPECT_TRUE(wal->Rotate().ok());
    }
    written.lsns.push_back(*wal->Append(RecordType::kIngest, Payload(i, 20)));
  }
  written.paths = wal->FilePaths();
  written.end_lsn = wal->end_lsn();
  EXPECT_TRUE(wal->Close().ok());
  return written;
}

// The byte offset of the record at lsn in a file whose first record is at first_lsn.
uint64_t OffsetOf(Lsn lsn, Lsn first_lsn) { return kFileHeaderBytes + (lsn - first_lsn); }

Status OpenError(const std::string& dir) {
  auto wal = Wal::Open(Fs(), dir, WalOptions{});
  return wal.ok() ? Status::OK() : wal.error();
}

TEST(WalRecoveryTest, TornTailOfTheLastFileIsCutOnOpenAndAppendsContinue) {
  testing::TempDir dir;
  const Written written = WriteRecords(dir.path(), 10, 100);
  const std::string path = written.paths.back();
  const uint64_t last_offset = OffsetOf(written.lsns.back(), kFirstLsn);
  ASSERT_TRUE(FaultInjectionFileSystem::TruncateFile(Fs(), path, last_offset + 5).ok());
  {
    auto wal = OpenOrDie(Fs(), dir.path());
    EXPECT_EQ(wal->end_lsn(), written.lsns.back());
    EXPECT_EQ(*Fs().FileSize(path), last_offset);
    EXPECT_EQ(ReplayAll(*wal).size(), 9u);
    EXPECT_EQ(*wal->Append(RecordType::kIngest, "after"), written.lsns.back());
  }
  const auto records = ReopenAndReplay(Fs(), dir.path());
  ASSERT_EQ(records.size(), 10u);
  EXPECT_EQ(records[8].payload, Payload(8, 20));
  EXPECT_EQ(records[9].payload, "after");
}

TEST(WalRecoveryTest, ZeroFilledTailIsCut) {
  testing::TempDir dir;
  const Written written = WriteRecords(dir.path(), 4, 2);
  ASSERT_TRUE(FaultInjectionFileSystem::AppendZeros(Fs(), written.paths.back(), 4096).ok());
  auto wal = OpenOrDie(Fs(), dir.path());
  EXPECT_EQ(wal->end_lsn(), written.end_lsn);
  EXPECT_EQ(ReplayAll(*wal).size(), 4u);
}

TEST(WalRecoveryTest, InterruptedCreationOfTheLastFileIsRemoved) {
  for (const size_t header_bytes : {size_t{0}, size_t{10}, kFileHeaderBytes}) {
    SCOPED_TRACE(header_bytes);
    testing::TempDir dir;
    const Written written = WriteRecords(dir.path(), 3, 100);
    const std::string next = dir.Join(FileNameForSequence(2));
    ASSERT_TRUE(WriteFileAtomically(Fs(), next, std::string(header_bytes, '\0')).ok());
    {
      auto wal = OpenOrDie(Fs(), dir.path());
      EXPECT_FALSE(*Fs().Exists(next));
      EXPECT_EQ(wal->FilePaths(), written.paths);
      EXPECT_EQ(ReplayAll(*wal).size(), 3u);
      ASSERT_TRUE(wal->Rotate().ok());  // the sequence number is free again
      ASSERT_TRUE(wal->Append(RecordType::kIngest, "x").ok());
    }
    EXPECT_EQ(ReopenAndReplay(Fs(), dir.path()).size(), 4u);
  }
}

TEST(WalRecoveryTest, InterruptedCreationOfTheFirstFileStartsAfresh) {
  testing::TempDir dir;
  const std::string first = dir.Join(FileNameForSequence(1));
  ASSERT_TRUE(WriteFileAtomically(Fs(), first, "BOYO").ok());
  auto wal = OpenOrDie(Fs(), dir.path());
  EXPECT_EQ(wal->end_lsn(), kFirstLsn);
  EXPECT_EQ(*Fs().FileSize(first), kFileHeaderBytes);
}

TEST(WalRecoveryTest, CorruptionInANonLastFileIsAnErrorNamingFileAndOffset) {
  testing::TempDir dir;
  const Written written = WriteRecords(dir.path(), 9, 3);
  ASSERT_EQ(written.paths.size(), 3u);
  const uint64_t offset = OffsetOf(written.lsns[1], written.lsns[0]);
  ASSERT_TRUE(FaultInjectionFileSystem::FlipByte(Fs(), written.paths[0], offset + 12).ok());
  const Status status = OpenError(dir.path());
  ASSERT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_EQ(status.sqlstate(), "XX001");
  EXPECT_TRUE(MessageHas(status, "\"" + written.paths[0] + "\"")) << status.ToString();
  EXPECT_TRUE(MessageHas(status, "offset " + std::to_string(offset))) << status.ToString();
  EXPECT_TRUE(MessageHas(status, "bad checksum")) << status.ToString();
}

TEST(WalRecoveryTest, CorruptionInTheMiddleOfTheLastFileIsAnError) {
  testing::TempDir dir;
  const Written written = WriteRecords(dir.path(), 5, 100);
  const uint64_t offset = OffsetOf(written.lsns[2], kFirstLsn);
  ASSERT_TRUE(FaultInjectionFileSystem::FlipByte(Fs(), written.paths[0], offset + 15).ok());
  const Status status = OpenError(dir.path());
  ASSERT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_TRUE(MessageHas(status, "offset " + std::to_string(offset))) << status.ToString();
  // Nothing was cut.
  EXPECT_EQ(*Fs().FileSize(written.paths[0]), OffsetOf(written.end_lsn, kFirstLsn));
}

TEST(WalRecoveryTest, TornRecordInANonLastFileIsAnError) {
  testing::TempDir dir;
  const Written written = WriteRecords(dir.path(), 6, 3);
  const uint64_t offset = OffsetOf(written.lsns[2], written.lsns[0]);
  ASSERT_TRUE(FaultInjectionFileSystem::TruncateFile(Fs(), written.paths[0], offset + 3).ok());
  const Status status = OpenError(dir.path());
  ASSERT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_TRUE(MessageHas(status, "\"" + written.paths[0] + "\"")) << status.ToString();
  EXPECT_TRUE(MessageHas(status, "offset " + std::to_string(offset))) << status.ToString();
  EXPECT_TRUE(MessageHas(status, "not the last one")) << status.ToString();
}

TEST(WalRecoveryTest, MissingMiddleFileIsCorruption) {
  testing::TempDir dir;
  const Written written = WriteRecords(dir.path(), 9, 3);
  ASSERT_TRUE(Fs().RemoveFile(written.paths[1]).ok());
  const Status status = OpenError(dir.path());
  ASSERT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_TRUE(MessageHas(status, "wal files are missing")) << status.ToString();
  EXPECT_TRUE(MessageHas(status, written.paths[2])) << status.ToString();
}

TEST(WalRecoveryTest, FileWhoseHeaderDisagreesWithItsNameIsCorruption) {
  testing::TempDir dir;
  const Written written = WriteRecords(dir.path(), 2, 100);
  ASSERT_TRUE(Fs().Rename(written.paths[0], dir.Join(FileNameForSequence(5))).ok());
  const Status status = OpenError(dir.path());
  ASSERT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_TRUE(MessageHas(status, "has sequence number 1, but the file name says 5"))
      << status.ToString();
}

TEST(WalRecoveryTest, BrokenLsnChainIsCorruption) {
  testing::TempDir dir;
  const Written written = WriteRecords(dir.path(), 4, 2);
  // Drop the last record of file 1: file 2 then starts past file 1's end.
  ASSERT_TRUE(FaultInjectionFileSystem::TruncateFile(Fs(), written.paths[0],
                                                     OffsetOf(written.lsns[1], kFirstLsn))
                  .ok());
  const Status status = OpenError(dir.path());
  ASSERT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_TRUE(MessageHas(status, "previous file ends at lsn")) << status.ToString();
}

TEST(WalRecoveryTest, BadHeaderMagicIsCorruptionNamingTheFile) {
  testing::TempDir dir;
  const Written written = WriteRecords(dir.path(), 4, 2);
  for (const std::string& path : written.paths) {
    SCOPED_TRACE(path);
    ASSERT_TRUE(FaultInjectionFileSystem::FlipByte(Fs(), path, 0).ok());
    const Status status = OpenError(dir.path());
    ASSERT_TRUE(status.IsCorruption()) << status.ToString();
    EXPECT_TRUE(MessageHas(status, "\"" + path + "\" does not start with the magic"))
        << status.ToString();
    ASSERT_TRUE(FaultInjectionFileSystem::FlipByte(Fs(), path, 0).ok());
  }
}

}  // namespace
}  // namespace boyodb::storage::wal
