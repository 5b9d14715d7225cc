#include "storage/wal/log_writer.h"

#include <gtest/gtest.h>

#include <vector>

#include "storage/wal/log_reader.h"
#include "tests/support/fault_injection_file_system.h"
#include "tests/support/temp_dir.h"

namespace boyodb::storage::wal {
namespace {

// A payload of `size` bytes whose contents depend on `index`, so swapped records are noticed.
std::string MakePayload(size_t index, size_t size) {
  std::string payload(size, '\0');
  for (size_t i = 0; i < size; ++i) payload[i] = static_cast<char>('a' + (index * 7 + i) % 26);
  return payload;
}

struct ReadBack {
  std::vector<LogRecord> records;  // payload views are replaced by `payloads`
  std::vector<std::string> payloads;
};

ReadBack ReadAll(const std::string& path, size_t chunk_bytes = size_t{1} << 20) {
  LogReaderOptions options;
  options.read_chunk_bytes = chunk_bytes;
  auto reader = LogReader::Open(*DefaultFileSystem(), path, options);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  ReadBack out;
  while (true) {
    auto record = (*reader)->Next();
    EXPECT_TRUE(record.ok()) << record.status().ToString();
    if (!record.ok() || !*record) break;
    out.payloads.emplace_back((*record)->payload);
    out.records.push_back(**record);
    out.records.back().payload = {};
  }
  EXPECT_FALSE((*reader)->torn_tail().has_value());
  return out;
}

TEST(LogWriterTest, RecordsOfManySizesRoundTrip) {
  testing::TempDir dir;
  const std::string path = dir.Join(FileNameForSequence(3));
  const std::vector<size_t> sizes = {
      0, 1, 8, 9, 100, 4095, 4096, 65536, 0, 12345, 1, (size_t{1} << 20) + 5, 3000, 3 << 20, 17, 0};
  std::vector<Lsn> expected_lsns;
  {
    auto writer = *LogWriter::Create(*DefaultFileSystem(), path, FileHeader{3, 1000});
    EXPECT_EQ(writer->next_lsn(), 1000u);
    for (size_t i = 0; i < sizes.size(); ++i) {
      expected_lsns.push_back(writer->next_lsn());
      const auto type = static_cast<RecordType>(1 + i % 255);
      ASSERT_TRUE(writer->AddRecord(type, MakePayload(i, sizes[i])).ok());
      EXPECT_EQ(writer->next_lsn(), expected_lsns.back() + kRecordHeaderBytes + sizes[i]);
    }
    ASSERT_TRUE(writer->Sync().ok());
    ASSERT_TRUE(writer->Close().ok());
  }
  // Small chunks exercise the buffer refills; the default reads the small records in one call.
  for (const size_t chunk : {size_t{7}, size_t{4096}, size_t{1} << 20}) {
    SCOPED_TRACE(chunk);
    const ReadBack back = ReadAll(path, chunk);
    ASSERT_EQ(back.records.size(), sizes.size());
    for (size_t i = 0; i < sizes.size(); ++i) {
      EXPECT_EQ(back.records[i].lsn, expected_lsns[i]);
      EXPECT_EQ(back.records[i].offset, kFileHeaderBytes + (expected_lsns[i] - 1000));
      EXPECT_EQ(static_cast<uint8_t>(back.records[i].type), 1 + i % 255);
      EXPECT_EQ(back.payloads[i], MakePayload(i, sizes[i])) << "record " << i;
    }
  }
}

TEST(LogWriterTest, EveryNonZeroTypeIsFramedOpaquely) {
  testing::TempDir dir;
  const std::string path = dir.Join("log");
  auto writer = *LogWriter::Create(*DefaultFileSystem(), path, FileHeader{1, kFirstLsn});
  for (int type = 1; type <= 255; ++type) {
    ASSERT_TRUE(writer->AddRecord(static_cast<RecordType>(type), "x").ok());
  }
  ASSERT_TRUE(writer->Close().ok());
  const ReadBack back = ReadAll(path);
  ASSERT_EQ(back.records.size(), 255u);
  EXPECT_EQ(static_cast<uint8_t>(back.records.back().type), 255);
}

TEST(LogWriterTest, RejectsReservedTypeAndOversizedPayload) {
  testing::TempDir dir;
  auto writer = *LogWriter::Create(*DefaultFileSystem(), dir.Join("log"), FileHeader{1, 1});
  const Status type_zero = writer->AddRecord(static_cast<RecordType>(0), "x");
  EXPECT_EQ(type_zero.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(type_zero.message().find("type 0"), std::string_view::npos);
  const Status too_big = LogWriter::ValidateRecord(RecordType::kIngest, kMaxPayloadBytes + 1);
  EXPECT_EQ(too_big.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(too_big.sqlstate(), "22023");
  EXPECT_TRUE(LogWriter::ValidateRecord(RecordType::kIngest, kMaxPayloadBytes).ok());
  EXPECT_EQ(writer->size(), kFileHeaderBytes);  // nothing was framed
}

TEST(LogWriterTest, BuffersUntilFlushAndWritesOnceForManySmallRecords) {
  testing::TempDir dir;
  testing::FaultInjectionFileSystem fs;
  const std::string path = dir.Join("log");
  auto writer = *LogWriter::Create(fs, path, FileHeader{1, 1});
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(writer->AddRecord(RecordType::kIngest, "abc").ok());
  EXPECT_EQ(fs.bytes_written(), 0u);
  ASSERT_TRUE(writer->Flush().ok());
  EXPECT_EQ(fs.bytes_written(), kFileHeaderBytes + 100 * (kRecordHeaderBytes + 3));
  EXPECT_EQ(fs.num_syncs(), 0u);
  ASSERT_TRUE(writer->Sync().ok());
  EXPECT_EQ(fs.num_syncs(), 1u);
  EXPECT_EQ(fs.SyncedSize(path), writer->size());
}

TEST(LogWriterTest, OpenForAppendContinuesAfterExistingRecords) {
  testing::TempDir dir;
  const std::string path = dir.Join("log");
  const FileHeader header{5, 77};
  {
    auto writer = *LogWriter::Create(*DefaultFileSystem(), path, header);
    ASSERT_TRUE(writer->AddRecord(RecordType::kIngest, "first").ok());
    ASSERT_TRUE(writer->Close().ok());
  }
  auto writer = *LogWriter::OpenForAppend(*DefaultFileSystem(), path, header);
  EXPECT_EQ(writer->next_lsn(), 77 + kRecordHeaderBytes + 5);
  ASSERT_TRUE(writer->AddRecord(RecordType::kDropTable, "second").ok());
  ASSERT_TRUE(writer->Close().ok());
  const ReadBack back = ReadAll(path);
  ASSERT_EQ(back.payloads, (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(back.records[1].type, RecordType::kDropTable);
}

TEST(LogWriterTest, CreateRefusesAnExistingFile) {
  testing::TempDir dir;
  const std::string path = dir.Join("log");
  ASSERT_TRUE(WriteFileAtomically(*DefaultFileSystem(), path, "x").ok());
  const auto writer = LogWriter::Create(*DefaultFileSystem(), path, FileHeader{1, 1});
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.error().code(), StatusCode::kAlreadyExists);
}

TEST(LogWriterTest, WriteErrorsAreReturned) {
  testing::TempDir dir;
  testing::FaultInjectionFileSystem fs;
  auto writer = *LogWriter::Create(fs, dir.Join("log"), FileHeader{1, 1});
  fs.FailWritesAfterBytes(10, Status::DiskFull("no space left on device"));
  ASSERT_TRUE(writer->AddRecord(RecordType::kIngest, "payload").ok());
  const Status flushed = writer->Flush();
  EXPECT_EQ(flushed.code(), StatusCode::kDiskFull);
  EXPECT_EQ(flushed.sqlstate(), "53100");
}

}  // namespace
}  // namespace boyodb::storage::wal
