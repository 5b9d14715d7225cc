// EmbeddedConnection: a SqlConnection over a data directory opened in this process
// (boyodb-cli --embedded DIR): SQL runs in an engine::Session, and the catalog commands read
// the engine::Database directly.
// Thread safety: not thread-safe; one shell uses it.
#pragma once

#include "tools/cli/sql_connection.h"

namespace boyodb::tools::cli {

class EmbeddedConnection final : public SqlConnection {
 public:
  /// `database` and `session` (already Init()ed, over `database`) must outlive the connection.
  EmbeddedConnection(engine::Database& database, engine::Session& session)
      : database_(database), session_(session) {}

  Result<std::vector<engine::StatementResult>> Execute(std::string_view sql) override {
    return session_.Execute(sql);
  }
  void SetCopyClient(engine::CopyClient* client) override { session_.SetCopyClient(client); }
  const std::string& current_database() const override { return session_.current_database(); }
  const std::string& temp_database() const override { return session_.temp_database(); }
  bool in_transaction() const override { return session_.in_transaction(); }
  engine::Database* local_database() override { return &database_; }
  std::string Description() const override { return "embedded database"; }

 private:
  engine::Database& database_;
  engine::Session& session_;
};

}  // namespace boyodb::tools::cli
