// Database::Summarize: a table's row count and its columns' min, max and NULL counts from the
// zone maps of its segments' batches, without reading column data. Exact or nothing: any
// row that metadata does not describe exactly (memtable rows, deleted rows, a column added
// after a segment was written, a bound a zone map does not keep) makes the answer nullopt.
#include <optional>

#include "catalog/catalog.h"
#include "common/sqlstate.h"
#include "engine/database_impl.h"

namespace boyodb::engine {
namespace {

// Folds one batch's zone map into a column's summary; false when the zone map does not know
// its bounds although the batch has values.
bool Fold(const storage::ZoneMap& zone, storage::ColumnSummary* column) {
  column->null_count += zone.null_count;
  if (zone.null_count == zone.row_count) return true;
  if (zone.min.is_null() || zone.max.is_null()) return false;
  if (column->min.is_null() || types::Value::Compare(zone.min, column->min) < 0) {
    column->min = zone.min;
  }
  if (column->max.is_null() || types::Value::Compare(zone.max, column->max) > 0) {
    column->max = zone.max;
  }
  return true;
}

}  // namespace

Result<std::optional<storage::TableSummary>> DatabaseImpl::Summarize(
    std::string_view database, std::string_view table,
    const std::vector<std::string>& columns) const {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::shared_ptr<storage::TableStore> store = FindStore(database, table);
  if (!store) return catalog::ResolveTable(*manifest_store_->current(), database, table).status();
  const std::shared_ptr<const storage::TableSnapshot> snapshot = store->Snapshot();
  const std::optional<storage::TableSummary> unknown;
  for (const columnar::Chunk& chunk : snapshot->memtable) {
    if (chunk.num_rows() > 0) return unknown;
  }
  storage::TableSummary summary;
  std::vector<std::string> storage_names;
  for (const std::string& column : columns) {
    if (store->schema()->FieldIndex(column) < 0) {
      return Status(
          StatusCode::kInvalidArgument, sqlstate::kUndefinedColumn,
          "column \"" + column + "\" does not exist in table \"" + std::string(table) + "\"");
    }
    storage_names.push_back(store->entry().StorageName(column));
    summary.columns.emplace_back();
  }
  for (const std::shared_ptr<const storage::SegmentHandle>& handle : snapshot->segments) {
    BOYO_ASSIGN_OR_RETURN(std::shared_ptr<const storage::RowBitmap> deleted, handle->DeletedRows());
    if (deleted != nullptr && !deleted->isEmpty()) return unknown;
    BOYO_ASSIGN_OR_RETURN(std::shared_ptr<const storage::SegmentReader> reader, handle->Reader());
    std::vector<int> indexes;
    for (const std::string& name : storage_names) {
      const int index = reader->schema().FieldIndex(name);
      if (index < 0) return unknown;  // added later: its rows read a default
      indexes.push_back(index);
    }
    for (int batch = 0; batch < reader->num_batches(); ++batch) {
      for (size_t c = 0; c < indexes.size(); ++c) {
        if (!Fold(reader->zone_map(batch, indexes[c]), &summary.columns[c])) return unknown;
      }
    }
    summary.row_count += reader->num_rows();
  }
  return std::optional<storage::TableSummary>(std::move(summary));
}

}  // namespace boyodb::engine
