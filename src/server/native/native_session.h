// NativeSession: the requests of one native-protocol connection (docs/formats/native_protocol.md),
// run by an engine Session of its own, so a connection keeps its current database, settings,
// prepared statements and transaction block between requests, as a PostgreSQL connection does.
// Requests become SQL where SQL says it (query, explain, and COPY ... FROM STDIN for ingest);
// create_database and create_table go to the Database API.
// Thread safety: one request at a time; the connection may move between threads between
// requests.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/database.h"
#include "engine/session.h"
#include "server/authenticator.h"
#include "server/native/native_request.h"
#include "server/result_frames.h"
#include "server/server_metrics.h"

namespace boyodb::server::native {

struct NativeSettings {
  /// The address clients reach this server at, as cluster_status reports it.
  std::string node_address;
  /// Largest frame a client may send (its 4-byte length is checked before anything is read).
  uint32_t max_frame_bytes = uint32_t{64} << 20;
  /// Largest decompressed buffer or message of ingested Arrow IPC (body compression can make a
  /// small frame expand without bound).
  uint64_t max_decompressed_bytes = uint64_t{1} << 30;
  /// What passwords CREATE USER and ALTER USER ... PASSWORD accept.
  security::PasswordPolicy password_policy;
};

/// What a request gets back: a JSON response frame, then, for binary results, the Arrow IPC
/// stream in frames (`frames`), ended by an empty frame.
struct NativeReply {
  std::string response;
  std::unique_ptr<ResultFrames> frames;
  /// False when `response` is an error.
  bool ok = true;
};

class NativeSession {
 public:
  /// `database`, `functions`, `authenticator` and `metrics` must outlive the session. With an
  /// authenticator every request but login needs a login first (28000); null (in-process use)
  /// needs none. Null `metrics`: nothing is counted.
  NativeSession(engine::Database& database, const sql::FunctionCatalog& functions,
                Authenticator* authenticator, ServerMetrics* metrics, NativeSettings settings);
  ~NativeSession();

  /// Creates the default database when the directory has none.
  Status Init();

  /// Runs one request; errors become an error response, never a failure of the connection.
  NativeReply Handle(const NativeRequest& request);

  /// {"status":"error","code":SQLSTATE,"message":...[,"position":N][,"id":...]}.
  static std::string ErrorResponse(const Status& status, const nlohmann::json& id);

 private:
  class MemoryCopyClient;

  Result<NativeReply> Run(const NativeRequest& request);
  Status UseDatabase(const std::string& database);
  Result<NativeReply> RunQuery(const NativeRequest& request);
  Result<NativeReply> RunExplain(const NativeRequest& request);
  Result<NativeReply> RunIngest(const NativeRequest& request);
  Result<NativeReply> RunCreateDatabase(const NativeRequest& request);
  Result<NativeReply> RunCreateTable(const NativeRequest& request);
  Result<NativeReply> RunClusterStatus(const NativeRequest& request);
  Result<NativeReply> RunLogin(const NativeRequest& request);
  Result<NativeReply> RunPrepare(const NativeRequest& request);
  Result<NativeReply> RunExecute(const NativeRequest& request);
  Result<NativeReply> RunDeallocate(const NativeRequest& request);
  /// The response of query and execute: the last of `results`, with its rows.
  Result<NativeReply> RowsReply(const NativeRequest& request,
                                std::vector<engine::StatementResult> results,
                                std::chrono::steady_clock::time_point start);

  engine::Database& database_;
  Authenticator* authenticator_;
  ServerMetrics* metrics_;
  std::string user_;  // empty until a login
  NativeSettings settings_;
  engine::Session session_;
  /// The connection's prepared statements (prepare), by name.
  std::map<std::string, engine::PreparedQuery> prepared_;
};

}  // namespace boyodb::server::native
