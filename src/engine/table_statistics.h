// The optimizer's table statistics (sql/optimizer/statistics.h) read from the database's
// catalog: a table's committed row count, and a column's distinct values and value range as its
// segments' distinct sketches and zone maps give them (column_statistics.cc). Catalog relations
// (pg_catalog, information_schema) and unknown tables have none.
// Thread safety: as the Database it reads.
#pragma once

#include "engine/database.h"
#include "sql/optimizer/statistics.h"

namespace boyodb::engine {

class DatabaseStatistics final : public sql::TableStatistics {
 public:
  explicit DatabaseStatistics(const Database& database) : database_(database) {}
  std::optional<int64_t> RowCount(const std::string& database,
                                  const std::string& table) const override;
  std::optional<double> DistinctValues(const std::string& database, const std::string& table,
                                       const std::string& column) const override;
  std::optional<std::pair<types::Value, types::Value>> ValueRange(
      const std::string& database, const std::string& table,
      const std::string& column) const override;

 private:
  const Database& database_;
};

}  // namespace boyodb::engine
