#include "engine/table_statistics.h"

namespace boyodb::engine {

std::optional<int64_t> DatabaseStatistics::RowCount(const std::string& database,
                                                    const std::string& table) const {
  Result<TableInfo> info = database_.DescribeTable(database, table);
  if (!info.ok()) return std::nullopt;
  return info->total_rows;
}

}  // namespace boyodb::engine
