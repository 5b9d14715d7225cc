// Unique indexes: the keys a table already holds and the check that new rows do not repeat
// them. Rows with a NULL in the key never conflict (PostgreSQL's NULLS DISTINCT).
// Thread safety: one statement, one thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "columnar/chunk.h"
#include "engine/database.h"

namespace boyodb::engine {

class UniqueKeys {
 public:
  /// Keeps the unique indexes among `indexes` of a table with `schema`.
  UniqueKeys(const std::vector<IndexInfo>& indexes, const types::Schema& schema);

  bool empty() const { return indexes_.empty(); }
  /// The table columns a scan must return for AddRows, in order.
  const std::vector<std::string>& columns() const { return columns_; }

  /// Adds the keys of rows whose columns are columns() (plus, optionally, more after them).
  /// 23505 naming the index and key when one repeats; `creating` words it as CREATE UNIQUE
  /// INDEX does.
  Status AddRows(const columnar::Chunk& rows, bool creating = false);
  /// Adds every row of a scan that returns columns() (first).
  Status AddScan(TableScan& scan, bool creating = false);
  /// Adds rows laid out as the table (every column, in table order).
  Status AddTableRows(const columnar::Chunk& rows);

  /// The unique indexes, as given (for ON CONFLICT's arbiters).
  size_t num_indexes() const { return indexes_.size(); }
  const std::string& index_name(size_t index) const { return indexes_[index].name; }
  const std::vector<std::string>& index_columns(size_t index) const {
    return indexes_[index].column_names;
  }
  /// Index `index`'s key of row `row`, of rows laid out as the table (`table_layout`) or as
  /// columns(); nullopt when a key column is NULL (such a row conflicts with none).
  std::optional<std::string> KeyOf(size_t index, const columnar::Chunk& rows, int64_t row,
                                   bool table_layout) const;

 private:
  struct Index {
    std::string name;
    std::vector<std::string> column_names;
    std::vector<int> positions;  // in columns()
    absl::flat_hash_set<std::string> keys;
  };
  Status Add(const columnar::Chunk& rows, const std::vector<int>& column_of, bool creating);

  std::vector<Index> indexes_;
  std::vector<std::string> columns_;
  std::vector<int> table_positions_;  // column i of columns() is table column table_positions_[i]
};

}  // namespace boyodb::engine
