// What the optimizer knows about stored tables: row counts, columns' distinct values and ranges,
// from which it estimates how many rows each operator and join gives (cardinality.h). The engine
// implements it over its catalog. Thread safety: implementations are read from the planning thread
// only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "types/value.h"

namespace boyodb::sql {

class TableStatistics {
 public:
  virtual ~TableStatistics() = default;
  /// The table's row count (committed rows), or nullopt when unknown (a catalog relation).
  virtual std::optional<int64_t> RowCount(const std::string& database,
                                          const std::string& table) const = 0;
  /// How many distinct values the column holds (an estimate), or nullopt when unknown.
  virtual std::optional<double> DistinctValues(const std::string& database,
                                               const std::string& table,
                                               const std::string& column) const = 0;
  /// The column's smallest and largest non-NULL values, when known (ordered numeric and
  /// temporal types).
  virtual std::optional<std::pair<types::Value, types::Value>> ValueRange(
      const std::string& database, const std::string& table, const std::string& column) const {
    (void)database;
    (void)table;
    (void)column;
    return std::nullopt;
  }
};

}  // namespace boyodb::sql
