// LogWriter: appends checksummed records to ONE write-ahead log file (layout in log_format.h and
// docs/formats/wal.md). Records collect in a user-space buffer; Flush() hands the buffer to the
// file with one WritableFile::Append, Sync() also makes it durable. Wal builds rotation, LSN
// bookkeeping and group commit on top of it.
// Thread safety: not thread-safe; one thread (Wal's current leader) uses it at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/file_system.h"
#include "common/result.h"
#include "common/status.h"
#include "storage/wal/log_format.h"
#include "storage/wal/record_type.h"

namespace boyodb::storage::wal {

class LogWriter {
 public:
  /// Buffered bytes past which AddRecord flushes by itself, and payloads at least this large are
  /// appended to the file directly instead of being copied into the buffer.
  static constexpr size_t kBufferBytes = size_t{1} << 20;

  /// Creates a new file at path (AlreadyExists if it exists) and writes its header. Nothing is
  /// durable until Sync(); the caller also syncs the directory so the new name survives a crash.
  static Result<std::unique_ptr<LogWriter>> Create(FileSystem& fs, const std::string& path,
                                                   const FileHeader& header);
  /// Opens an existing, already validated file to append after its last byte. Requires: the file
  /// holds `header` followed by whole records only (the caller has cut any torn tail).
  static Result<std::unique_ptr<LogWriter>> OpenForAppend(FileSystem& fs, const std::string& path,
                                                          const FileHeader& header);

  /// InvalidArgument when a record of this type and payload size may not be written: type 0 is
  /// reserved and payloads are limited to kMaxPayloadBytes.
  static Status ValidateRecord(RecordType type, size_t payload_bytes);

  LogWriter(const LogWriter&) = delete;
  LogWriter& operator=(const LogWriter&) = delete;
  /// Does not flush: unflushed records are dropped, as they would be by a crash.
  ~LogWriter();

  /// Frames one record into the buffer. InvalidArgument (nothing written) when the type is 0 or
  /// the payload is larger than kMaxPayloadBytes. May flush (see kBufferBytes) and then returns
  /// the file's IOError/DiskFull; after any I/O error the file's tail is unspecified and the only
  /// valid call is Close() (Wal cuts the file back to its last good size and reopens it).
  Status AddRecord(RecordType type, std::string_view payload);
  /// Writes the buffer to the file (one Append). Errors as for AddRecord.
  Status Flush();
  /// Flush() and then makes the file durable (fdatasync). A failed sync leaves the state of the
  /// file's unsynced pages unknown; see Wal for what that means.
  Status Sync();
  /// Flushes and closes the file, without syncing.
  Status Close();

  /// Bytes of the file including the header and buffered records.
  uint64_t size() const { return flushed_size_ + buffer_.size(); }
  /// The LSN the next record will get.
  Lsn next_lsn() const { return header_.start_lsn + (size() - kFileHeaderBytes); }
  const FileHeader& header() const { return header_; }
  const std::string& path() const { return file_->path(); }

 private:
  LogWriter(std::unique_ptr<WritableFile> file, const FileHeader& header, uint64_t flushed_size);

  std::unique_ptr<WritableFile> file_;
  const FileHeader header_;
  // Bytes handed to the file so far (not necessarily durable).
  uint64_t flushed_size_;
  std::string buffer_;
};

}  // namespace boyodb::storage::wal
