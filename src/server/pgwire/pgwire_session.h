// PgwireSession: what one PostgreSQL-protocol connection runs once it has logged in: an engine
// Session as the user, and the simple query protocol's answer to each Query message (per
// statement RowDescription, DataRows in text format and CommandComplete, or an ErrorResponse
// at the first statement that fails, then ReadyForQuery; COPY FROM STDIN and TO STDOUT with
// their CopyData), as PostgreSQL sends them, and the extended query protocol's messages.
// Thread safety: one call at a time; the connection may move between threads between calls.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/database.h"
#include "engine/session.h"
#include "server/authenticator.h"
#include "server/pgwire/backend_messages.h"
#include "server/pgwire/copy_in_buffer.h"
#include "server/pgwire/frontend_messages.h"
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

  /// What a Query message has produced so far. Usually every answer, ReadyForQuery included;
  /// but a COPY ... FROM STDIN stops it after CopyInResponse (`awaiting_copy_data`): the caller
  /// then collects the client's CopyData up to CopyDone or CopyFail and calls FinishCopyIn,
  /// which runs the COPY and the statements after it.
  struct QueryStep {
    std::string reply;
    bool awaiting_copy_data = false;
  };
  /// Answers a Query message. `ok` is set to false when a statement failed.
  QueryStep SimpleQuery(std::string_view sql, bool* ok);
  /// Goes on after CopyInResponse with the client's data, or with `failure` (the client's
  /// CopyFail message, or what went wrong on the connection) when there is none.
  QueryStep FinishCopyIn(CopyInBuffer* data, const Status& failure, bool* ok);

  /// The backend messages answering one message of the extended query protocol (Parse,
  /// Bind, Describe, Execute, Close, Sync or Flush), possibly none. After an error, messages up
  /// to the next Sync are ignored, as PostgreSQL does; Sync answers ReadyForQuery and, outside
  /// a transaction block, closes every portal. `ok` is set to false when the message failed.
  /// The implementation is in pgwire_extended_query.cc.
  std::string ExtendedQuery(const FrontendMessage& message, bool* ok);

  /// Each Query and Execute message from now on asks `authenticator` whether the user may
  /// run another request (its rate limit); null: no limit. Must outlive the session.
  void LimitRequests(Authenticator* authenticator) { request_gate_ = authenticator; }

  /// See engine::Session::SetCancelFlag: a CancelRequest for this connection sets it.
  void SetCancelFlag(const std::atomic<bool>* cancelled) { session_.SetCancelFlag(cancelled); }

  TransactionStatus transaction_status() const;
  /// The session's TimeZone, for the ParameterStatus sent at start.
  std::string time_zone() const { return session_.TimeZoneSetting(); }

 private:
  // One statement's answer; false when it failed (the ErrorResponse is written).
  bool RunStatement(std::string_view sql, std::string_view statement_text,
                    int32_t characters_before, MessageWriter* out);
  // The statements of a Query message from `pending_query_.next` on, stopping after an error or
  // at a COPY FROM STDIN; ReadyForQuery at the end.
  QueryStep RunPendingStatements(MessageWriter& out, bool* ok);
  // A COPY ... TO STDOUT: CopyOutResponse, the data, CopyDone, CommandComplete.
  bool RunCopyOut(const sql::ast::Statement& statement, int32_t characters_before,
                  MessageWriter* out);

  // A Query message part way through its statements (while COPY FROM STDIN waits for data).
  struct PendingQuery {
    std::string sql;
    std::vector<sql::ast::Statement> statements;
    size_t next = 0;
  };
  PendingQuery pending_query_;
  Authenticator* request_gate_ = nullptr;
  std::string user_;
  Status WriteRows(const engine::StatementResult& result, MessageWriter* out);

  // Extended query protocol state: statements made by Parse, portals made by Bind ("" is the
  // unnamed one of each).
  struct PreparedStatement {
    engine::PreparedQuery query;
    std::vector<uint32_t> parameter_oids;  // as ParameterDescription reports them
  };
  struct Portal {
    engine::PreparedQuery query;
    std::vector<types::Value> parameters;
    // The columns the statement returns (nullopt: none) and the format of each.
    std::optional<std::vector<sql::OutputColumn>> columns;
    std::vector<FormatCode> formats;
    // Run by the first Execute; later ones continue where the row limit stopped it.
    bool executed = false;
    engine::StatementResult result;
    size_t next_chunk = 0;
    int64_t next_row = 0;
  };
  Status Parse(const ParseMessage& parse, MessageWriter* out);
  Status Bind(const BindMessage& bind, MessageWriter* out);
  Status Describe(const DescribeMessage& describe, MessageWriter* out);
  Status Execute(const ExecuteMessage& execute, MessageWriter* out);
  Status Close(const CloseMessage& close, MessageWriter* out);
  Result<types::Value> BindParameter(const BindMessage& bind, size_t index,
                                     const types::DataType& type) const;
  // RowDescription for `columns` in `formats` (empty: all text), or NoData.
  Status WriteDescription(const std::optional<std::vector<sql::OutputColumn>>& columns,
                          const std::vector<FormatCode>& formats, MessageWriter* out);
  // Up to `max_rows` (0: all) of the portal's remaining rows; the count sent goes to *sent.
  Status WritePortalRows(Portal& portal, int64_t max_rows, MessageWriter* out, int64_t* sent);

  std::map<std::string, PreparedStatement> statements_;
  std::map<std::string, Portal> portals_;
  bool skipping_to_sync_ = false;

  const sql::FunctionCatalog& functions_;
  ServerMetrics* metrics_;
  engine::Session session_;
};

}  // namespace boyodb::server::pgwire
