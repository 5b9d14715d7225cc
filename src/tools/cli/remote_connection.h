// RemoteConnection: a SqlConnection to a boyodb-server over its native protocol
// (docs/formats/native_protocol.md), over TCP or TLS. It logs in, then sends each statement as
// its own `query` request with binary results, and decodes the Arrow IPC frames of the rows
// into chunks, so results and errors look exactly as in an embedded session. What the protocol
// does not report, it follows itself: the current database and TimeZone (read with
// current_schema() and current_setting('TimeZone') at connect time and after SET and RESET),
// and whether a transaction block is open (TransactionTracker).
// COPY FROM STDIN becomes an ingest_csv request (remote_copy.h); COPY TO STDOUT is refused
// (0A000), since the native protocol has no way to stream it.
// Thread safety: not thread-safe; one shell uses it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "functions/datetime/time_zone.h"
#include "sql/ast/statement.h"
#include "tools/cli/client_stream.h"
#include "tools/cli/connection_options.h"
#include "tools/cli/sql_connection.h"
#include "tools/cli/transaction_tracker.h"

namespace boyodb::tools::cli {

class RemoteConnection final : public SqlConnection {
 public:
  /// Connects, logs in as options.user with options.password, moves to options.database when
  /// it is given, and reads the session's state. Errors: 22023 for invalid options; 08001 when
  /// the server cannot be reached or TLS fails (naming the host, port and reason); the login's
  /// error (28P01 for a wrong password or unknown user, 28000 for a role that may not log in or
  /// is locked out); 3F000 when options.database does not exist; 08006 when the server closes
  /// the connection (as it does in the TLS handshake's wake for a refused client certificate).
  static Result<std::unique_ptr<RemoteConnection>> Open(const ConnectionOptions& options);

  /// Sends the statements of `sql` one request each (the server answers only the last
  /// statement of a request), stopping at the first error, whose position is moved to count
  /// from the start of `sql`. Text the client cannot parse goes to the server as it is, which
  /// reports the same syntax error. 08006 when the connection is lost; after that every call
  /// fails with 08003.
  Result<std::vector<engine::StatementResult>> Execute(std::string_view sql) override;
  void SetCopyClient(engine::CopyClient* client) override { copy_client_ = client; }
  const std::string& current_database() const override { return current_database_; }
  /// Always empty: the server does not say where its temporary tables are.
  const std::string& temp_database() const override { return temp_database_; }
  bool in_transaction() const override { return transaction_.in_transaction(); }
  engine::Database* local_database() override { return nullptr; }
  std::string Description() const override;

 private:
  RemoteConnection(std::unique_ptr<ClientStream> stream, ConnectionOptions options);

  /// One statement (`parsed` is its parse, or nullptr when the client could not parse it).
  /// Error positions count characters in `text`.
  Result<engine::StatementResult> RunStatement(std::string_view text,
                                               const sql::ast::Statement* parsed);
  /// COPY ... FROM STDIN as an ingest_csv request.
  Result<engine::StatementResult> CopyFromStdin(const sql::ast::Statement& statement);
  /// A `query` request with binary results; `database`, when not empty, becomes the session's
  /// current database first.
  Result<engine::StatementResult> Query(std::string_view sql, const std::string& database = "");
  /// Reads the rows of a binary answer into `result`.
  Status ReadRows(engine::StatementResult* result);
  /// Sends `request` and reads its JSON response (the error it carries, if any).
  Result<nlohmann::json> Request(const nlohmann::json& request);
  /// Reads the session's current database and TimeZone.
  Status RefreshSessionState(const std::string& database = "");
  /// Marks the connection unusable after `status`, a failure of the connection itself, and
  /// returns it.
  Status Broken(Status status);

  std::unique_ptr<ClientStream> stream_;  // null once broken
  const ConnectionOptions options_;       // without the password
  engine::CopyClient* copy_client_ = nullptr;
  std::string current_database_ = std::string(engine::kDefaultDatabase);
  const std::string temp_database_;
  functions::TimeZone time_zone_;
  TransactionTracker transaction_;
};

}  // namespace boyodb::tools::cli
