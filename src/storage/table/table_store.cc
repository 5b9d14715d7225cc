#include "storage/table/table_store.h"

#include <algorithm>

namespace boyodb::storage {

Result<std::shared_ptr<const SegmentReader>> SegmentHandle::Reader() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!reader_) {
    BOYO_ASSIGN_OR_RETURN(reader_, SegmentReader::Open(fs_, dir_, entry_.segment_id, cache_));
  }
  return reader_;
}

Result<std::shared_ptr<const RowBitmap>> SegmentHandle::DeletedRows() const {
  if (!entry_.delete_file) return std::shared_ptr<const RowBitmap>();
  std::lock_guard<std::mutex> lock(mutex_);
  if (!deleted_) {
    BOYO_ASSIGN_OR_RETURN(
        deleted_, ReadDeleteFile(fs_, JoinPath(dir_, *entry_.delete_file), entry_.row_count));
  }
  return deleted_;
}

std::shared_ptr<const SegmentReader> SegmentHandle::OpenedReader() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return reader_;
}

TableStore::TableStore(FileSystem& fs, TableEntry entry, std::string segment_dir,
                       const std::vector<SegmentEntry>& segments, ColumnCache* cache)
    : fs_(fs),
      entry_(std::move(entry)),
      segment_dir_(std::move(segment_dir)),
      cache_(cache),
      schema_(std::make_shared<const types::Schema>(entry_.schema)),
      storage_schema_(std::make_shared<const types::Schema>(entry_.StorageSchema())) {
  for (const SegmentEntry& segment : segments) AddSegment(segment);
}

std::shared_ptr<TableStore> TableStore::Altered(TableEntry entry) const {
  auto altered = std::make_shared<TableStore>(fs_, std::move(entry), segment_dir_,
                                              std::vector<SegmentEntry>{}, cache_);
  std::lock_guard<std::mutex> lock(mutex_);
  // The handles keep their open readers and delete bitmaps: segments do not change.
  altered->segments_ = segments_;
  return altered;
}

std::shared_ptr<TableStore> TableStore::Renamed(TableEntry entry) const {
  std::shared_ptr<TableStore> renamed = Altered(std::move(entry));
  std::lock_guard<std::mutex> lock(mutex_);
  renamed->active_ = active_;
  renamed->active_rows_ = active_rows_;
  renamed->active_bytes_ = active_bytes_;
  renamed->oldest_insert_ = oldest_insert_;
  return renamed;
}

void TableStore::Retire() {
  std::lock_guard<std::mutex> lock(mutex_);
  retired_.store(true);
  active_.clear();
  active_rows_ = 0;
  active_bytes_ = 0;
}

void TableStore::InsertIntoMemtable(uint64_t lsn, columnar::Chunk rows) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (active_.empty()) oldest_insert_ = std::chrono::steady_clock::now();
  active_rows_ += rows.num_rows();
  active_bytes_ += rows.ByteSize();
  active_.push_back(MemtableChunk{lsn, std::move(rows)});
}

void TableStore::AddSegment(const SegmentEntry& entry) {
  std::shared_ptr<const SegmentHandle> handle = MakeHandle(entry);
  std::lock_guard<std::mutex> lock(mutex_);
  segments_.push_back(std::move(handle));
}

std::vector<MemtableChunk> TableStore::BeginFlush() {
  // The exclusive lock waits for appends that have an LSN but have not inserted yet.
  std::unique_lock<std::shared_mutex> appends(append_mutex_);
  std::lock_guard<std::mutex> lock(mutex_);
  if (!flushing_.empty() || active_.empty()) return {};
  flushing_ = std::move(active_);
  active_.clear();
  active_rows_ = 0;
  active_bytes_ = 0;
  return flushing_;
}

void TableStore::FinishFlush(const SegmentEntry& segment) {
  std::shared_ptr<const SegmentHandle> handle = MakeHandle(segment);
  std::lock_guard<std::mutex> lock(mutex_);
  segments_.push_back(std::move(handle));
  flushing_.clear();
}

void TableStore::AbortFlush() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const MemtableChunk& chunk : flushing_) {
    active_rows_ += chunk.rows.num_rows();
    active_bytes_ += chunk.rows.ByteSize();
  }
  active_.insert(active_.begin(), std::make_move_iterator(flushing_.begin()),
                 std::make_move_iterator(flushing_.end()));
  flushing_.clear();
  oldest_insert_ = std::chrono::steady_clock::now();
}

void TableStore::Clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  segments_.clear();
  active_.clear();
  flushing_.clear();
  active_rows_ = 0;
  active_bytes_ = 0;
}

void TableStore::ApplyMutation(const std::vector<std::shared_ptr<const SegmentHandle>>& replaced,
                               const std::vector<uint64_t>& removed,
                               const std::optional<SegmentEntry>& added) {
  std::shared_ptr<const SegmentHandle> added_handle;
  if (added) added_handle = MakeHandle(*added);
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& handle : segments_) {
    for (const auto& replacement : replaced) {
      if (replacement->entry().segment_id == handle->entry().segment_id) handle = replacement;
    }
  }
  std::erase_if(segments_, [&](const std::shared_ptr<const SegmentHandle>& handle) {
    return std::find(removed.begin(), removed.end(), handle->entry().segment_id) != removed.end();
  });
  if (added_handle) segments_.push_back(std::move(added_handle));
}

std::shared_ptr<const SegmentHandle> TableStore::MakeHandle(
    const SegmentEntry& entry, std::shared_ptr<const SegmentReader> reader,
    std::shared_ptr<const RowBitmap> deleted) const {
  return std::make_shared<const SegmentHandle>(fs_, segment_dir_, entry, cache_, std::move(reader),
                                               std::move(deleted));
}

bool TableStore::flush_running() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return !flushing_.empty();
}

uint64_t TableStore::OldestUnflushedLsn() const {
  std::lock_guard<std::mutex> lock(mutex_);
  uint64_t oldest = 0;
  for (const auto* chunks : {&flushing_, &active_}) {
    for (const MemtableChunk& chunk : *chunks) {
      if (oldest == 0 || chunk.lsn < oldest) oldest = chunk.lsn;
    }
  }
  return oldest;
}

int64_t TableStore::memtable_rows() const {
  std::lock_guard<std::mutex> lock(mutex_);
  int64_t rows = active_rows_;
  for (const MemtableChunk& chunk : flushing_) rows += chunk.rows.num_rows();
  return rows;
}

int64_t TableStore::memtable_bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return active_bytes_;
}

std::chrono::milliseconds TableStore::memtable_age() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (active_.empty()) return std::chrono::milliseconds(0);
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               oldest_insert_);
}

std::shared_ptr<const TableSnapshot> TableStore::Snapshot() const {
  auto snapshot = std::make_shared<TableSnapshot>();
  std::lock_guard<std::mutex> lock(mutex_);
  snapshot->segments = segments_;
  for (const auto* chunks : {&flushing_, &active_}) {
    for (const MemtableChunk& chunk : *chunks) snapshot->memtable.push_back(chunk.rows);
  }
  return snapshot;
}

std::vector<SegmentEntry> TableStore::segment_entries() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<SegmentEntry> entries;
  for (const auto& handle : segments_) entries.push_back(handle->entry());
  return entries;
}

}  // namespace boyodb::storage
