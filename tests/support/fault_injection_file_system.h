// FaultInjectionFileSystem: a FileSystem for tests that wraps another one (normally
// DefaultFileSystem()), remembers how much of each file is durable, and can simulate a crash,
// torn writes, full disks and failed fsyncs, so storage tests can check that nothing
// acknowledged is ever lost.
// Thread safety: thread-safe; every call (including the I/O of its files) runs under one mutex.
//
// The crash model:
// - A file written through this file system is durable up to its size at its last successful
//   WritableFile::Sync(). Files that were never opened for writing through it are left alone.
//   Opening an existing file with kAppend treats its existing bytes as durable; kTruncate and
//   Truncate() take effect at once (the metadata change is treated as durable).
// - Creating a file (OpenWritable of a missing path), Rename() and RemoveFile() become durable
//   only when SyncDir() is called on the parent directory afterwards. A crash removes files
//   whose creation was not made durable, undoes renames (restoring the durable contents of a
//   replaced target) and brings back removed files (with their durable contents). Contents of
//   replaced and removed files are kept in memory, so use it with small files.
// - Directories themselves (CreateDirs, RemoveAll) are not modelled: they take effect at once.
// - After SimulateCrash(), every file handle opened before it fails with IOError.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/file_system.h"

namespace boyodb::testing {

class FaultInjectionFileSystem final : public FileSystem {
 public:
  /// What happens to a file's bytes that were written but not synced.
  enum class CrashMode : uint8_t {
    /// They are lost.
    kDropUnsynced,
    /// A random prefix of them (possibly empty, possibly all) survives: a torn write.
    kKeepRandomPrefix,
    /// The file keeps its size but they read as zeros (the size reached the disk, the data did
    /// not).
    kZeroUnsynced,
  };

  /// `base` must outlive this object.
  explicit FaultInjectionFileSystem(FileSystem* base = DefaultFileSystem());
  ~FaultInjectionFileSystem() override;

  Result<std::unique_ptr<WritableFile>> OpenWritable(const std::string& path,
                                                     OpenMode mode) override;
  Result<std::unique_ptr<RandomAccessFile>> OpenReadable(const std::string& path) override;
  Status Rename(const std::string& from, const std::string& to) override;
  /// Fails with the sync error when one is set (see SetSyncError).
  Status SyncDir(const std::string& dir) override;
  Status RemoveFile(const std::string& path) override;
  Status Truncate(const std::string& path, uint64_t size) override;
  Status CreateDirs(const std::string& path) override;
  Status RemoveAll(const std::string& path) override;
  Result<std::vector<std::string>> ListDir(const std::string& dir) override;
  Result<bool> Exists(const std::string& path) override;
  Result<uint64_t> FileSize(const std::string& path) override;

  /// Puts the base file system into the state a machine crash could leave (see the header
  /// comment), forgets all tracking, and invalidates every open handle. `seed` drives
  /// kKeepRandomPrefix. Clears no injected errors.
  Status SimulateCrash(CrashMode mode = CrashMode::kDropUnsynced, uint64_t seed = 0);

  /// Every later WritableFile::Append fails with `status` without writing anything.
  void SetWriteError(Status status);
  /// Later appends may write `bytes` more bytes in total; the append that crosses the limit
  /// writes the prefix that fits and then fails with `status` (e.g. Status::DiskFull), as do all
  /// appends after it.
  void FailWritesAfterBytes(uint64_t bytes, Status status);
  /// Every later WritableFile::Sync and SyncDir fails with `status` and makes nothing durable.
  void SetSyncError(Status status);
  /// Removes every injected error.
  void ClearErrors();

  /// Calls of WritableFile::Sync (successful or not).
  uint64_t num_syncs() const;
  /// Calls of SyncDir (successful or not).
  uint64_t num_dir_syncs() const;
  /// Bytes appended through this file system's files.
  uint64_t bytes_written() const;
  /// Bytes of path that would survive a crash now; nullopt if the file is not tracked.
  std::optional<uint64_t> SyncedSize(const std::string& path) const;

  /// Inverts the byte at offset (xor 0xff) by rewriting the file through fs. OutOfRange when
  /// the file is not longer than offset.
  static Status FlipByte(FileSystem& fs, const std::string& path, uint64_t offset);
  /// Cuts the file to size bytes.
  static Status TruncateFile(FileSystem& fs, const std::string& path, uint64_t size);
  /// Appends num_bytes zero bytes to the file.
  static Status AppendZeros(FileSystem& fs, const std::string& path, uint64_t num_bytes);

 private:
  class File;
  class ReadableFile;
  struct FileState {
    uint64_t size = 0;
    uint64_t synced_size = 0;
  };
  struct DirOp {
    enum class Kind : uint8_t { kCreate, kRename, kRemove };
    Kind kind;
    std::string path;  // the created, removed or renamed-to path
    std::string from;  // kRename: the old name
    // kRename: durable contents of the file `path` replaced; kRemove: of the removed file.
    std::optional<std::string> saved;
  };

  // All of these require mu_ held.
  Status CheckHandle(uint64_t generation, const std::string& path) const;
  Result<std::string> DurableContents(const std::string& path);
  Status UndoDirOp(const DirOp& op);
  Status CrashFile(const std::string& path, const FileState& state, CrashMode mode,
                   uint64_t random);

  FileSystem* const base_;
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<FileState>> files_;
  std::vector<DirOp> pending_dir_ops_;
  uint64_t generation_ = 0;
  Status write_error_;
  std::optional<uint64_t> write_budget_;
  Status budget_error_;
  Status sync_error_;
  uint64_t num_syncs_ = 0;
  uint64_t num_dir_syncs_ = 0;
  uint64_t bytes_written_ = 0;
};

}  // namespace boyodb::testing
