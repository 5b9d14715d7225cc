// DatabaseImpl: the Database of database.h. Owns the manifest store, the WAL and one TableStore
// per table, and runs the ingest path of ARCHITECTURE.md section 3: validate -> WAL append ->
// memtable -> flush to a segment -> manifest version -> WAL checkpoint.
// Thread safety: thread-safe. catalog_mutex_ serializes DDL, flushes' manifest publication and
// checkpointing; appends to different tables proceed in parallel and share WAL group commits.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "engine/database.h"
#include "storage/manifest/manifest.h"
#include "storage/table/table_store.h"
#include "storage/wal/wal.h"

namespace boyodb::engine {

/// Checks that `rows` fit the table: column count and types, NOT NULL (23502).
Status ValidateAppendRows(const storage::TableEntry& entry, const columnar::Chunk& rows);

/// A scan of `snapshot` of `store`'s table (Database::Scan and mutations).
Result<std::unique_ptr<TableScan>> ScanSnapshot(
    const storage::TableStore& store, std::shared_ptr<const storage::TableSnapshot> snapshot,
    const ScanSpec& spec);

class DatabaseImpl final : public Database {
 public:
  DatabaseImpl(FileSystem& fs, std::string dir, DatabaseOptions options);
  ~DatabaseImpl() override;

  /// Loads the manifest, replays the WAL, removes orphan files, starts the flusher.
  Status OpenAndRecover();

  Status Close() override;
  Status CreateDatabase(std::string_view name, bool if_not_exists) override;
  Status DropDatabase(std::string_view name, bool if_exists) override;
  std::vector<std::string> ListDatabases() const override;
  Status CreateTable(std::string_view database, std::string_view table, const types::Schema& schema,
                     const TableOptions& options, bool if_not_exists) override;
  Status DropTable(std::string_view database, std::string_view table, bool if_exists) override;
  Status TruncateTable(std::string_view database, std::string_view table) override;
  Status AlterTable(std::string_view database, std::string_view table,
                    const ColumnChange& change) override;
  Status RenameTable(std::string_view database, std::string_view table,
                     std::string_view new_name) override;
  Result<std::vector<std::string>> ListTables(std::string_view database) const override;
  std::optional<double> EstimateDistinctValues(std::string_view database, std::string_view table,
                                               std::string_view column) const override;
  std::optional<std::pair<types::Value, types::Value>> ColumnValueRange(
      std::string_view database, std::string_view table, std::string_view column) const override;
  Result<TableInfo> DescribeTable(std::string_view database, std::string_view table) const override;
  Status CreateView(const ViewInfo& view, bool or_replace) override;
  Status CreateSequence(const SequenceInfo& sequence, bool if_not_exists) override;
  Status CreateUser(const UserInfo& user) override;
  Status ReplaceUser(const UserInfo& user) override;
  Status DropUser(std::string_view name, bool if_exists) override;
  std::optional<UserInfo> FindUser(std::string_view name) const override;
  std::vector<UserInfo> ListUsers() const override;
  Status DropSequence(std::string_view database, std::string_view name, bool if_exists) override;
  Result<std::vector<int64_t>> NextSequenceValues(std::string_view database, std::string_view name,
                                                  int64_t count) override;
  Status SetSequenceValue(std::string_view database, std::string_view name, int64_t value,
                          bool called) override;
  Status AlterSequence(
      std::string_view database, std::string_view name,
      const std::function<Result<SequenceAlteration>(const SequenceInfo& current)>& alter) override;
  std::optional<SequenceInfo> FindSequence(std::string_view database,
                                           std::string_view name) const override;
  Status DropView(std::string_view database, std::string_view name, bool if_exists) override;
  Result<std::optional<ViewInfo>> FindView(std::string_view database,
                                           std::string_view name) const override;
  Result<std::vector<ViewInfo>> ListViews(std::string_view database) const override;
  Result<std::vector<SequenceInfo>> ListSequences(std::string_view database) const override;
  Status CreateIndex(const IndexInfo& index, bool if_not_exists) override;
  Status DropIndex(std::string_view database, std::string_view name, bool if_exists) override;
  std::vector<IndexInfo> ListIndexes(std::string_view database,
                                     std::string_view table) const override;
  Status Append(std::string_view database, std::string_view table,
                const columnar::Chunk& rows) override;
  Result<std::unique_ptr<BulkAppend>> BeginBulkAppend(std::string_view database,
                                                      std::string_view table) override;
  Result<std::unique_ptr<TableScan>> Scan(std::string_view database, std::string_view table,
                                          const ScanSpec& spec) const override;
  Result<std::optional<storage::TableSummary>> Summarize(
      std::string_view database, std::string_view table,
      const std::vector<std::string>& columns) const override;
  Result<std::unique_ptr<TableMutation>> BeginMutation(
      std::string_view database, std::string_view table,
      std::optional<std::chrono::milliseconds> max_wait = std::nullopt) override;
  Status Flush() override;
  IntegrityReport Verify() const override;
  const IntegrityReport& open_report() const override { return open_report_; }
  const std::string& dir() const override { return dir_; }

 private:
  // Replays WAL records after the checkpoint into `manifest` and the memtables (recovery.cc).
  Status ReplayWal(storage::Manifest* manifest,
                   std::map<uint64_t, std::vector<storage::MemtableChunk>>* memtables);
  // Deletes segment files and directories that no manifest entry names (recovery.cc).
  Status RemoveOrphanFiles(const storage::Manifest& manifest);

  /// DATA/segments/<database>/<the table's directory name> (TableEntry::SegmentDirName).
  std::string SegmentDir(const storage::TableEntry& table) const;
  std::shared_ptr<storage::TableStore> FindStore(std::string_view database,
                                                 std::string_view table) const;
  /// The current store of the table with this id (after a RENAME the name has changed), or
  /// null when it was dropped.
  std::shared_ptr<storage::TableStore> FindStoreById(uint64_t table_id) const;
  std::vector<std::shared_ptr<storage::TableStore>> AllStores() const;
  Status CheckOpen() const;

  // Writes `rows` as a new segment of `store` and returns its entry (not yet in the manifest).
  Result<storage::SegmentEntry> WriteSegmentFor(const storage::TableStore& store,
                                                const columnar::Chunk& rows);
  // Publishes manifest `next` (version bumped here) with a fresh checkpoint, then removes WAL
  // files before it. Requires: catalog_mutex_ held.
  Status PublishLocked(storage::Manifest next);
  uint64_t ComputeCheckpointLocked() const;
  Status FlushTable(const std::shared_ptr<storage::TableStore>& store);
  /// The table's snapshot with every row in a segment (flushing the memtable first), for a
  /// mutation that holds the table's MutationGuard.
  Result<std::shared_ptr<const storage::TableSnapshot>> SettledSnapshot(
      const std::shared_ptr<storage::TableStore>& store);
  // Applies a mutation of `store` (table_mutation.cc): writes its delete files and WAL record
  // and publishes the new manifest.
  friend class TableMutationImpl;
  // Names `entries`, segments written for `store`'s table, in one WAL record (AddSegment or
  // AddSegments) and lists them in one manifest version; a store that ALTER TABLE retired
  // meanwhile is replaced by the table's current one. `*logged` tells whether the files now
  // belong to the table: once the WAL record is written they do, even if publishing fails,
  // unless the table was found dropped (then replay skips the record as well).
  Status PublishSegments(std::string_view database, std::string_view table,
                         std::shared_ptr<storage::TableStore> store,
                         std::vector<storage::SegmentEntry> entries, bool* logged);
  // Bulk loads (bulk_append.cc) write segments and publish them.
  friend class BulkAppendImpl;
  // One attempt of Append to `store`: false when ALTER TABLE replaced it meanwhile.
  Result<bool> TryAppend(const std::shared_ptr<storage::TableStore>& store,
                         const columnar::Chunk& rows);
  Status MaybeFlush(const std::shared_ptr<storage::TableStore>& store);
  void RunFlusher();

  // In-flight appends: lower bounds of LSNs that are assigned but maybe not yet in a memtable,
  // so a checkpoint never passes them.
  uint64_t RegisterInFlight();
  void UnregisterInFlight(uint64_t bound);

  FileSystem& fs_;
  const std::string dir_;
  const DatabaseOptions options_;
  // Declared before the table stores, whose segment readers use it until they close.
  std::unique_ptr<storage::ColumnCache> column_cache_;
  std::unique_ptr<storage::ManifestStore> manifest_store_;
  std::unique_ptr<storage::wal::Wal> wal_;
  IntegrityReport open_report_;

  mutable std::mutex catalog_mutex_;
  // Where each sequence's nextval has got to ("database.name"): the last value handed out, and
  // whether any was. The manifest holds only the bound logged ahead; guarded by catalog_mutex_.
  struct SequencePosition {
    int64_t last = 0;
    bool called = false;
    // How many values after `last` the manifest's bound covers: nextval logs a new bound
    // only when a call needs more.
    int64_t logged_ahead = 0;
  };
  // The sequence's position: where nextval has got to, or the logged bound after a restart.
  // Requires: catalog_mutex_ held.
  SequencePosition& PositionLocked(const storage::SequenceEntry& sequence);
  std::map<std::string, SequencePosition> sequence_positions_;
  // On a clean close: each sequence's bound becomes the last value handed out, so a restart
  // goes on without the gap that values logged ahead leave after a crash.
  Status RecordSequencePositions();
  // Table stores by "database.table"; guarded by catalog_mutex_.
  std::map<std::string, std::shared_ptr<storage::TableStore>> stores_;
  std::atomic<uint64_t> next_segment_id_{1};

  std::mutex in_flight_mutex_;
  std::multiset<uint64_t> in_flight_;

  std::mutex flusher_mutex_;
  std::condition_variable flusher_wake_;
  bool stopping_ = false;
  std::thread flusher_;
  std::atomic<bool> closed_{false};
};

}  // namespace boyodb::engine
