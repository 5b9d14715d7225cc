#include "storage/wal/wal.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "common/logging.h"
#include "storage/wal/log_reader.h"
#include "storage/wal/log_writer.h"

namespace boyodb::storage::wal {
namespace {

// A leader stops adding appends to its group past this many payload bytes, so one huge group
// does not delay the requests queued behind it for too long.
constexpr size_t kMaxGroupBytes = size_t{8} << 20;

size_t PayloadBytes(std::span<const WalRecord> records) {
  size_t total = 0;
  for (const WalRecord& record : records) total += record.payload.size();
  return total;
}

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

}  // namespace

struct Wal::Request {
  enum class Kind : uint8_t { kAppend, kSync, kRotate, kClose };

  Kind kind = Kind::kAppend;
  std::span<const WalRecord> records;
  // Filled in by the leader that handles the request.
  Status status;
  Lsn lsn = kNoLsn;
  bool done = false;
  std::condition_variable cv;
};

Status WalOptions::Validate() const {
  if (max_file_bytes < kMinFileBytes) {
    return Status::InvalidArgument("wal option max_file_bytes must be at least " +
                                   std::to_string(kMinFileBytes) + ", got " +
                                   std::to_string(max_file_bytes));
  }
  if (fsync_policy == FsyncPolicy::kInterval && fsync_interval_ms == 0) {
    return Status::InvalidArgument("wal option fsync_interval_ms must be at least 1, got 0");
  }
  return Status::OK();
}

Wal::Wal(FileSystem& fs, std::string dir, WalOptions options)
    : fs_(fs), dir_(std::move(dir)), options_(options) {}

Wal::~Wal() {
  const Status ignored = Close();
  (void)ignored;
}

Result<std::unique_ptr<Wal>> Wal::Open(FileSystem& fs, std::string dir, WalOptions options) {
  BOYO_RETURN_IF_ERROR(options.Validate());
  auto wal = std::unique_ptr<Wal>(new Wal(fs, std::move(dir), options));
  BOYO_RETURN_IF_ERROR(wal->Recover());
  if (options.fsync_policy == WalOptions::FsyncPolicy::kInterval) {
    wal->interval_thread_ = std::thread([raw = wal.get()] { raw->RunIntervalSync(); });
  }
  return wal;
}

Status Wal::Recover() {
  BOYO_RETURN_IF_ERROR(fs_.CreateDirs(dir_));
  BOYO_ASSIGN_OR_RETURN(const std::vector<std::string> names, fs_.ListDir(dir_));
  std::vector<std::pair<uint64_t, std::string>> found;
  for (const std::string& name : names) {
    if (const auto sequence = ParseFileName(name)) found.emplace_back(*sequence, name);
  }
  std::sort(found.begin(), found.end());

  std::vector<FileInfo> files;
  FileHeader last_header;
  Lsn end = kFirstLsn;
  bool cut_tail = false;
  for (size_t i = 0; i < found.size(); ++i) {
    const auto& [sequence, name] = found[i];
    const std::string path = JoinPath(dir_, name);
    LogReaderOptions reader_options;
    reader_options.is_last_file = i + 1 == found.size();
    BOYO_ASSIGN_OR_RETURN(auto reader, LogReader::Open(fs_, path, reader_options));
    if (!reader->header()) {
      // Only possible for the last file: its creation was interrupted before the header became
      // durable, so it never held a record. Without an earlier file its start LSN is unknown.
      if (files.empty() && sequence != 1) {
        return Status::Corruption("wal file header at offset 0 in " + Quoted(path) +
                                  " is incomplete and no earlier wal file gives its start lsn");
      }
      log::Warn("removing wal file \"{}\" whose creation was interrupted: {}", path,
                reader->torn_tail()->reason);
      BOYO_RETURN_IF_ERROR(fs_.RemoveFile(path));
      BOYO_RETURN_IF_ERROR(fs_.SyncDir(dir_));
      continue;
    }
    const FileHeader header = *reader->header();
    if (header.sequence != sequence) {
      return Status::Corruption("wal file header at offset 0 in " + Quoted(path) +
                                " has sequence number " + std::to_string(header.sequence) +
                                ", but the file name says " + std::to_string(sequence));
    }
    if (!files.empty()) {
      if (sequence != files.back().sequence + 1) {
        return Status::Corruption(
            "wal file header at offset 0 in " + Quoted(path) + " has sequence number " +
            std::to_string(sequence) + ", but the previous file " + Quoted(files.back().path) +
            " has " + std::to_string(files.back().sequence) + ": wal files are missing");
      }
      if (header.start_lsn != end) {
        return Status::Corruption("wal file header at offset 0 in " + Quoted(path) +
                                  " has start lsn " + std::to_string(header.start_lsn) +
                                  ", but the previous file ends at lsn " + std::to_string(end));
      }
    }
    while (true) {
      BOYO_ASSIGN_OR_RETURN(const auto record, reader->Next());
      if (!record) break;
    }
    if (const auto& torn = reader->torn_tail()) {
      if (!reader_options.is_last_file) {
        return Status::Corruption("wal record at offset " + std::to_string(torn->offset) + " in " +
                                  Quoted(path) +
                                  " is torn, but the file is not the last one: " + torn->reason);
      }
      // The last write before a crash was interrupted; it was never acknowledged, so cutting
      // it loses nothing and lets appends continue after the last whole record.
      log::Warn("cutting torn tail of wal file \"{}\" at offset {} ({} bytes): {}", path,
                torn->offset, reader->file_size() - torn->offset, torn->reason);
      BOYO_RETURN_IF_ERROR(fs_.Truncate(path, torn->offset));
      cut_tail = true;
    }
    end = reader->valid_end_lsn();
    last_header = header;
    files.push_back(FileInfo{sequence, header.start_lsn, path});
  }

  if (files.empty()) {
    last_header = FileHeader{1, kFirstLsn};
    const std::string path = JoinPath(dir_, FileNameForSequence(1));
    BOYO_ASSIGN_OR_RETURN(writer_, LogWriter::Create(fs_, path, last_header));
    BOYO_RETURN_IF_ERROR(writer_->Sync());
    BOYO_RETURN_IF_ERROR(fs_.SyncDir(dir_));
    files.push_back(FileInfo{1, kFirstLsn, path});
  } else {
    BOYO_ASSIGN_OR_RETURN(writer_, LogWriter::OpenForAppend(fs_, files.back().path, last_header));
    // Make the cut durable before records are appended after it.
    if (cut_tail) BOYO_RETURN_IF_ERROR(writer_->Sync());
  }
  if (writer_->next_lsn() != end) {
    return Status::Corruption("wal file " + Quoted(files.back().path) + " changed while opening: " +
                              "it ends at offset " + std::to_string(writer_->size()) +
                              ", expected lsn " + std::to_string(end));
  }
  std::lock_guard lock(mu_);
  files_ = std::move(files);
  end_lsn_.store(end, std::memory_order_release);
  synced_lsn_.store(end, std::memory_order_release);
  return Status::OK();
}

Status Wal::Replay(Lsn from_lsn,
                   const std::function<Status(Lsn, RecordType, std::string_view)>& fn) {
  std::vector<FileInfo> files;
  {
    std::lock_guard lock(mu_);
    if (closed_) return ClosedError();
    if (appended_) return Status::Internal("wal replay requested after the first append");
    files = files_;
  }
  const Lsn from = std::max(from_lsn, kFirstLsn);
  const Lsn end = end_lsn();
  if (from < files.front().start_lsn) {
    return Status::Corruption("wal replay from lsn " + std::to_string(from) +
                              " needs records that are no longer in the log: the oldest file " +
                              Quoted(files.front().path) + " starts at lsn " +
                              std::to_string(files.front().start_lsn) + " (offset " +
                              std::to_string(kFileHeaderBytes) + ")");
  }
  if (from > end) {
    return Status::Corruption("wal replay from lsn " + std::to_string(from) +
                              " is past the end of the log at lsn " + std::to_string(end) + " in " +
                              Quoted(files.back().path));
  }
  for (size_t i = 0; i < files.size(); ++i) {
    const bool is_last = i + 1 == files.size();
    const Lsn file_end = is_last ? end : files[i + 1].start_lsn;
    if (file_end <= from && !is_last) continue;
    LogReaderOptions reader_options;
    reader_options.is_last_file = is_last;
    BOYO_ASSIGN_OR_RETURN(auto reader, LogReader::Open(fs_, files[i].path, reader_options));
    while (true) {
      BOYO_ASSIGN_OR_RETURN(const auto record, reader->Next());
      if (!record) break;
      if (record->lsn < from) continue;
      const Status status = fn(record->lsn, record->type, record->payload);
      if (!status.ok()) {
        return status.WithContext("replaying wal record at lsn " + std::to_string(record->lsn) +
                                  " (offset " + std::to_string(record->offset) + " in " +
                                  Quoted(files[i].path) + ")");
      }
    }
    if (reader->torn_tail() || reader->valid_end_lsn() != file_end) {
      return Status::Corruption("wal file " + Quoted(files[i].path) +
                                " changed since the log was opened: its records end at offset " +
                                std::to_string(reader->valid_end_offset()) + " (lsn " +
                                std::to_string(reader->valid_end_lsn()) + "), expected lsn " +
                                std::to_string(file_end));
    }
  }
  return Status::OK();
}

Result<Lsn> Wal::Append(RecordType type, std::string_view payload) {
  const WalRecord record{type, payload};
  return AppendBatch(std::span<const WalRecord>(&record, 1));
}

Result<Lsn> Wal::AppendBatch(std::span<const WalRecord> records) {
  if (records.empty()) return Status::InvalidArgument("wal batch has no records");
  for (const WalRecord& record : records) {
    BOYO_RETURN_IF_ERROR(LogWriter::ValidateRecord(record.type, record.payload.size()));
  }
  Request request;
  request.kind = Request::Kind::kAppend;
  request.records = records;
  BOYO_RETURN_IF_ERROR(Submit(request));
  return request.lsn;
}

Status Wal::Sync() {
  Request request;
  request.kind = Request::Kind::kSync;
  return Submit(request);
}

Status Wal::Rotate() {
  Request request;
  request.kind = Request::Kind::kRotate;
  return Submit(request);
}

Status Wal::Close() {
  bool stop_thread = false;
  {
    std::lock_guard lock(mu_);
    if (closed_) return Status::OK();
    stop_thread = !stop_interval_sync_;
    stop_interval_sync_ = true;
  }
  interval_cv_.notify_all();
  if (stop_thread && interval_thread_.joinable()) interval_thread_.join();
  Request request;
  request.kind = Request::Kind::kClose;
  return Submit(request);
}

std::vector<std::string> Wal::FilePaths() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> paths;
  paths.reserve(files_.size());
  for (const FileInfo& file : files_) paths.push_back(file.path);
  return paths;
}

Status Wal::RemoveFilesBefore(Lsn checkpoint_lsn) {
  std::lock_guard remove_lock(remove_mu_);
  std::vector<std::string> doomed;
  {
    std::lock_guard lock(mu_);
    if (closed_) return ClosedError();
    // File i holds LSNs [start_i, start_{i+1}); the last (current) file is never removed.
    for (size_t i = 0; i + 1 < files_.size() && files_[i + 1].start_lsn <= checkpoint_lsn; ++i) {
      doomed.push_back(files_[i].path);
    }
  }
  if (doomed.empty()) return Status::OK();
  // Oldest first, so that a crash part-way leaves an unbroken chain of files.
  for (const std::string& path : doomed) {
    BOYO_RETURN_IF_ERROR(fs_.RemoveFile(path));
    std::lock_guard lock(mu_);
    BOYO_CHECK_EQ(files_.front().path, path);
    files_.erase(files_.begin());
  }
  return fs_.SyncDir(dir_);
}

Status Wal::ClosedError() const {
  return Status::Internal("write-ahead log in " + Quoted(dir_) + " is closed");
}

Status Wal::Submit(Request& request) {
  std::unique_lock lock(mu_);
  if (closed_) return request.kind == Request::Kind::kClose ? Status::OK() : ClosedError();
  if (request.kind == Request::Kind::kAppend) appended_ = true;
  queue_.push_back(&request);
  while (!request.done && queue_.front() != &request) request.cv.wait(lock);
  if (request.done) return request.status;

  // This request leads: it takes the appends and syncs queued behind it into one group.
  const bool every_commit = options_.fsync_policy == WalOptions::FsyncPolicy::kEveryCommit;
  std::vector<Request*> group{&request};
  bool sync = request.kind == Request::Kind::kSync ||
              (request.kind == Request::Kind::kAppend && every_commit);
  if (request.kind == Request::Kind::kAppend || request.kind == Request::Kind::kSync) {
    size_t group_bytes = PayloadBytes(request.records);
    for (auto it = queue_.begin() + 1; it != queue_.end(); ++it) {
      Request* next = *it;
      if (next->kind == Request::Kind::kSync) {
        sync = true;
      } else if (next->kind == Request::Kind::kAppend) {
        const size_t bytes = PayloadBytes(next->records);
        if (group_bytes + bytes > kMaxGroupBytes) break;
        group_bytes += bytes;
        sync = sync || every_commit;
      } else {
        break;
      }
      group.push_back(next);
    }
  }
  const Status failed = failed_;
  const bool closed = closed_;
  lock.unlock();

  Status status;
  if (closed) {
    status = request.kind == Request::Kind::kClose ? Status::OK() : ClosedError();
  } else if (request.kind == Request::Kind::kClose) {
    if (writer_ != nullptr) {
      if (failed.ok()) {
        status = writer_->Sync();
        if (!status.ok()) {
          status = MarkFailed("write-ahead log failed to sync and the database must be reopened",
                              status);
        }
      }
      const Status closed_file = writer_->Close();
      writer_.reset();
      if (status.ok()) status = closed_file;
    }
    if (status.ok()) status = failed;
  } else if (!failed.ok()) {
    status = failed;
  } else if (request.kind == Request::Kind::kRotate) {
    status = StartNewFile();
  } else {
    status = WriteGroup(group, sync);
  }

  lock.lock();
  if (request.kind == Request::Kind::kClose) closed_ = true;
  for (Request* member : group) {
    BOYO_CHECK(queue_.front() == member);
    queue_.pop_front();
    member->status = status;
    member->done = true;
    if (member != &request) member->cv.notify_one();
  }
  if (!queue_.empty()) queue_.front()->cv.notify_one();
  return status;
}

Status Wal::WriteGroup(std::span<Request* const> group, bool sync) {
  const bool has_records = std::any_of(group.begin(), group.end(), [](const Request* request) {
    return request->kind == Request::Kind::kAppend;
  });
  if (has_records && writer_->size() >= options_.max_file_bytes &&
      writer_->size() > kFileHeaderBytes) {
    BOYO_RETURN_IF_ERROR(StartNewFile());
  }
  const uint64_t good_size = writer_->size();
  Status status;
  for (Request* request : group) {
    if (request->kind != Request::Kind::kAppend) continue;
    request->lsn = writer_->next_lsn();
    for (const WalRecord& record : request->records) {
      status = writer_->AddRecord(record.type, record.payload);
      if (!status.ok()) break;
    }
    if (!status.ok()) break;
  }
  if (status.ok()) status = writer_->Flush();
  if (!status.ok()) {
    BOYO_RETURN_IF_ERROR(CutFailedWrite(good_size));
    return status;
  }
  const Lsn end = writer_->next_lsn();
  if (sync) {
    const Status synced = writer_->Sync();
    if (!synced.ok()) {
      return MarkFailed("write-ahead log failed to sync and the database must be reopened", synced);
    }
    synced_lsn_.store(end, std::memory_order_release);
  }
  end_lsn_.store(end, std::memory_order_release);
  return Status::OK();
}

Status Wal::StartNewFile() {
  const FileHeader header{writer_->header().sequence + 1, writer_->next_lsn()};
  // Everything in the old file must be durable before a newer file can exist: replay needs an
  // unbroken chain, and only the last file may end in a torn record.
  Status status = writer_->Sync();
  if (!status.ok()) {
    return MarkFailed("write-ahead log failed to sync and the database must be reopened", status);
  }
  synced_lsn_.store(header.start_lsn, std::memory_order_release);
  const std::string path = JoinPath(dir_, FileNameForSequence(header.sequence));
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<LogWriter> next, LogWriter::Create(fs_, path, header));
  status = next->Flush();
  if (!status.ok()) {
    // Nothing references the new file yet: remove it and carry on with the old one.
    const Status closed = next->Close();
    (void)closed;
    const Status removed = fs_.RemoveFile(path);
    if (!removed.ok()) {
      return MarkFailed("write-ahead log could not remove the incomplete file " + Quoted(path) +
                            " and the database must be reopened",
                        removed);
    }
    return status;
  }
  status = next->Sync();
  if (status.ok()) status = fs_.SyncDir(dir_);
  if (!status.ok()) {
    return MarkFailed("write-ahead log failed to sync and the database must be reopened", status);
  }
  std::unique_ptr<LogWriter> previous = std::exchange(writer_, std::move(next));
  const Status closed = previous->Close();
  if (!closed.ok()) {
    // Its contents were synced above, so a failed close loses nothing.
    log::Warn("closing wal file \"{}\" failed: {}", previous->path(), closed.ToString());
  }
  std::lock_guard lock(mu_);
  files_.push_back(FileInfo{header.sequence, header.start_lsn, path});
  return Status::OK();
}

Status Wal::CutFailedWrite(uint64_t good_size) {
  const std::string path = writer_->path();
  const FileHeader header = writer_->header();
  const Status closed = writer_->Close();
  (void)closed;
  writer_.reset();
  Status status = fs_.Truncate(path, good_size);
  if (status.ok()) {
    auto reopened = LogWriter::OpenForAppend(fs_, path, header);
    if (!reopened.ok()) {
      status = reopened.error();
    } else if ((*reopened)->size() != good_size) {
      status = Status::IOError("wal file " + Quoted(path) + " has " +
                               std::to_string((*reopened)->size()) + " bytes after being cut to " +
                               std::to_string(good_size));
    } else {
      writer_ = std::move(*reopened);
    }
  }
  if (!status.ok()) {
    return MarkFailed("write-ahead log could not cut a failed write from " + Quoted(path) +
                          " and the database must be reopened",
                      status);
  }
  return Status::OK();
}

Status Wal::MarkFailed(std::string what, const Status& cause) {
  Status failure =
      Status(cause.code(), cause.sqlstate(), std::move(what)).WithContext(cause.FullMessage());
  log::Error("{}", failure.ToString());
  std::lock_guard lock(mu_);
  if (failed_.ok()) failed_ = std::move(failure);
  return failed_;
}

void Wal::RunIntervalSync() {
  const auto interval = std::chrono::milliseconds(options_.fsync_interval_ms);
  std::unique_lock lock(mu_);
  while (!stop_interval_sync_) {
    interval_cv_.wait_for(lock, interval, [this] { return stop_interval_sync_; });
    if (stop_interval_sync_) break;
    if (synced_lsn_.load(std::memory_order_acquire) == end_lsn()) continue;
    lock.unlock();
    const Status status = Sync();
    lock.lock();
    // A failed sync is sticky (and logged by MarkFailed); there is nothing left to do.
    if (!status.ok()) break;
  }
}

}  // namespace boyodb::storage::wal
