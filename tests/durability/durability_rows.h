// What the durability child (ingest_child.cc) writes and the tests check: the table, its
// schema, the database options that make flushes and direct segment writes frequent, and the
// contents of row r of batch b, so a recovered row can be checked cell by cell.
// Thread safety: constants and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include "columnar/builder.h"
#include "columnar/chunk.h"
#include "engine/database.h"
#include "types/data_type.h"

namespace boyodb::durability {

inline constexpr std::string_view kDatabase = "durability";
inline constexpr std::string_view kTable = "events";

inline types::Schema EventsSchema() {
  return types::Schema({
      types::Field("batch_id", types::DataType::Int64(), /*nullable=*/false),
      types::Field("row_in_batch", types::DataType::Int32(), /*nullable=*/false),
      types::Field("payload", types::DataType::String()),
      types::Field("value", types::DataType::Float64()),
  });
}

/// Small memtables and direct-segment threshold so that a child living a few hundred
/// milliseconds flushes memtables, writes segments directly and rotates WAL files.
inline engine::DatabaseOptions ChildDatabaseOptions() {
  engine::DatabaseOptions options;
  options.wal.fsync_policy = storage::wal::WalOptions::FsyncPolicy::kEveryCommit;
  options.wal.max_file_bytes = 256 << 10;
  options.memtable_flush_rows = 20'000;
  options.direct_segment_rows = 10'000;
  options.memtable_flush_age_ms = 100;
  options.segment_batch_rows = 4096;
  return options;
}

/// Batch sizes: mostly small (cheap fsynced appends), sometimes up to 5000 rows, and now and
/// then at least direct_segment_rows so the batch becomes a segment at once.
inline int32_t RandomBatchRows(std::mt19937_64& random) {
  const uint64_t kind = random() % 100;
  if (kind < 4) return 10'000 + static_cast<int32_t>(random() % 2'000);
  if (kind < 20) return 1 + static_cast<int32_t>(random() % 5'000);
  return 1 + static_cast<int32_t>(random() % 300);
}

/// The payload of row `row` of batch `batch_id`: NULL for every 11th row, else a short text
/// whose length varies with the row.
inline std::optional<std::string> ExpectedPayload(int64_t batch_id, int32_t row) {
  if (row % 11 == 5) return std::nullopt;
  std::string payload = "b" + std::to_string(batch_id) + "-r" + std::to_string(row);
  payload.append(static_cast<size_t>(row % 7), 'x');
  return payload;
}

inline double ExpectedValue(int64_t batch_id, int32_t row) {
  return static_cast<double>(batch_id) * 0.5 + row;
}

/// Batch `batch_id` of `rows` rows as the child appends it. Requires: schema is EventsSchema().
inline columnar::Chunk MakeEventsBatch(const columnar::SchemaPtr& schema, int64_t batch_id,
                                       int32_t rows) {
  columnar::FixedWidthBuilder<int64_t> batch_ids(types::DataType::Int64());
  columnar::FixedWidthBuilder<int32_t> row_numbers(types::DataType::Int32());
  columnar::BinaryBuilder payloads(types::DataType::String());
  columnar::FixedWidthBuilder<double> values(types::DataType::Float64());
  batch_ids.Reserve(rows);
  row_numbers.Reserve(rows);
  values.Reserve(rows);
  for (int32_t row = 0; row < rows; ++row) {
    batch_ids.Append(batch_id);
    row_numbers.Append(row);
    if (const std::optional<std::string> payload = ExpectedPayload(batch_id, row)) {
      payloads.Append(*payload);
    } else {
      payloads.AppendNull();
    }
    values.Append(ExpectedValue(batch_id, row));
  }
  return columnar::Chunk(
      schema, {batch_ids.Finish(), row_numbers.Finish(), payloads.Finish(), values.Finish()}, rows);
}

}  // namespace boyodb::durability
