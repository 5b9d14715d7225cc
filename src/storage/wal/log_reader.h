// LogReader: reads the records of ONE write-ahead log file in order, checking every checksum,
// and tells a torn tail (an interrupted last write: safe to cut) from corruption in the middle
// (an error naming the file and offset). Rules in docs/formats/wal.md.
// Thread safety: not thread-safe; one thread uses a reader.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/file_system.h"
#include "common/result.h"
#include "common/status.h"
#include "storage/wal/log_format.h"
#include "storage/wal/record_type.h"

namespace boyodb::storage::wal {

/// One record as returned by LogReader::Next.
struct LogRecord {
  Lsn lsn = kNoLsn;
  /// Byte offset of the record's header in its file.
  uint64_t offset = 0;
  /// Any value 1..255; values without a RecordType enumerator are passed through.
  RecordType type = RecordType::kIngest;
  /// Points into the reader's buffer: valid until the next call on the reader.
  std::string_view payload;
};

/// Where and why the readable part of a file ends early.
struct TornTail {
  /// Cutting the file to this size leaves only whole, valid records.
  uint64_t offset = 0;
  /// What was found there ("record extends past the end of the file").
  std::string reason;
};

struct LogReaderOptions {
  /// The newest file of a log: a file shorter than its header, or whose header is invalid and
  /// followed only by zero bytes, is then an interrupted creation (reported as a torn tail at
  /// offset 0 with no header) rather than corruption.
  bool is_last_file = false;
  /// Bytes read per ReadAt call; a larger record is read in one call of its own size.
  size_t read_chunk_bytes = size_t{1} << 20;
};

class LogReader {
 public:
  /// Opens path and reads and checks its header. Corruption naming the file for a bad header
  /// (see LogReaderOptions::is_last_file for the exception); NotFound/IOError from the file system.
  static Result<std::unique_ptr<LogReader>> Open(FileSystem& fs, const std::string& path,
                                                 const LogReaderOptions& options = {});

  LogReader(const LogReader&) = delete;
  LogReader& operator=(const LogReader&) = delete;
  ~LogReader();

  /// Returns the next record, or nullopt at the end of the readable records: either the clean
  /// end of the file or a torn tail (then torn_tail() says where). Corruption naming the file
  /// and offset for a bad record that is not a torn tail; IOError from the file system. After
  /// nullopt or an error, further calls return the same.
  Result<std::optional<LogRecord>> Next();

  /// The file header; nullopt only when the file's creation was torn (see LogReaderOptions).
  const std::optional<FileHeader>& header() const { return header_; }
  /// Set once Next() has stopped at a torn tail (or Open found a torn creation).
  const std::optional<TornTail>& torn_tail() const { return torn_tail_; }
  /// The file's size when it was opened.
  uint64_t file_size() const { return file_->size(); }
  /// Offset just past the last record returned (the header size before the first).
  uint64_t valid_end_offset() const { return offset_; }
  /// The LSN just past the last record returned.
  Lsn valid_end_lsn() const;
  const std::string& path() const { return file_->path(); }

 private:
  LogReader(std::unique_ptr<RandomAccessFile> file, const LogReaderOptions& options);

  // Makes [offset, offset + n) of the file available in buffer_ and returns a pointer to it.
  // Requires: offset + n <= file_size().
  Result<const char*> Fetch(uint64_t offset, size_t n);
  // Whether every byte of the file from offset to its end is zero.
  Result<bool> RestIsZero(uint64_t offset);
  // Classifies a record at offset_ that failed a check, whose claimed end is claimed_end.
  Status TornOrCorrupt(uint64_t claimed_end, const std::string& problem);
  Result<std::optional<LogRecord>> Fail(Status status);

  const std::unique_ptr<RandomAccessFile> file_;
  const LogReaderOptions options_;
  std::optional<FileHeader> header_;
  std::optional<TornTail> torn_tail_;
  // Sticky outcome once reading has stopped: OK with finished_ for the end of records.
  Status error_;
  bool finished_ = false;
  uint64_t offset_ = kFileHeaderBytes;
  // buffer_ holds the file's bytes [buffer_offset_, buffer_offset_ + buffer_.size()).
  std::string buffer_;
  uint64_t buffer_offset_ = 0;
};

}  // namespace boyodb::storage::wal
