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
  /// `current_database` is the session's, read at each call; both must outlive this.
  SessionSequences(Database& database, const std::string& current_database)
      : database_(database), current_database_(current_database) {}

  Status Next(std::string_view name, int64_t count, std::vector<int64_t>* values) override;
  Result<int64_t> Current(std::string_view name) override;
  Status Set(std::string_view name, int64_t value, bool called) override;

 private:
  // database and sequence for a name as written.
  Result<std::pair<std::string, std::string>> Resolve(std::string_view name) const;

  Database& database_;
  const std::string& current_database_;
  // The value each sequence's last nextval in this session returned, by "database.name".
  std::map<std::string, int64_t> current_;
};

}  // namespace boyodb::engine
