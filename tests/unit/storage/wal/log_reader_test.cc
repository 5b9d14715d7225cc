#include "storage/wal/log_reader.h"

#include <gtest/gtest.h>

#include <vector>

#include "storage/wal/log_writer.h"
#include "tests/support/fault_injection_file_system.h"
#include "tests/support/temp_dir.h"

namespace boyodb::storage::wal {
namespace {

using testing::FaultInjectionFileSystem;

FileSystem& Fs() { return *DefaultFileSystem(); }

std::string MakePayload(size_t index, size_t size) {
  std::string payload(size, '\0');
  for (size_t i = 0; i < size; ++i) payload[i] = static_cast<char>('A' + (index * 5 + i) % 26);
  return payload;
}

// Writes a log file with one record per size and returns each record's offset.
std::vector<uint64_t> WriteLog(const std::string& path, const std::vector<size_t>& sizes) {
  auto writer = *LogWriter::Create(Fs(), path, FileHeader{1, kFirstLsn});
  std::vector<uint64_t> offsets;
  for (size_t i = 0; i < sizes.size(); ++i) {
    offsets.push_back(writer->size());
    EXPECT_TRUE(writer->AddRecord(RecordType::kIngest, MakePayload(i, sizes[i])).ok());
  }
  EXPECT_TRUE(writer->Close().ok());
  return offsets;
}

struct Outcome {
  std::vector<std::string> payloads;
  std::optional<TornTail> torn;
  Status error;
};

Outcome ReadAll(const std::string& path, bool is_last_file = false) {
  Outcome out;
  LogReaderOptions options;
  options.is_last_file = is_last_file;
  options.read_chunk_bytes = 64;  // small, so classification runs across buffer refills
  auto reader = LogReader::Open(Fs(), path, options);
  if (!reader.ok()) {
    out.error = reader.error();
    return out;
  }
  while (true) {
    auto record = (*reader)->Next();
    if (!record.ok()) {
      out.error = record.error();
      break;
    }
    if (!*record) break;
    out.payloads.emplace_back((*record)->payload);
  }
  out.torn = (*reader)->torn_tail();
  return out;
}

void ExpectCorruptionAt(const Status& status, const std::string& path, uint64_t offset) {
  ASSERT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_EQ(status.sqlstate(), "XX001");
  const std::string_view message = status.message();
  EXPECT_NE(message.find("\"" + path + "\""), std::string_view::npos) << message;
  EXPECT_NE(message.find("offset " + std::to_string(offset) + " "), std::string_view::npos)
      << message;
}

TEST(LogReaderTest, TruncationAtEveryOffsetOfTheLastRecordIsATornTail) {
  testing::TempDir dir;
  const std::string original = dir.Join("original.log");
  const std::vector<size_t> sizes = {10, 0, 200, 37};
  const std::vector<uint64_t> offsets = WriteLog(original, sizes);
  const std::string bytes = *ReadWholeFile(Fs(), original);
  const uint64_t last = offsets.back();
  for (uint64_t cut = last; cut < bytes.size(); ++cut) {
    SCOPED_TRACE(cut);
    const std::string path = dir.Join("cut.log");
    ASSERT_TRUE(WriteFileAtomically(Fs(), path, std::string_view(bytes).substr(0, cut)).ok());
    const Outcome outcome = ReadAll(path);
    ASSERT_TRUE(outcome.error.ok()) << outcome.error.ToString();
    ASSERT_EQ(outcome.payloads.size(), sizes.size() - 1);
    for (size_t i = 0; i + 1 < sizes.size(); ++i) {
      EXPECT_EQ(outcome.payloads[i], MakePayload(i, sizes[i]));
    }
    if (cut == last) {
      EXPECT_FALSE(outcome.torn.has_value());  // a clean end between records
    } else {
      ASSERT_TRUE(outcome.torn.has_value());
      EXPECT_EQ(outcome.torn->offset, last);
    }
  }
}

TEST(LogReaderTest, FlippedByteInAMiddleRecordIsCorruptionNamingFileAndOffset) {
  testing::TempDir dir;
  const std::string original = dir.Join("original.log");
  const std::vector<uint64_t> offsets = WriteLog(original, {30, 40, 50, 60});
  const std::string bytes = *ReadWholeFile(Fs(), original);
  const uint64_t middle = offsets[1];
  // Type, checksum and payload bytes of record 1. (Length bytes are covered separately: a
  // length that grows past the end of the file is indistinguishable from a torn tail.)
  for (uint64_t offset = middle + 4; offset < offsets[2]; ++offset) {
    SCOPED_TRACE(offset);
    const std::string path = dir.Join("flipped.log");
    ASSERT_TRUE(WriteFileAtomically(Fs(), path, bytes).ok());
    ASSERT_TRUE(FaultInjectionFileSystem::FlipByte(Fs(), path, offset).ok());
    const Outcome outcome = ReadAll(path, /*is_last_file=*/true);
    EXPECT_EQ(outcome.payloads.size(), 1u);
    ExpectCorruptionAt(outcome.error, path, middle);
  }
}

TEST(LogReaderTest, LengthOfAMiddleRecordChangedWithinTheFileIsCorruption) {
  testing::TempDir dir;
  const std::string path = dir.Join("log");
  const std::vector<uint64_t> offsets = WriteLog(path, {30, 300, 300});
  // Length 300 (0x12c) becomes 0x1d3: the claimed record still ends inside the file.
  ASSERT_TRUE(FaultInjectionFileSystem::FlipByte(Fs(), path, offsets[1]).ok());
  const Outcome outcome = ReadAll(path, /*is_last_file=*/true);
  EXPECT_EQ(outcome.payloads.size(), 1u);
  ExpectCorruptionAt(outcome.error, path, offsets[1]);
}

TEST(LogReaderTest, BadChecksumOfTheLastRecordIsATornTail) {
  testing::TempDir dir;
  const std::string path = dir.Join("log");
  const std::vector<uint64_t> offsets = WriteLog(path, {30, 40});
  ASSERT_TRUE(FaultInjectionFileSystem::FlipByte(Fs(), path, offsets[1] + 20).ok());
  const Outcome outcome = ReadAll(path);
  ASSERT_TRUE(outcome.error.ok()) << outcome.error.ToString();
  EXPECT_EQ(outcome.payloads.size(), 1u);
  ASSERT_TRUE(outcome.torn.has_value());
  EXPECT_EQ(outcome.torn->offset, offsets[1]);
  EXPECT_NE(outcome.torn->reason.find("bad checksum"), std::string::npos);
}

TEST(LogReaderTest, ZeroFilledTailIsATornTail) {
  testing::TempDir dir;
  const std::string path = dir.Join("log");
  WriteLog(path, {30, 40});
  const uint64_t end = *Fs().FileSize(path);
  for (const uint64_t zeros : {uint64_t{1}, uint64_t{8}, uint64_t{9}, uint64_t{5000}}) {
    SCOPED_TRACE(zeros);
    ASSERT_TRUE(FaultInjectionFileSystem::AppendZeros(Fs(), path, zeros).ok());
    const Outcome outcome = ReadAll(path);
    ASSERT_TRUE(outcome.error.ok()) << outcome.error.ToString();
    EXPECT_EQ(outcome.payloads.size(), 2u);
    ASSERT_TRUE(outcome.torn.has_value());
    EXPECT_EQ(outcome.torn->offset, end);
    ASSERT_TRUE(FaultInjectionFileSystem::TruncateFile(Fs(), path, end).ok());
  }
}

TEST(LogReaderTest, PartlyWrittenRecordFollowedByZerosIsATornTail) {
  testing::TempDir dir;
  const std::string path = dir.Join("log");
  const std::vector<uint64_t> offsets = WriteLog(path, {30, 400});
  // The header and first bytes of the last record reached the disk, the rest reads as zeros.
  const std::string bytes = *ReadWholeFile(Fs(), path);
  std::string damaged = bytes.substr(0, offsets[1] + 20);
  damaged.append(bytes.size() - damaged.size(), '\0');
  ASSERT_TRUE(WriteFileAtomically(Fs(), path, damaged).ok());
  const Outcome outcome = ReadAll(path);
  ASSERT_TRUE(outcome.error.ok()) << outcome.error.ToString();
  ASSERT_TRUE(outcome.torn.has_value());
  EXPECT_EQ(outcome.torn->offset, offsets[1]);
}

TEST(LogReaderTest, ZerosFollowedByRecordsAreCorruption) {
  testing::TempDir dir;
  const std::string path = dir.Join("log");
  const std::vector<uint64_t> offsets = WriteLog(path, {30, 40, 50});
  std::string bytes = *ReadWholeFile(Fs(), path);
  std::fill(bytes.begin() + static_cast<std::ptrdiff_t>(offsets[1]),
            bytes.begin() + static_cast<std::ptrdiff_t>(offsets[2]), '\0');
  ASSERT_TRUE(WriteFileAtomically(Fs(), path, bytes).ok());
  const Outcome outcome = ReadAll(path, /*is_last_file=*/true);
  ExpectCorruptionAt(outcome.error, path, offsets[1]);
  EXPECT_NE(outcome.error.message().find("type 0"), std::string_view::npos);
}

TEST(LogReaderTest, ErrorIsStickyAndEndOfFileIsRepeated) {
  testing::TempDir dir;
  const std::string path = dir.Join("log");
  const std::vector<uint64_t> offsets = WriteLog(path, {3, 4, 5});
  ASSERT_TRUE(FaultInjectionFileSystem::FlipByte(Fs(), path, offsets[0] + 10).ok());
  auto reader = *LogReader::Open(Fs(), path);
  EXPECT_FALSE(reader->Next().ok());
  EXPECT_FALSE(reader->Next().ok());
  EXPECT_EQ(reader->valid_end_offset(), kFileHeaderBytes);

  const std::string clean = dir.Join("clean");
  WriteLog(clean, {3});
  auto clean_reader = *LogReader::Open(Fs(), clean);
  EXPECT_TRUE(clean_reader->Next()->has_value());
  EXPECT_FALSE(clean_reader->Next()->has_value());
  EXPECT_FALSE(clean_reader->Next()->has_value());
  EXPECT_EQ(clean_reader->valid_end_lsn(), kFirstLsn + kRecordHeaderBytes + 3);
}

TEST(LogReaderTest, BadHeaderMagicIsCorruptionNamingTheFile) {
  testing::TempDir dir;
  const std::string path = dir.Join("log");
  WriteLog(path, {10});
  ASSERT_TRUE(FaultInjectionFileSystem::FlipByte(Fs(), path, 2).ok());
  for (const bool is_last : {false, true}) {
    const Outcome outcome = ReadAll(path, is_last);
    ExpectCorruptionAt(outcome.error, path, 0);
    EXPECT_NE(outcome.error.message().find("magic"), std::string_view::npos);
  }
}

TEST(LogReaderTest, ShortFileIsATornCreationOnlyWhenLast) {
  testing::TempDir dir;
  const std::string path = dir.Join("log");
  const std::string header = EncodeFileHeader(FileHeader{1, kFirstLsn});
  for (size_t size = 0; size < kFileHeaderBytes; ++size) {
    SCOPED_TRACE(size);
    ASSERT_TRUE(WriteFileAtomically(Fs(), path, header.substr(0, size)).ok());
    const Outcome last = ReadAll(path, /*is_last_file=*/true);
    ASSERT_TRUE(last.error.ok()) << last.error.ToString();
    ASSERT_TRUE(last.torn.has_value());
    EXPECT_EQ(last.torn->offset, 0u);
    const Outcome middle = ReadAll(path, /*is_last_file=*/false);
    ExpectCorruptionAt(middle.error, path, 0);
  }
}

TEST(LogReaderTest, InvalidHeaderFollowedOnlyByZerosIsATornCreationWhenLast) {
  testing::TempDir dir;
  const std::string path = dir.Join("log");
  ASSERT_TRUE(WriteFileAtomically(Fs(), path, std::string(kFileHeaderBytes + 100, '\0')).ok());
  auto reader = *LogReader::Open(Fs(), path, LogReaderOptions{.is_last_file = true});
  EXPECT_FALSE(reader->header().has_value());
  ASSERT_TRUE(reader->torn_tail().has_value());
  EXPECT_EQ(reader->torn_tail()->offset, 0u);
  EXPECT_FALSE(reader->Next()->has_value());
  EXPECT_TRUE(ReadAll(path, /*is_last_file=*/false).error.IsCorruption());

  // Non-zero bytes after an invalid header could be records: that is corruption, never torn.
  std::string bytes(kFileHeaderBytes, '\0');
  bytes += "records?";
  ASSERT_TRUE(WriteFileAtomically(Fs(), path, bytes).ok());
  ExpectCorruptionAt(ReadAll(path, /*is_last_file=*/true).error, path, 0);
}

TEST(LogReaderTest, MissingFileIsNotFound) {
  testing::TempDir dir;
  const auto reader = LogReader::Open(Fs(), dir.Join("absent.log"));
  ASSERT_FALSE(reader.ok());
  EXPECT_TRUE(reader.error().IsNotFound());
}

}  // namespace
}  // namespace boyodb::storage::wal
