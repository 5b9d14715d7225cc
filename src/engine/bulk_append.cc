// Bulk loads (COPY FROM): rows are gathered into segment-sized groups, each group is written as
// a segment on a background thread while the caller parses the next one, and Commit publishes
// every segment with one AddSegments WAL record and one manifest version. Nothing is visible
// before Commit, so a failed or abandoned load leaves the table untouched and removes its files.
#include <future>

#include "catalog/catalog.h"
#include "common/background_worker.h"
#include "common/logging.h"
#include "engine/database_impl.h"
#include "storage/segment/segment_writer.h"

namespace boyodb::engine {

using storage::SegmentEntry;
using storage::TableStore;

class BulkAppendImpl final : public BulkAppend {
 public:
  BulkAppendImpl(DatabaseImpl& database, std::string database_name, std::string table_name,
                 std::shared_ptr<TableStore> store)
      : database_(database),
        database_name_(std::move(database_name)),
        table_name_(std::move(table_name)),
        store_(std::move(store)) {}

  ~BulkAppendImpl() override {
    // A segment still being written is waited for, so its files can be removed too.
    if (writing_.valid()) {
      Result<SegmentEntry> written = writing_.get();
      if (written.ok()) written_.push_back(*written);
    }
    if (handed_over_) return;
    for (const SegmentEntry& entry : written_) {
      for (const std::string& path :
           {storage::SegmentPath(store_->segment_dir(), entry.segment_id),
            storage::IndexPath(store_->segment_dir(), entry.segment_id)}) {
        // A file left behind is an orphan, which the next open removes.
        const Status removed = database_.fs_.RemoveFile(path);
        if (!removed.ok()) log::Warn("removing \"{}\": {}", path, removed.FullMessage());
      }
    }
  }

  Status Add(const columnar::Chunk& rows) override {
    if (committed_) return Status::Internal("BulkAppend::Add after Commit");
    BOYO_RETURN_IF_ERROR(database_.CheckOpen());
    BOYO_RETURN_IF_ERROR(ValidateAppendRows(store_->entry(), rows));
    if (rows.num_rows() == 0) return Status::OK();
    // The rows are stored under the table's own schema, whatever the caller called them.
    pending_.emplace_back(store_->schema(), rows.columns(), rows.num_rows());
    pending_rows_ += rows.num_rows();
    pending_bytes_ += rows.ByteSize();
    num_rows_ += rows.num_rows();
    // Segments are as large as a memtable flush makes them; the byte bound also keeps every
    // string column of a group far below Arrow's 2 GB offset limit.
    if (pending_rows_ >= database_.options_.memtable_flush_rows ||
        pending_bytes_ >= database_.options_.memtable_flush_bytes) {
      BOYO_RETURN_IF_ERROR(StartSegment());
    }
    return Status::OK();
  }

  int64_t num_rows() const override { return num_rows_; }

  Status Commit() override {
    if (committed_) return Status::Internal("BulkAppend::Commit called twice");
    committed_ = true;
    BOYO_RETURN_IF_ERROR(database_.CheckOpen());
    if (written_.empty() && !writing_.valid()) {
      if (pending_rows_ == 0) return Status::OK();
      // A small load is an ordinary append: WAL record and memtable, no segment of its own.
      if (pending_rows_ < database_.options_.direct_segment_rows) {
        return database_.Append(database_name_, table_name_, TakePending());
      }
    }
    if (pending_rows_ > 0) BOYO_RETURN_IF_ERROR(StartSegment());
    BOYO_RETURN_IF_ERROR(WaitForSegment());
    bool logged = false;
    const Status published =
        database_.PublishSegments(database_name_, table_name_, store_, written_, &logged);
    // Once the WAL names the segments they belong to the table, even if publishing failed.
    handed_over_ = logged;
    return published;
  }

 private:
  columnar::Chunk TakePending() {
    columnar::Chunk all = pending_.size() == 1
                              ? std::move(pending_.front())
                              : columnar::ConcatenateChunks(store_->schema(), pending_);
    pending_.clear();
    pending_rows_ = 0;
    pending_bytes_ = 0;
    return all;
  }

  // Hands the pending rows to a background write, after the previous one has finished: at
  // most one group is being written while the caller fills the next.
  Status StartSegment() {
    BOYO_RETURN_IF_ERROR(WaitForSegment());
    // The worker also joins the blocks into one chunk, which costs a copy of every value; each
    // column's blocks are freed as soon as it is copied.
    writing_ = writer_.Run([this, chunks = std::move(pending_)]() mutable {
      const columnar::Chunk rows =
          chunks.size() == 1 ? std::move(chunks.front())
                             : columnar::ConcatenateChunks(store_->schema(), std::move(chunks));
      chunks.clear();
      return database_.WriteSegmentFor(*store_, rows);
    });
    pending_.clear();
    pending_rows_ = 0;
    pending_bytes_ = 0;
    return Status::OK();
  }

  Status WaitForSegment() {
    if (!writing_.valid()) return Status::OK();
    Result<SegmentEntry> written = writing_.get();
    if (!written.ok()) return TableGoneOr(written.status());
    written_.push_back(std::move(written).value());
    return Status::OK();
  }

  // A write that failed because the table was dropped meanwhile says so (42P01), not what
  // the missing directory made the file system say.
  Status TableGoneOr(Status cause) const {
    std::shared_ptr<TableStore> current = database_.FindStore(database_name_, table_name_);
    if (current && current->entry().table_id == store_->entry().table_id) return cause;
    const Status missing =
        catalog::ResolveTable(*database_.manifest_store_->current(), database_name_, table_name_)
            .status();
    return missing.ok() ? cause : missing;  // a new table of that name: keep the cause
  }

  DatabaseImpl& database_;
  const std::string database_name_;
  const std::string table_name_;
  // The table's store when the load began: segments are written in its column layout, which
  // stays readable after an ALTER TABLE (PublishSegments moves them to the current store).
  const std::shared_ptr<TableStore> store_;
  std::vector<columnar::Chunk> pending_;
  int64_t pending_rows_ = 0;
  int64_t pending_bytes_ = 0;
  int64_t num_rows_ = 0;
  std::future<Result<SegmentEntry>> writing_;
  std::vector<SegmentEntry> written_;
  bool committed_ = false;
  // True once the WAL names the written segments: from then on they are the table's files.
  bool handed_over_ = false;
  // Last: stopped before the members its writes use go. One thread writes every segment of
  // the load in turn (see BackgroundWorker for why not a thread per segment).
  BackgroundWorker<Result<SegmentEntry>> writer_;
};

Result<std::unique_ptr<BulkAppend>> DatabaseImpl::BeginBulkAppend(std::string_view database,
                                                                  std::string_view table) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::shared_ptr<TableStore> store = FindStore(database, table);
  if (!store) return catalog::ResolveTable(*manifest_store_->current(), database, table).status();
  return std::unique_ptr<BulkAppend>(std::make_unique<BulkAppendImpl>(
      *this, std::string(database), std::string(table), std::move(store)));
}

}  // namespace boyodb::engine
