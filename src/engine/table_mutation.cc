// UPDATE and DELETE at the storage level (ARCHITECTURE.md section 3): rows are never rewritten
// in place; a mutation marks them in per-segment delete bitmaps and, for UPDATE, appends the new
// row versions as a segment. One WAL record and one manifest version make it atomic.
#include <chrono>
#include <map>
#include <thread>

#include "catalog/catalog.h"
#include "common/logging.h"
#include "common/sqlstate.h"
#include "engine/database_impl.h"
#include "storage/segment/segment_writer.h"
#include "storage/wal/payload_codec.h"

namespace boyodb::engine {

using storage::Manifest;
using storage::RowBitmap;
using storage::SegmentEntry;
using storage::SegmentHandle;
using storage::TableStore;
namespace wal = storage::wal;

class TableMutationImpl final : public TableMutation {
 public:
  TableMutationImpl(DatabaseImpl& database, std::shared_ptr<TableStore> store,
                    std::unique_lock<std::timed_mutex> guard,
                    std::shared_ptr<const storage::TableSnapshot> snapshot)
      : database_(database),
        store_(std::move(store)),
        guard_(std::move(guard)),
        snapshot_(std::move(snapshot)) {}

  Result<std::unique_ptr<TableScan>> Scan(const ScanSpec& spec) const override {
    BOYO_RETURN_IF_ERROR(database_.CheckOpen());
    return ScanSnapshot(*store_, snapshot_, spec);
  }

  Status Refresh() override {
    BOYO_RETURN_IF_ERROR(database_.CheckOpen());
    if (committed_) return Status::Internal("a committed table mutation was refreshed");
    BOYO_ASSIGN_OR_RETURN(snapshot_, database_.SettledSnapshot(store_));
    return Status::OK();
  }

  Result<int64_t> Commit(const std::vector<int64_t>& row_ids,
                         const columnar::Chunk* inserted) override {
    BOYO_RETURN_IF_ERROR(database_.CheckOpen());
    if (committed_) return Status::Internal("a table mutation was committed twice");
    committed_ = true;
    const bool inserts = inserted != nullptr && inserted->num_rows() > 0;
    if (row_ids.empty() && !inserts) return int64_t{0};

    // The new deleted-row bitmap of every segment the ids touch.
    std::map<uint64_t, RowBitmap> added_deletes;
    for (const int64_t id : row_ids) added_deletes[RowIdSegment(id)].add(RowIdPosition(id));
    wal::DeleteRowsPayload payload;
    payload.table_id = store_->entry().table_id;
    std::vector<std::shared_ptr<const SegmentHandle>> replaced;
    std::vector<std::string> written_files;
    std::vector<SegmentEntry> dropped;  // old entries of changed and removed segments
    int64_t deleted = 0;
    for (auto& [segment_id, rows] : added_deletes) {
      const std::shared_ptr<const SegmentHandle> handle = FindHandle(segment_id);
      if (handle == nullptr) {
        return Status::Internal("row id names segment " + std::to_string(segment_id) +
                                ", which the mutation's snapshot does not have");
      }
      const SegmentEntry& entry = handle->entry();
      BOYO_ASSIGN_OR_RETURN(std::shared_ptr<const RowBitmap> before, handle->DeletedRows());
      if (!rows.isEmpty() && rows.maximum() >= entry.row_count) {
        return Status::Internal("row id past the end of segment " + std::to_string(segment_id));
      }
      auto after = std::make_shared<RowBitmap>(std::move(rows));
      if (before) *after |= *before;
      const uint64_t count = after->cardinality();
      deleted += static_cast<int64_t>(count - entry.deleted_rows);
      if (count == entry.deleted_rows) continue;
      dropped.push_back(entry);
      if (count == entry.row_count) {
        payload.removed.push_back(segment_id);
        continue;
      }
      after->runOptimize();
      SegmentEntry next = entry;
      next.delete_file =
          storage::DeleteFileName(segment_id, database_.next_segment_id_.fetch_add(1));
      next.deleted_rows = count;
      const std::string path = JoinPath(store_->segment_dir(), *next.delete_file);
      written_files.push_back(path);
      Status status = storage::WriteDeleteFile(database_.fs_, path, *after);
      if (!status.ok()) return Abandon(written_files, std::move(status));
      payload.changed.push_back({segment_id, *next.delete_file, count});
      replaced.push_back(store_->MakeHandle(next, handle->OpenedReader(), std::move(after)));
    }
    if (inserts) {
      BOYO_RETURN_IF_ERROR(ValidateAppendRows(store_->entry(), *inserted));
      const columnar::Chunk owned(store_->schema(), inserted->columns(), inserted->num_rows());
      Result<SegmentEntry> segment = database_.WriteSegmentFor(*store_, owned);
      if (!segment.ok()) return Abandon(written_files, segment.status());
      written_files.push_back(storage::SegmentPath(store_->segment_dir(), segment->segment_id));
      written_files.push_back(storage::IndexPath(store_->segment_dir(), segment->segment_id));
      payload.added = std::move(segment).value();
    }
    if (payload.changed.empty() && payload.removed.empty() && !payload.added) return deleted;
    // The delete files' directory entries are durable before the WAL record names them.
    Status synced = database_.fs_.SyncDir(store_->segment_dir());
    if (!synced.ok()) return Abandon(written_files, std::move(synced));

    // Holding the append guard keeps flushes of this table from moving its replay point past
    // the record before the manifest lists the change (as the bulk append path does).
    auto append_guard = store_->AppendGuard();
    const uint64_t bound = database_.RegisterInFlight();
    Result<uint64_t> lsn =
        database_.wal_->Append(wal::RecordType::kDeleteRows, wal::EncodeDeleteRows(payload));
    if (!lsn.ok()) {
      database_.UnregisterInFlight(bound);
      return Abandon(written_files, lsn.status());
    }
    Status published = Publish(payload, *lsn, replaced);
    database_.UnregisterInFlight(bound);
    // Once the WAL record is durable the change survives a restart even when publishing
    // failed; the error still tells the caller that this process could not apply it.
    BOYO_RETURN_IF_ERROR(published);
    RemoveReplacedFiles(dropped, payload);
    return deleted;
  }

 private:
  std::shared_ptr<const SegmentHandle> FindHandle(uint64_t segment_id) const {
    for (const auto& handle : snapshot_->segments) {
      if (handle->entry().segment_id == segment_id) return handle;
    }
    return nullptr;
  }

  // Removes files written for a mutation that will not be published.
  Status Abandon(const std::vector<std::string>& files, Status error) {
    for (const std::string& path : files) {
      const Status removed = database_.fs_.RemoveFile(path);
      if (!removed.ok() && removed.code() != StatusCode::kNotFound) {
        log::Warn("{}", removed.FullMessage());
      }
    }
    return error;
  }

  Status Publish(const wal::DeleteRowsPayload& payload, uint64_t lsn,
                 std::vector<std::shared_ptr<const SegmentHandle>> replaced) {
    std::lock_guard<std::mutex> lock(database_.catalog_mutex_);
    Manifest next = *database_.manifest_store_->current();
    const uint64_t table_id = store_->entry().table_id;
    auto find = [&](uint64_t segment_id) -> SegmentEntry* {
      for (SegmentEntry& e : next.entries) {
        if (e.segment_id == segment_id && e.table_id == table_id) return &e;
      }
      return nullptr;
    };
    auto vanished = [&] {
      return Status(StatusCode::kInvalidArgument, sqlstate::kObjectInUse,
                    "table \"" + store_->entry().table +
                        "\" was truncated or dropped while it was being updated");
    };
    if (next.FindTableById(table_id) == nullptr) return vanished();
    for (const auto& changed : payload.changed) {
      SegmentEntry* entry = find(changed.segment_id);
      if (entry == nullptr) return vanished();
      entry->delete_file = changed.delete_file;
      entry->deleted_rows = changed.deleted_rows;
      entry->deletes_lsn = lsn;
    }
    for (const uint64_t segment_id : payload.removed) {
      if (find(segment_id) == nullptr) return vanished();
    }
    std::erase_if(next.entries, [&](const SegmentEntry& e) {
      return std::find(payload.removed.begin(), payload.removed.end(), e.segment_id) !=
             payload.removed.end();
    });
    std::optional<SegmentEntry> added = payload.added;
    if (added) {
      added->version_added = next.version + 1;
      next.entries.push_back(*added);
    }
    BOYO_RETURN_IF_ERROR(database_.PublishLocked(std::move(next)));
    store_->ApplyMutation(replaced, payload.removed, added);
    return Status::OK();
  }

  // After publishing: files of the old versions are no longer named by the manifest. Scans
  // that still hold the old handles already have their bitmaps and readers loaded.
  void RemoveReplacedFiles(const std::vector<SegmentEntry>& dropped,
                           const wal::DeleteRowsPayload& payload) {
    const std::string& dir = store_->segment_dir();
    for (const SegmentEntry& entry : dropped) {
      std::vector<std::string> paths;
      if (entry.delete_file) paths.push_back(JoinPath(dir, *entry.delete_file));
      if (std::find(payload.removed.begin(), payload.removed.end(), entry.segment_id) !=
          payload.removed.end()) {
        paths.push_back(storage::SegmentPath(dir, entry.segment_id));
        paths.push_back(storage::IndexPath(dir, entry.segment_id));
      }
      for (const std::string& path : paths) {
        const Status removed = database_.fs_.RemoveFile(path);
        if (!removed.ok()) log::Warn("{}", removed.FullMessage());
      }
    }
  }

  DatabaseImpl& database_;
  const std::shared_ptr<TableStore> store_;
  std::unique_lock<std::timed_mutex> guard_;
  std::shared_ptr<const storage::TableSnapshot> snapshot_;
  bool committed_ = false;
};

Result<std::shared_ptr<const storage::TableSnapshot>> DatabaseImpl::SettledSnapshot(
    const std::shared_ptr<TableStore>& store) {
  // Rows in the memtable have no segment position yet; after the flush every row appended
  // before this point has one.
  // A flush already running holds rows that are in neither place yet: wait for it.
  while (true) {
    BOYO_RETURN_IF_ERROR(FlushTable(store));
    if (!store->flush_running()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  auto snapshot = std::make_shared<storage::TableSnapshot>(*store->Snapshot());
  snapshot->memtable.clear();  // rows appended since the flush are not part of the mutation
  return std::shared_ptr<const storage::TableSnapshot>(std::move(snapshot));
}

Result<std::unique_ptr<TableMutation>> DatabaseImpl::BeginMutation(
    std::string_view database, std::string_view table,
    std::optional<std::chrono::milliseconds> max_wait) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::shared_ptr<TableStore> store = FindStore(database, table);
  if (!store) return catalog::ResolveTable(*manifest_store_->current(), database, table).status();
  std::unique_lock<std::timed_mutex> guard =
      max_wait ? store->MutationGuardWithin(*max_wait) : store->MutationGuard();
  if (!guard.owns_lock()) {
    return Status(StatusCode::kCancelled, sqlstate::kLockNotAvailable,
                  "could not obtain lock on relation \"" + std::string(table) +
                      "\": another transaction is changing it");
  }
  BOYO_ASSIGN_OR_RETURN(std::shared_ptr<const storage::TableSnapshot> snapshot,
                        SettledSnapshot(store));
  return std::unique_ptr<TableMutation>(std::make_unique<TableMutationImpl>(
      *this, std::move(store), std::move(guard), std::move(snapshot)));
}

}  // namespace boyodb::engine
