#include "storage/wal/payload_codec.h"

#include <cstring>

#include <nlohmann/json.hpp>

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

std::string EncodeAddSegments(const std::vector<SegmentEntry>& segments) {
  std::string out = "[";
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out += ',';
    out += SegmentEntryToJson(segments[i]);
  }
  out += ']';
  return out;
}

Result<std::vector<SegmentEntry>> DecodeAddSegments(std::string_view payload) {
  const nlohmann::json j = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return Status::Corruption("malformed AddSegments WAL record");
  std::vector<SegmentEntry> segments;
  for (const nlohmann::json& entry : j) {
    if (!entry.is_object()) return Status::Corruption("malformed AddSegments WAL record");
    BOYO_ASSIGN_OR_RETURN(SegmentEntry segment,
                          SegmentEntryFromJson(entry.dump(), "AddSegments WAL record"));
    segments.push_back(std::move(segment));
  }
  return segments;
}

std::string EncodeAlterTable(const AlterTablePayload& alter) {
  nlohmann::json indexes = nlohmann::json::array();
  for (const IndexEntry& index : alter.indexes) {
    indexes.push_back(nlohmann::json::parse(IndexEntryToJson(index)));
  }
  nlohmann::json j = {{"table", nlohmann::json::parse(TableEntryToJson(alter.table))},
                      {"indexes", indexes}};
  if (alter.segment) j["segment"] = nlohmann::json::parse(SegmentEntryToJson(*alter.segment));
  return j.dump();
}

Result<AlterTablePayload> DecodeAlterTable(std::string_view payload) {
  const nlohmann::json j = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("table") || !j["table"].is_object() || !j.contains("indexes") ||
      !j["indexes"].is_array() || (j.contains("segment") && !j["segment"].is_object())) {
    return Status::Corruption("malformed AlterTable WAL record");
  }
  AlterTablePayload alter;
  BOYO_ASSIGN_OR_RETURN(alter.table,
                        TableEntryFromJson(j["table"].dump(), "AlterTable WAL record"));
  for (const nlohmann::json& index : j["indexes"]) {
    BOYO_ASSIGN_OR_RETURN(IndexEntry entry,
                          IndexEntryFromJson(index.dump(), "AlterTable WAL record"));
    alter.indexes.push_back(std::move(entry));
  }
  if (j.contains("segment")) {
    BOYO_ASSIGN_OR_RETURN(alter.segment,
                          SegmentEntryFromJson(j["segment"].dump(), "AlterTable WAL record"));
  }
  return alter;
}

std::string EncodeRenameTable(const RenameTablePayload& rename) {
  nlohmann::json views = nlohmann::json::array();
  for (const ViewEntry& view : rename.views) {
    views.push_back(nlohmann::json::parse(ViewEntryToJson(view)));
  }
  return nlohmann::json{{"table_id", rename.table_id},       {"database", rename.database},
                        {"old_name", rename.old_name},       {"new_name", rename.new_name},
                        {"storage_dir", rename.storage_dir}, {"indexes", rename.indexes},
                        {"sequences", rename.sequences},     {"views", std::move(views)}}
      .dump();
}

Result<RenameTablePayload> DecodeRenameTable(std::string_view payload) {
  const auto bad = [] { return Status::Corruption("RenameTable WAL record is malformed"); };
  const nlohmann::json j = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("table_id") || !j["table_id"].is_number_unsigned()) {
    return bad();
  }
  for (const char* key : {"database", "old_name", "new_name", "storage_dir"}) {
    if (!j.contains(key) || !j[key].is_string()) return bad();
  }
  for (const char* key : {"indexes", "sequences", "views"}) {
    if (!j.contains(key) || !j[key].is_array()) return bad();
  }
  RenameTablePayload rename;
  rename.table_id = j["table_id"].get<uint64_t>();
  rename.database = j["database"].get<std::string>();
  rename.old_name = j["old_name"].get<std::string>();
  rename.new_name = j["new_name"].get<std::string>();
  rename.storage_dir = j["storage_dir"].get<std::string>();
  for (auto [key, names] :
       {std::pair{"indexes", &rename.indexes}, std::pair{"sequences", &rename.sequences}}) {
    for (const nlohmann::json& name : j[key]) {
      if (!name.is_string()) return bad();
      names->push_back(name.get<std::string>());
    }
  }
  for (const nlohmann::json& view : j["views"]) {
    if (!view.is_object()) return bad();
    BOYO_ASSIGN_OR_RETURN(ViewEntry entry,
                          ViewEntryFromJson(view.dump(), "RenameTable WAL record"));
    rename.views.push_back(std::move(entry));
  }
  return rename;
}

std::string EncodeObjectName(std::string_view database, std::string_view name) {
  return nlohmann::json{{"database", database}, {"name", name}}.dump();
}

Result<std::pair<std::string, std::string>> DecodeObjectName(std::string_view payload) {
  const nlohmann::json j = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("database") || !j["database"].is_string() ||
      !j.contains("name") || !j["name"].is_string()) {
    return Status::Corruption("drop record names no object");
  }
  return std::make_pair(j["database"].get<std::string>(), j["name"].get<std::string>());
}

std::string EncodeDeleteRows(const DeleteRowsPayload& mutation) {
  nlohmann::json changed = nlohmann::json::array();
  for (const DeleteRowsPayload::Changed& c : mutation.changed) {
    changed.push_back({{"segment_id", c.segment_id},
                       {"delete_file", c.delete_file},
                       {"deleted_rows", c.deleted_rows}});
  }
  nlohmann::json j = {{"table_id", mutation.table_id},
                      {"changed", std::move(changed)},
                      {"removed", mutation.removed}};
  if (mutation.added) j["added"] = nlohmann::json::parse(SegmentEntryToJson(*mutation.added));
  return j.dump();
}

Result<DeleteRowsPayload> DecodeDeleteRows(std::string_view payload) {
  const auto bad = [] { return Status::Corruption("DeleteRows WAL record is malformed"); };
  const nlohmann::json j = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("table_id") || !j["table_id"].is_number_unsigned() ||
      !j.contains("changed") || !j["changed"].is_array() || !j.contains("removed") ||
      !j["removed"].is_array()) {
    return bad();
  }
  DeleteRowsPayload mutation;
  mutation.table_id = j["table_id"].get<uint64_t>();
  for (const nlohmann::json& c : j["changed"]) {
    if (!c.is_object() || !c.contains("segment_id") || !c["segment_id"].is_number_unsigned() ||
        !c.contains("delete_file") || !c["delete_file"].is_string() ||
        !c.contains("deleted_rows") || !c["deleted_rows"].is_number_unsigned()) {
      return bad();
    }
    mutation.changed.push_back({c["segment_id"].get<uint64_t>(),
                                c["delete_file"].get<std::string>(),
                                c["deleted_rows"].get<uint64_t>()});
  }
  for (const nlohmann::json& id : j["removed"]) {
    if (!id.is_number_unsigned()) return bad();
    mutation.removed.push_back(id.get<uint64_t>());
  }
  if (j.contains("added")) {
    BOYO_ASSIGN_OR_RETURN(mutation.added,
                          SegmentEntryFromJson(j["added"].dump(), "DeleteRows WAL record"));
  }
  return mutation;
}

}  // namespace boyodb::storage::wal
