// The on-disk layout of write-ahead log files, shared by LogWriter and LogReader. The prose
// specification, including what a reader does with torn and corrupt bytes, is
// docs/formats/wal.md; change both together.
// Thread safety: constants and pure functions.
//
// File:   FileHeader(36) Record*
// Header: Magic "BOYOWAL1"(8) | Version u32 | Reserved u32 (0) | Sequence u64 | StartLsn u64 |
//         HeaderCrc u32 (CRC32C of the 32 bytes before it)
// Record: Length u32 (payload bytes) | Type u8 (1..255) | Crc u32 (CRC32C of Type then Payload) |
//         Payload
// All integers are little-endian.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace boyodb::storage::wal {

/// Log sequence number: a logical byte position over the whole log. A file's records occupy
/// [start_lsn, start_lsn + file_size - kFileHeaderBytes); a record's LSN is that of its first
/// header byte.
using Lsn = uint64_t;

/// "No LSN": never the LSN of a record.
inline constexpr Lsn kNoLsn = 0;
/// The LSN of the first record of a brand-new log.
inline constexpr Lsn kFirstLsn = 1;

inline constexpr std::string_view kFileMagic = "BOYOWAL1";
inline constexpr uint32_t kFormatVersion = 1;
/// Magic, version, reserved, sequence, start LSN.
inline constexpr size_t kFileHeaderBodyBytes = 32;
/// The body followed by its CRC32C.
inline constexpr size_t kFileHeaderBytes = kFileHeaderBodyBytes + 4;

/// Length(4) Type(1) Crc(4).
inline constexpr size_t kRecordHeaderBytes = 9;
/// The largest payload a record may carry (1 GiB).
inline constexpr uint32_t kMaxPayloadBytes = uint32_t{1} << 30;

/// The decoded header of one log file.
struct FileHeader {
  /// The number in the file's name; the first file of a log is 1.
  uint64_t sequence = 0;
  /// The LSN of the first record in the file; equal to the previous file's end LSN.
  Lsn start_lsn = kNoLsn;
};

/// The fixed part of one record.
struct RecordHeader {
  uint32_t length = 0;
  uint8_t type = 0;
  uint32_t crc = 0;
};

/// "wal-00000000000000000042.log" for sequence 42.
std::string FileNameForSequence(uint64_t sequence);
/// The sequence number in a file name of exactly the form above; nullopt for any other name.
std::optional<uint64_t> ParseFileName(std::string_view name);

/// Returns the kFileHeaderBytes bytes of a file header.
std::string EncodeFileHeader(const FileHeader& header);
/// Decodes and checks a file header (magic, version, reserved field, checksum).
/// Requires: bytes.size() >= kFileHeaderBytes. Corruption naming `path` when a check fails.
Result<FileHeader> DecodeFileHeader(std::string_view bytes, std::string_view path);

/// Writes the kRecordHeaderBytes bytes of a record header to out.
void EncodeRecordHeader(const RecordHeader& header, char* out);
/// Reads a record header from kRecordHeaderBytes bytes; does not check anything.
RecordHeader DecodeRecordHeader(const char* bytes);
/// The CRC32C a record stores: over its type byte followed by its payload.
uint32_t RecordChecksum(uint8_t type, std::string_view payload);

}  // namespace boyodb::storage::wal
