#include "engine/table_statistics.h"

namespace boyodb::engine {

std::optional<int64_t> DatabaseStatistics::RowCount(const std::string& database,
                                                    const std::string& table) const {
  Result<TableInfo> info = database_.DescribeTable(database, table);
  if (!info.ok()) return std::nullopt;
  return info->total_rows;
}

std::optional<double> DatabaseStatistics::DistinctValues(const std::string& database,
                                                         const std::string& table,
                                                         const std::string& column) const {
  return database_.EstimateDistinctValues(database, table, column);
}

std::optional<std::pair<types::Value, types::Value>> DatabaseStatistics::ValueRange(
    const std::string& database, const std::string& table, const std::string& column) const {
  return database_.ColumnValueRange(database, table, column);
}

}  // namespace boyodb::engine
