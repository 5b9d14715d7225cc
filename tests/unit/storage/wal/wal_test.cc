#include "storage/wal/wal.h"

#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <thread>

#include "storage/wal/log_format.h"
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
using test::ReplayedRecord;
using testing::FaultInjectionFileSystem;

FileSystem& Fs() { return *DefaultFileSystem(); }

TEST(WalTest, NewLogStartsAtLsnOneInFileOne) {
  testing::TempDir dir;
  auto wal = OpenOrDie(Fs(), dir.Join("wal"));
  EXPECT_EQ(wal->end_lsn(), kFirstLsn);
  EXPECT_EQ(wal->FilePaths(), std::vector<std::string>{dir.Join("wal/" + FileNameForSequence(1))});
  EXPECT_TRUE(ReplayAll(*wal).empty());
}

TEST(WalTest, LsnsAreByteOffsetsOverTheLog) {
  testing::TempDir dir;
  auto wal = OpenOrDie(Fs(), dir.path());
  EXPECT_EQ(*wal->Append(RecordType::kCreateTable, "abc"), 1u);
  EXPECT_EQ(*wal->Append(RecordType::kIngest, ""), 1 + kRecordHeaderBytes + 3);
  EXPECT_EQ(wal->end_lsn(), 1 + 2 * kRecordHeaderBytes + 3);
}

TEST(WalTest, AppendedRecordsReplayAfterReopenFromStartAndFromAMiddleLsn) {
  testing::TempDir dir;
  std::vector<Lsn> lsns;
  Lsn end = kNoLsn;
  {
    auto wal = OpenOrDie(Fs(), dir.path());
    for (size_t i = 0; i < 100; ++i) {
      const auto type = i % 2 == 0 ? RecordType::kIngest : RecordType::kDeleteRows;
      lsns.push_back(*wal->Append(type, Payload(i, i)));
    }
    end = wal->end_lsn();
    ASSERT_TRUE(wal->Close().ok());
  }
  auto wal = OpenOrDie(Fs(), dir.path());
  EXPECT_EQ(wal->end_lsn(), end);
  const std::vector<ReplayedRecord> all = ReplayAll(*wal);
  ASSERT_EQ(all.size(), 100u);
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].lsn, lsns[i]);
    EXPECT_EQ(all[i].type, i % 2 == 0 ? RecordType::kIngest : RecordType::kDeleteRows);
    EXPECT_EQ(all[i].payload, Payload(i, i));
  }
  const std::vector<ReplayedRecord> tail = ReplayAll(*wal, lsns[60]);
  ASSERT_EQ(tail.size(), 40u);
  EXPECT_EQ(tail.front().payload, Payload(60, 60));
  // An LSN inside record 60 starts the replay at the next record.
  EXPECT_EQ(ReplayAll(*wal, lsns[60] + 1).front().payload, Payload(61, 61));
  EXPECT_TRUE(ReplayAll(*wal, end).empty());

  // Appends continue at the end LSN.
  EXPECT_EQ(*wal->Append(RecordType::kIngest, "more"), end);
}

TEST(WalTest, AppendBatchGivesConsecutiveLsnsInOrder) {
  testing::TempDir dir;
  {
    auto wal = OpenOrDie(Fs(), dir.path());
    const std::vector<WalRecord> batch = {
        {RecordType::kCreateDatabase, "db"},
        {RecordType::kCreateTable, "t"},
        {RecordType::kIngest, "rows"},
    };
    const Lsn first = *wal->AppendBatch(batch);
    EXPECT_EQ(first, kFirstLsn);
    EXPECT_EQ(wal->end_lsn(), first + 3 * kRecordHeaderBytes + 2 + 1 + 4);
    const auto empty = wal->AppendBatch({});
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code(), StatusCode::kInvalidArgument);
  }
  const auto records = ReopenAndReplay(Fs(), dir.path());
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].type, RecordType::kCreateDatabase);
  EXPECT_EQ(records[1].lsn, kFirstLsn + kRecordHeaderBytes + 2);
  EXPECT_EQ(records[2].payload, "rows");
}

TEST(WalTest, RotationSpreadsRecordsOverFilesAndReplayCrossesThem) {
  testing::TempDir dir;
  WalOptions options;
  options.max_file_bytes = 256;
  {
    auto wal = OpenOrDie(Fs(), dir.path(), options);
    for (size_t i = 0; i < 200; ++i)
      ASSERT_TRUE(wal->Append(RecordType::kIngest, Payload(i, 40)).ok());
    ASSERT_TRUE(wal->Close().ok());
  }
  auto wal = OpenOrDie(Fs(), dir.path(), options);
  const std::vector<std::string> paths = wal->FilePaths();
  EXPECT_GT(paths.size(), 20u);
  for (size_t i = 0; i < paths.size(); ++i) {
    EXPECT_EQ(paths[i], dir.Join(FileNameForSequence(i + 1)));
    // A file is rotated before the group that would start past max_file_bytes.
    EXPECT_LT(*Fs().FileSize(paths[i]), options.max_file_bytes + kRecordHeaderBytes + 40);
  }
  const auto records = ReplayAll(*wal);
  ASSERT_EQ(records.size(), 200u);
  for (size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(records[i].payload, Payload(i, 40));
    if (i > 0) {
      EXPECT_EQ(records[i].lsn, records[i - 1].lsn + kRecordHeaderBytes + 40);
    }
  }
}

TEST(WalTest, RotateStartsANewFileAtTheEndLsn) {
  testing::TempDir dir;
  auto wal = OpenOrDie(Fs(), dir.path());
  const Lsn first = *wal->Append(RecordType::kIngest, "one");
  ASSERT_TRUE(wal->Rotate().ok());
  ASSERT_TRUE(wal->Rotate().ok());  // an empty file in the chain is fine
  const Lsn second = *wal->Append(RecordType::kIngest, "two");
  EXPECT_EQ(second, first + kRecordHeaderBytes + 3);
  EXPECT_EQ(wal->FilePaths().size(), 3u);
  ASSERT_TRUE(wal->Close().ok());
  const auto records = ReopenAndReplay(Fs(), dir.path());
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].lsn, second);
}

TEST(WalTest, RemoveFilesBeforeRemovesOnlyWholeFilesBelowTheCheckpoint) {
  testing::TempDir dir;
  auto wal = OpenOrDie(Fs(), dir.path());
  std::vector<Lsn> lsns;
  for (size_t i = 0; i < 9; ++i) {
    lsns.push_back(*wal->Append(RecordType::kIngest, Payload(i)));
    // Files of records {0,1,2} {3,4,5} {6,7,8} and an empty current one.
    if (i % 3 == 2) {
      ASSERT_TRUE(wal->Rotate().ok());
    }
  }
  const std::vector<std::string> before = wal->FilePaths();
  ASSERT_EQ(before.size(), 4u);

  ASSERT_TRUE(wal->RemoveFilesBefore(lsns[2]).ok());  // record 2 is still needed
  EXPECT_EQ(wal->FilePaths(), before);
  ASSERT_TRUE(wal->RemoveFilesBefore(lsns[4]).ok());  // file 1 ends before record 3
  EXPECT_EQ(wal->FilePaths(), std::vector<std::string>(before.begin() + 1, before.end()));
  EXPECT_FALSE(*Fs().Exists(before[0]));
  EXPECT_TRUE(*Fs().Exists(before[1]));
  // Everything is below end_lsn, yet the current file stays.
  ASSERT_TRUE(wal->RemoveFilesBefore(wal->end_lsn()).ok());
  EXPECT_EQ(wal->FilePaths(), std::vector<std::string>{before[3]});
  ASSERT_TRUE(wal->Close().ok());

  auto reopened = OpenOrDie(Fs(), dir.path());
  EXPECT_EQ(reopened->end_lsn(), lsns[8] + kRecordHeaderBytes + Payload(8).size());
  EXPECT_TRUE(ReplayAll(*reopened, reopened->end_lsn()).empty());
}

TEST(WalTest, ReplayOutsideTheLogIsAnError) {
  testing::TempDir dir;
  {
    auto wal = OpenOrDie(Fs(), dir.path());
    ASSERT_TRUE(wal->Append(RecordType::kIngest, "one").ok());
    ASSERT_TRUE(wal->Rotate().ok());
    ASSERT_TRUE(wal->Append(RecordType::kIngest, "two").ok());
    ASSERT_TRUE(wal->RemoveFilesBefore(wal->end_lsn()).ok());
  }
  auto wal = OpenOrDie(Fs(), dir.path());
  const auto ignore = [](Lsn, RecordType, std::string_view) { return Status::OK(); };
  const Status removed = wal->Replay(kFirstLsn, ignore);
  EXPECT_TRUE(removed.IsCorruption()) << removed.ToString();
  EXPECT_TRUE(MessageHas(removed, "no longer in the log")) << removed.ToString();
  const Status beyond = wal->Replay(wal->end_lsn() + 1, ignore);
  EXPECT_TRUE(beyond.IsCorruption());
  EXPECT_TRUE(MessageHas(beyond, "past the end of the log")) << beyond.ToString();
  ASSERT_EQ(ReplayAll(*wal, kFirstLsn + kRecordHeaderBytes + 3).size(), 1u);
}

TEST(WalTest, ReplayStopsAtTheCallbacksErrorAndReturnsIt) {
  testing::TempDir dir;
  {
    auto wal = OpenOrDie(Fs(), dir.path());
    for (size_t i = 0; i < 5; ++i) ASSERT_TRUE(wal->Append(RecordType::kIngest, Payload(i)).ok());
  }
  auto wal = OpenOrDie(Fs(), dir.path());
  size_t calls = 0;
  const Status status = wal->Replay(kFirstLsn, [&](Lsn, RecordType, std::string_view payload) {
    ++calls;
    if (payload == Payload(2)) return Status::InvalidArgument("bad ingest payload");
    return Status::OK();
  });
  EXPECT_EQ(calls, 3u);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "bad ingest payload");
  ASSERT_EQ(status.context().size(), 1u);
  EXPECT_NE(status.context()[0].find("replaying wal record"), std::string::npos);
}

TEST(WalTest, ReplayAfterTheFirstAppendIsRejected) {
  testing::TempDir dir;
  auto wal = OpenOrDie(Fs(), dir.path());
  ASSERT_TRUE(wal->Append(RecordType::kIngest, "x").ok());
  const Status status =
      wal->Replay(kFirstLsn, [](Lsn, RecordType, std::string_view) { return Status::OK(); });
  EXPECT_EQ(status.code(), StatusCode::kInternal);
}

TEST(WalTest, CloseIsIdempotentAndLaterCallsFail) {
  testing::TempDir dir;
  auto wal = OpenOrDie(Fs(), dir.path());
  ASSERT_TRUE(wal->Append(RecordType::kIngest, "x").ok());
  ASSERT_TRUE(wal->Close().ok());
  ASSERT_TRUE(wal->Close().ok());
  const auto append = wal->Append(RecordType::kIngest, "y");
  ASSERT_FALSE(append.ok());
  EXPECT_TRUE(MessageHas(append.error(), "is closed"));
  EXPECT_FALSE(wal->Sync().ok());
  EXPECT_FALSE(wal->Rotate().ok());
  EXPECT_FALSE(wal->RemoveFilesBefore(1).ok());
}

TEST(WalTest, InvalidRecordsAreRejectedWithoutWriting) {
  testing::TempDir dir;
  auto wal = OpenOrDie(Fs(), dir.path());
  const auto type_zero = wal->Append(static_cast<RecordType>(0), "x");
  ASSERT_FALSE(type_zero.ok());
  EXPECT_EQ(type_zero.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(wal->end_lsn(), kFirstLsn);
  // Any other type is opaque to the log.
  EXPECT_TRUE(wal->Append(static_cast<RecordType>(0xee), "x").ok());
}

TEST(WalTest, OptionsAreValidated) {
  WalOptions options;
  EXPECT_TRUE(options.Validate().ok());
  options.max_file_bytes = 10;
  const Status small = options.Validate();
  EXPECT_EQ(small.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(MessageHas(small, "max_file_bytes"));
  options = WalOptions{};
  options.fsync_policy = WalOptions::FsyncPolicy::kInterval;
  options.fsync_interval_ms = 0;
  EXPECT_TRUE(MessageHas(options.Validate(), "fsync_interval_ms"));
  testing::TempDir dir;
  EXPECT_FALSE(Wal::Open(Fs(), dir.path(), options).ok());
}

TEST(WalTest, UnrelatedFilesInTheDirectoryAreIgnored) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteFileAtomically(Fs(), dir.Join("notes.txt"), "hello").ok());
  ASSERT_TRUE(WriteFileAtomically(Fs(), dir.Join("wal-1.log"), "not a log").ok());
  {
    auto wal = OpenOrDie(Fs(), dir.path());
    ASSERT_TRUE(wal->Append(RecordType::kIngest, "x").ok());
  }
  EXPECT_EQ(ReopenAndReplay(Fs(), dir.path()).size(), 1u);
}

TEST(WalTest, GroupCommitBatchesConcurrentAppendsIntoFewerSyncs) {
  constexpr size_t kThreads = 8;
  constexpr size_t kAppendsPerThread = 500;
  testing::TempDir dir;
  FaultInjectionFileSystem fs;
  std::vector<std::vector<Lsn>> lsns(kThreads);
  uint64_t syncs = 0;
  {
    auto wal = OpenOrDie(fs, dir.path());
    const uint64_t syncs_before = fs.num_syncs();
    std::vector<std::thread> threads;
    for (size_t t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (size_t i = 0; i < kAppendsPerThread; ++i) {
          const auto lsn = wal->Append(RecordType::kIngest, Payload(t * kAppendsPerThread + i));
          ASSERT_TRUE(lsn.ok()) << lsn.status().ToString();
          lsns[t].push_back(*lsn);
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    syncs = fs.num_syncs() - syncs_before;
    ASSERT_TRUE(wal->Close().ok());
  }
  EXPECT_LT(syncs, kThreads * kAppendsPerThread);
  std::cout << "group commit: " << kThreads * kAppendsPerThread << " appends, " << syncs
            << " syncs\n";

  std::map<Lsn, std::string> acknowledged;
  for (size_t t = 0; t < kThreads; ++t) {
    for (size_t i = 0; i < kAppendsPerThread; ++i) {
      if (i > 0) {
        EXPECT_LT(lsns[t][i - 1], lsns[t][i]);  // one thread's appends stay in order
      }
      EXPECT_TRUE(acknowledged.emplace(lsns[t][i], Payload(t * kAppendsPerThread + i)).second);
    }
  }
  const auto records = ReopenAndReplay(fs, dir.path());
  ASSERT_EQ(records.size(), acknowledged.size());
  auto expected = acknowledged.begin();
  for (const ReplayedRecord& record : records) {
    EXPECT_EQ(record.lsn, expected->first);
    EXPECT_EQ(record.payload, expected->second);
    ++expected;
  }
}

TEST(WalTest, NeverPolicySyncsOnlyWhenAsked) {
  testing::TempDir dir;
  FaultInjectionFileSystem fs;
  WalOptions options;
  options.fsync_policy = WalOptions::FsyncPolicy::kNever;
  {
    auto wal = OpenOrDie(fs, dir.path(), options);
    const uint64_t syncs_before = fs.num_syncs();
    for (size_t i = 0; i < 50; ++i) ASSERT_TRUE(wal->Append(RecordType::kIngest, Payload(i)).ok());
    EXPECT_EQ(fs.num_syncs(), syncs_before);
    EXPECT_EQ(fs.SyncedSize(wal->FilePaths().back()), kFileHeaderBytes);
    ASSERT_TRUE(wal->Sync().ok());
    EXPECT_EQ(fs.num_syncs(), syncs_before + 1);
    EXPECT_EQ(fs.SyncedSize(wal->FilePaths().back()),
              kFileHeaderBytes + wal->end_lsn() - kFirstLsn);
    ASSERT_TRUE(wal->Append(RecordType::kIngest, "last").ok());
    ASSERT_TRUE(wal->Close().ok());  // syncs
  }
  EXPECT_EQ(ReopenAndReplay(fs, dir.path()).size(), 51u);
}

TEST(WalTest, IntervalPolicySyncsInTheBackground) {
  testing::TempDir dir;
  FaultInjectionFileSystem fs;
  WalOptions options;
  options.fsync_policy = WalOptions::FsyncPolicy::kInterval;
  options.fsync_interval_ms = 1;
  {
    auto wal = OpenOrDie(fs, dir.path(), options);
    for (size_t i = 0; i < 50; ++i) ASSERT_TRUE(wal->Append(RecordType::kIngest, Payload(i)).ok());
    const std::string path = wal->FilePaths().back();
    const uint64_t written = kFileHeaderBytes + wal->end_lsn() - kFirstLsn;
    // The background thread makes the appended records durable without any call from here.
    while (fs.SyncedSize(path) != written) std::this_thread::yield();
    ASSERT_TRUE(wal->Append(RecordType::kIngest, "last").ok());
    ASSERT_TRUE(wal->Close().ok());
  }
  EXPECT_EQ(ReopenAndReplay(fs, dir.path()).size(), 51u);
}

}  // namespace
}  // namespace boyodb::storage::wal
