// Opening a data directory: manifest, WAL replay after the checkpoint, orphan removal.
#include <algorithm>
#include <set>

#include "catalog/catalog.h"
#include "common/logging.h"
#include "engine/database_impl.h"
#include "storage/segment/segment_writer.h"
#include "storage/wal/payload_codec.h"

namespace boyodb::engine {

using storage::Manifest;
using storage::SegmentEntry;
using storage::TableEntry;
using storage::TableStore;
namespace wal = storage::wal;

namespace {

TableEntry* FindTableById(Manifest* manifest, uint64_t table_id) {
  for (TableEntry& table : manifest->tables) {
    if (table.table_id == table_id) return &table;
  }
  return nullptr;
}

// A segment named by an AddSegment(s) record: added unless its table is gone, the table's
// replay point has passed the record, or the manifest already lists it.
void ReplayAddedSegment(SegmentEntry entry, uint64_t lsn, Manifest* manifest, bool* changed) {
  manifest->next_segment_id = std::max(manifest->next_segment_id, entry.segment_id + 1);
  const TableEntry* table = FindTableById(manifest, entry.table_id);
  if (table == nullptr || lsn < table->replay_from_lsn) return;
  const bool present =
      std::any_of(manifest->entries.begin(), manifest->entries.end(),
                  [&](const SegmentEntry& e) { return e.segment_id == entry.segment_id; });
  if (present) return;
  entry.version_added = manifest->version + 1;
  manifest->entries.push_back(std::move(entry));
  *changed = true;
}

// Applies one WAL record to the manifest being rebuilt and to the replayed memtables. Records
// whose effect the manifest already shows are skipped, so replay is idempotent.
Status ApplyRecord(uint64_t lsn, wal::RecordType type, std::string_view payload, Manifest* manifest,
                   std::map<uint64_t, std::vector<storage::MemtableChunk>>* memtables,
                   bool* changed) {
  switch (type) {
    case wal::RecordType::kCreateDatabase: {
      BOYO_ASSIGN_OR_RETURN(std::string name, wal::DecodeName(payload));
      if (!manifest->HasDatabase(name)) {
        manifest->databases.push_back(std::move(name));
        *changed = true;
      }
      return Status::OK();
    }
    case wal::RecordType::kDropDatabase: {
      BOYO_ASSIGN_OR_RETURN(std::string name, wal::DecodeName(payload));
      if (!manifest->HasDatabase(name)) return Status::OK();
      for (const TableEntry& table : manifest->tables) {
        if (table.database == name) memtables->erase(table.table_id);
      }
      catalog::EraseDatabase(manifest, name);
      *changed = true;
      return Status::OK();
    }
    case wal::RecordType::kCreateTable: {
      BOYO_ASSIGN_OR_RETURN(TableEntry table, wal::DecodeCreateTable(payload));
      manifest->next_table_id = std::max(manifest->next_table_id, table.table_id + 1);
      if (FindTableById(manifest, table.table_id) != nullptr ||
          !manifest->HasDatabase(table.database) ||
          manifest->FindTable(table.database, table.table) != nullptr) {
        return Status::OK();
      }
      table.replay_from_lsn = lsn;
      manifest->tables.push_back(std::move(table));
      *changed = true;
      return Status::OK();
    }
    case wal::RecordType::kDropTable: {
      BOYO_ASSIGN_OR_RETURN(const uint64_t table_id, wal::DecodeTableId(payload));
      memtables->erase(table_id);
      if (FindTableById(manifest, table_id) == nullptr) return Status::OK();
      catalog::EraseTable(manifest, table_id);
      *changed = true;
      return Status::OK();
    }
    case wal::RecordType::kTruncateTable: {
      BOYO_ASSIGN_OR_RETURN(const uint64_t table_id, wal::DecodeTableId(payload));
      TableEntry* table = FindTableById(manifest, table_id);
      if (table == nullptr || lsn < table->replay_from_lsn) return Status::OK();
      memtables->erase(table_id);
      table->replay_from_lsn = lsn + 1;
      std::erase_if(manifest->entries,
                    [&](const SegmentEntry& e) { return e.table_id == table_id; });
      *changed = true;
      return Status::OK();
    }
    case wal::RecordType::kAddSegment: {
      BOYO_ASSIGN_OR_RETURN(SegmentEntry entry, wal::DecodeAddSegment(payload));
      ReplayAddedSegment(std::move(entry), lsn, manifest, changed);
      return Status::OK();
    }
    case wal::RecordType::kAddSegments: {
      BOYO_ASSIGN_OR_RETURN(std::vector<SegmentEntry> entries, wal::DecodeAddSegments(payload));
      for (SegmentEntry& entry : entries) {
        ReplayAddedSegment(std::move(entry), lsn, manifest, changed);
      }
      return Status::OK();
    }
    case wal::RecordType::kDeleteRows: {
      BOYO_ASSIGN_OR_RETURN(wal::DeleteRowsPayload mutation, wal::DecodeDeleteRows(payload));
      const TableEntry* table = FindTableById(manifest, mutation.table_id);
      if (table == nullptr || lsn < table->replay_from_lsn) return Status::OK();
      for (SegmentEntry& entry : manifest->entries) {
        if (entry.table_id != mutation.table_id) continue;
        for (const auto& change : mutation.changed) {
          // A manifest that already has this change (or a later one) keeps its file.
          if (change.segment_id != entry.segment_id || entry.deletes_lsn >= lsn) continue;
          entry.delete_file = change.delete_file;
          entry.deleted_rows = change.deleted_rows;
          entry.deletes_lsn = lsn;
          *changed = true;
        }
      }
      const size_t before = manifest->entries.size();
      std::erase_if(manifest->entries, [&](const SegmentEntry& e) {
        return e.table_id == mutation.table_id &&
               std::find(mutation.removed.begin(), mutation.removed.end(), e.segment_id) !=
                   mutation.removed.end();
      });
      if (manifest->entries.size() != before) *changed = true;
      if (mutation.added) {
        SegmentEntry& added = *mutation.added;
        manifest->next_segment_id = std::max(manifest->next_segment_id, added.segment_id + 1);
        const bool present =
            std::any_of(manifest->entries.begin(), manifest->entries.end(),
                        [&](const SegmentEntry& e) { return e.segment_id == added.segment_id; });
        if (!present) {
          added.version_added = manifest->version + 1;
          manifest->entries.push_back(std::move(added));
          *changed = true;
        }
      }
      return Status::OK();
    }
    case wal::RecordType::kAlterTable: {
      BOYO_ASSIGN_OR_RETURN(wal::AlterTablePayload alter, wal::DecodeAlterTable(payload));
      if (alter.segment) {
        manifest->next_segment_id =
            std::max(manifest->next_segment_id, alter.segment->segment_id + 1);
      }
      TableEntry* table = FindTableById(manifest, alter.table.table_id);
      if (table == nullptr || lsn < table->replay_from_lsn) return Status::OK();
      // The rows replayed so far are the ones the change wrote to its segment.
      memtables->erase(alter.table.table_id);
      *table = std::move(alter.table);
      table->replay_from_lsn = lsn + 1;
      if (alter.segment) {
        alter.segment->version_added = manifest->version + 1;
        manifest->entries.push_back(*alter.segment);
      }
      std::erase_if(manifest->indexes, [&](const storage::IndexEntry& index) {
        return index.database == table->database && index.table == table->table;
      });
      for (storage::IndexEntry& index : alter.indexes) manifest->indexes.push_back(index);
      *changed = true;
      return Status::OK();
    }
    case wal::RecordType::kCreateView: {
      BOYO_ASSIGN_OR_RETURN(storage::ViewEntry view,
                            storage::ViewEntryFromJson(payload, "CreateView WAL record"));
      if (!manifest->HasDatabase(view.database)) return Status::OK();
      catalog::PutView(manifest, std::move(view));
      *changed = true;
      return Status::OK();
    }
    case wal::RecordType::kCreateIndex: {
      BOYO_ASSIGN_OR_RETURN(storage::IndexEntry index,
                            storage::IndexEntryFromJson(payload, "CreateIndex WAL record"));
      if (manifest->FindTable(index.database, index.table) == nullptr) return Status::OK();
      catalog::PutIndex(manifest, std::move(index));
      *changed = true;
      return Status::OK();
    }
    case wal::RecordType::kRenameTable: {
      BOYO_ASSIGN_OR_RETURN(wal::RenameTablePayload rename, wal::DecodeRenameTable(payload));
      // A manifest that shows the rename already (or a later one) no longer calls the table by
      // its old name. Records after this one redo whatever else changed since.
      const TableEntry* table = FindTableById(manifest, rename.table_id);
      if (table == nullptr || table->table != rename.old_name) return Status::OK();
      catalog::RenameTable(manifest, rename);
      *changed = true;
      return Status::OK();
    }
    case wal::RecordType::kCreateSequence:
    case wal::RecordType::kAlterSequence:
    case wal::RecordType::kAdvanceSequence: {
      BOYO_ASSIGN_OR_RETURN(storage::SequenceEntry sequence,
                            storage::SequenceEntryFromJson(
                                payload, std::string(wal::RecordTypeName(type)) + " WAL record"));
      if (!manifest->HasDatabase(sequence.database)) return Status::OK();
      // An advance or change of a sequence dropped later in the log changes nothing.
      if (type != wal::RecordType::kCreateSequence &&
          manifest->FindSequence(sequence.database, sequence.name) == nullptr) {
        return Status::OK();
      }
      catalog::PutSequence(manifest, std::move(sequence));
      *changed = true;
      return Status::OK();
    }
    case wal::RecordType::kPutUser: {
      BOYO_ASSIGN_OR_RETURN(storage::UserEntry user,
                            storage::UserEntryFromJson(payload, "PutUser WAL record"));
      catalog::PutUser(manifest, std::move(user));
      *changed = true;
      return Status::OK();
    }
    case wal::RecordType::kDropUser: {
      BOYO_ASSIGN_OR_RETURN(auto name, wal::DecodeObjectName(payload));
      catalog::EraseUser(manifest, name.second);
      *changed = true;
      return Status::OK();
    }
    case wal::RecordType::kDropSequence: {
      BOYO_ASSIGN_OR_RETURN(auto name, wal::DecodeObjectName(payload));
      catalog::EraseSequence(manifest, name.first, name.second);
      *changed = true;
      return Status::OK();
    }
    case wal::RecordType::kDropView:
    case wal::RecordType::kDropIndex: {
      BOYO_ASSIGN_OR_RETURN(auto name, wal::DecodeObjectName(payload));
      if (type == wal::RecordType::kDropView) {
        catalog::EraseView(manifest, name.first, name.second);
      } else {
        catalog::EraseIndex(manifest, name.first, name.second);
      }
      *changed = true;
      return Status::OK();
    }
    case wal::RecordType::kIngest: {
      BOYO_ASSIGN_OR_RETURN(wal::IngestPayload ingest, wal::DecodeIngest(payload));
      const TableEntry* table = FindTableById(manifest, ingest.table_id);
      if (table == nullptr || lsn < table->replay_from_lsn) return Status::OK();
      const auto schema = std::make_shared<const types::Schema>(table->schema);
      for (columnar::Chunk& chunk : ingest.chunks) {
        BOYO_ASSIGN_OR_RETURN(columnar::Chunk typed,
                              columnar::Chunk::Make(schema, chunk.columns()));
        (*memtables)[ingest.table_id].push_back(storage::MemtableChunk{lsn, std::move(typed)});
      }
      return Status::OK();
    }
    default:
      return Status::Corruption("unknown WAL record type " +
                                std::to_string(static_cast<int>(type)) + " at LSN " +
                                std::to_string(lsn));
  }
}

}  // namespace

Status DatabaseImpl::ReplayWal(Manifest* manifest,
                               std::map<uint64_t, std::vector<storage::MemtableChunk>>* memtables) {
  bool changed = false;
  int64_t records = 0;
  BOYO_RETURN_IF_ERROR(wal_->Replay(
      manifest->checkpoint_lsn, [&](uint64_t lsn, wal::RecordType type, std::string_view payload) {
        ++records;
        Status applied = ApplyRecord(lsn, type, payload, manifest, memtables, &changed);
        if (!applied.ok()) {
          return std::move(applied).WithContext("replaying the WAL record at LSN " +
                                                std::to_string(lsn));
        }
        return Status::OK();
      }));
  if (records > 0) {
    log::Info("replayed {} WAL records from LSN {} in \"{}\"", records, manifest->checkpoint_lsn,
              dir_);
  }
  return Status::OK();
}

Status DatabaseImpl::RemoveOrphanFiles(const Manifest& manifest) {
  const std::string segments_root = JoinPath(dir_, "segments");
  BOYO_ASSIGN_OR_RETURN(const bool exists, fs_.Exists(segments_root));
  if (!exists) return Status::OK();
  std::set<std::string> live_files;
  std::set<std::string> live_dirs;
  for (const SegmentEntry& entry : manifest.entries) {
    // Segments live in their table's directory, which a rename does not move.
    const TableEntry* table = manifest.FindTableById(entry.table_id);
    if (table == nullptr) continue;
    const std::string dir = SegmentDir(*table);
    live_files.insert(storage::SegmentPath(dir, entry.segment_id));
    live_files.insert(storage::IndexPath(dir, entry.segment_id));
    if (entry.delete_file) live_files.insert(JoinPath(dir, *entry.delete_file));
  }
  for (const TableEntry& table : manifest.tables) live_dirs.insert(SegmentDir(table));
  BOYO_ASSIGN_OR_RETURN(const std::vector<std::string> databases, fs_.ListDir(segments_root));
  for (const std::string& database : databases) {
    const std::string database_dir = JoinPath(segments_root, database);
    if (!manifest.HasDatabase(database)) {
      BOYO_RETURN_IF_ERROR(fs_.RemoveAll(database_dir));
      continue;
    }
    BOYO_ASSIGN_OR_RETURN(const std::vector<std::string> tables, fs_.ListDir(database_dir));
    for (const std::string& table : tables) {
      const std::string table_dir = JoinPath(database_dir, table);
      if (live_dirs.count(table_dir) == 0) {
        BOYO_RETURN_IF_ERROR(fs_.RemoveAll(table_dir));
        continue;
      }
      BOYO_ASSIGN_OR_RETURN(const std::vector<std::string> files, fs_.ListDir(table_dir));
      for (const std::string& file : files) {
        const std::string path = JoinPath(table_dir, file);
        if (live_files.count(path) == 0) {
          log::Info("removing \"{}\", which no manifest entry names", path);
          BOYO_RETURN_IF_ERROR(fs_.RemoveFile(path));
        }
      }
    }
  }
  return Status::OK();
}

Status DatabaseImpl::OpenAndRecover() {
  BOYO_RETURN_IF_ERROR(fs_.CreateDirs(dir_));
  BOYO_RETURN_IF_ERROR(fs_.CreateDirs(JoinPath(dir_, "wal")));
  std::optional<Status> manifest_problem;
  BOYO_ASSIGN_OR_RETURN(manifest_store_,
                        storage::ManifestStore::Open(fs_, dir_, &manifest_problem));
  if (manifest_problem) open_report_.problems.push_back(*manifest_problem);
  BOYO_ASSIGN_OR_RETURN(wal_, wal::Wal::Open(fs_, JoinPath(dir_, "wal"), options_.wal));

  Manifest manifest = *manifest_store_->current();
  std::map<uint64_t, std::vector<storage::MemtableChunk>> memtables;
  BOYO_RETURN_IF_ERROR(ReplayWal(&manifest, &memtables));
  next_segment_id_.store(manifest.next_segment_id);
  for (const SegmentEntry& entry : manifest.entries) {
    if (entry.segment_id >= next_segment_id_.load()) next_segment_id_.store(entry.segment_id + 1);
  }
  {
    std::lock_guard<std::mutex> lock(catalog_mutex_);
    for (const TableEntry& table : manifest.tables) {
      std::vector<SegmentEntry> segments;
      for (const SegmentEntry& entry : manifest.entries) {
        if (entry.table_id == table.table_id) segments.push_back(entry);
      }
      auto store = std::make_shared<TableStore>(fs_, table, SegmentDir(table), segments,
                                                column_cache_.get());
      for (storage::MemtableChunk& chunk : memtables[table.table_id]) {
        store->InsertIntoMemtable(chunk.lsn, std::move(chunk.rows));
      }
      stores_[table.database + "." + table.table] = std::move(store);
    }
    // The replayed state becomes a manifest version; its checkpoint stays at the oldest
    // replayed row still in memory.
    BOYO_RETURN_IF_ERROR(PublishLocked(std::move(manifest)));
  }
  BOYO_RETURN_IF_ERROR(RemoveOrphanFiles(*manifest_store_->current()));
  if (options_.memtable_flush_age_ms > 0) flusher_ = std::thread([this] { RunFlusher(); });
  return Status::OK();
}

}  // namespace boyodb::engine
