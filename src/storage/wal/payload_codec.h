// Payloads of the WAL's record types: what an Ingest, CreateTable, AddSegment... record holds.
// The framing (length, type, CRC) is the WAL's job; this file only encodes and decodes the
// bytes inside a record. Layouts are described in docs/formats/wal.md.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

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

}  // namespace boyodb::storage::wal
