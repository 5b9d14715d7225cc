// Wal: the write-ahead log as a directory of rotated files (DIR/wal-<seq>.log) addressed by LSN,
// with group commit, an fsync policy, replay at startup and removal of checkpointed files.
// Layout in log_format.h and docs/formats/wal.md.
// Thread safety: Append, AppendBatch, Sync, Rotate, RemoveFilesBefore, end_lsn and Close may be
// called from any number of threads at once; Replay must run alone, before the first append.
//
// Failure semantics (the database must never lose an acknowledged record):
// - A failed write of a group (IOError, DiskFull) fails every record in the group; none of them
//   is acknowledged. The WAL cuts the file back to the end of the last good group, so the log
//   stays parseable, and later appends may succeed (e.g. once space is freed).
// - A failed fsync puts the WAL into a sticky failed state: that group and every later Append,
//   Sync and Rotate fail with "write-ahead log failed to sync and the database must be
//   reopened". After a failed fsync the kernel may have dropped the dirty pages and marked
//   them clean, so a retried fsync could "succeed" without the data ever reaching the disk
//   (PostgreSQL's "fsyncgate"); only reopening, which replays what is really on disk, is safe.
//   A failure while cutting back a failed write is sticky in the same way.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/file_system.h"
#include "common/result.h"
#include "common/status.h"
#include "storage/wal/log_format.h"
#include "storage/wal/record_type.h"

namespace boyodb::storage::wal {

class LogWriter;

struct WalOptions {
  enum class FsyncPolicy : uint8_t {
    /// Append returns only after the record is fsynced; concurrent appends share one fsync.
    kEveryCommit,
    /// Append returns after write(2); a background thread fsyncs every fsync_interval_ms, so a
    /// machine crash (not a process crash) may lose the last interval's records.
    kInterval,
    /// Append returns after write(2); fsync only on Sync(), rotation and Close().
    kNever,
  };

  FsyncPolicy fsync_policy = FsyncPolicy::kEveryCommit;
  /// For kInterval: milliseconds between background fsyncs; at least 1.
  uint32_t fsync_interval_ms = 100;
  /// A new file is started before the next group once the current file has reached this size.
  /// At least kMinFileBytes.
  uint64_t max_file_bytes = uint64_t{64} << 20;

  static constexpr uint64_t kMinFileBytes = 128;

  /// InvalidArgument naming the field when an option is out of range.
  Status Validate() const;
};

/// One record of a batch for Wal::AppendBatch.
struct WalRecord {
  RecordType type = RecordType::kIngest;
  std::string_view payload;
};

class Wal {
 public:
  /// Opens (creating if needed) the WAL in dir. Reads every file: checks headers, the chain of
  /// sequence numbers and start LSNs, and every record's checksum. In the last file a torn tail
  /// is cut (FileSystem::Truncate) with a warning in the log; a torn record in an earlier file,
  /// or corruption anywhere, is Corruption naming the file and offset. Appends continue at the
  /// end LSN. `fs` must outlive the Wal. Files not named wal-<20 digits>.log are ignored.
  static Result<std::unique_ptr<Wal>> Open(FileSystem& fs, std::string dir, WalOptions options);

  Wal(const Wal&) = delete;
  Wal& operator=(const Wal&) = delete;
  /// Close(), ignoring its error.
  ~Wal();

  /// Calls fn(lsn, type, payload) for every record with lsn >= from_lsn, in LSN order; payload
  /// is valid only during the call. fn's error stops the replay and is returned. Corruption when
  /// from_lsn is below the oldest file's start (records that replay needs were removed) or above
  /// end_lsn(), or when a file changed since Open. Internal error after the first append.
  Status Replay(Lsn from_lsn, const std::function<Status(Lsn, RecordType, std::string_view)>& fn);

  /// Appends one record and returns its LSN once it is durable per the fsync policy. May block
  /// on I/O. InvalidArgument (nothing written) for type 0 or a payload over kMaxPayloadBytes;
  /// IOError/DiskFull when the write failed (not acknowledged; see the header comment); the
  /// sticky failure after a failed fsync; Internal after Close.
  Result<Lsn> Append(RecordType type, std::string_view payload);
  /// Appends the records in order as one group (all written and synced together, with
  /// consecutive LSNs) and returns the LSN of the first. Errors as for Append; InvalidArgument
  /// for an empty batch. A crash may still keep a prefix of an unacknowledged batch.
  Result<Lsn> AppendBatch(std::span<const WalRecord> records);
  /// Makes everything appended so far durable. May block. The sticky failure if that fails.
  Status Sync();
  /// Syncs and closes the current file and starts a new one.
  Status Rotate();
  /// Deletes the files all of whose records have LSNs below checkpoint_lsn (no longer needed
  /// for replay), oldest first, then syncs the directory. Never deletes the current file.
  Status RemoveFilesBefore(Lsn checkpoint_lsn);
  /// The LSN the next record will get.
  Lsn end_lsn() const { return end_lsn_.load(std::memory_order_acquire); }
  /// Paths of the WAL's files, oldest first.
  std::vector<std::string> FilePaths() const;
  /// Syncs and closes; later calls fail with Internal. Returns the sync's or close's error (the
  /// sticky failure if the WAL had failed). Idempotent.
  Status Close();

 private:
  struct FileInfo {
    uint64_t sequence;
    Lsn start_lsn;
    std::string path;
  };
  struct Request;

  Wal(FileSystem& fs, std::string dir, WalOptions options);

  // Opening: reads all files, cuts a torn tail, opens or creates the current file.
  Status Recover();
  // Queues a request and waits until it is done, doing the work itself if it becomes leader.
  Status Submit(Request& request);
  // Leader-only helpers, called without mu_ held.
  Status WriteGroup(std::span<Request* const> group, bool sync);
  Status StartNewFile();
  Status CutFailedWrite(uint64_t good_size);
  // Records and returns the sticky failure: `what` is the message, the cause becomes context.
  Status MarkFailed(std::string what, const Status& cause);
  Status ClosedError() const;
  void RunIntervalSync();

  FileSystem& fs_;
  const std::string dir_;
  const WalOptions options_;

  // Owned by the current leader (the request at the front of queue_); handed from leader to
  // leader under mu_.
  std::unique_ptr<LogWriter> writer_;

  mutable std::mutex mu_;
  std::deque<Request*> queue_;       // guarded by mu_
  std::vector<FileInfo> files_;      // guarded by mu_; oldest first, the last is current
  Status failed_;                    // guarded by mu_; the sticky failure, if any
  bool closed_ = false;              // guarded by mu_
  bool appended_ = false;            // guarded by mu_
  bool stop_interval_sync_ = false;  // guarded by mu_
  std::condition_variable interval_cv_;
  std::mutex remove_mu_;  // serialises RemoveFilesBefore calls
  std::atomic<Lsn> end_lsn_{kNoLsn};
  // Everything below this LSN is known to be durable; lets the interval thread skip idle syncs.
  std::atomic<Lsn> synced_lsn_{kNoLsn};
  std::thread interval_thread_;
};

}  // namespace boyodb::storage::wal
