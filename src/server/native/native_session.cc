#include "server/native/native_session.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "common/base64.h"
#include "common/sqlstate.h"
#include "common/version.h"
#include "formats/compression/codec.h"
#include "server/json_response.h"
#include "sql/parser/identifier_quoting.h"
#include "sql/parser/parser.h"
#include "types/data_type.h"

namespace boyodb::server::native {
namespace {

using nlohmann::json;

json OkResponse(const json& id) {
  json response = {{"status", "ok"}};
  if (!id.is_null()) response["id"] = id;
  return response;
}

std::string QualifiedTable(const std::string& database, const std::string& table) {
  const std::string name = sql::QuoteIdentifierIfNeeded(table);
  return database.empty() ? name : sql::QuoteIdentifierIfNeeded(database) + "." + name;
}

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  const auto elapsed = std::chrono::steady_clock::now() - start;
  return static_cast<double>(
             std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()) /
         1000.0;
}

}  // namespace

// Hands an ingest request's bytes to COPY ... FROM STDIN.
class NativeSession::MemoryCopyClient final : public engine::CopyClient {
 public:
  MemoryCopyClient(std::string_view data, uint64_t max_decompressed_bytes)
      : data_(data), max_decompressed_bytes_(max_decompressed_bytes) {}

  Result<size_t> ReadCopyData(char* out, size_t n) override {
    const size_t count = std::min(n, data_.size() - offset_);
    std::copy_n(data_.data() + offset_, count, out);
    offset_ += count;
    return count;
  }
  Status WriteCopyData(std::string_view) override {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "COPY TO STDOUT is not available in an ingest request; use query");
  }
  formats::ipc::ReadOptions IpcReadOptions() const override {
    formats::ipc::ReadOptions options;
    options.max_buffer_bytes = max_decompressed_bytes_;
    options.max_message_bytes = max_decompressed_bytes_;
    options.max_metadata_bytes = std::min(options.max_metadata_bytes, max_decompressed_bytes_);
    return options;
  }

 private:
  std::string_view data_;
  size_t offset_ = 0;
  uint64_t max_decompressed_bytes_;
};

NativeSession::NativeSession(engine::Database& database, const sql::FunctionCatalog& functions,
                             Authenticator* authenticator, ServerMetrics* metrics,
                             NativeSettings settings)
    : database_(database),
      authenticator_(authenticator),
      metrics_(metrics),
      settings_(std::move(settings)),
      session_(database, functions) {
  session_.SetPasswordPolicy(settings_.password_policy);
}

NativeSession::~NativeSession() = default;

Status NativeSession::Init() { return session_.Init(); }

std::string NativeSession::ErrorResponse(const Status& status, const json& id) {
  json response = ErrorJson(status);
  if (!id.is_null()) response["id"] = id;
  return DumpJson(response);
}

NativeReply NativeSession::Handle(const NativeRequest& request) {
  Result<NativeReply> reply = Run(request);
  if (!reply.ok()) return NativeReply{ErrorResponse(reply.status(), request.id), nullptr, false};
  return std::move(*reply);
}

Result<NativeReply> NativeSession::Run(const NativeRequest& request) {
  if (request.op == NativeOp::kLogin) return RunLogin(request);
  if (authenticator_ != nullptr && user_.empty()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidAuthorizationSpecification,
                  "login required: send {\"op\":\"login\",\"user\":...,\"password\":...} first");
  }
  if (authenticator_ != nullptr) BOYO_RETURN_IF_ERROR(authenticator_->AdmitRequest(user_));
  if (request.op != NativeOp::kClusterStatus) BOYO_RETURN_IF_ERROR(UseDatabase(request.database));
  switch (request.op) {
    case NativeOp::kQuery:
      return RunQuery(request);
    case NativeOp::kExplain:
      return RunExplain(request);
    case NativeOp::kIngestIpc:
    case NativeOp::kIngestCsv:
      return RunIngest(request);
    case NativeOp::kCreateDatabase:
      return RunCreateDatabase(request);
    case NativeOp::kCreateTable:
      return RunCreateTable(request);
    case NativeOp::kClusterStatus:
      return RunClusterStatus(request);
    case NativeOp::kLogin:
      return RunLogin(request);
    case NativeOp::kPrepare:
      return RunPrepare(request);
    case NativeOp::kExecute:
      return RunExecute(request);
    case NativeOp::kDeallocate:
      return RunDeallocate(request);
  }
  return Status::Internal("unhandled native request op");
}

Status NativeSession::UseDatabase(const std::string& database) {
  if (database.empty() || database == session_.current_database()) return Status::OK();
  return session_.Execute("SET search_path = " + sql::QuoteIdentifierIfNeeded(database)).status();
}

Result<NativeReply> NativeSession::RunQuery(const NativeRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  BOYO_ASSIGN_OR_RETURN(std::vector<engine::StatementResult> results,
                        session_.Execute(request.sql));
  return RowsReply(request, std::move(results), start);
}

Result<NativeReply> NativeSession::RowsReply(const NativeRequest& request,
                                             std::vector<engine::StatementResult> results,
                                             std::chrono::steady_clock::time_point start) {
  if (metrics_ != nullptr) metrics_->StatementsDone(results);
  json response = OkResponse(request.id);
  int64_t segments_scanned = 0;
  for (const engine::StatementResult& result : results) segments_scanned += result.segments_scanned;
  NativeReply reply;
  if (results.empty()) {
    response["command"] = "";
  } else {
    engine::StatementResult& last = results.back();
    response["command"] = last.command_tag;
    if (last.returns_rows) {
      response["rows"] = last.num_rows();
      json columns = json::array();
      for (const sql::OutputColumn& column : last.columns) {
        columns.push_back({{"name", column.name}, {"type", column.type.ToString()}});
      }
      response["columns"] = std::move(columns);
      BOYO_ASSIGN_OR_RETURN(reply.frames, ResultFrames::Make(last.columns, std::move(last.chunks)));
      if (request.binary) {
        response["binary"] = true;
      } else {
        BOYO_ASSIGN_OR_RETURN(const std::string stream, reply.frames->ReadAll());
        reply.frames.reset();
        std::string encoded;
        AppendBase64(stream, 0, &encoded);
        response["ipc_base64"] = std::move(encoded);
      }
    } else if (const int64_t count = last.tag_count(); count >= 0) {
      response["rows_affected"] = count;
    }
  }
  response["segments_scanned"] = segments_scanned;
  response["execution_time_ms"] = MillisecondsSince(start);
  reply.response = DumpJson(response);
  return reply;
}

Result<NativeReply> NativeSession::RunPrepare(const NativeRequest& request) {
  if (!request.name.empty() && prepared_.count(request.name) > 0) {
    return Status(StatusCode::kAlreadyExists, sqlstate::kDuplicatePreparedStatement,
                  "prepared statement \"" + request.name + "\" already exists");
  }
  std::vector<std::optional<types::DataType>> declared;
  for (const std::optional<std::string>& name : request.parameter_types) {
    if (!name) {
      declared.emplace_back();
      continue;
    }
    Result<types::DataType> type = types::ParseTypeName(*name);
    if (!type.ok()) {
      return Status(StatusCode::kNotFound, sqlstate::kUndefinedObject,
                    "type \"" + *name + "\" does not exist");
    }
    declared.push_back(std::move(*type));
  }
  BOYO_ASSIGN_OR_RETURN(engine::PreparedQuery query,
                        session_.PrepareQuery(request.sql, std::move(declared)));
  BOYO_ASSIGN_OR_RETURN(const std::optional<std::vector<sql::OutputColumn>> columns,
                        session_.DescribeQuery(query));
  json response = OkResponse(request.id);
  response["command"] = "PREPARE";
  response["name"] = request.name;
  json types = json::array();
  for (const types::DataType& type : query.parameter_types) types.push_back(type.ToString());
  response["parameter_types"] = std::move(types);
  if (columns) {
    json described = json::array();
    for (const sql::OutputColumn& column : *columns) {
      described.push_back({{"name", column.name}, {"type", column.type.ToString()}});
    }
    response["columns"] = std::move(described);
  } else {
    response["columns"] = nullptr;
  }
  prepared_[request.name] = std::move(query);
  return NativeReply{DumpJson(response), nullptr};
}

Result<NativeReply> NativeSession::RunExecute(const NativeRequest& request) {
  const auto found = prepared_.find(request.name);
  if (found == prepared_.end()) {
    return Status(StatusCode::kNotFound, sqlstate::kInvalidSqlStatementName,
                  request.name.empty()
                      ? std::string("unnamed prepared statement does not exist")
                      : "prepared statement \"" + request.name + "\" does not exist");
  }
  const engine::PreparedQuery& query = found->second;
  if (request.parameters.size() != query.parameter_types.size()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation,
                  "execute gives " + std::to_string(request.parameters.size()) +
                      " parameters, but the prepared statement takes " +
                      std::to_string(query.parameter_types.size()));
  }
  std::vector<types::Value> values;
  for (size_t i = 0; i < request.parameters.size(); ++i) {
    const json& parameter = request.parameters[i];
    const types::DataType& type = query.parameter_types[i];
    if (parameter.is_null()) {
      values.push_back(types::Value::Null(type));
      continue;
    }
    // Every value goes through its text form, as a parameter in PostgreSQL's text format.
    const std::string text =
        parameter.is_string() ? parameter.get<std::string>() : parameter.dump();
    Result<types::Value> value = session_.ParameterFromText(text, type);
    if (!value.ok()) {
      return Status(
          value.status().code(), value.status().sqlstate(),
          "parameter $" + std::to_string(i + 1) + ": " + std::string(value.status().message()));
    }
    values.push_back(std::move(*value));
  }
  const auto start = std::chrono::steady_clock::now();
  BOYO_ASSIGN_OR_RETURN(engine::StatementResult result,
                        session_.ExecuteQuery(query, std::move(values)));
  std::vector<engine::StatementResult> results;
  results.push_back(std::move(result));
  return RowsReply(request, std::move(results), start);
}

Result<NativeReply> NativeSession::RunDeallocate(const NativeRequest& request) {
  if (prepared_.erase(request.name) == 0) {
    return Status(StatusCode::kNotFound, sqlstate::kInvalidSqlStatementName,
                  "prepared statement \"" + request.name + "\" does not exist");
  }
  json response = OkResponse(request.id);
  response["command"] = "DEALLOCATE";
  return NativeReply{DumpJson(response), nullptr};
}

Result<NativeReply> NativeSession::RunExplain(const NativeRequest& request) {
  // One statement only: "EXPLAIN " in front of several would run all but the first.
  BOYO_ASSIGN_OR_RETURN(const std::vector<sql::ast::Statement> statements, sql::Parse(request.sql));
  if (statements.size() != 1) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "explain takes exactly one statement, got " + std::to_string(statements.size()));
  }
  constexpr std::string_view kPrefix = "EXPLAIN ";
  Result<std::vector<engine::StatementResult>> results =
      session_.Execute(std::string(kPrefix) + request.sql);
  if (!results.ok()) {
    // Point into the request's own text, not the prefixed one.
    const int32_t position = results.status().position();
    Status status = results.status();
    return position > static_cast<int32_t>(kPrefix.size())
               ? std::move(status).WithPosition(position - static_cast<int32_t>(kPrefix.size()))
               : status;
  }
  std::string plan;
  for (const columnar::Chunk& chunk : results->back().chunks) {
    for (int64_t row = 0; row < chunk.num_rows(); ++row) {
      if (!plan.empty()) plan.push_back('\n');
      plan.append(chunk.column(0)->GetView(row));
    }
  }
  json response = OkResponse(request.id);
  response["plan"] = std::move(plan);
  return NativeReply{DumpJson(response), nullptr};
}

Result<NativeReply> NativeSession::RunIngest(const NativeRequest& request) {
  std::string sql = "COPY " + QualifiedTable(request.database, request.table) + " FROM STDIN ";
  if (request.op == NativeOp::kIngestIpc) {
    sql += "(FORMAT arrow)";
  } else {
    sql += "(FORMAT csv";
    if (request.header) sql += std::string(", HEADER ") + (*request.header ? "true" : "false");
    if (request.delimiter) sql += ", DELIMITER " + sql::QuoteLiteral(*request.delimiter);
    if (request.null_string) sql += ", NULL " + sql::QuoteLiteral(*request.null_string);
    if (request.quote) sql += ", QUOTE " + sql::QuoteLiteral(*request.quote);
    sql += ")";
  }
  const auto start = std::chrono::steady_clock::now();
  MemoryCopyClient client(request.data, settings_.max_decompressed_bytes);
  session_.SetCopyClient(&client);
  Result<std::vector<engine::StatementResult>> results = session_.Execute(sql);
  session_.SetCopyClient(nullptr);
  // A position would point into the COPY statement made here, which the client never saw.
  if (!results.ok()) return Status(results.status()).WithPosition(0);
  if (metrics_ != nullptr) metrics_->StatementsDone(*results);
  json response = OkResponse(request.id);
  response["command"] = results->back().command_tag;
  response["rows_affected"] = results->back().tag_count();
  response["execution_time_ms"] = MillisecondsSince(start);
  return NativeReply{DumpJson(response), nullptr};
}

Result<NativeReply> NativeSession::RunCreateDatabase(const NativeRequest& request) {
  // As SQL's CREATE DATABASE: sessions' temporary databases keep their names to themselves.
  if (engine::IsTempDatabaseName(request.name)) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kReservedName,
                  "unacceptable database name \"" + request.name +
                      "\": the prefix \"pg_\" is reserved for system schemas");
  }
  // Through SQL, so the same checks apply (CREATEDB).
  // (PostgreSQL's grammar has IF NOT EXISTS for CREATE SCHEMA only, which is the same here.)
  BOYO_RETURN_IF_ERROR(session_.Execute(
      (request.if_not_exists ? "CREATE SCHEMA IF NOT EXISTS " : "CREATE DATABASE ") +
      sql::QuoteIdentifierIfNeeded(request.name)));
  json response = OkResponse(request.id);
  response["command"] = "CREATE DATABASE";
  return NativeReply{DumpJson(response), nullptr};
}

Result<NativeReply> NativeSession::RunCreateTable(const NativeRequest& request) {
  if (request.columns.empty()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidTableDefinition,
                  "create_table needs at least one column");
  }
  std::vector<types::Field> fields;
  for (const NativeColumn& column : request.columns) {
    BOYO_ASSIGN_OR_RETURN(types::DataType type, types::ParseTypeName(column.type));
    fields.emplace_back(column.name, std::move(type), column.nullable);
  }
  engine::TableOptions options;
  if (request.codec) {
    BOYO_ASSIGN_OR_RETURN(options.codec, formats::ParseCodecName(*request.codec));
  }
  options.sort_key = request.sort_key;
  const std::string& database =
      request.database.empty() ? session_.current_database() : request.database;
  // The privileges CREATE TABLE takes and gives, as for the SQL statement.
  BOYO_RETURN_IF_ERROR(session_.RequirePrivilege(storage::privilege::kCreate, database, ""));
  const bool existed = database_.DescribeTable(database, request.table).ok();
  BOYO_RETURN_IF_ERROR(database_.CreateTable(
      database, request.table, types::Schema(std::move(fields)), options, request.if_not_exists));
  if (!existed) BOYO_RETURN_IF_ERROR(session_.GrantToCreator(database, request.table));
  json response = OkResponse(request.id);
  response["command"] = "CREATE TABLE";
  return NativeReply{DumpJson(response), nullptr};
}

Result<NativeReply> NativeSession::RunClusterStatus(const NativeRequest& request) {
  // One process, no etcd: this node is the whole cluster and its leader.
  json response = OkResponse(request.id);
  response["mode"] = "standalone";
  response["version"] = std::string(kBoyoVersion);
  response["nodes"] =
      json::array({{{"address", settings_.node_address}, {"role", "leader"}, {"healthy", true}}});
  return NativeReply{DumpJson(response), nullptr};
}

Result<NativeReply> NativeSession::RunLogin(const NativeRequest& request) {
  if (authenticator_ == nullptr) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "this session needs no login");
  }
  if (!user_.empty()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidAuthorizationSpecification,
                  "already logged in as \"" + user_ + "\"");
  }
  BOYO_ASSIGN_OR_RETURN(const engine::UserInfo user,
                        authenticator_->CheckPassword(request.user, request.password));
  user_ = user.name;
  session_.SetIdentity(user.name, user.name);
  // A login may name the database to start in, as every request may.
  BOYO_RETURN_IF_ERROR(UseDatabase(request.database));
  json response = OkResponse(request.id);
  response["user"] = user.name;
  response["superuser"] = user.superuser;
  return NativeReply{DumpJson(response), nullptr};
}

}  // namespace boyodb::server::native
