// The optimizer's estimates of a stored column (Database::EstimateDistinctValues and
// ColumnValueRange), from segment metadata (distinct sketches, bloom filters, zone maps, row
// counts) and from the rows of a small memtable, sketched and bounded as a segment's would be.
// Estimates, not facts: deleted rows are still counted, and a large memtable (more rows than
// are worth reading at each plan) makes the answer unknown.
#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include "engine/database_impl.h"
#include "storage/index/bloom_hash.h"
#include "storage/index/distinct_sketch.h"
#include "storage/index/zone_map_builder.h"
#include "storage/scan/exact_bounds.h"
#include "storage/segment/segment_column.h"
#include "storage/segment/segment_reader.h"

namespace boyodb::engine {

namespace {

constexpr double kKeyLikeFraction = 0.967;
// Unsaved rows up to this many are read for estimates; more make them unknown. Small tables
// (a TPC-H nation) live in the memtable until it is flushed.
constexpr int64_t kMaxMemtableRowsRead = 65'536;

// The snapshot's memtable rows when they are few enough to read, nullopt otherwise.
std::optional<int64_t> ReadableMemtableRows(const storage::TableSnapshot& snapshot) {
  int64_t rows = 0;
  for (const columnar::Chunk& chunk : snapshot.memtable) rows += chunk.num_rows();
  if (rows > kMaxMemtableRowsRead) return std::nullopt;
  return rows;
}

// How many values an integer or date column can hold between the zone maps' bounds, over the
// segments' batches; nullopt for other types or without bounds.
std::optional<double> IntegerRangeWidth(const storage::SegmentReader& reader, int column,
                                        const types::DataType& type) {
  if (!type.is_integer() && type.id() != types::TypeId::kDate) return std::nullopt;
  std::optional<std::pair<types::Int128, types::Int128>> range;
  for (int batch = 0; batch < reader.num_batches(); ++batch) {
    const storage::ZoneMap& zone = reader.zone_map(batch, column);
    if (zone.min.is_null() || zone.max.is_null()) continue;
    const bool is_unsigned = type.is_unsigned_integer();
    const types::Int128 min = is_unsigned ? types::Int128(zone.min.uint64()) : zone.min.int64();
    const types::Int128 max = is_unsigned ? types::Int128(zone.max.uint64()) : zone.max.int64();
    if (!range) range.emplace(min, max);
    range->first = std::min(range->first, min);
    range->second = std::max(range->second, max);
  }
  if (!range) return std::nullopt;
  return static_cast<double>(range->second - range->first + 1);
}

}  // namespace

std::optional<double> DatabaseImpl::EstimateDistinctValues(std::string_view database,
                                                           std::string_view table,
                                                           std::string_view column) const {
  std::shared_ptr<storage::TableStore> store = FindStore(database, table);
  if (!store) return std::nullopt;
  const int index = store->schema()->FieldIndex(std::string(column));
  if (index < 0) return std::nullopt;
  const types::DataType& type = store->schema()->field(static_cast<size_t>(index)).type();
  const std::string storage_name = store->entry().StorageName(std::string(column));
  const std::shared_ptr<const storage::TableSnapshot> snapshot = store->Snapshot();
  const std::optional<int64_t> memtable_rows = ReadableMemtableRows(*snapshot);
  if (!memtable_rows || (snapshot->segments.empty() && *memtable_rows == 0)) return std::nullopt;
  // The segments' sketches, and the memtable's, merge into the table's. Segments written
  // without one (an older format) give their own estimates, added up as if they shared no value.
  storage::DistinctSketch merged;
  bool all_sketched = true;
  double rows = 0;
  double largest = 0;
  double sum = 0;
  if (*memtable_rows > 0) {
    if (!storage::SupportsBloomFilter(type)) return std::nullopt;
    storage::DistinctSketch memtable;
    for (const columnar::Chunk& chunk : snapshot->memtable) {
      memtable.Merge(storage::SketchValues(*chunk.column(static_cast<size_t>(index))));
    }
    merged.Merge(memtable);
    rows += static_cast<double>(*memtable_rows);
    largest = sum = std::min(memtable.Estimate(), static_cast<double>(*memtable_rows));
  }
  for (const auto& segment : snapshot->segments) {
    Result<std::shared_ptr<const storage::SegmentReader>> reader = segment->Reader();
    if (!reader.ok()) return std::nullopt;
    const int segment_column = (*reader)->schema().FieldIndex(storage_name);
    if (segment_column < 0) return std::nullopt;
    const auto segment_rows = static_cast<double>((*reader)->num_rows());
    rows += segment_rows;
    if (const storage::DistinctSketch* sketch = (*reader)->distinct_sketch(segment_column)) {
      merged.Merge(*sketch);
    } else {
      all_sketched = false;
    }
    std::optional<double> distinct = (*reader)->EstimatedDistinctValues(segment_column);
    if (const std::optional<double> width = IntegerRangeWidth(**reader, segment_column, type)) {
      distinct = std::min(distinct.value_or(segment_rows), *width);
    }
    if (!all_sketched && !distinct) return std::nullopt;
    largest = std::max(largest, distinct.value_or(0));
    sum += distinct.value_or(0);
  }
  if (all_sketched) {
    // Within the sketch's error (1.6%, twice over) of one value per row is a key: exactly so,
    // so that joins on keys of tables of equal size are estimated alike.
    const double estimate = merged.Estimate();
    return estimate >= rows * kKeyLikeFraction ? rows : estimate;
  }
  return std::clamp(sum, largest, rows);
}

std::optional<std::pair<types::Value, types::Value>> DatabaseImpl::ColumnValueRange(
    std::string_view database, std::string_view table, std::string_view column) const {
  std::shared_ptr<storage::TableStore> store = FindStore(database, table);
  if (!store) return std::nullopt;
  const int index = store->schema()->FieldIndex(std::string(column));
  if (index < 0) return std::nullopt;
  const types::DataType& type = store->schema()->field(static_cast<size_t>(index)).type();
  if (!storage::ZoneMapBoundsAreExact(type)) return std::nullopt;
  const std::string storage_name = store->entry().StorageName(std::string(column));
  const std::shared_ptr<const storage::TableSnapshot> snapshot = store->Snapshot();
  if (!ReadableMemtableRows(*snapshot)) return std::nullopt;
  std::optional<std::pair<types::Value, types::Value>> range;
  auto fold = [&range](const storage::ZoneMap& zone) {
    if (zone.min.is_null() || zone.max.is_null()) return;
    if (!range) {
      range.emplace(zone.min, zone.max);
      return;
    }
    if (types::Value::Compare(zone.min, range->first) < 0) range->first = zone.min;
    if (types::Value::Compare(zone.max, range->second) > 0) range->second = zone.max;
  };
  for (const columnar::Chunk& chunk : snapshot->memtable) {
    const columnar::Array& values = *chunk.column(static_cast<size_t>(index));
    fold(storage::ComputeZoneMap(values, 0, values.length()));
  }
  for (const auto& segment : snapshot->segments) {
    Result<std::shared_ptr<const storage::SegmentReader>> reader = segment->Reader();
    if (!reader.ok()) return std::nullopt;
    const int segment_column = (*reader)->schema().FieldIndex(storage_name);
    if (segment_column < 0) return std::nullopt;
    for (int batch = 0; batch < (*reader)->num_batches(); ++batch) {
      fold((*reader)->zone_map(batch, segment_column));
    }
  }
  return range;
}

}  // namespace boyodb::engine
