// The session's side of nextval, currval and setval: sequence names resolved as PostgreSQL's
// regclass input does ("s", "schema.s", "\"Mixed\""), against the session's current database,
// and the session's currval memory.
// Thread safety: one session, one thread.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "engine/database.h"
#include "sql/function/function_api.h"

namespace boyodb::engine {

class SessionSequences final : public sql::SequenceAccess {
 public:
  /// `current_database` and `temp_database` (empty: none yet) are the session's, read at each
  /// call; all must outlive this. An unqualified name means the temporary sequence of that
  /// name when there is one, as pg_temp comes first in PostgreSQL's search path.
  SessionSequences(Database& database, const std::string& current_database,
                   const std::string& temp_database)
      : database_(database), current_database_(current_database), temp_database_(temp_database) {}

  Status Next(std::string_view name, int64_t count, std::vector<int64_t>* values) override;
  Result<int64_t> Current(std::string_view name) override;
  Status Set(std::string_view name, int64_t value, bool called) override;

 private:
  // database and sequence for a name as written.
  Result<std::pair<std::string, std::string>> Resolve(std::string_view name) const;

  Database& database_;
  const std::string& current_database_;
  const std::string& temp_database_;
  // The value each sequence's last nextval in this session returned, by "database.name".
  std::map<std::string, int64_t> current_;
};

}  // namespace boyodb::engine
