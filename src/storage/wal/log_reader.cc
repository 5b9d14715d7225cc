#include "storage/wal/log_reader.h"

#include <algorithm>

namespace boyodb::storage::wal {
namespace {

bool AllZero(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == 0; });
}

}  // namespace

Result<std::unique_ptr<LogReader>> LogReader::Open(FileSystem& fs, const std::string& path,
                                                   const LogReaderOptions& options) {
  BOYO_ASSIGN_OR_RETURN(auto file, fs.OpenReadable(path));
  auto reader = std::unique_ptr<LogReader>(new LogReader(std::move(file), options));
  const uint64_t size = reader->file_size();
  if (size < kFileHeaderBytes) {
    if (options.is_last_file) {
      // The file was being created when the process stopped: its header never became durable.
      reader->torn_tail_ = TornTail{0, "file is shorter than its header: " + std::to_string(size) +
                                           " of " + std::to_string(kFileHeaderBytes) + " bytes"};
      reader->finished_ = true;
      reader->offset_ = 0;
      return reader;
    }
    return Status::Corruption("wal file header at offset 0 in \"" + path +
                              "\" is truncated: " + std::to_string(size) + " of " +
                              std::to_string(kFileHeaderBytes) + " bytes present");
  }
  BOYO_ASSIGN_OR_RETURN(const char* bytes, reader->Fetch(0, kFileHeaderBytes));
  auto header = DecodeFileHeader(std::string_view(bytes, kFileHeaderBytes), path);
  if (!header.ok()) {
    if (options.is_last_file) {
      // Records are appended only after the header is durable, so an invalid header followed by
      // nothing but zeros is an interrupted creation, not lost records.
      BOYO_ASSIGN_OR_RETURN(const bool rest_is_zero, reader->RestIsZero(kFileHeaderBytes));
      if (rest_is_zero) {
        reader->torn_tail_ =
            TornTail{0, "file header is invalid and followed only by zero bytes: " +
                            std::string(header.error().message())};
        reader->finished_ = true;
        reader->offset_ = 0;
        return reader;
      }
    }
    return header.error();
  }
  reader->header_ = *header;
  return reader;
}

LogReader::LogReader(std::unique_ptr<RandomAccessFile> file, const LogReaderOptions& options)
    : file_(std::move(file)), options_(options) {}

LogReader::~LogReader() = default;

Lsn LogReader::valid_end_lsn() const {
  if (!header_) return kNoLsn;
  return header_->start_lsn + (offset_ - kFileHeaderBytes);
}

Result<std::optional<LogRecord>> LogReader::Next() {
  if (!error_.ok()) return error_;
  if (finished_) return std::optional<LogRecord>();
  const uint64_t size = file_size();
  if (offset_ == size) {
    finished_ = true;
    return std::optional<LogRecord>();
  }
  if (size - offset_ < kRecordHeaderBytes) {
    const Status status = TornOrCorrupt(size + 1, "has a header cut off by the end of the file");
    if (!status.ok()) return Fail(status);
    return std::optional<LogRecord>();
  }
  auto header_bytes = Fetch(offset_, kRecordHeaderBytes);
  if (!header_bytes.ok()) return Fail(header_bytes.error());
  const RecordHeader header = DecodeRecordHeader(*header_bytes);
  const uint64_t claimed_end = offset_ + kRecordHeaderBytes + header.length;

  std::string problem;
  if (claimed_end > size) {
    problem = "has a payload of " + std::to_string(header.length) +
              " bytes that extends past the end of the file";
  } else if (header.type == 0) {
    problem = "has the reserved record type 0";
  } else if (header.length > kMaxPayloadBytes) {
    problem = "has a payload length of " + std::to_string(header.length) +
              " bytes, above the limit of " + std::to_string(kMaxPayloadBytes);
  }
  std::string_view payload;
  if (problem.empty()) {
    auto record_bytes = Fetch(offset_, kRecordHeaderBytes + header.length);
    if (!record_bytes.ok()) return Fail(record_bytes.error());
    payload = std::string_view(*record_bytes + kRecordHeaderBytes, header.length);
    if (RecordChecksum(header.type, payload) != header.crc) problem = "has a bad checksum";
  }
  if (!problem.empty()) {
    const Status status = TornOrCorrupt(claimed_end, problem);
    if (!status.ok()) return Fail(status);
    return std::optional<LogRecord>();
  }

  LogRecord record;
  record.lsn = header_->start_lsn + (offset_ - kFileHeaderBytes);
  record.offset = offset_;
  record.type = static_cast<RecordType>(header.type);
  record.payload = payload;
  offset_ = claimed_end;
  return std::optional<LogRecord>(record);
}

Status LogReader::TornOrCorrupt(uint64_t claimed_end, const std::string& problem) {
  // A crash can only leave a prefix of the last write, possibly followed by zeros where the file
  // grew before its data reached the disk. So a record that reaches the end of the file, or that
  // is followed only by zeros, is an interrupted write; anything else is damage to bytes that
  // were once written whole.
  bool torn = claimed_end >= file_size();
  std::string reason = "record " + problem;
  if (!torn) {
    BOYO_ASSIGN_OR_RETURN(torn, RestIsZero(offset_));
    reason += ", and only zero bytes follow";
  }
  if (!torn) {
    return Status::Corruption("wal record at offset " + std::to_string(offset_) + " in \"" +
                              path() + "\" " + problem);
  }
  torn_tail_ = TornTail{offset_, std::move(reason)};
  finished_ = true;
  return Status::OK();
}

Result<std::optional<LogRecord>> LogReader::Fail(Status status) {
  error_ = std::move(status);
  return error_;
}

Result<const char*> LogReader::Fetch(uint64_t offset, size_t n) {
  if (offset >= buffer_offset_ && offset + n <= buffer_offset_ + buffer_.size()) {
    return buffer_.data() + (offset - buffer_offset_);
  }
  const uint64_t available = file_size() - offset;
  const size_t want =
      static_cast<size_t>(std::min<uint64_t>(std::max(n, options_.read_chunk_bytes), available));
  buffer_.resize(want);
  buffer_offset_ = offset;
  auto got = file_->ReadAt(offset, want, buffer_.data());
  if (!got.ok()) {
    buffer_.clear();
    return got.error();
  }
  buffer_.resize(*got);
  if (*got < n) {
    return Status::Corruption("wal file \"" + path() + "\" shrank while being read: wanted " +
                              std::to_string(n) + " bytes at offset " + std::to_string(offset) +
                              ", found " + std::to_string(*got));
  }
  return buffer_.data();
}

Result<bool> LogReader::RestIsZero(uint64_t offset) {
  const uint64_t size = file_size();
  while (offset < size) {
    const size_t n = static_cast<size_t>(
        std::min<uint64_t>(size - offset, std::max<size_t>(options_.read_chunk_bytes, 1)));
    BOYO_ASSIGN_OR_RETURN(const char* bytes, Fetch(offset, n));
    if (!AllZero(std::string_view(bytes, n))) return false;
    offset += n;
  }
  return true;
}

}  // namespace boyodb::storage::wal
