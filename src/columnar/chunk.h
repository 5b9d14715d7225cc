// Chunk: a batch of rows as one Array per column, all of the same length, with their schema.
// The unit that flows between storage, operators and protocols.
// Thread safety: immutable after construction; share freely.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "columnar/array.h"
#include "types/data_type.h"

namespace boyodb::columnar {

using SchemaPtr = std::shared_ptr<const types::Schema>;

class Chunk {
 public:
  /// An empty chunk with no columns.
  Chunk() : schema_(std::make_shared<const types::Schema>()) {}
  /// Requires: columns match the schema's types and all have num_rows rows (use Make to check).
  Chunk(SchemaPtr schema, std::vector<ArrayPtr> columns, int64_t num_rows);

  /// Checks column count, types and lengths; InvalidArgument naming the column otherwise.
  static Result<Chunk> Make(SchemaPtr schema, std::vector<ArrayPtr> columns);

  const SchemaPtr& schema() const { return schema_; }
  int64_t num_rows() const { return num_rows_; }
  size_t num_columns() const { return columns_.size(); }
  const ArrayPtr& column(size_t index) const { return columns_[index]; }
  const std::vector<ArrayPtr>& columns() const { return columns_; }

  /// Rows [offset, offset + length), zero-copy.
  Chunk Slice(int64_t offset, int64_t length) const;
  /// The given columns in the given order. Requires: indices are in range.
  Chunk SelectColumns(const std::vector<int>& indices) const;
  /// Bytes of the buffers the columns reference.
  int64_t ByteSize() const;

  /// Row `row` as values, one per column.
  std::vector<types::Value> GetRow(int64_t row) const;
  /// One line per row, values separated by " | " (PostgreSQL text output); for tests and tools.
  std::string ToString() const;
  /// Same schema and same values in every cell.
  bool Equals(const Chunk& other) const;

 private:
  SchemaPtr schema_;
  std::vector<ArrayPtr> columns_;
  int64_t num_rows_ = 0;
};

/// Concatenates chunks of the same schema into one chunk (copying values; dictionary-encoded
/// columns come out decoded).
/// Requires: every chunk has `schema`'s column types.
Chunk ConcatenateChunks(const SchemaPtr& schema, const std::vector<Chunk>& chunks);
/// The same, consuming `chunks`: each column's pieces are released as soon as that column is
/// copied, so the copy and the pieces do not both stay whole (a bulk load's segment groups are
/// hundreds of MB).
Chunk ConcatenateChunks(const SchemaPtr& schema, std::vector<Chunk>&& chunks);
/// Column `column` (of type `type`) of all `chunks`, one after another.
ArrayPtr ConcatenateColumn(const types::DataType& type, const std::vector<Chunk>& chunks,
                           size_t column);

/// Builds a chunk from rows of values (tests, literals). InvalidArgument if a value's type does
/// not match its column.
Result<Chunk> ChunkFromRows(SchemaPtr schema, const std::vector<std::vector<types::Value>>& rows);

}  // namespace boyodb::columnar
