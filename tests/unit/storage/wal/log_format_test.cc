#include "storage/wal/log_format.h"

#include <gtest/gtest.h>

#include "common/crc32.h"
#include "storage/wal/record_type.h"

namespace boyodb::storage::wal {
namespace {

TEST(LogFormatTest, FileNamesAreZeroPaddedToTwentyDigits) {
  EXPECT_EQ(FileNameForSequence(1), "wal-00000000000000000001.log");
  EXPECT_EQ(FileNameForSequence(UINT64_MAX), "wal-18446744073709551615.log");
  EXPECT_EQ(ParseFileName("wal-00000000000000000042.log"), 42u);
  EXPECT_EQ(ParseFileName(FileNameForSequence(UINT64_MAX)), UINT64_MAX);
}

TEST(LogFormatTest, OtherNamesAreNotLogFiles) {
  EXPECT_EQ(ParseFileName("wal-42.log"), std::nullopt);
  EXPECT_EQ(ParseFileName("wal-0000000000000000004x.log"), std::nullopt);
  EXPECT_EQ(ParseFileName("wal-00000000000000000042.log.tmp"), std::nullopt);
  EXPECT_EQ(ParseFileName("xal-00000000000000000042.log"), std::nullopt);
  EXPECT_EQ(ParseFileName("wal-99999999999999999999.log"), std::nullopt);  // above 2^64 - 1
}

TEST(LogFormatTest, FileHeaderRoundTripsWithDocumentedLayout) {
  const std::string bytes = EncodeFileHeader(FileHeader{7, 4242});
  ASSERT_EQ(bytes.size(), kFileHeaderBytes);
  EXPECT_EQ(bytes.substr(0, 8), "BOYOWAL1");
  EXPECT_EQ(bytes[8], 1);   // version, little-endian
  EXPECT_EQ(bytes[16], 7);  // sequence
  EXPECT_EQ(bytes[24], static_cast<char>(4242 & 0xff));
  EXPECT_EQ(bytes[25], static_cast<char>(4242 >> 8));
  const auto decoded = DecodeFileHeader(bytes, "f");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->sequence, 7u);
  EXPECT_EQ(decoded->start_lsn, 4242u);
}

// Rewrites one 32-bit field of an encoded header and fixes its checksum, so that only the
// field's own check can fail.
std::string WithField(std::string bytes, size_t offset, uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[offset + i] = static_cast<char>((value >> (8 * i)) & 0xff);
  const uint32_t crc = crc32::Compute(bytes.data(), kFileHeaderBodyBytes);
  for (int i = 0; i < 4; ++i) {
    bytes[kFileHeaderBodyBytes + i] = static_cast<char>((crc >> (8 * i)) & 0xff);
  }
  return bytes;
}

TEST(LogFormatTest, BadFileHeadersAreCorruptionNamingTheFile) {
  const std::string good = EncodeFileHeader(FileHeader{1, kFirstLsn});
  std::string bad_magic = good;
  bad_magic[0] = 'X';
  std::string bad_crc = good;
  bad_crc[20] ^= 1;
  const struct {
    std::string bytes;
    std::string_view expected;
  } cases[] = {
      {bad_magic, "magic"},
      {bad_crc, "bad checksum"},
      {WithField(good, 8, 2), "format version 2"},
      {WithField(good, 12, 5), "reserved"},
      {WithField(good, 24, 0), "start lsn 0"},
  };
  for (const auto& test_case : cases) {
    const auto decoded = DecodeFileHeader(test_case.bytes, "/x/wal-1.log");
    ASSERT_FALSE(decoded.ok()) << test_case.expected;
    EXPECT_TRUE(decoded.error().IsCorruption());
    EXPECT_EQ(decoded.error().sqlstate(), "XX001");
    const std::string_view message = decoded.error().message();
    EXPECT_NE(message.find("\"/x/wal-1.log\""), std::string_view::npos) << message;
    EXPECT_NE(message.find("offset 0"), std::string_view::npos) << message;
    EXPECT_NE(message.find(test_case.expected), std::string_view::npos) << message;
  }
}

TEST(LogFormatTest, RecordHeaderRoundTrips) {
  char bytes[kRecordHeaderBytes];
  EncodeRecordHeader(RecordHeader{0x01020304, 0xfe, 0xa1b2c3d4}, bytes);
  EXPECT_EQ(bytes[0], 0x04);  // length, little-endian
  EXPECT_EQ(static_cast<uint8_t>(bytes[4]), 0xfe);
  const RecordHeader decoded = DecodeRecordHeader(bytes);
  EXPECT_EQ(decoded.length, 0x01020304u);
  EXPECT_EQ(decoded.type, 0xfe);
  EXPECT_EQ(decoded.crc, 0xa1b2c3d4u);
}

TEST(LogFormatTest, RecordChecksumCoversTypeThenPayload) {
  EXPECT_EQ(RecordChecksum(3, "abc"), crc32::Compute(std::string_view("\x03"
                                                                      "abc",
                                                                      4)));
  EXPECT_NE(RecordChecksum(3, "abc"), RecordChecksum(4, "abc"));
}

TEST(RecordTypeTest, NamesAreStable) {
  EXPECT_EQ(RecordTypeName(RecordType::kIngest), "ingest");
  EXPECT_EQ(RecordTypeName(RecordType::kCreateTable), "create_table");
  EXPECT_EQ(RecordTypeName(RecordType::kDeleteRows), "delete_rows");
  EXPECT_EQ(RecordTypeName(static_cast<RecordType>(0x7f)), "unknown");
  EXPECT_EQ(static_cast<uint8_t>(RecordType::kAddSegment), 0x08);
}

}  // namespace
}  // namespace boyodb::storage::wal
