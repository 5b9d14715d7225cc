#include "engine/unique_keys.h"

#include <algorithm>

#include "common/sqlstate.h"

namespace boyodb::engine {

namespace {
constexpr std::string_view kUniqueViolation = "23505";
}  // namespace

UniqueKeys::UniqueKeys(const std::vector<IndexInfo>& indexes, const types::Schema& schema) {
  for (const IndexInfo& info : indexes) {
    if (!info.unique) continue;
    Index index;
    index.name = info.name;
    index.column_names = info.columns;
    for (const std::string& column : info.columns) {
      auto found = std::find(columns_.begin(), columns_.end(), column);
      if (found == columns_.end()) {
        columns_.push_back(column);
        table_positions_.push_back(schema.FieldIndex(column));
        found = columns_.end() - 1;
      }
      index.positions.push_back(static_cast<int>(found - columns_.begin()));
    }
    indexes_.push_back(std::move(index));
  }
}

Status UniqueKeys::AddRows(const columnar::Chunk& rows, bool creating) {
  std::vector<int> column_of;
  for (size_t i = 0; i < columns_.size(); ++i) column_of.push_back(static_cast<int>(i));
  return Add(rows, column_of, creating);
}

Status UniqueKeys::AddScan(TableScan& scan, bool creating) {
  while (true) {
    BOYO_ASSIGN_OR_RETURN(std::optional<columnar::Chunk> chunk, scan.Next());
    if (!chunk) return Status::OK();
    BOYO_RETURN_IF_ERROR(AddRows(*chunk, creating));
  }
}

Status UniqueKeys::AddTableRows(const columnar::Chunk& rows) {
  return Add(rows, table_positions_, /*creating=*/false);
}

std::optional<std::string> UniqueKeys::KeyOf(size_t index, const columnar::Chunk& rows, int64_t row,
                                             bool table_layout) const {
  std::string key;
  for (const int position : indexes_[index].positions) {
    const size_t column = static_cast<size_t>(
        table_layout ? table_positions_[static_cast<size_t>(position)] : position);
    const columnar::Array& values = *rows.column(column);
    if (values.IsNull(row)) return std::nullopt;
    const std::string text = values.GetValue(row).ToString();
    key += std::to_string(text.size()) + ':' + text;
  }
  return key;
}

Status UniqueKeys::Add(const columnar::Chunk& rows, const std::vector<int>& column_of,
                       bool creating) {
  for (Index& index : indexes_) {
    for (int64_t row = 0; row < rows.num_rows(); ++row) {
      std::string key;
      std::string shown;
      bool has_null = false;
      for (const int position : index.positions) {
        const columnar::Array& column = *rows.column(static_cast<size_t>(column_of[position]));
        if (column.IsNull(row)) {
          has_null = true;
          break;
        }
        const std::string text = column.GetValue(row).ToString();
        // Length-prefixed, so ("a,b", "c") and ("a", "b,c") stay distinct.
        key += std::to_string(text.size()) + ':' + text;
        shown += (shown.empty() ? "" : ", ") + text;
      }
      if (has_null || index.keys.insert(std::move(key)).second) continue;
      std::string names;
      for (const std::string& name : index.column_names)
        names += (names.empty() ? "" : ", ") + name;
      const std::string detail = "Key (" + names + ")=(" + shown + ")";
      if (creating) {
        return Status(
            StatusCode::kAlreadyExists, kUniqueViolation,
            "could not create unique index \"" + index.name + "\": " + detail + " is duplicated.");
      }
      return Status(StatusCode::kAlreadyExists, kUniqueViolation,
                    "duplicate key value violates unique constraint \"" + index.name +
                        "\": " + detail + " already exists.");
    }
  }
  return Status::OK();
}

}  // namespace boyodb::engine
