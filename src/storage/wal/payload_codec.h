// Payloads of the WAL's record types: what an Ingest, CreateTable, AddSegment... record holds.
// The framing (length, type, CRC) is the WAL's job; this file only encodes and decodes the
// bytes inside a record. Layouts are described in docs/formats/wal.md.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/chunk.h"
#include "common/result.h"
#include "storage/manifest/manifest.h"

namespace boyodb::storage::wal {

/// Ingest: u64 table id (little-endian) + the rows as an Arrow IPC stream (LZ4-compressed).
Result<std::string> EncodeIngest(uint64_t table_id, const columnar::Chunk& rows);
struct IngestPayload {
  uint64_t table_id = 0;
  std::vector<columnar::Chunk> chunks;
};
Result<IngestPayload> DecodeIngest(std::string_view payload);

/// CreateDatabase / DropDatabase: the database name.
std::string EncodeName(std::string_view name);
Result<std::string> DecodeName(std::string_view payload);

/// DropTable / TruncateTable: u64 table id.
std::string EncodeTableId(uint64_t table_id);
Result<uint64_t> DecodeTableId(std::string_view payload);

/// CreateTable: the table entry as JSON. AddSegment: the segment entry as JSON.
std::string EncodeCreateTable(const TableEntry& table);
Result<TableEntry> DecodeCreateTable(std::string_view payload);
std::string EncodeAddSegment(const SegmentEntry& segment);
Result<SegmentEntry> DecodeAddSegment(std::string_view payload);
/// AddSegments: the entries of segments one statement wrote (a bulk load), as a JSON array;
/// replay adds all of them, so the statement's rows appear together or not at all.
std::string EncodeAddSegments(const std::vector<SegmentEntry>& segments);
Result<std::vector<SegmentEntry>> DecodeAddSegments(std::string_view payload);

/// AlterTable: the table's entry after an ADD, DROP or RENAME COLUMN, its indexes afterwards,
/// and the segment that took the rows the memtable held (already in the new layout), as JSON.
/// Replay drops the table's replayed memtable rows (they are in that segment), so no Ingest
/// record older than the change is ever laid out under the new schema.
struct AlterTablePayload {
  TableEntry table;
  std::vector<IndexEntry> indexes;
  std::optional<SegmentEntry> segment;
};
std::string EncodeAlterTable(const AlterTablePayload& alter);
Result<AlterTablePayload> DecodeAlterTable(std::string_view payload);

/// RenameTable: ALTER TABLE ... RENAME TO, as JSON. The table is named by id; what follows
/// it is listed explicitly (indexes and sequences by name, rewritten views whole), so replay
/// does exactly what the live change did even when other tables took the old name since.
struct RenameTablePayload {
  uint64_t table_id = 0;
  std::string database;
  std::string old_name;
  std::string new_name;
  /// The table's TableEntry::storage_dir afterwards (where its segments stay).
  std::string storage_dir;
  /// Indexes of the table, which now name the new table.
  std::vector<std::string> indexes;
  /// Sequences the table owns, whose owner_table becomes the new name.
  std::vector<std::string> sequences;
  /// Views (of any database) whose definitions name the table, rewritten to the new name.
  std::vector<ViewEntry> views;
};
std::string EncodeRenameTable(const RenameTablePayload& rename);
Result<RenameTablePayload> DecodeRenameTable(std::string_view payload);

/// CreateView / CreateIndex: the entry as JSON (a view is replaced when it exists).
/// DropView / DropIndex: {"database": ..., "name": ...}.
std::string EncodeObjectName(std::string_view database, std::string_view name);
Result<std::pair<std::string, std::string>> DecodeObjectName(std::string_view payload);

/// DeleteRows: one UPDATE or DELETE of a table, as JSON: the segments that got a new delete
/// file, the segments dropped because all their rows were deleted, and the segment holding
/// UPDATE's new row versions.
struct DeleteRowsPayload {
  struct Changed {
    uint64_t segment_id = 0;
    std::string delete_file;
    uint64_t deleted_rows = 0;
  };
  uint64_t table_id = 0;
  std::vector<Changed> changed;
  std::vector<uint64_t> removed;
  std::optional<SegmentEntry> added;
};
std::string EncodeDeleteRows(const DeleteRowsPayload& mutation);
Result<DeleteRowsPayload> DecodeDeleteRows(std::string_view payload);

}  // namespace boyodb::storage::wal
