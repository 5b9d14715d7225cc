// The optimizer's table statistics (sql/optimizer/statistics.h) read from the database's
// catalog: a table's committed row count. Catalog relations (pg_catalog, information_schema)
// and unknown tables have none.
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

 private:
  const Database& database_;
};

}  // namespace boyodb::engine
