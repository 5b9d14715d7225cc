#include "columnar/chunk.h"

#include "columnar/builder.h"
#include "columnar/concatenation.h"
#include "common/check.h"

namespace boyodb::columnar {

Chunk::Chunk(SchemaPtr schema, std::vector<ArrayPtr> columns, int64_t num_rows)
    : schema_(std::move(schema)), columns_(std::move(columns)), num_rows_(num_rows) {
  BOYO_DCHECK_EQ(columns_.size(), schema_->num_fields());
}

Result<Chunk> Chunk::Make(SchemaPtr schema, std::vector<ArrayPtr> columns) {
  if (columns.size() != schema->num_fields()) {
    return Status::InvalidArgument("chunk has " + std::to_string(columns.size()) +
                                   " columns but the schema has " +
                                   std::to_string(schema->num_fields()));
  }
  const int64_t num_rows = columns.empty() ? 0 : columns[0]->length();
  for (size_t i = 0; i < columns.size(); ++i) {
    const types::Field& field = schema->field(i);
    if (columns[i]->type() != field.type()) {
      return Status::InvalidArgument("column \"" + field.name + "\" has type " +
                                     columns[i]->type().ToString() + " but the schema says " +
                                     field.type().ToString());
    }
    if (columns[i]->length() != num_rows) {
      return Status::InvalidArgument("column \"" + field.name + "\" has " +
                                     std::to_string(columns[i]->length()) + " rows, expected " +
                                     std::to_string(num_rows));
    }
  }
  return Chunk(std::move(schema), std::move(columns), num_rows);
}

Chunk Chunk::Slice(int64_t offset, int64_t length) const {
  std::vector<ArrayPtr> sliced;
  sliced.reserve(columns_.size());
  for (const ArrayPtr& column : columns_) sliced.push_back(column->Slice(offset, length));
  return Chunk(schema_, std::move(sliced), length);
}

Chunk Chunk::SelectColumns(const std::vector<int>& indices) const {
  std::vector<types::Field> fields;
  std::vector<ArrayPtr> selected;
  for (const int index : indices) {
    fields.push_back(schema_->field(static_cast<size_t>(index)));
    selected.push_back(columns_[static_cast<size_t>(index)]);
  }
  return Chunk(std::make_shared<const types::Schema>(std::move(fields)), std::move(selected),
               num_rows_);
}

int64_t Chunk::ByteSize() const {
  int64_t total = 0;
  for (const ArrayPtr& column : columns_) total += column->ByteSize();
  return total;
}

std::vector<types::Value> Chunk::GetRow(int64_t row) const {
  std::vector<types::Value> values;
  values.reserve(columns_.size());
  for (const ArrayPtr& column : columns_) values.push_back(column->GetValue(row));
  return values;
}

std::string Chunk::ToString() const {
  std::string out;
  for (int64_t row = 0; row < num_rows_; ++row) {
    for (size_t col = 0; col < columns_.size(); ++col) {
      if (col > 0) out += " | ";
      out += columns_[col]->GetValue(row).ToString();
    }
    out += "\n";
  }
  return out;
}

bool Chunk::Equals(const Chunk& other) const {
  if (!(*schema_ == *other.schema_) || num_rows_ != other.num_rows_) return false;
  for (size_t col = 0; col < columns_.size(); ++col) {
    if (!ArraysEqual(*columns_[col], *other.columns_[col])) return false;
  }
  return true;
}

namespace {

ArrayPtr ConcatenateArrays(const types::DataType& type, std::vector<ArrayPtr> pieces) {
  if (ArrayConcatenation::Handles(type, pieces)) {
    ArrayConcatenation concatenation(type, std::move(pieces));
    for (size_t p = 0; p < concatenation.num_pieces(); ++p) concatenation.Measure(p);
    concatenation.Allocate();
    for (size_t p = 0; p < concatenation.num_pieces(); ++p) concatenation.Copy(p);
    return concatenation.Finish();
  }
  std::unique_ptr<ArrayBuilder> builder = MakeBuilder(type);
  for (const ArrayPtr& piece : pieces) builder->AppendArray(*piece, 0, piece->length());
  return builder->Finish();
}

}  // namespace

ArrayPtr ConcatenateColumn(const types::DataType& type, const std::vector<Chunk>& chunks,
                           size_t column) {
  std::vector<ArrayPtr> pieces;
  pieces.reserve(chunks.size());
  for (const Chunk& chunk : chunks) pieces.push_back(chunk.column(column));
  return ConcatenateArrays(type, std::move(pieces));
}

Chunk ConcatenateChunks(const SchemaPtr& schema, std::vector<Chunk>&& chunks) {
  int64_t num_rows = 0;
  std::vector<std::vector<ArrayPtr>> pieces(schema->num_fields());
  for (const Chunk& chunk : chunks) {
    num_rows += chunk.num_rows();
    for (size_t col = 0; col < pieces.size(); ++col) pieces[col].push_back(chunk.column(col));
  }
  std::vector<Chunk>().swap(chunks);  // the pieces' last references are now in `pieces`
  std::vector<ArrayPtr> columns;
  for (size_t col = 0; col < pieces.size(); ++col) {
    columns.push_back(ConcatenateArrays(schema->field(col).type(), std::move(pieces[col])));
  }
  return Chunk(schema, std::move(columns), num_rows);
}

Chunk ConcatenateChunks(const SchemaPtr& schema, const std::vector<Chunk>& chunks) {
  // A copy of the list only: the chunks share their columns with it.
  return ConcatenateChunks(schema, std::vector<Chunk>(chunks));
}

Result<Chunk> ChunkFromRows(SchemaPtr schema, const std::vector<std::vector<types::Value>>& rows) {
  std::vector<std::unique_ptr<ArrayBuilder>> builders;
  for (const types::Field& field : schema->fields()) builders.push_back(MakeBuilder(field.type()));
  for (size_t row = 0; row < rows.size(); ++row) {
    if (rows[row].size() != builders.size()) {
      return Status::InvalidArgument("row " + std::to_string(row) + " has " +
                                     std::to_string(rows[row].size()) + " values, expected " +
                                     std::to_string(builders.size()));
    }
    for (size_t col = 0; col < builders.size(); ++col) {
      BOYO_RETURN_IF_ERROR(builders[col]->AppendValue(rows[row][col]));
    }
  }
  std::vector<ArrayPtr> columns;
  for (auto& builder : builders) columns.push_back(builder->Finish());
  return Chunk(std::move(schema), std::move(columns), static_cast<int64_t>(rows.size()));
}

}  // namespace boyodb::columnar
