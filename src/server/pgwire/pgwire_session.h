// PgwireSession: what one PostgreSQL-protocol connection runs once it has logged in: an engine
// Session as the user, and the simple query protocol's answer to each Query message (per
// statement RowDescription, DataRows in text format and CommandComplete, or an ErrorResponse
// at the first statement that fails, then ReadyForQuery), as PostgreSQL sends them.
// Thread safety: one call at a time; the connection may move between threads between calls.
#pragma once

#include <string>
#include <string_view>

#include "engine/database.h"
#include "engine/session.h"
#include "server/pgwire/backend_messages.h"
#include "server/server_metrics.h"

namespace boyodb::server::pgwire {

class PgwireSession {
 public:
  /// `database`, `functions` and `metrics` (null: none) must outlive the session.
  PgwireSession(engine::Database& database, const sql::FunctionCatalog& functions,
                ServerMetrics* metrics);

  /// Runs as `user`, in `database` when a database of that name exists (clients default it to
  /// the user name), else in the default one; CREATE/ALTER USER take `password_policy`.
  Status Start(const std::string& user, const std::string& database,
               const security::PasswordPolicy& password_policy);

  /// The backend messages answering a Query message, ReadyForQuery included. `ok` is set to
  /// false when a statement failed.
  std::string SimpleQuery(std::string_view sql, bool* ok);

  TransactionStatus transaction_status() const;
  /// The session's TimeZone, for the ParameterStatus sent at start.
  std::string time_zone() const { return session_.TimeZoneSetting(); }

 private:
  // One statement's answer; false when it failed (the ErrorResponse is written).
  bool RunStatement(std::string_view sql, std::string_view statement_text,
                    int32_t characters_before, MessageWriter* out);
  Status WriteRows(const engine::StatementResult& result, MessageWriter* out);

  const sql::FunctionCatalog& functions_;
  ServerMetrics* metrics_;
  engine::Session session_;
};

}  // namespace boyodb::server::pgwire
