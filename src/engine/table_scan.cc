// Scans of one table snapshot: memtable chunks, then segments, pruning segments by bloom
// filters and batches by zone maps, reading only the needed columns, filtering, projecting.
#include <algorithm>

#include "catalog/catalog.h"
#include "common/sqlstate.h"
#include "engine/database_impl.h"
#include "storage/index/bloom_hash.h"

namespace boyodb::engine {
namespace {

using columnar::Chunk;
using columnar::SelectionVector;
using storage::ColumnPredicate;

class TableScanImpl final : public TableScan {
 public:
  TableScanImpl(std::shared_ptr<const storage::TableSnapshot> snapshot,
                columnar::SchemaPtr table_schema, std::vector<int> output_columns,
                std::vector<std::pair<int, ColumnPredicate>> predicates)
      : snapshot_(std::move(snapshot)),
        table_schema_(std::move(table_schema)),
        output_columns_(std::move(output_columns)),
        predicates_(std::move(predicates)) {
    std::vector<types::Field> fields;
    for (const int column : output_columns_) fields.push_back(table_schema_->field(column));
    output_schema_ = std::make_shared<const types::Schema>(std::move(fields));
    needed_columns_ = output_columns_;
    for (const auto& [column, predicate] : predicates_) {
      if (std::find(needed_columns_.begin(), needed_columns_.end(), column) ==
          needed_columns_.end()) {
        needed_columns_.push_back(column);
      }
    }
    stats_.segments_total = static_cast<int64_t>(snapshot_->segments.size());
  }

  Result<std::optional<Chunk>> Next() override {
    while (true) {
      if (memtable_index_ < snapshot_->memtable.size()) {
        const Chunk& chunk = snapshot_->memtable[memtable_index_++];
        std::optional<Chunk> result = FilterAndProject(chunk, /*columns_are_needed_list=*/false);
        if (result) return result;
        continue;
      }
      if (reader_ && batch_index_ < reader_->num_batches()) {
        BOYO_ASSIGN_OR_RETURN(std::optional<Chunk> result, ReadNextBatch());
        if (result) return result;
        continue;
      }
      if (segment_index_ >= snapshot_->segments.size()) return std::optional<Chunk>();
      BOYO_RETURN_IF_ERROR(OpenNextSegment());
    }
  }

  const columnar::SchemaPtr& schema() const override { return output_schema_; }
  const ScanStats& stats() const override { return stats_; }

 private:
  Status OpenNextSegment() {
    const storage::SegmentHandle& handle = *snapshot_->segments[segment_index_++];
    reader_.reset();
    batch_index_ = 0;
    BOYO_ASSIGN_OR_RETURN(std::shared_ptr<const storage::SegmentReader> reader, handle.Reader());
    // Segment columns are matched to table columns by name, in the table's order.
    segment_columns_.clear();
    for (const int column : needed_columns_) {
      const int index = reader->schema().FieldIndex(table_schema_->field(column).name);
      if (index < 0) {
        return Status::Corruption("segment \"" + reader->path() + "\" has no column \"" +
                                  table_schema_->field(column).name + "\"");
      }
      segment_columns_.push_back(index);
    }
    // A bloom filter rules out the whole segment for an equality it cannot contain.
    for (const auto& [column, predicate] : predicates_) {
      if (predicate.op != storage::CompareOp::kEq) continue;
      const int index = reader->schema().FieldIndex(table_schema_->field(column).name);
      const storage::BloomFilter* bloom = reader->bloom_filter(index);
      if (bloom != nullptr && !bloom->MightContainHash(storage::BloomHashOf(predicate.value))) {
        return Status::OK();
      }
    }
    ++stats_.segments_scanned;
    stats_.batches_total += reader->num_batches();
    reader_ = std::move(reader);
    return Status::OK();
  }

  Result<std::optional<Chunk>> ReadNextBatch() {
    const int batch = batch_index_++;
    for (const auto& [column, predicate] : predicates_) {
      const int index = segment_columns_[PositionInNeeded(column)];
      if (!storage::ZoneMayMatch(predicate, reader_->zone_map(batch, index))) {
        ++stats_.batches_skipped;
        return std::optional<Chunk>();
      }
    }
    BOYO_ASSIGN_OR_RETURN(Chunk chunk, reader_->ReadBatch(batch, segment_columns_));
    return FilterAndProject(chunk, /*columns_are_needed_list=*/true);
  }

  size_t PositionInNeeded(int column) const {
    return static_cast<size_t>(std::find(needed_columns_.begin(), needed_columns_.end(), column) -
                               needed_columns_.begin());
  }

  // `chunk` holds either all table columns (memtable) or needed_columns_ in order (segments).
  std::optional<Chunk> FilterAndProject(const Chunk& chunk, bool columns_are_needed_list) {
    stats_.rows_read += chunk.num_rows();
    auto column_of = [&](int table_column) -> const columnar::ArrayPtr& {
      return chunk.column(columns_are_needed_list ? PositionInNeeded(table_column)
                                                  : static_cast<size_t>(table_column));
    };
    std::vector<columnar::ArrayPtr> columns;
    if (predicates_.empty()) {
      for (const int column : output_columns_) columns.push_back(column_of(column));
      stats_.rows_returned += chunk.num_rows();
      if (chunk.num_rows() == 0) return std::nullopt;
      return Chunk(output_schema_, std::move(columns), chunk.num_rows());
    }
    SelectionVector selection = SelectionVector::All(chunk.num_rows());
    for (const auto& [column, predicate] : predicates_) {
      storage::FilterRows(predicate, *column_of(column), &selection);
      if (selection.empty()) return std::nullopt;
    }
    const bool all = static_cast<int64_t>(selection.size()) == chunk.num_rows();
    for (const int column : output_columns_) {
      columns.push_back(all ? column_of(column) : columnar::Take(*column_of(column), selection));
    }
    stats_.rows_returned += static_cast<int64_t>(selection.size());
    return Chunk(output_schema_, std::move(columns), static_cast<int64_t>(selection.size()));
  }

  const std::shared_ptr<const storage::TableSnapshot> snapshot_;
  const columnar::SchemaPtr table_schema_;
  const std::vector<int> output_columns_;
  const std::vector<std::pair<int, ColumnPredicate>> predicates_;
  columnar::SchemaPtr output_schema_;
  std::vector<int> needed_columns_;
  std::vector<int> segment_columns_;
  size_t memtable_index_ = 0;
  size_t segment_index_ = 0;
  std::shared_ptr<const storage::SegmentReader> reader_;
  int batch_index_ = 0;
  ScanStats stats_;
};

Status UnknownColumn(const std::string& column, std::string_view table) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kUndefinedColumn,
                "column \"" + column + "\" does not exist in table \"" + std::string(table) + "\"");
}

}  // namespace

Result<std::unique_ptr<TableScan>> DatabaseImpl::Scan(std::string_view database,
                                                      std::string_view table,
                                                      const ScanSpec& spec) const {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::shared_ptr<storage::TableStore> store = FindStore(database, table);
  if (!store) return catalog::ResolveTable(*manifest_store_->current(), database, table).status();
  const types::Schema& schema = *store->schema();
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
  return std::unique_ptr<TableScan>(std::make_unique<TableScanImpl>(
      store->Snapshot(), store->schema(), std::move(output_columns), std::move(predicates)));
}

}  // namespace boyodb::engine
