// TableStore: one table's data in memory and on disk: the memtable (recent rows, still only in
// the WAL) and the list of segments, with consistent snapshots for scans. The engine drives
// flushes; this class keeps the bookkeeping that makes a flush atomic for readers.
// Thread safety: thread-safe. Appends hold AppendGuard; flushes swap the memtable out under the
// exclusive side of the same lock, so every row with an assigned LSN is in exactly one place.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "columnar/chunk.h"
#include "common/file_system.h"
#include "storage/manifest/manifest.h"
#include "storage/segment/column_cache.h"
#include "storage/segment/segment_reader.h"
#include "storage/table/delete_file.h"

namespace boyodb::storage {

/// A batch of rows in the memtable and the LSN of the WAL record that holds them.
struct MemtableChunk {
  uint64_t lsn = 0;
  columnar::Chunk rows;
};

/// A segment as a scan sees it: its manifest entry, a lazily opened reader and the lazily loaded
/// bitmap of its deleted rows. A mutation replaces the handle (same segment, new delete file)
/// and hands the open reader and the new bitmap to the new one.
class SegmentHandle {
 public:
  /// `cache` (may be null) is where the reader keeps decoded columns.
  SegmentHandle(FileSystem& fs, std::string dir, SegmentEntry entry, ColumnCache* cache,
                std::shared_ptr<const SegmentReader> reader = nullptr,
                std::shared_ptr<const RowBitmap> deleted = nullptr)
      : fs_(fs),
        dir_(std::move(dir)),
        entry_(std::move(entry)),
        cache_(cache),
        reader_(std::move(reader)),
        deleted_(std::move(deleted)) {}
  const SegmentEntry& entry() const { return entry_; }
  const std::string& dir() const { return dir_; }
  /// Opens the segment the first time (checking its metadata CRCs); later calls share it.
  Result<std::shared_ptr<const SegmentReader>> Reader() const;
  /// The deleted rows, read the first time; null when the segment has no delete file.
  Result<std::shared_ptr<const RowBitmap>> DeletedRows() const;
  /// The reader if it is open already, else null.
  std::shared_ptr<const SegmentReader> OpenedReader() const;

 private:
  FileSystem& fs_;
  const std::string dir_;
  const SegmentEntry entry_;
  ColumnCache* const cache_;
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const SegmentReader> reader_;
  mutable std::shared_ptr<const RowBitmap> deleted_;
};

/// What a scan reads: fixed at the moment it was taken.
struct TableSnapshot {
  std::vector<std::shared_ptr<const SegmentHandle>> segments;
  std::vector<columnar::Chunk> memtable;
};

class TableStore {
 public:
  /// `segment_dir` is DATA/segments/<db>/<table>; `segments` are the table's manifest entries;
  /// `cache` (may be null; must outlive the store) keeps decoded columns of its segments.
  TableStore(FileSystem& fs, TableEntry entry, std::string segment_dir,
             const std::vector<SegmentEntry>& segments, ColumnCache* cache);

  const TableEntry& entry() const { return entry_; }
  const std::string& segment_dir() const { return segment_dir_; }
  const columnar::SchemaPtr& schema() const { return schema_; }
  /// The schema new segments are written with (TableEntry::StorageSchema).
  const columnar::SchemaPtr& storage_schema() const { return storage_schema_; }

  /// A store for the same table after ALTER TABLE: `entry` is the altered entry, the segments
  /// are shared, the memtable starts empty (ALTER TABLE writes its rows to a segment).
  /// Requires: the caller holds ExclusiveGuard and no flush is running.
  std::shared_ptr<TableStore> Altered(TableEntry entry) const;
  /// A store for the same table and rows under a changed entry that lays rows out as before
  /// (RENAME TABLE): the segments are shared and the memtable is copied, so the retired
  /// store's rows carry over. Requires: the caller holds ExclusiveGuard and no flush is
  /// running.
  std::shared_ptr<TableStore> Renamed(TableEntry entry) const;
  /// Marks a store that ALTER TABLE replaced and forgets its memtable (which the new store
  /// holds now): an append that finds it retired once it holds AppendGuard looks the table up
  /// again, and a flush of it finds nothing to write. Requires: the caller holds
  /// ExclusiveGuard.
  void Retire();
  bool retired() const { return retired_.load(); }

  /// Held by an append from before its WAL record is written until its rows are inserted (or
  /// its segment published). Lock order: this guard before the engine's catalog mutex.
  std::shared_lock<std::shared_mutex> AppendGuard() { return std::shared_lock(append_mutex_); }
  /// Excludes appends and flushes (TRUNCATE, DROP).
  std::unique_lock<std::shared_mutex> ExclusiveGuard() { return std::unique_lock(append_mutex_); }
  /// Requires: the caller holds AppendGuard.
  void InsertIntoMemtable(uint64_t lsn, columnar::Chunk rows);
  /// Adds a segment that was written directly (bulk append or flush).
  void AddSegment(const SegmentEntry& entry);

  /// Moves the memtable aside for a flush and returns its rows; empty when there is nothing to
  /// flush or another flush is running. The rows stay visible to scans until FinishFlush.
  std::vector<MemtableChunk> BeginFlush();
  /// Publishes the flushed rows as `segment` (already in the manifest) and drops them from
  /// memory.
  void FinishFlush(const SegmentEntry& segment);
  /// Puts the rows of a failed flush back in front of the memtable.
  void AbortFlush();
  /// Drops everything (TRUNCATE). Requires: the caller holds ExclusiveGuard.
  void Clear();

  /// Held for the whole of an UPDATE or DELETE (or of a transaction block's changes to the
  /// table), so one mutation of the table runs at a time (appends and scans go on meanwhile).
  std::unique_lock<std::timed_mutex> MutationGuard() { return std::unique_lock(mutation_mutex_); }
  /// MutationGuard, waiting at most `wait`; not owning the lock when that ran out.
  std::unique_lock<std::timed_mutex> MutationGuardWithin(std::chrono::milliseconds wait) {
    return std::unique_lock(mutation_mutex_, wait);
  }
  /// Publishes a mutation: `replaced` take the place of the handles with their segment ids,
  /// segments `removed` go, and `added` (if any) is appended.
  void ApplyMutation(const std::vector<std::shared_ptr<const SegmentHandle>>& replaced,
                     const std::vector<uint64_t>& removed,
                     const std::optional<SegmentEntry>& added);
  /// Makes a handle for an entry of this table.
  std::shared_ptr<const SegmentHandle> MakeHandle(
      const SegmentEntry& entry, std::shared_ptr<const SegmentReader> reader = nullptr,
      std::shared_ptr<const RowBitmap> deleted = nullptr) const;

  /// True while a flush has taken rows out of the memtable and not yet published them.
  bool flush_running() const;
  /// The lowest LSN still only in memory, or 0 when every row is in segments.
  uint64_t OldestUnflushedLsn() const;
  int64_t memtable_rows() const;
  int64_t memtable_bytes() const;
  /// Age of the oldest memtable row; zero when empty.
  std::chrono::milliseconds memtable_age() const;

  std::shared_ptr<const TableSnapshot> Snapshot() const;
  std::vector<SegmentEntry> segment_entries() const;

 private:
  FileSystem& fs_;
  const TableEntry entry_;
  const std::string segment_dir_;
  ColumnCache* const cache_;
  const columnar::SchemaPtr schema_;
  const columnar::SchemaPtr storage_schema_;
  std::atomic<bool> retired_{false};

  std::shared_mutex append_mutex_;
  std::timed_mutex mutation_mutex_;
  mutable std::mutex mutex_;  // guards everything below
  std::vector<std::shared_ptr<const SegmentHandle>> segments_;
  std::vector<MemtableChunk> active_;
  std::vector<MemtableChunk> flushing_;
  int64_t active_rows_ = 0;
  int64_t active_bytes_ = 0;
  std::chrono::steady_clock::time_point oldest_insert_;
};

}  // namespace boyodb::storage
