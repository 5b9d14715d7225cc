// TableStore: one table's data in memory and on disk: the memtable (recent rows, still only in
// the WAL) and the list of segments, with consistent snapshots for scans. The engine drives
// flushes; this class keeps the bookkeeping that makes a flush atomic for readers.
// Thread safety: thread-safe. Appends hold AppendGuard; flushes swap the memtable out under the
// exclusive side of the same lock, so every row with an assigned LSN is in exactly one place.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "columnar/chunk.h"
#include "common/file_system.h"
#include "storage/manifest/manifest.h"
#include "storage/segment/segment_reader.h"

namespace boyodb::storage {

/// A batch of rows in the memtable and the LSN of the WAL record that holds them.
struct MemtableChunk {
  uint64_t lsn = 0;
  columnar::Chunk rows;
};

/// A segment as a scan sees it: its manifest entry and a lazily opened reader.
class SegmentHandle {
 public:
  SegmentHandle(FileSystem& fs, std::string dir, SegmentEntry entry)
      : fs_(fs), dir_(std::move(dir)), entry_(std::move(entry)) {}
  const SegmentEntry& entry() const { return entry_; }
  const std::string& dir() const { return dir_; }
  /// Opens the segment the first time (checking its metadata CRCs); later calls share it.
  Result<std::shared_ptr<const SegmentReader>> Reader() const;

 private:
  FileSystem& fs_;
  const std::string dir_;
  const SegmentEntry entry_;
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const SegmentReader> reader_;
};

/// What a scan reads: fixed at the moment it was taken.
struct TableSnapshot {
  std::vector<std::shared_ptr<const SegmentHandle>> segments;
  std::vector<columnar::Chunk> memtable;
};

class TableStore {
 public:
  /// `segment_dir` is DATA/segments/<db>/<table>; `segments` are the table's manifest entries.
  TableStore(FileSystem& fs, TableEntry entry, std::string segment_dir,
             const std::vector<SegmentEntry>& segments);

  const TableEntry& entry() const { return entry_; }
  const std::string& segment_dir() const { return segment_dir_; }
  const columnar::SchemaPtr& schema() const { return schema_; }

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
  const columnar::SchemaPtr schema_;

  std::shared_mutex append_mutex_;
  mutable std::mutex mutex_;  // guards everything below
  std::vector<std::shared_ptr<const SegmentHandle>> segments_;
  std::vector<MemtableChunk> active_;
  std::vector<MemtableChunk> flushing_;
  int64_t active_rows_ = 0;
  int64_t active_bytes_ = 0;
  std::chrono::steady_clock::time_point oldest_insert_;
};

}  // namespace boyodb::storage
