#include "storage/wal/payload_codec.h"

#include <cstring>

#include "formats/ipc/stream_reader.h"
#include "formats/ipc/stream_writer.h"

namespace boyodb::storage::wal {
namespace {

void AppendU64(std::string* out, uint64_t value) {
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(value >> (8 * i));
  out->append(bytes, 8);
}

Result<uint64_t> ReadU64(std::string_view payload, const char* what) {
  if (payload.size() < 8) {
    return Status::Corruption(std::string(what) + " record payload is too short (" +
                              std::to_string(payload.size()) + " bytes)");
  }
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i)
    value |= static_cast<uint64_t>(static_cast<uint8_t>(payload[i])) << (8 * i);
  return value;
}

}  // namespace

Result<std::string> EncodeIngest(uint64_t table_id, const columnar::Chunk& rows) {
  formats::ipc::WriteOptions options;
  options.codec = formats::CompressionCodec::kLz4;
  BOYO_ASSIGN_OR_RETURN(std::string stream,
                        formats::ipc::WriteStream(rows.schema(), {rows}, options));
  std::string payload;
  payload.reserve(8 + stream.size());
  AppendU64(&payload, table_id);
  payload += stream;
  return payload;
}

Result<IngestPayload> DecodeIngest(std::string_view payload) {
  IngestPayload decoded;
  BOYO_ASSIGN_OR_RETURN(decoded.table_id, ReadU64(payload, "ingest"));
  BOYO_ASSIGN_OR_RETURN(decoded.chunks, formats::ipc::ReadStream(payload.substr(8)));
  return decoded;
}

std::string EncodeName(std::string_view name) { return std::string(name); }

Result<std::string> DecodeName(std::string_view payload) {
  if (payload.empty()) return Status::Corruption("database record has an empty name");
  return std::string(payload);
}

std::string EncodeTableId(uint64_t table_id) {
  std::string payload;
  AppendU64(&payload, table_id);
  return payload;
}

Result<uint64_t> DecodeTableId(std::string_view payload) { return ReadU64(payload, "table"); }

std::string EncodeCreateTable(const TableEntry& table) { return TableEntryToJson(table); }

Result<TableEntry> DecodeCreateTable(std::string_view payload) {
  return TableEntryFromJson(payload, "CreateTable WAL record");
}

std::string EncodeAddSegment(const SegmentEntry& segment) { return SegmentEntryToJson(segment); }

Result<SegmentEntry> DecodeAddSegment(std::string_view payload) {
  return SegmentEntryFromJson(payload, "AddSegment WAL record");
}

}  // namespace boyodb::storage::wal
