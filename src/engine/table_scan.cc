// Scans of one table snapshot: memtable chunks, then segments, pruning segments by bloom
// filters and batches by zone maps, reading only the needed columns, dropping deleted rows,
// filtering (by predicates, then by the key filters of joins above), projecting, and (for
// UPDATE and DELETE) adding each row's id.
#include <algorithm>
#include <atomic>
#include <mutex>

#include "catalog/catalog.h"
#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "engine/database_impl.h"
#include "exec/expression/evaluator.h"
#include "storage/index/bloom_hash.h"
#include "storage/scan/first_morsel_gate.h"

namespace boyodb::engine {
namespace {

using columnar::Chunk;
using columnar::SelectionVector;
using storage::ColumnPredicate;

// The scan's unit of work is one memtable chunk or one segment batch (a morsel). Claiming the
// next morsel (and opening segments, which bloom filters may skip) happens under a mutex; the
// reading, decompressing and filtering of a morsel happen outside it, so that many threads
// can scan one table at once.
class TableScanImpl final : public TableScan {
 public:
  TableScanImpl(std::shared_ptr<const storage::TableSnapshot> snapshot,
                const storage::TableEntry& table, columnar::SchemaPtr table_schema,
                std::vector<int> output_columns,
                std::vector<std::pair<int, ColumnPredicate>> predicates, bool with_row_ids,
                const std::map<uint64_t, storage::RowBitmap>* hidden_rows, int bound_column,
                std::shared_ptr<const storage::TopNBound> bound,
                std::vector<std::pair<int, std::shared_ptr<const storage::KeyFilter>>> key_filters)
      : snapshot_(std::move(snapshot)),
        hidden_rows_(hidden_rows),
        table_schema_(std::move(table_schema)),
        output_columns_(std::move(output_columns)),
        predicates_(std::move(predicates)),
        with_row_ids_(with_row_ids),
        bound_column_(bound == nullptr ? -1 : bound_column),
        bound_(std::move(bound)),
        key_filters_(std::move(key_filters)) {
    for (const types::Field& field : table_schema_->fields()) {
      storage_names_.push_back(table.StorageName(field.name));
      const auto fill = table.missing_values.find(storage_names_.back());
      missing_values_.push_back(
          fill == table.missing_values.end() ? types::Value::Null(field.type()) : fill->second);
    }
    std::vector<types::Field> fields;
    for (const int column : output_columns_) fields.push_back(table_schema_->field(column));
    if (with_row_ids_) fields.emplace_back("rowid", types::DataType::Int64(), false);
    output_schema_ = std::make_shared<const types::Schema>(std::move(fields));
    needed_columns_ = output_columns_;
    auto need = [&](int column) {
      if (std::find(needed_columns_.begin(), needed_columns_.end(), column) ==
          needed_columns_.end()) {
        needed_columns_.push_back(column);
      }
    };
    for (const auto& [column, predicate] : predicates_) need(column);
    for (const auto& [column, filter] : key_filters_) need(column);
    std::vector<types::Field> needed_fields;
    for (const int column : needed_columns_) needed_fields.push_back(table_schema_->field(column));
    needed_schema_ = std::make_shared<const types::Schema>(std::move(needed_fields));
    stats_.segments_total = static_cast<int64_t>(snapshot_->segments.size());
  }

  Result<std::optional<Chunk>> Next() override {
    uint64_t sequence = 0;
    return NextMorsel(&sequence);
  }

  Result<std::optional<Chunk>> NextMorsel(uint64_t* sequence) override {
    const bool first = bound_ != nullptr && first_morsel_.Enter();
    Result<std::optional<Chunk>> result = ClaimAndRead(sequence, bound_ != nullptr && !first);
    if (first && !(result.ok() && result->has_value())) first_morsel_.Release();
    return result;
  }

  const columnar::SchemaPtr& schema() const override { return output_schema_; }

  const ScanStats& stats() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    stats_.batches_skipped = batches_skipped_.load();
    stats_.rows_read = rows_read_.load();
    stats_.rows_returned = rows_returned_.load();
    return stats_;
  }

 private:
  // Under a top-N, the scan's first segment batch is handed out in this many pieces. The
  // first piece goes to one driver (FirstMorselGate) and settles the top-N's cut-off from a
  // fraction of the batch; the other pieces run on all drivers, the others starting on them
  // at once, where the whole batch would have run on one (hits Q23 filters and copies a whole
  // batch before its cut-off skips the rest of the table).
  static constexpr int64_t kFirstBatchPieces = 8;
  static constexpr int64_t kMinPieceRows = 4096;
  // The needed columns of a split batch, read by its first piece and sliced by all.
  struct SplitBatch {
    std::mutex mutex;
    std::optional<Chunk> read;
    int64_t pieces_unread = 0;  // frees `read` after the last piece
  };

  // What reading a segment's batches needs; shared by the morsels of one segment.
  struct OpenSegment {
    std::shared_ptr<const storage::SegmentReader> reader;
    std::shared_ptr<const storage::RowBitmap> deleted;  // null: none
    uint64_t segment_id = 0;
    std::vector<int> segment_columns;  // per needed column: its index in the segment, or -1
    std::vector<int> present_columns;  // the segment columns to read, in needed order
    int bound_index = -1;              // the bound column's index in the segment, or -1
  };
  struct Morsel {
    uint64_t sequence = 0;
    const Chunk* memtable_chunk = nullptr;  // a memtable chunk, or else a segment batch:
    uint64_t segment_id = 0;                // (also a memtable chunk's row-id segment)
    std::shared_ptr<const OpenSegment> segment;
    int batch = 0;
    int64_t batch_start = 0;  // the batch's first row's position in the segment
    // A piece of a split batch (see kFirstBatchPieces): its rows [piece_begin, piece_begin +
    // piece_rows) of the batch, read once for all pieces into `split`.
    std::shared_ptr<SplitBatch> split;
    int64_t piece_begin = 0;
    int64_t piece_rows = 0;
  };

  // The next morsel that has rows left after its filters. `gated`: the caller is not the
  // first morsel's driver, so before the cut-off is settled it takes only pieces of the
  // split first batch.
  Result<std::optional<Chunk>> ClaimAndRead(uint64_t* sequence, bool gated) {
    while (true) {
      if (gated) first_morsel_.Pass([this] { return PiecesLeft(); });
      BOYO_ASSIGN_OR_RETURN(std::optional<Morsel> morsel, Claim());
      if (!morsel.has_value()) return std::optional<Chunk>();
      // The first piece of a split batch: the others may go to the waiting drivers.
      if (morsel->split != nullptr && morsel->piece_begin == 0) first_morsel_.Notify();
      *sequence = morsel->sequence;
      BOYO_ASSIGN_OR_RETURN(std::optional<Chunk> result, Read(*morsel));
      if (result) return result;
    }
  }

  // Whether pieces of a split batch are left to hand out.
  bool PiecesLeft() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return split_.split != nullptr;
  }

  Result<std::optional<Morsel>> Claim() {
    std::lock_guard<std::mutex> lock(mutex_);
    Morsel morsel;
    morsel.sequence = next_sequence_++;
    if (split_.split != nullptr) {
      // The next piece of the split batch.
      const int64_t batch_rows = split_.segment->reader->batch_num_rows(split_.batch);
      morsel.segment = split_.segment;
      morsel.segment_id = split_.segment_id;
      morsel.batch = split_.batch;
      morsel.batch_start = split_.batch_start;
      morsel.split = split_.split;
      morsel.piece_begin = split_.piece_begin + split_.piece_rows;
      morsel.piece_rows = std::min(split_.piece_rows, batch_rows - morsel.piece_begin);
      split_.piece_begin = morsel.piece_begin;
      if (morsel.piece_begin + morsel.piece_rows >= batch_rows) split_ = Morsel();
      return std::optional<Morsel>(std::move(morsel));
    }
    if (memtable_index_ < snapshot_->memtable.size()) {
      // With row ids, these are a transaction's uncommitted rows (the snapshot of a
      // mutation has no memtable of its own).
      morsel.segment_id = kFirstUncommittedSegment + memtable_index_;
      morsel.memtable_chunk = &snapshot_->memtable[memtable_index_++];
      return std::optional<Morsel>(std::move(morsel));
    }
    while (open_ == nullptr || batch_index_ >= open_->reader->num_batches()) {
      if (segment_index_ >= snapshot_->segments.size()) return std::optional<Morsel>();
      BOYO_RETURN_IF_ERROR(OpenNextSegment());
    }
    morsel.segment = open_;
    morsel.segment_id = open_->segment_id;
    morsel.batch = batch_index_++;
    morsel.batch_start = batch_start_;
    const int64_t batch_rows = open_->reader->batch_num_rows(morsel.batch);
    batch_start_ += batch_rows;
    if (bound_ != nullptr && !first_batch_split_) {
      first_batch_split_ = true;
      const int64_t piece_rows =
          std::max(kMinPieceRows, (batch_rows + kFirstBatchPieces - 1) / kFirstBatchPieces);
      if (piece_rows < batch_rows) {
        morsel.split = std::make_shared<SplitBatch>();
        morsel.split->pieces_unread = (batch_rows + piece_rows - 1) / piece_rows;
        morsel.piece_rows = piece_rows;
        split_ = morsel;  // the piece last handed out
      }
    }
    return std::optional<Morsel>(std::move(morsel));
  }

  // Requires mutex_ held. Leaves open_ null when a bloom filter rules the segment out.
  Status OpenNextSegment() {
    const storage::SegmentHandle& handle = *snapshot_->segments[segment_index_++];
    open_.reset();
    batch_index_ = 0;
    batch_start_ = 0;
    auto open = std::make_shared<OpenSegment>();
    BOYO_ASSIGN_OR_RETURN(open->reader, handle.Reader());
    BOYO_ASSIGN_OR_RETURN(open->deleted, handle.DeletedRows());
    open->segment_id = handle.entry().segment_id;
    if (hidden_rows_ != nullptr) {
      const auto hidden = hidden_rows_->find(open->segment_id);
      if (hidden != hidden_rows_->end()) {
        auto merged = std::make_shared<storage::RowBitmap>(hidden->second);
        if (open->deleted != nullptr) *merged |= *open->deleted;
        open->deleted = std::move(merged);
      }
    }
    if (with_row_ids_ && open->segment_id >= kFirstUncommittedSegment) {
      return Status::Internal("segment id " + std::to_string(open->segment_id) +
                              " is too large for row ids");
    }
    // Segment columns are matched to table columns by storage name; a column added after the
    // segment was written is not in it (-1) and reads its missing value.
    for (const int column : needed_columns_) {
      const int index =
          open->reader->schema().FieldIndex(storage_names_[static_cast<size_t>(column)]);
      open->segment_columns.push_back(index);
      if (index >= 0) open->present_columns.push_back(index);
    }
    if (bound_column_ >= 0) {
      open->bound_index =
          open->reader->schema().FieldIndex(storage_names_[static_cast<size_t>(bound_column_)]);
    }
    // A bloom filter rules out the whole segment for an equality it cannot contain.
    for (const auto& [column, predicate] : predicates_) {
      if (predicate.op != storage::CompareOp::kEq) continue;
      const int index = open->segment_columns[PositionInNeeded(column)];
      if (index < 0) continue;
      const storage::BloomFilter* bloom = open->reader->bloom_filter(index);
      if (bloom != nullptr && !bloom->MightContainHash(storage::BloomHashOf(predicate.value))) {
        return Status::OK();
      }
    }
    ++stats_.segments_scanned;
    stats_.batches_total += open->reader->num_batches();
    open_ = std::move(open);
    return Status::OK();
  }

  Result<std::optional<Chunk>> Read(const Morsel& morsel) {
    if (morsel.memtable_chunk != nullptr) {
      return FilterAndProject(*morsel.memtable_chunk, /*columns_are_needed_list=*/false, nullptr,
                              morsel.segment_id, 0);
    }
    const OpenSegment& segment = *morsel.segment;
    const storage::SegmentReader& reader = *segment.reader;
    const int batch = morsel.batch;
    for (const auto& [column, predicate] : predicates_) {
      const int index = segment.segment_columns[PositionInNeeded(column)];
      if (index >= 0 && !storage::ZoneMayMatch(predicate, reader.zone_map(batch, index))) {
        batches_skipped_.fetch_add(1, std::memory_order_relaxed);
        return std::optional<Chunk>();
      }
    }
    for (const auto& [column, filter] : key_filters_) {
      const int index = segment.segment_columns[PositionInNeeded(column)];
      if (index >= 0 && !filter->ZoneMayMatch(reader.zone_map(batch, index))) {
        batches_skipped_.fetch_add(1, std::memory_order_relaxed);
        return std::optional<Chunk>();
      }
    }
    if (segment.bound_index >= 0 &&
        !bound_->ZoneMayQualify(reader.zone_map(batch, segment.bound_index))) {
      batches_skipped_.fetch_add(1, std::memory_order_relaxed);
      return std::optional<Chunk>();
    }
    const bool piece = morsel.split != nullptr;
    const int64_t num_rows = piece ? morsel.piece_rows : reader.batch_num_rows(batch);
    const int64_t first_row = morsel.batch_start + morsel.piece_begin;
    Chunk read;
    if (!segment.present_columns.empty()) {
      // (An empty list would read every column.)
      if (piece) {
        BOYO_ASSIGN_OR_RETURN(read, ReadPiece(morsel));
      } else {
        BOYO_ASSIGN_OR_RETURN(read, reader.ReadBatch(batch, segment.present_columns));
      }
      if (segment.present_columns.size() == segment.segment_columns.size()) {
        return FilterAndProject(read, /*columns_are_needed_list=*/true, segment.deleted.get(),
                                segment.segment_id, first_row);
      }
    }
    // Put the missing columns' values in their places among the columns read.
    std::vector<columnar::ArrayPtr> columns;
    size_t next = 0;
    for (size_t i = 0; i < segment.segment_columns.size(); ++i) {
      if (segment.segment_columns[i] >= 0) {
        columns.push_back(read.column(next++));
        continue;
      }
      const size_t column = static_cast<size_t>(needed_columns_[i]);
      BOYO_ASSIGN_OR_RETURN(
          columnar::ArrayPtr filled,
          exec::Broadcast(missing_values_[column], table_schema_->field(column).type(), num_rows));
      columns.push_back(std::move(filled));
    }
    const Chunk chunk(needed_schema_, std::move(columns), num_rows);
    return FilterAndProject(chunk, /*columns_are_needed_list=*/true, segment.deleted.get(),
                            segment.segment_id, first_row);
  }

  // A piece's rows of its split batch, whose columns the first piece to get here reads.
  Result<Chunk> ReadPiece(const Morsel& morsel) {
    SplitBatch& split = *morsel.split;
    std::lock_guard<std::mutex> lock(split.mutex);
    if (!split.read.has_value()) {
      BOYO_ASSIGN_OR_RETURN(split.read, morsel.segment->reader->ReadBatch(
                                            morsel.batch, morsel.segment->present_columns));
    }
    Chunk piece = split.read->Slice(morsel.piece_begin, morsel.piece_rows);
    if (--split.pieces_unread == 0) split.read.reset();
    return piece;
  }

  size_t PositionInNeeded(int column) const {
    return static_cast<size_t>(std::find(needed_columns_.begin(), needed_columns_.end(), column) -
                               needed_columns_.begin());
  }

  // The rows of a batch of `num_rows` starting at segment row `batch_start` that no DELETE
  // removed, or nullopt when none was.
  static std::optional<SelectionVector> LiveRows(const storage::RowBitmap* deleted,
                                                 int64_t batch_start, int64_t num_rows) {
    if (deleted == nullptr) return std::nullopt;
    const auto end = static_cast<uint32_t>(batch_start + num_rows);
    roaring_uint32_iterator_t it;
    roaring_init_iterator(&deleted->roaring, &it);
    roaring_move_uint32_iterator_equalorlarger(&it, static_cast<uint32_t>(batch_start));
    if (!it.has_value || it.current_value >= end) return std::nullopt;
    SelectionVector live;
    std::vector<uint32_t>& rows = live.mutable_rows();
    rows.reserve(static_cast<size_t>(num_rows));
    uint32_t next = static_cast<uint32_t>(batch_start);
    while (it.has_value && it.current_value < end) {
      for (; next < it.current_value; ++next)
        rows.push_back(next - static_cast<uint32_t>(batch_start));
      next = it.current_value + 1;
      roaring_advance_uint32_iterator(&it);
    }
    for (; next < end; ++next) rows.push_back(next - static_cast<uint32_t>(batch_start));
    return live;
  }

  // `chunk` holds either all table columns (memtable) or needed_columns_ in order (segments);
  // for a segment batch, `batch_start` is its first row's position in the segment and
  // `deleted` the segment's deleted rows.
  std::optional<Chunk> FilterAndProject(const Chunk& chunk, bool columns_are_needed_list,
                                        const storage::RowBitmap* deleted, uint64_t segment_id,
                                        int64_t batch_start) {
    rows_read_.fetch_add(chunk.num_rows(), std::memory_order_relaxed);
    auto column_of = [&](int table_column) -> const columnar::ArrayPtr& {
      return chunk.column(columns_are_needed_list ? PositionInNeeded(table_column)
                                                  : static_cast<size_t>(table_column));
    };
    std::optional<SelectionVector> selection;
    if (columns_are_needed_list) selection = LiveRows(deleted, batch_start, chunk.num_rows());
    for (const auto& [column, predicate] : predicates_) {
      if (!selection) {
        selection = storage::SelectRows(predicate, *column_of(column));
        continue;
      }
      if (selection->empty()) break;
      storage::FilterRows(predicate, *column_of(column), &*selection);
    }
    if (!key_filters_.empty() && !selection) selection = SelectionVector::All(chunk.num_rows());
    for (const auto& [column, filter] : key_filters_) {
      if (selection->empty()) break;
      filter->FilterRows(*column_of(column), &*selection);
    }
    const int64_t num_rows = selection ? static_cast<int64_t>(selection->size()) : chunk.num_rows();
    if (num_rows == 0) return std::nullopt;
    const bool all = num_rows == chunk.num_rows();
    std::vector<columnar::ArrayPtr> columns;
    for (const int column : output_columns_) {
      columns.push_back(all ? column_of(column) : columnar::Take(*column_of(column), *selection));
    }
    if (with_row_ids_) {
      columnar::FixedWidthBuilder<int64_t> ids(types::DataType::Int64());
      ids.Reserve(num_rows);
      for (int64_t i = 0; i < num_rows; ++i) {
        const int64_t row = batch_start + (all ? i : (*selection)[static_cast<size_t>(i)]);
        ids.Append(static_cast<int64_t>(segment_id << 32) | row);
      }
      columns.push_back(ids.Finish());
    }
    rows_returned_.fetch_add(num_rows, std::memory_order_relaxed);
    return Chunk(output_schema_, std::move(columns), num_rows);
  }

  const std::shared_ptr<const storage::TableSnapshot> snapshot_;
  const std::map<uint64_t, storage::RowBitmap>* const hidden_rows_;
  const columnar::SchemaPtr table_schema_;
  const std::vector<int> output_columns_;
  const std::vector<std::pair<int, ColumnPredicate>> predicates_;
  const bool with_row_ids_;
  const int bound_column_;  // table column of bound_, or -1
  const std::shared_ptr<const storage::TopNBound> bound_;
  storage::FirstMorselGate first_morsel_;  // used with bound_
  const std::vector<std::pair<int, std::shared_ptr<const storage::KeyFilter>>> key_filters_;
  columnar::SchemaPtr output_schema_;
  std::vector<int> needed_columns_;
  columnar::SchemaPtr needed_schema_;
  std::vector<std::string> storage_names_;    // per table column
  std::vector<types::Value> missing_values_;  // per table column

  mutable std::mutex mutex_;  // guards the claim position and stats_
  uint64_t next_sequence_ = 0;
  size_t memtable_index_ = 0;
  size_t segment_index_ = 0;
  std::shared_ptr<const OpenSegment> open_;  // the segment whose batches are being claimed
  int batch_index_ = 0;
  int64_t batch_start_ = 0;         // row position of batch batch_index_ in the segment
  bool first_batch_split_ = false;  // whether the first segment batch was claimed
  Morsel split_;                    // the split batch's piece last handed out, if more remain
  mutable ScanStats stats_;
  std::atomic<int64_t> batches_skipped_{0};
  std::atomic<int64_t> rows_read_{0};
  std::atomic<int64_t> rows_returned_{0};
};

Status UnknownColumn(const std::string& column, std::string_view table) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kUndefinedColumn,
                "column \"" + column + "\" does not exist in table \"" + std::string(table) + "\"");
}

}  // namespace

Result<std::unique_ptr<TableScan>> ScanSnapshot(
    const storage::TableStore& store, std::shared_ptr<const storage::TableSnapshot> snapshot,
    const ScanSpec& spec) {
  const std::string& table = store.entry().table;
  const types::Schema& schema = *store.schema();
  std::vector<int> output_columns;
  if (spec.columns.empty()) {
    for (size_t i = 0; i < schema.num_fields(); ++i) output_columns.push_back(static_cast<int>(i));
  }
  for (const std::string& name : spec.columns) {
    const int index = schema.FieldIndex(name);
    if (index < 0) return UnknownColumn(name, table);
    output_columns.push_back(index);
  }
  std::vector<std::pair<int, ColumnPredicate>> predicates;
  for (const ColumnPredicate& predicate : spec.predicates) {
    const int index = schema.FieldIndex(predicate.column);
    if (index < 0) return UnknownColumn(predicate.column, table);
    BOYO_ASSIGN_OR_RETURN(
        ColumnPredicate bound,
        storage::BindPredicate(predicate, schema.field(static_cast<size_t>(index)).type()));
    predicates.emplace_back(index, std::move(bound));
  }
  std::vector<std::pair<int, std::shared_ptr<const storage::KeyFilter>>> key_filters;
  for (const auto& [name, filter] : spec.key_filters) {
    const int index = schema.FieldIndex(name);
    if (index < 0) return UnknownColumn(name, table);
    key_filters.emplace_back(index, filter);
  }
  int bound_column = -1;
  if (spec.bound != nullptr) {
    bound_column = schema.FieldIndex(spec.bound_column);
    if (bound_column < 0) return UnknownColumn(spec.bound_column, table);
  }
  if (spec.with_row_ids && !snapshot->memtable.empty()) {
    return Status::Internal("row ids need a snapshot without memtable rows");
  }
  if (!spec.uncommitted_rows.empty()) {
    // The uncommitted rows are scanned like memtable rows, after the committed ones.
    auto extended = std::make_shared<storage::TableSnapshot>(*snapshot);
    for (const Chunk& rows : spec.uncommitted_rows) {
      if (rows.num_columns() != schema.num_fields()) {
        return Status::Internal("uncommitted rows of \"" + table + "\" have " +
                                std::to_string(rows.num_columns()) + " columns, the table has " +
                                std::to_string(schema.num_fields()));
      }
      extended->memtable.push_back(rows);
    }
    snapshot = std::move(extended);
  }
  return std::unique_ptr<TableScan>(std::make_unique<TableScanImpl>(
      std::move(snapshot), store.entry(), store.schema(), std::move(output_columns),
      std::move(predicates), spec.with_row_ids, spec.hidden_rows, bound_column, spec.bound,
      std::move(key_filters)));
}

Result<std::unique_ptr<TableScan>> DatabaseImpl::Scan(std::string_view database,
                                                      std::string_view table,
                                                      const ScanSpec& spec) const {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::shared_ptr<storage::TableStore> store = FindStore(database, table);
  if (!store) return catalog::ResolveTable(*manifest_store_->current(), database, table).status();
  if (spec.with_row_ids) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kFeatureNotSupported,
                  "row ids are only available to UPDATE and DELETE");
  }
  return ScanSnapshot(*store, store->Snapshot(), spec);
}

}  // namespace boyodb::engine
