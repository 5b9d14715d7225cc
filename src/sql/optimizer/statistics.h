// What the optimizer knows about stored tables: row counts and columns' distinct values, from
// which it estimates how many rows each operator and join gives (join_order.h). The engine
// implements it over its catalog. Thread safety: implementations are read from the planning thread
// only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

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
};

}  // namespace boyodb::sql
