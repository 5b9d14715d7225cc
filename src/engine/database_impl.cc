#include "engine/database_impl.h"

#include <algorithm>
#include <chrono>
#include <set>

#include <unistd.h>

#include "catalog/catalog.h"
#include "common/logging.h"
#include "common/sqlstate.h"
#include "engine/check_constraints.h"
#include "functions/function_registry.h"
#include "storage/segment/segment_reader.h"
#include "storage/segment/segment_writer.h"
#include "storage/wal/payload_codec.h"

namespace boyodb::engine {

using storage::Manifest;
using storage::SegmentEntry;
using storage::TableEntry;
using storage::TableStore;
namespace wal = storage::wal;

namespace {

int64_t ColumnCacheBytes(const DatabaseOptions& options) {
  if (options.column_cache_bytes != DatabaseOptions::kAutoColumnCacheBytes) {
    return options.column_cache_bytes;
  }
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return int64_t{1} << 30;
  return static_cast<int64_t>(pages) * page_size / 4;
}

std::string Key(std::string_view database, std::string_view table) {
  return std::string(database) + "." + std::string(table);
}

uint64_t NowMicros() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

}  // namespace

Status DatabaseOptions::Validate() const {
  BOYO_RETURN_IF_ERROR(wal.Validate());
  if (memtable_flush_rows <= 0 || memtable_flush_bytes <= 0 || memtable_flush_age_ms < 0 ||
      direct_segment_rows <= 0 || segment_batch_rows <= 0) {
    return Status::InvalidArgument(
        "memtable thresholds, direct_segment_rows and segment_batch_rows must be positive");
  }
  if (column_cache_bytes < 0 && column_cache_bytes != kAutoColumnCacheBytes) {
    return Status::InvalidArgument("column_cache_bytes must be 0 or more (or the automatic -1)");
  }
  return Status::OK();
}

DatabaseImpl::DatabaseImpl(FileSystem& fs, std::string dir, DatabaseOptions options)
    : fs_(fs),
      dir_(std::move(dir)),
      options_(std::move(options)),
      column_cache_(std::make_unique<storage::ColumnCache>(ColumnCacheBytes(options_))) {}

DatabaseImpl::~DatabaseImpl() {
  const Status status = Close();
  if (!status.ok() && status.code() != StatusCode::kInvalidArgument) {
    log::Error("closing the database in \"{}\": {}", dir_, status.FullMessage());
  }
}

Status DatabaseImpl::CheckOpen() const {
  if (closed_.load()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kObjectNotInPrerequisiteState,
                  "the database in \"" + dir_ + "\" is closed");
  }
  return Status::OK();
}

Status DatabaseImpl::Close() {
  if (closed_.exchange(true)) return CheckOpen();
  {
    std::lock_guard<std::mutex> lock(flusher_mutex_);
    stopping_ = true;
  }
  flusher_wake_.notify_all();
  if (flusher_.joinable()) flusher_.join();
  Status result;
  if (wal_) {
    for (const auto& store : AllStores()) {
      const Status flushed = FlushTable(store);
      if (!flushed.ok() && result.ok()) result = flushed;
    }
    const Status sequences = RecordSequencePositions();
    if (!sequences.ok() && result.ok()) result = sequences;
    const Status closed = wal_->Close();
    if (!closed.ok() && result.ok()) result = closed;
  }
  return result;
}

std::string DatabaseImpl::SegmentDir(const TableEntry& table) const {
  return JoinPath(JoinPath(JoinPath(dir_, "segments"), table.database), table.SegmentDirName());
}

std::shared_ptr<TableStore> DatabaseImpl::FindStore(std::string_view database,
                                                    std::string_view table) const {
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  const auto it = stores_.find(Key(database, table));
  return it == stores_.end() ? nullptr : it->second;
}

std::shared_ptr<TableStore> DatabaseImpl::FindStoreById(uint64_t table_id) const {
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  for (const auto& [key, store] : stores_) {
    if (store->entry().table_id == table_id) return store;
  }
  return nullptr;
}

std::vector<std::shared_ptr<TableStore>> DatabaseImpl::AllStores() const {
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  std::vector<std::shared_ptr<TableStore>> stores;
  for (const auto& [key, store] : stores_) stores.push_back(store);
  return stores;
}

uint64_t DatabaseImpl::RegisterInFlight() {
  std::lock_guard<std::mutex> lock(in_flight_mutex_);
  // Registered before the WAL assigns an LSN, so the LSN will be at least end_lsn() now.
  const uint64_t bound = wal_->end_lsn();
  in_flight_.insert(bound);
  return bound;
}

void DatabaseImpl::UnregisterInFlight(uint64_t bound) {
  std::lock_guard<std::mutex> lock(in_flight_mutex_);
  in_flight_.erase(in_flight_.find(bound));
}

uint64_t DatabaseImpl::ComputeCheckpointLocked() const {
  uint64_t checkpoint = wal_->end_lsn();
  for (const auto& [key, store] : stores_) {
    const uint64_t oldest = store->OldestUnflushedLsn();
    if (oldest != 0) checkpoint = std::min(checkpoint, oldest);
  }
  {
    std::lock_guard<std::mutex> lock(const_cast<std::mutex&>(in_flight_mutex_));
    if (!in_flight_.empty()) checkpoint = std::min(checkpoint, *in_flight_.begin());
  }
  return checkpoint;
}

Status DatabaseImpl::PublishLocked(Manifest next) {
  const std::shared_ptr<const Manifest> current = manifest_store_->current();
  next.version = current->version + 1;
  next.next_segment_id = std::max(next.next_segment_id, next_segment_id_.load());
  next.checkpoint_lsn = std::max(current->checkpoint_lsn, ComputeCheckpointLocked());
  BOYO_RETURN_IF_ERROR(manifest_store_->Publish(std::move(next)));
  // WAL files wholly before the checkpoint are no longer needed; keeping one is harmless.
  const Status removed = wal_->RemoveFilesBefore(manifest_store_->current()->checkpoint_lsn);
  if (!removed.ok()) log::Warn("removing old WAL files: {}", removed.FullMessage());
  return Status::OK();
}

Status DatabaseImpl::CreateDatabase(std::string_view name, bool if_not_exists) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  BOYO_RETURN_IF_ERROR(catalog::ValidateName("database", name));
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  Manifest next = *manifest_store_->current();
  if (next.HasDatabase(name)) {
    if (if_not_exists) return Status::OK();
    return Status(StatusCode::kAlreadyExists, sqlstate::kDuplicateDatabase,
                  "database \"" + std::string(name) + "\" already exists");
  }
  BOYO_RETURN_IF_ERROR(wal_->Append(wal::RecordType::kCreateDatabase, wal::EncodeName(name)));
  next.databases.emplace_back(name);
  return PublishLocked(std::move(next));
}

Status DatabaseImpl::DropDatabase(std::string_view name, bool if_exists) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::vector<std::string> dirs_to_remove;
  {
    std::lock_guard<std::mutex> lock(catalog_mutex_);
    Manifest next = *manifest_store_->current();
    if (!next.HasDatabase(name)) {
      if (if_exists) return Status::OK();
      return catalog::RequireDatabase(next, name);
    }
    BOYO_RETURN_IF_ERROR(wal_->Append(wal::RecordType::kDropDatabase, wal::EncodeName(name)));
    catalog::EraseDatabase(&next, name);
    BOYO_RETURN_IF_ERROR(PublishLocked(std::move(next)));
    std::erase_if(stores_, [&](const auto& item) { return item.second->entry().database == name; });
    dirs_to_remove.push_back(JoinPath(JoinPath(dir_, "segments"), name));
  }
  // The manifest no longer names these files; a failure here leaves orphans that the next
  // open removes.
  for (const std::string& path : dirs_to_remove) {
    const Status removed = fs_.RemoveAll(path);
    if (!removed.ok()) log::Warn("{}", removed.FullMessage());
  }
  return Status::OK();
}

std::vector<std::string> DatabaseImpl::ListDatabases() const {
  std::vector<std::string> names = manifest_store_->current()->databases;
  std::sort(names.begin(), names.end());
  return names;
}

Status DatabaseImpl::CreateTable(std::string_view database, std::string_view table,
                                 const types::Schema& schema, const TableOptions& options,
                                 bool if_not_exists) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  BOYO_RETURN_IF_ERROR(catalog::ValidateName("table", table));
  BOYO_RETURN_IF_ERROR(catalog::ValidateSchema(schema));
  for (const auto& [column, text] : options.column_defaults) {
    if (schema.FieldIndex(column) < 0) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kUndefinedColumn,
                    "column \"" + column + "\" with a default does not exist in table \"" +
                        std::string(table) + "\"");
    }
  }
  for (const std::string& column : options.sort_key) {
    if (schema.FieldIndex(column) < 0) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kUndefinedColumn,
                    "sort key column \"" + column + "\" does not exist in table \"" +
                        std::string(table) + "\"");
    }
  }
  TableEntry entry;
  entry.database = std::string(database);
  entry.table = std::string(table);
  entry.schema = schema;
  entry.compression = options.codec;
  entry.sort_key = options.sort_key;
  entry.column_defaults = options.column_defaults;
  entry.declared_types = options.declared_types;
  entry.checks = options.check_constraints;
  std::set<std::string> check_names;
  for (const storage::CheckConstraint& check : entry.checks) {
    BOYO_RETURN_IF_ERROR(catalog::ValidateName("constraint", check.name));
    if (!check_names.insert(check.name).second) {
      return Status(StatusCode::kAlreadyExists, sqlstate::kDuplicateObject,
                    "check constraint \"" + check.name + "\" already exists");
    }
  }
  // Every constraint must bind, or no row could ever be checked against it.
  BOYO_RETURN_IF_ERROR(CheckConstraints::Bind(entry.table, entry.schema, entry.checks,
                                              functions::FunctionRegistry::Builtins()));
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  Manifest next = *manifest_store_->current();
  BOYO_RETURN_IF_ERROR(catalog::RequireDatabase(next, database));
  if (catalog::FindRelation(next, database, table) != catalog::RelationKind::kNone) {
    if (if_not_exists) return Status::OK();
    return catalog::RequireFreeName(next, database, table);
  }
  entry.table_id = next.next_table_id++;
  // A renamed table may still keep its segments under this name.
  for (const TableEntry& other : next.tables) {
    if (other.database == database && other.SegmentDirName() == table) {
      entry.storage_dir = entry.table + "." + std::to_string(entry.table_id);
    }
  }
  BOYO_ASSIGN_OR_RETURN(const uint64_t lsn,
                        wal_->Append(wal::RecordType::kCreateTable, wal::EncodeCreateTable(entry)));
  entry.replay_from_lsn = lsn;
  next.tables.push_back(entry);
  BOYO_RETURN_IF_ERROR(PublishLocked(std::move(next)));
  stores_[Key(database, table)] = std::make_shared<TableStore>(
      fs_, entry, SegmentDir(entry), std::vector<SegmentEntry>{}, column_cache_.get());
  return Status::OK();
}

Status DatabaseImpl::DropTable(std::string_view database, std::string_view table, bool if_exists) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::shared_ptr<TableStore> store = FindStore(database, table);
  std::string segment_dir;
  {
    std::unique_lock<std::shared_mutex> exclusive;
    if (store) exclusive = store->ExclusiveGuard();
    std::lock_guard<std::mutex> lock(catalog_mutex_);
    Manifest next = *manifest_store_->current();
    Result<const TableEntry*> found = catalog::ResolveTable(next, database, table);
    if (!found.ok()) {
      if (found.error().sqlstate() == sqlstate::kUndefinedTable &&
          catalog::FindRelation(next, database, table) != catalog::RelationKind::kNone) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kWrongObjectType,
                      "\"" + std::string(table) + "\" is not a table");
      }
      if (if_exists && found.error().sqlstate() == sqlstate::kUndefinedTable) return Status::OK();
      return found.error();
    }
    const uint64_t table_id = (*found)->table_id;
    segment_dir = SegmentDir(**found);
    BOYO_RETURN_IF_ERROR(wal_->Append(wal::RecordType::kDropTable, wal::EncodeTableId(table_id)));
    catalog::EraseTable(&next, table_id);
    stores_.erase(Key(database, table));
    BOYO_RETURN_IF_ERROR(PublishLocked(std::move(next)));
  }
  const Status removed = fs_.RemoveAll(segment_dir);
  if (!removed.ok()) log::Warn("{}", removed.FullMessage());
  return Status::OK();
}

Status DatabaseImpl::TruncateTable(std::string_view database, std::string_view table) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::shared_ptr<TableStore> store = FindStore(database, table);
  if (!store) return catalog::ResolveTable(*manifest_store_->current(), database, table).status();
  std::vector<SegmentEntry> removed_segments;
  {
    // Every append and flush of this table finishes before the truncate record and none starts
    // until it is published, so rows are cleanly before it (dropped) or after it (kept).
    auto exclusive = store->ExclusiveGuard();
    std::lock_guard<std::mutex> lock(catalog_mutex_);
    Manifest next = *manifest_store_->current();
    BOYO_ASSIGN_OR_RETURN(const TableEntry* entry, catalog::ResolveTable(next, database, table));
    const uint64_t table_id = entry->table_id;
    if (table_id != store->entry().table_id) {
      return Status::Internal("table \"" + Key(database, table) + "\" changed during TRUNCATE");
    }
    BOYO_ASSIGN_OR_RETURN(const uint64_t lsn, wal_->Append(wal::RecordType::kTruncateTable,
                                                           wal::EncodeTableId(table_id)));
    store->Clear();
    for (TableEntry& t : next.tables) {
      if (t.table_id == table_id) t.replay_from_lsn = lsn + 1;
    }
    for (const SegmentEntry& e : next.entries) {
      if (e.table_id == table_id) removed_segments.push_back(e);
    }
    std::erase_if(next.entries, [&](const SegmentEntry& e) { return e.table_id == table_id; });
    BOYO_RETURN_IF_ERROR(PublishLocked(std::move(next)));
  }
  for (const SegmentEntry& e : removed_segments) {
    std::vector<std::string> paths = {storage::SegmentPath(store->segment_dir(), e.segment_id),
                                      storage::IndexPath(store->segment_dir(), e.segment_id)};
    if (e.delete_file) paths.push_back(JoinPath(store->segment_dir(), *e.delete_file));
    for (const std::string& path : paths) {
      const Status removed = fs_.RemoveFile(path);
      if (!removed.ok()) log::Warn("{}", removed.FullMessage());
    }
  }
  return Status::OK();
}

Result<std::vector<std::string>> DatabaseImpl::ListTables(std::string_view database) const {
  const std::shared_ptr<const Manifest> manifest = manifest_store_->current();
  BOYO_RETURN_IF_ERROR(catalog::RequireDatabase(*manifest, database));
  std::vector<std::string> names;
  for (const TableEntry& table : manifest->tables) {
    if (table.database == database) names.push_back(table.table);
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<TableInfo> DatabaseImpl::DescribeTable(std::string_view database,
                                              std::string_view table) const {
  const std::shared_ptr<const Manifest> manifest = manifest_store_->current();
  BOYO_ASSIGN_OR_RETURN(const TableEntry* entry, catalog::ResolveTable(*manifest, database, table));
  TableInfo info;
  info.database = entry->database;
  info.table = entry->table;
  info.table_id = entry->table_id;
  info.schema = entry->schema;
  info.options.codec = entry->compression;
  info.options.sort_key = entry->sort_key;
  info.options.column_defaults = entry->column_defaults;
  info.options.declared_types = entry->declared_types;
  info.options.check_constraints = entry->checks;
  std::shared_ptr<TableStore> store = FindStore(database, table);
  if (store) {
    for (const SegmentEntry& segment : store->segment_entries()) {
      info.segments.push_back(SegmentInfo{
          segment.segment_id, segment.row_count, segment.compressed_bytes,
          segment.uncompressed_bytes, segment.checksum,
          storage::SegmentPath(store->segment_dir(), segment.segment_id), segment.deleted_rows});
      info.total_rows += static_cast<int64_t>(segment.live_rows());
    }
    info.memtable_rows = store->memtable_rows();
    info.total_rows += info.memtable_rows;
  }
  return info;
}

Status ValidateAppendRows(const TableEntry& entry, const columnar::Chunk& rows) {
  const types::Schema& schema = entry.schema;
  if (rows.num_columns() != schema.num_fields()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                  "table \"" + entry.database + "." + entry.table + "\" has " +
                      std::to_string(schema.num_fields()) + " columns but " +
                      std::to_string(rows.num_columns()) + " were supplied");
  }
  for (size_t i = 0; i < schema.num_fields(); ++i) {
    const types::Field& field = schema.field(i);
    const columnar::Array& column = *rows.column(i);
    if (column.type() != field.type()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                    "column \"" + field.name + "\" is of type " + field.type().ToString() +
                        " but the supplied values are of type " + column.type().ToString());
    }
    if (column.length() != rows.num_rows()) {
      return Status::InvalidArgument("column \"" + field.name + "\" has " +
                                     std::to_string(column.length()) + " rows, expected " +
                                     std::to_string(rows.num_rows()));
    }
    if (!field.nullable && column.null_count() > 0) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kNotNullViolation,
                    "null value in column \"" + field.name + "\" of relation \"" + entry.table +
                        "\" violates not-null constraint");
    }
  }
  return CheckNewRows(entry.table, entry.schema, entry.checks, rows);
}

Result<SegmentEntry> DatabaseImpl::WriteSegmentFor(const TableStore& store,
                                                   const columnar::Chunk& rows) {
  const TableEntry& table = store.entry();
  storage::SegmentWriteOptions options;
  options.codec = table.compression;
  options.batch_rows = options_.segment_batch_rows;
  for (const std::string& column : table.sort_key) {
    options.sort_key_columns.push_back(table.schema.FieldIndex(column));
  }
  // Bloom filters are built for the columns of the table's bloom indexes only.
  options.bloom_filter_columns.emplace();
  for (const storage::IndexEntry& index : manifest_store_->current()->indexes) {
    if (index.database != table.database || index.table != table.table || index.method != "bloom") {
      continue;
    }
    for (const std::string& column : index.columns) {
      const int position = table.schema.FieldIndex(column);
      if (position >= 0) options.bloom_filter_columns->push_back(position);
    }
  }
  const uint64_t segment_id = next_segment_id_.fetch_add(1);
  BOYO_RETURN_IF_ERROR(fs_.CreateDirs(store.segment_dir()));
  // Segments name their columns by storage name (see TableEntry::storage_names).
  const columnar::Chunk stored(store.storage_schema(), rows.columns(), rows.num_rows());
  BOYO_ASSIGN_OR_RETURN(
      const storage::SegmentFileInfo info,
      storage::WriteSegment(fs_, store.segment_dir(), segment_id, stored, options));
  SegmentEntry entry;
  entry.segment_id = segment_id;
  entry.database = table.database;
  entry.table = table.table;
  entry.table_id = table.table_id;
  entry.row_count = info.row_count;
  entry.compressed_bytes = info.compressed_bytes;
  entry.uncompressed_bytes = info.uncompressed_bytes;
  entry.watermark_micros = NowMicros();
  entry.min_event_time = info.min_event_time;
  entry.max_event_time = info.max_event_time;
  entry.bloom_filter = std::to_string(segment_id) + ".idx";
  entry.checksum = info.checksum;
  return entry;
}

Status DatabaseImpl::Append(std::string_view database, std::string_view table,
                            const columnar::Chunk& rows) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::shared_ptr<TableStore> store = FindStore(database, table);
  if (!store) return catalog::ResolveTable(*manifest_store_->current(), database, table).status();
  const uint64_t table_id = store->entry().table_id;
  while (true) {
    Result<bool> appended = TryAppend(store, rows);
    if (!appended.ok()) return appended.status();
    if (*appended) return Status::OK();
    // ALTER TABLE replaced the table's store meanwhile (maybe under a new name): check the
    // rows against the new one.
    store = FindStoreById(table_id);
    if (!store) return catalog::ResolveTable(*manifest_store_->current(), database, table).status();
  }
}

Result<bool> DatabaseImpl::TryAppend(const std::shared_ptr<TableStore>& store,
                                     const columnar::Chunk& rows) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  BOYO_RETURN_IF_ERROR(ValidateAppendRows(store->entry(), rows));
  if (rows.num_rows() == 0) return true;
  // The chunk is stored under the table's own schema (names and nullability), whatever the
  // caller's chunk called its columns.
  const columnar::Chunk owned(store->schema(), rows.columns(), rows.num_rows());

  if (rows.num_rows() >= options_.direct_segment_rows) {
    // Bulk path: the rows become a segment at once, named by one AddSegment record.
    BOYO_ASSIGN_OR_RETURN(SegmentEntry entry, WriteSegmentFor(*store, owned));
    bool logged = false;
    BOYO_RETURN_IF_ERROR(PublishSegments(store->entry().database, store->entry().table, store,
                                         {std::move(entry)}, &logged));
    return true;
  }

  BOYO_ASSIGN_OR_RETURN(std::string payload, wal::EncodeIngest(store->entry().table_id, owned));
  {
    auto guard = store->AppendGuard();
    if (store->retired()) return false;
    const uint64_t bound = RegisterInFlight();
    Result<uint64_t> lsn = wal_->Append(wal::RecordType::kIngest, payload);
    if (lsn.ok()) store->InsertIntoMemtable(*lsn, owned);
    UnregisterInFlight(bound);
    BOYO_RETURN_IF_ERROR(lsn);
  }
  // The rows are acknowledged now; a failed flush leaves them in the memtable and the WAL.
  const Status flushed = MaybeFlush(store);
  if (!flushed.ok()) {
    log::Warn("flushing {}: {}", Key(store->entry().database, store->entry().table),
              flushed.FullMessage());
  }
  return true;
}

Status DatabaseImpl::PublishSegments(std::string_view database, std::string_view table,
                                     std::shared_ptr<TableStore> store,
                                     std::vector<SegmentEntry> entries, bool* logged) {
  *logged = false;
  if (entries.empty()) return Status::OK();
  const uint64_t table_id = entries.front().table_id;
  // The segments are durable before the WAL names them, so replay can re-add them. The append
  // guard is held until the manifest lists them, so no flush or truncate of this table moves
  // the table's replay point past the record meanwhile.
  const std::vector<storage::CheckConstraint> checked = store->entry().checks;
  auto guard = store->AppendGuard();
  // A segment of the old layout stays readable after ALTER TABLE (scans map columns by
  // storage name), so it goes to whichever store is current, under whatever name.
  while (store->retired()) {
    guard.unlock();
    store = FindStoreById(table_id);
    if (!store) return catalog::ResolveTable(*manifest_store_->current(), database, table).status();
    guard = store->AppendGuard();
  }
  // The rows were checked against the constraints the table had when they were validated;
  // one added since has not seen them (ADD CONSTRAINT checks only the rows published).
  for (const storage::CheckConstraint& check : store->entry().checks) {
    if (std::find(checked.begin(), checked.end(), check) == checked.end()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kObjectNotInPrerequisiteState,
                    "check constraint \"" + check.name + "\" was added to relation \"" +
                        store->entry().table + "\" while rows were being loaded; load them again");
    }
  }
  const uint64_t bound = RegisterInFlight();
  Result<uint64_t> lsn =
      entries.size() == 1
          ? wal_->Append(wal::RecordType::kAddSegment, wal::EncodeAddSegment(entries.front()))
          : wal_->Append(wal::RecordType::kAddSegments, wal::EncodeAddSegments(entries));
  if (!lsn.ok()) {
    UnregisterInFlight(bound);
    return lsn.error();
  }
  *logged = true;
  Status published;
  {
    std::lock_guard<std::mutex> lock(catalog_mutex_);
    Manifest next = *manifest_store_->current();
    if (next.FindTableById(table_id) == nullptr) {
      // Dropped meanwhile: replay skips the record too (the table is gone by its end), so the
      // segments belong to nothing and the caller may remove them.
      *logged = false;
      published = catalog::ResolveTable(next, database, table).status();
    } else {
      for (SegmentEntry& entry : entries) {
        entry.version_added = next.version + 1;
        next.entries.push_back(entry);
        store->AddSegment(entry);
      }
      published = PublishLocked(std::move(next));
    }
  }
  UnregisterInFlight(bound);
  // The WAL record is durable, so even if publishing failed the rows survive a restart;
  // the error still tells the caller that this process could not record them.
  return published;
}

Status DatabaseImpl::MaybeFlush(const std::shared_ptr<TableStore>& store) {
  if (store->memtable_rows() >= options_.memtable_flush_rows ||
      store->memtable_bytes() >= options_.memtable_flush_bytes) {
    return FlushTable(store);
  }
  return Status::OK();
}

Status DatabaseImpl::FlushTable(const std::shared_ptr<TableStore>& store) {
  std::vector<storage::MemtableChunk> chunks = store->BeginFlush();
  if (chunks.empty()) return Status::OK();
  std::vector<columnar::Chunk> rows;
  uint64_t max_lsn = 0;
  for (const storage::MemtableChunk& chunk : chunks) {
    rows.push_back(chunk.rows);
    max_lsn = std::max(max_lsn, chunk.lsn);
  }
  const columnar::Chunk all = columnar::ConcatenateChunks(store->schema(), rows);
  Result<SegmentEntry> written = WriteSegmentFor(*store, all);
  if (!written.ok()) {
    store->AbortFlush();
    return written.error();
  }
  SegmentEntry entry = std::move(written).value();
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  Manifest next = *manifest_store_->current();
  TableEntry* table = nullptr;
  for (TableEntry& t : next.tables) {
    if (t.table_id == entry.table_id) table = &t;
  }
  if (table == nullptr) return Status::OK();  // dropped meanwhile; the file is an orphan
  table->replay_from_lsn = std::max(table->replay_from_lsn, max_lsn + 1);
  entry.version_added = next.version + 1;
  next.entries.push_back(entry);
  // The rows move from memtable to segment before the checkpoint is computed, so the new
  // checkpoint may pass their WAL records.
  store->FinishFlush(entry);
  const Status published = PublishLocked(std::move(next));
  if (!published.ok()) {
    // The segment is visible in memory but not in the manifest; its rows are still in the WAL
    // (the checkpoint did not move), so a restart replays them and drops the orphan file.
    return published;
  }
  return Status::OK();
}

Status DatabaseImpl::Flush() {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  for (const auto& store : AllStores()) BOYO_RETURN_IF_ERROR(FlushTable(store));
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  return PublishLocked(*manifest_store_->current());
}

void DatabaseImpl::RunFlusher() {
  const auto period =
      std::chrono::milliseconds(std::max<int64_t>(options_.memtable_flush_age_ms / 4, 10));
  std::unique_lock<std::mutex> lock(flusher_mutex_);
  while (!stopping_) {
    flusher_wake_.wait_for(lock, period, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    for (const auto& store : AllStores()) {
      if (store->memtable_age().count() >= options_.memtable_flush_age_ms) {
        const Status flushed = FlushTable(store);
        if (!flushed.ok()) log::Warn("background flush: {}", flushed.FullMessage());
      }
    }
    lock.lock();
  }
}

IntegrityReport DatabaseImpl::Verify() const {
  IntegrityReport report;
  const std::shared_ptr<const Manifest> manifest = manifest_store_->current();
  for (const SegmentEntry& entry : manifest->entries) {
    const TableEntry* table = manifest->FindTableById(entry.table_id);
    if (table == nullptr) continue;
    const std::string dir = SegmentDir(*table);
    Result<std::shared_ptr<const storage::SegmentReader>> reader =
        storage::SegmentReader::Open(fs_, dir, entry.segment_id);
    Status status = reader.status();
    if (status.ok()) status = (*reader)->VerifyFile();
    if (status.ok() && (*reader)->file_checksum() != entry.checksum) {
      status = Status::Corruption("segment \"" + storage::SegmentPath(dir, entry.segment_id) +
                                  "\" has checksum " + std::to_string((*reader)->file_checksum()) +
                                  " but the manifest records " + std::to_string(entry.checksum));
    }
    if (status.ok() && entry.delete_file) {
      Result<std::shared_ptr<const storage::RowBitmap>> deleted =
          storage::ReadDeleteFile(fs_, JoinPath(dir, *entry.delete_file), entry.row_count);
      status = deleted.status();
      if (status.ok() && (*deleted)->cardinality() != entry.deleted_rows) {
        status = Status::Corruption("delete file \"" + JoinPath(dir, *entry.delete_file) +
                                    "\" lists " + std::to_string((*deleted)->cardinality()) +
                                    " rows but the manifest records " +
                                    std::to_string(entry.deleted_rows));
      }
    }
    if (!status.ok()) report.problems.push_back(std::move(status));
  }
  return report;
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& dir, DatabaseOptions options) {
  BOYO_RETURN_IF_ERROR(options.Validate());
  FileSystem& fs = options.file_system != nullptr ? *options.file_system : *DefaultFileSystem();
  auto database = std::make_unique<DatabaseImpl>(fs, dir, std::move(options));
  BOYO_RETURN_IF_ERROR(database->OpenAndRecover());
  // Temporary objects belong to sessions, and no session outlives the process that opened
  // the directory; these are what a crash or a kill left.
  for (const std::string& name : database->ListDatabases()) {
    if (IsTempDatabaseName(name)) BOYO_RETURN_IF_ERROR(database->DropDatabase(name, true));
  }
  return std::unique_ptr<Database>(std::move(database));
}

bool IsTempDatabaseName(std::string_view name) {
  if (!name.starts_with(kTempDatabasePrefix) || name.size() == kTempDatabasePrefix.size()) {
    return false;
  }
  for (const char c : name.substr(kTempDatabasePrefix.size())) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Result<columnar::Chunk> ReadAll(TableScan& scan) {
  std::vector<columnar::Chunk> chunks;
  while (true) {
    BOYO_ASSIGN_OR_RETURN(std::optional<columnar::Chunk> chunk, scan.Next());
    if (!chunk) break;
    chunks.push_back(std::move(*chunk));
  }
  return columnar::ConcatenateChunks(scan.schema(), chunks);
}

}  // namespace boyodb::engine
