#include "tests/support/fault_injection_file_system.h"

#include <algorithm>
#include <random>
#include <utility>

namespace boyodb::testing {
namespace {

std::string WithoutTrailingSlash(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return std::string(path);
}

bool IsUnder(const std::string& path, const std::string& dir) {
  return path == dir ||
         (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/');
}

Status WriteContents(FileSystem& fs, const std::string& path, std::string_view contents) {
  BOYO_ASSIGN_OR_RETURN(auto file, fs.OpenWritable(path, OpenMode::kTruncate));
  BOYO_RETURN_IF_ERROR(file->Append(contents));
  BOYO_RETURN_IF_ERROR(file->Sync());
  return file->Close();
}

}  // namespace

class FaultInjectionFileSystem::File final : public WritableFile {
 public:
  File(FaultInjectionFileSystem* fs, std::unique_ptr<WritableFile> base,
       std::shared_ptr<FileState> state, uint64_t generation)
      : fs_(fs), base_(std::move(base)), state_(std::move(state)), generation_(generation) {}

  Status Append(std::string_view data) override {
    std::lock_guard lock(fs_->mu_);
    BOYO_RETURN_IF_ERROR(fs_->CheckHandle(generation_, path()));
    if (!fs_->write_error_.ok()) return fs_->write_error_;
    Status after;
    if (fs_->write_budget_) {
      uint64_t& budget = *fs_->write_budget_;
      if (data.size() > budget) {
        data = data.substr(0, budget);
        after = fs_->budget_error_;
      }
      budget -= data.size();
    }
    if (!data.empty()) {
      const uint64_t before = base_->size();
      const Status status = base_->Append(data);
      const uint64_t written = base_->size() - before;
      state_->size += written;
      fs_->bytes_written_ += written;
      BOYO_RETURN_IF_ERROR(status);
    }
    return after;
  }

  Status Sync() override {
    std::lock_guard lock(fs_->mu_);
    BOYO_RETURN_IF_ERROR(fs_->CheckHandle(generation_, path()));
    ++fs_->num_syncs_;
    if (!fs_->sync_error_.ok()) return fs_->sync_error_;
    BOYO_RETURN_IF_ERROR(base_->Sync());
    state_->synced_size = state_->size;
    return Status::OK();
  }

  Status Close() override {
    std::lock_guard lock(fs_->mu_);
    BOYO_RETURN_IF_ERROR(fs_->CheckHandle(generation_, path()));
    return base_->Close();
  }

  uint64_t size() const override { return base_->size(); }
  const std::string& path() const override { return base_->path(); }

 private:
  FaultInjectionFileSystem* const fs_;
  const std::unique_ptr<WritableFile> base_;
  const std::shared_ptr<FileState> state_;
  const uint64_t generation_;
};

class FaultInjectionFileSystem::ReadableFile final : public RandomAccessFile {
 public:
  ReadableFile(FaultInjectionFileSystem* fs, std::unique_ptr<RandomAccessFile> base,
               uint64_t generation)
      : fs_(fs), base_(std::move(base)), generation_(generation) {}

  Result<size_t> ReadAt(uint64_t offset, size_t n, char* out) const override {
    {
      std::lock_guard lock(fs_->mu_);
      BOYO_RETURN_IF_ERROR(fs_->CheckHandle(generation_, path()));
    }
    return base_->ReadAt(offset, n, out);
  }
  uint64_t size() const override { return base_->size(); }
  const std::string& path() const override { return base_->path(); }

 private:
  FaultInjectionFileSystem* const fs_;
  const std::unique_ptr<RandomAccessFile> base_;
  const uint64_t generation_;
};

FaultInjectionFileSystem::FaultInjectionFileSystem(FileSystem* base) : base_(base) {}

FaultInjectionFileSystem::~FaultInjectionFileSystem() = default;

Result<std::unique_ptr<WritableFile>> FaultInjectionFileSystem::OpenWritable(
    const std::string& path, OpenMode mode) {
  std::lock_guard lock(mu_);
  BOYO_ASSIGN_OR_RETURN(const bool existed, base_->Exists(path));
  BOYO_ASSIGN_OR_RETURN(auto base_file, base_->OpenWritable(path, mode));
  std::shared_ptr<FileState>& state = files_[path];
  if (state == nullptr) {
    // Bytes that were there before this file system saw the file count as durable.
    state = std::make_shared<FileState>();
    state->size = base_file->size();
    state->synced_size = base_file->size();
  }
  if (mode == OpenMode::kTruncate) {
    state->size = 0;
    state->synced_size = 0;
  }
  if (!existed) pending_dir_ops_.push_back(DirOp{DirOp::Kind::kCreate, path, "", std::nullopt});
  return std::unique_ptr<WritableFile>(
      std::make_unique<File>(this, std::move(base_file), state, generation_));
}

Result<std::unique_ptr<RandomAccessFile>> FaultInjectionFileSystem::OpenReadable(
    const std::string& path) {
  std::lock_guard lock(mu_);
  BOYO_ASSIGN_OR_RETURN(auto base_file, base_->OpenReadable(path));
  return std::unique_ptr<RandomAccessFile>(
      std::make_unique<ReadableFile>(this, std::move(base_file), generation_));
}

Status FaultInjectionFileSystem::Rename(const std::string& from, const std::string& to) {
  std::lock_guard lock(mu_);
  BOYO_ASSIGN_OR_RETURN(const bool replaces, base_->Exists(to));
  std::optional<std::string> saved;
  if (replaces) {
    BOYO_ASSIGN_OR_RETURN(saved, DurableContents(to));
  }
  BOYO_RETURN_IF_ERROR(base_->Rename(from, to));
  const auto it = files_.find(from);
  if (it != files_.end()) {
    files_[to] = it->second;
    files_.erase(it);
  } else {
    files_.erase(to);
  }
  pending_dir_ops_.push_back(DirOp{DirOp::Kind::kRename, to, from, std::move(saved)});
  return Status::OK();
}

Status FaultInjectionFileSystem::SyncDir(const std::string& dir) {
  std::lock_guard lock(mu_);
  ++num_dir_syncs_;
  if (!sync_error_.ok()) return sync_error_;
  BOYO_RETURN_IF_ERROR(base_->SyncDir(dir));
  const std::string synced = WithoutTrailingSlash(dir);
  std::erase_if(pending_dir_ops_, [&](const DirOp& op) { return ParentDir(op.path) == synced; });
  return Status::OK();
}

Status FaultInjectionFileSystem::RemoveFile(const std::string& path) {
  std::lock_guard lock(mu_);
  BOYO_ASSIGN_OR_RETURN(const bool exists, base_->Exists(path));
  std::optional<std::string> saved;
  if (exists) {
    BOYO_ASSIGN_OR_RETURN(saved, DurableContents(path));
  }
  BOYO_RETURN_IF_ERROR(base_->RemoveFile(path));
  files_.erase(path);
  pending_dir_ops_.push_back(DirOp{DirOp::Kind::kRemove, path, "", std::move(saved)});
  return Status::OK();
}

Status FaultInjectionFileSystem::Truncate(const std::string& path, uint64_t size) {
  std::lock_guard lock(mu_);
  BOYO_RETURN_IF_ERROR(base_->Truncate(path, size));
  const auto it = files_.find(path);
  if (it != files_.end()) {
    it->second->size = size;
    it->second->synced_size = std::min(it->second->synced_size, size);
  }
  return Status::OK();
}

Status FaultInjectionFileSystem::CreateDirs(const std::string& path) {
  std::lock_guard lock(mu_);
  return base_->CreateDirs(path);
}

Status FaultInjectionFileSystem::RemoveAll(const std::string& path) {
  std::lock_guard lock(mu_);
  BOYO_RETURN_IF_ERROR(base_->RemoveAll(path));
  const std::string root = WithoutTrailingSlash(path);
  std::erase_if(files_, [&](const auto& entry) { return IsUnder(entry.first, root); });
  std::erase_if(pending_dir_ops_, [&](const DirOp& op) { return IsUnder(op.path, root); });
  return Status::OK();
}

Result<std::vector<std::string>> FaultInjectionFileSystem::ListDir(const std::string& dir) {
  std::lock_guard lock(mu_);
  return base_->ListDir(dir);
}

Result<bool> FaultInjectionFileSystem::Exists(const std::string& path) {
  std::lock_guard lock(mu_);
  return base_->Exists(path);
}

Result<uint64_t> FaultInjectionFileSystem::FileSize(const std::string& path) {
  std::lock_guard lock(mu_);
  return base_->FileSize(path);
}

Status FaultInjectionFileSystem::SimulateCrash(CrashMode mode, uint64_t seed) {
  std::lock_guard lock(mu_);
  std::mt19937_64 random(seed);
  for (const auto& [path, state] : files_) {
    const uint64_t draw = random();
    if (state->size <= state->synced_size) continue;
    BOYO_ASSIGN_OR_RETURN(const bool exists, base_->Exists(path));
    if (exists) BOYO_RETURN_IF_ERROR(CrashFile(path, *state, mode, draw));
  }
  for (auto it = pending_dir_ops_.rbegin(); it != pending_dir_ops_.rend(); ++it) {
    BOYO_RETURN_IF_ERROR(UndoDirOp(*it));
  }
  files_.clear();
  pending_dir_ops_.clear();
  ++generation_;
  return Status::OK();
}

Status FaultInjectionFileSystem::CrashFile(const std::string& path, const FileState& state,
                                           CrashMode mode, uint64_t random) {
  const uint64_t unsynced = state.size - state.synced_size;
  switch (mode) {
    case CrashMode::kDropUnsynced:
      return base_->Truncate(path, state.synced_size);
    case CrashMode::kKeepRandomPrefix:
      return base_->Truncate(path, state.synced_size + random % (unsynced + 1));
    case CrashMode::kZeroUnsynced: {
      BOYO_RETURN_IF_ERROR(base_->Truncate(path, state.synced_size));
      BOYO_ASSIGN_OR_RETURN(auto file, base_->OpenWritable(path, OpenMode::kAppend));
      BOYO_RETURN_IF_ERROR(file->Append(std::string(unsynced, '\0')));
      return file->Close();
    }
  }
  return Status::Internal("unknown crash mode");
}

Status FaultInjectionFileSystem::UndoDirOp(const DirOp& op) {
  BOYO_ASSIGN_OR_RETURN(const bool exists, base_->Exists(op.path));
  switch (op.kind) {
    case DirOp::Kind::kCreate:
      if (exists) return base_->RemoveFile(op.path);
      return Status::OK();
    case DirOp::Kind::kRename:
      if (exists) BOYO_RETURN_IF_ERROR(base_->Rename(op.path, op.from));
      if (op.saved) return WriteContents(*base_, op.path, *op.saved);
      return Status::OK();
    case DirOp::Kind::kRemove:
      if (op.saved) return WriteContents(*base_, op.path, *op.saved);
      return Status::OK();
  }
  return Status::Internal("unknown directory operation");
}

Status FaultInjectionFileSystem::CheckHandle(uint64_t generation, const std::string& path) const {
  if (generation != generation_) {
    return Status::IOError("file \"" + path + "\" was opened before a simulated crash");
  }
  return Status::OK();
}

Result<std::string> FaultInjectionFileSystem::DurableContents(const std::string& path) {
  BOYO_ASSIGN_OR_RETURN(std::string contents, ReadWholeFile(*base_, path));
  const auto it = files_.find(path);
  if (it != files_.end() && contents.size() > it->second->synced_size) {
    contents.resize(it->second->synced_size);
  }
  return contents;
}

void FaultInjectionFileSystem::SetWriteError(Status status) {
  std::lock_guard lock(mu_);
  write_error_ = std::move(status);
}

void FaultInjectionFileSystem::FailWritesAfterBytes(uint64_t bytes, Status status) {
  std::lock_guard lock(mu_);
  write_budget_ = bytes;
  budget_error_ = std::move(status);
}

void FaultInjectionFileSystem::SetSyncError(Status status) {
  std::lock_guard lock(mu_);
  sync_error_ = std::move(status);
}

void FaultInjectionFileSystem::ClearErrors() {
  std::lock_guard lock(mu_);
  write_error_ = Status::OK();
  write_budget_.reset();
  budget_error_ = Status::OK();
  sync_error_ = Status::OK();
}

uint64_t FaultInjectionFileSystem::num_syncs() const {
  std::lock_guard lock(mu_);
  return num_syncs_;
}

uint64_t FaultInjectionFileSystem::num_dir_syncs() const {
  std::lock_guard lock(mu_);
  return num_dir_syncs_;
}

uint64_t FaultInjectionFileSystem::bytes_written() const {
  std::lock_guard lock(mu_);
  return bytes_written_;
}

std::optional<uint64_t> FaultInjectionFileSystem::SyncedSize(const std::string& path) const {
  std::lock_guard lock(mu_);
  const auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second->synced_size;
}

Status FaultInjectionFileSystem::FlipByte(FileSystem& fs, const std::string& path,
                                          uint64_t offset) {
  BOYO_ASSIGN_OR_RETURN(std::string contents, ReadWholeFile(fs, path));
  if (offset >= contents.size()) {
    return Status::OutOfRange("offset " + std::to_string(offset) + " is past the end of \"" + path +
                              "\" (" + std::to_string(contents.size()) + " bytes)");
  }
  contents[offset] = static_cast<char>(contents[offset] ^ 0xff);
  return WriteContents(fs, path, contents);
}

Status FaultInjectionFileSystem::TruncateFile(FileSystem& fs, const std::string& path,
                                              uint64_t size) {
  return fs.Truncate(path, size);
}

Status FaultInjectionFileSystem::AppendZeros(FileSystem& fs, const std::string& path,
                                             uint64_t num_bytes) {
  BOYO_ASSIGN_OR_RETURN(auto file, fs.OpenWritable(path, OpenMode::kAppend));
  BOYO_RETURN_IF_ERROR(file->Append(std::string(num_bytes, '\0')));
  BOYO_RETURN_IF_ERROR(file->Sync());
  return file->Close();
}

}  // namespace boyodb::testing
