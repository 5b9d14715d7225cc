#include "storage/wal/log_format.h"

#include <cstring>

#include "common/crc32.h"

namespace boyodb::storage::wal {
namespace {

constexpr std::string_view kFilePrefix = "wal-";
constexpr std::string_view kFileSuffix = ".log";
constexpr size_t kSequenceDigits = 20;

void PutFixed32(char* out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

void PutFixed64(char* out, uint64_t value) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

uint32_t GetFixed32(const char* in) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value |= uint32_t{static_cast<uint8_t>(in[i])} << (8 * i);
  return value;
}

uint64_t GetFixed64(const char* in) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value |= uint64_t{static_cast<uint8_t>(in[i])} << (8 * i);
  return value;
}

Status HeaderCorruption(std::string_view path, const std::string& what) {
  return Status::Corruption("wal file header at offset 0 in \"" + std::string(path) + "\" " + what);
}

}  // namespace

std::string FileNameForSequence(uint64_t sequence) {
  std::string digits = std::to_string(sequence);
  std::string name(kFilePrefix);
  name.append(kSequenceDigits - digits.size(), '0');
  name += digits;
  name += kFileSuffix;
  return name;
}

std::optional<uint64_t> ParseFileName(std::string_view name) {
  if (name.size() != kFilePrefix.size() + kSequenceDigits + kFileSuffix.size() ||
      !name.starts_with(kFilePrefix) || !name.ends_with(kFileSuffix)) {
    return std::nullopt;
  }
  const std::string_view digits = name.substr(kFilePrefix.size(), kSequenceDigits);
  uint64_t sequence = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (sequence > (UINT64_MAX - digit) / 10) return std::nullopt;
    sequence = sequence * 10 + digit;
  }
  return sequence;
}

std::string EncodeFileHeader(const FileHeader& header) {
  std::string out(kFileHeaderBytes, '\0');
  std::memcpy(out.data(), kFileMagic.data(), kFileMagic.size());
  PutFixed32(out.data() + 8, kFormatVersion);
  PutFixed32(out.data() + 12, 0);
  PutFixed64(out.data() + 16, header.sequence);
  PutFixed64(out.data() + 24, header.start_lsn);
  PutFixed32(out.data() + kFileHeaderBodyBytes, crc32::Compute(out.data(), kFileHeaderBodyBytes));
  return out;
}

Result<FileHeader> DecodeFileHeader(std::string_view bytes, std::string_view path) {
  BOYO_CHECK_GE(bytes.size(), kFileHeaderBytes);
  if (bytes.substr(0, kFileMagic.size()) != kFileMagic) {
    return HeaderCorruption(path, "does not start with the magic \"BOYOWAL1\"");
  }
  const uint32_t stored_crc = GetFixed32(bytes.data() + kFileHeaderBodyBytes);
  const uint32_t actual_crc = crc32::Compute(bytes.data(), kFileHeaderBodyBytes);
  if (stored_crc != actual_crc) return HeaderCorruption(path, "has a bad checksum");
  const uint32_t version = GetFixed32(bytes.data() + 8);
  if (version != kFormatVersion) {
    return HeaderCorruption(path, "has format version " + std::to_string(version) +
                                      ", but this build reads only version " +
                                      std::to_string(kFormatVersion));
  }
  const uint32_t reserved = GetFixed32(bytes.data() + 12);
  if (reserved != 0) {
    return HeaderCorruption(path, "has a nonzero reserved field " + std::to_string(reserved));
  }
  FileHeader header;
  header.sequence = GetFixed64(bytes.data() + 16);
  header.start_lsn = GetFixed64(bytes.data() + 24);
  if (header.start_lsn == kNoLsn) return HeaderCorruption(path, "has start lsn 0");
  return header;
}

void EncodeRecordHeader(const RecordHeader& header, char* out) {
  PutFixed32(out, header.length);
  out[4] = static_cast<char>(header.type);
  PutFixed32(out + 5, header.crc);
}

RecordHeader DecodeRecordHeader(const char* bytes) {
  RecordHeader header;
  header.length = GetFixed32(bytes);
  header.type = static_cast<uint8_t>(bytes[4]);
  header.crc = GetFixed32(bytes + 5);
  return header;
}

uint32_t RecordChecksum(uint8_t type, std::string_view payload) {
  const uint32_t crc = crc32::Compute(&type, 1);
  return crc32::Extend(crc, payload.data(), payload.size());
}

}  // namespace boyodb::storage::wal
