// FileSystem: the one seam through which BoyoDB touches files and directories, so tests can
// swap in a fault-injecting implementation (torn writes, failed fsyncs, full disks, flipped bytes).
// Thread safety: FileSystem implementations are thread-safe; a WritableFile is used by one thread
// at a time; a RandomAccessFile may be read from many threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"

namespace boyodb {

/// A file being written sequentially. Appended bytes are durable only after Sync() returns OK.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  /// Appends bytes at the end. IOError/DiskFull on failure; then the file's tail is unspecified.
  virtual Status Append(std::string_view data) = 0;
  /// Makes every appended byte durable (fdatasync). May block.
  virtual Status Sync() = 0;
  /// Closes the file; does not sync. Further calls are errors.
  virtual Status Close() = 0;
  /// Bytes in the file (existing bytes in append mode plus everything appended).
  virtual uint64_t size() const = 0;
  virtual const std::string& path() const = 0;
};

/// A file read at arbitrary offsets, concurrently from many threads.
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  /// Reads up to n bytes at offset into out; returns the number read (short only at end of file).
  virtual Result<size_t> ReadAt(uint64_t offset, size_t n, char* out) const = 0;
  /// The file's size when it was opened.
  virtual uint64_t size() const = 0;
  virtual const std::string& path() const = 0;
};

enum class OpenMode : uint8_t {
  kTruncate,   // create or empty the file
  kAppend,     // create if missing, append after existing bytes
  kCreateNew,  // fail with AlreadyExists if the file exists
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  virtual Result<std::unique_ptr<WritableFile>> OpenWritable(const std::string& path,
                                                             OpenMode mode) = 0;
  /// NotFound (SQLSTATE 58P01) when the file does not exist.
  virtual Result<std::unique_ptr<RandomAccessFile>> OpenReadable(const std::string& path) = 0;
  /// Atomically replaces `to` with `from` (rename(2)); durable only after SyncDir of the parent.
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  /// Makes creations, renames and removals inside the directory durable.
  virtual Status SyncDir(const std::string& dir) = 0;
  virtual Status RemoveFile(const std::string& path) = 0;
  /// Cuts a file to `size` bytes (used to drop a torn WAL tail).
  virtual Status Truncate(const std::string& path, uint64_t size) = 0;
  /// Creates the directory and its missing parents; OK if it exists.
  virtual Status CreateDirs(const std::string& path) = 0;
  /// Removes a directory and everything under it; OK if it does not exist.
  virtual Status RemoveAll(const std::string& path) = 0;
  /// Names (not paths) of the entries of a directory, sorted.
  virtual Result<std::vector<std::string>> ListDir(const std::string& dir) = 0;
  virtual Result<bool> Exists(const std::string& path) = 0;
  virtual Result<uint64_t> FileSize(const std::string& path) = 0;
};

/// The process-wide POSIX file system. Never null; lives for the whole process.
FileSystem* DefaultFileSystem();

/// Reads a whole file.
Result<std::string> ReadWholeFile(FileSystem& fs, const std::string& path);

/// Writes `contents` to `path` so that a crash leaves either the old or the new file: write a
/// temporary file beside it, sync it, rename it over `path`, sync the directory.
Status WriteFileAtomically(FileSystem& fs, const std::string& path, std::string_view contents);

/// Reads exactly n bytes at offset; Corruption naming the file when fewer are there.
Status ReadExactly(const RandomAccessFile& file, uint64_t offset, size_t n, char* out);

/// "a/b" joined with "c" is "a/b/c".
std::string JoinPath(std::string_view dir, std::string_view name);
/// The directory part of a path ("a/b/c" -> "a/b"; "c" -> ".").
std::string ParentDir(std::string_view path);

}  // namespace boyodb
