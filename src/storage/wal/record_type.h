// RecordType: the one-byte type of a write-ahead log record. The framing layer (LogWriter,
// LogReader, Wal) treats it as opaque; payload codecs for each type live elsewhere.
// Thread safety: constants and pure functions.
#pragma once

#include <cstdint>
#include <string_view>

namespace boyodb::storage::wal {

/// Persisted in every record; values are never reused. 0 is reserved (a zero-filled region of a
/// file never parses as a record), so any value 1..255 may be written.
enum class RecordType : uint8_t {
  kIngest = 0x01,
  kCreateDatabase = 0x02,
  kCreateTable = 0x03,
  kDropDatabase = 0x04,
  kDropTable = 0x05,
  kTruncateTable = 0x06,
  kAlterTable = 0x07,
  kAddSegment = 0x08,
  kDeleteRows = 0x09,
  kCreateView = 0x0A,
  kDropView = 0x0B,
  kCreateIndex = 0x0C,
  kDropIndex = 0x0D,
  kAddSegments = 0x0E,
  kCreateSequence = 0x0F,
  kDropSequence = 0x10,
  /// A sequence's new SequenceEntry (nextval's block logged ahead, or setval).
  kAdvanceSequence = 0x11,
  /// ALTER TABLE ... RENAME TO (payload_codec.h RenameTablePayload).
  kRenameTable = 0x12,
  /// ALTER SEQUENCE: the sequence's new SequenceEntry (settings and exact position).
  kAlterSequence = 0x13,
  /// CREATE or ALTER USER/ROLE: the user's whole new UserEntry (JSON).
  kPutUser = 0x14,
  /// DROP USER/ROLE: the name (payload_codec.h EncodeObjectName with an empty database).
  kDropUser = 0x15,
};

/// Returns a short snake_case name ("create_table"), or "unknown" for a value without a name.
constexpr std::string_view RecordTypeName(RecordType type) {
  switch (type) {
    case RecordType::kIngest:
      return "ingest";
    case RecordType::kCreateDatabase:
      return "create_database";
    case RecordType::kCreateTable:
      return "create_table";
    case RecordType::kDropDatabase:
      return "drop_database";
    case RecordType::kDropTable:
      return "drop_table";
    case RecordType::kTruncateTable:
      return "truncate_table";
    case RecordType::kAlterTable:
      return "alter_table";
    case RecordType::kAddSegment:
      return "add_segment";
    case RecordType::kDeleteRows:
      return "delete_rows";
    case RecordType::kCreateView:
      return "create_view";
    case RecordType::kDropView:
      return "drop_view";
    case RecordType::kCreateIndex:
      return "create_index";
    case RecordType::kDropIndex:
      return "drop_index";
    case RecordType::kAddSegments:
      return "add_segments";
    case RecordType::kCreateSequence:
      return "create_sequence";
    case RecordType::kDropSequence:
      return "drop_sequence";
    case RecordType::kAdvanceSequence:
      return "advance_sequence";
    case RecordType::kRenameTable:
      return "rename_table";
    case RecordType::kAlterSequence:
      return "alter_sequence";
    case RecordType::kPutUser:
      return "put_user";
    case RecordType::kDropUser:
      return "drop_user";
  }
  return "unknown";
}

}  // namespace boyodb::storage::wal
