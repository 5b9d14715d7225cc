#include "tools/cli/remote_connection.h"

#include <optional>
#include <utility>

#include "common/sqlstate.h"
#include "formats/ipc/stream_reader.h"
#include "formats/text/utf8.h"
#include "sql/parser/parser.h"
#include "tools/cli/json_cell.h"
#include "tools/cli/native_frames.h"
#include "tools/cli/remote_copy.h"
#include "tools/cli/result_frame_source.h"

namespace boyodb::tools::cli {
namespace {

// PostgreSQL's SQLSTATE for using a connection that is gone.
constexpr std::string_view kSqlStateConnectionDoesNotExist = "08003";

// Asked at connect time and after SET and RESET: what `\c`, the prompt and TIMESTAMPTZ output
// depend on.
constexpr std::string_view kSessionStateQuery =
    "SELECT current_schema(), current_setting('TimeZone')";

Status NotSupported(std::string message) {
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported, std::move(message));
}

Status ProtocolViolation(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation, std::move(message));
}

// 22021 for text that is not UTF-8, which the request's JSON could only carry altered.
Status CheckUtf8(std::string_view text) {
  const size_t offset = formats::text::Utf8ErrorOffset(text);
  if (offset == std::string_view::npos) return Status::OK();
  return Status(StatusCode::kInvalidArgument, sqlstate::kCharacterNotInRepertoire,
                formats::text::Utf8ErrorMessage(text, offset));
}

// `status` pointing at the 1-based character `position` instead of where it pointed; at
// nothing when `position` is 0.
Status MovePosition(const Status& status, int32_t position) {
  if (position > 0) return Status(status).WithPosition(position);
  Status moved(status.code(), status.sqlstate(), std::string(status.message()));
  for (const std::string& context : status.context()) moved = std::move(moved).WithContext(context);
  return moved;
}

// The options kept for the banner: the password is needed only to log in.
ConnectionOptions WithoutPassword(ConnectionOptions options) {
  options.password.clear();
  return options;
}

// The character position in a statement of `byte_position`, a 1-based byte offset into the
// whole text that `statement` was parsed from.
int32_t PositionInStatement(const sql::ast::Statement& statement, int32_t byte_position) {
  if (byte_position <= statement.offset) return 0;
  return sql::CharacterPosition(statement.text, byte_position - statement.offset);
}

}  // namespace

RemoteConnection::RemoteConnection(std::unique_ptr<ClientStream> stream, ConnectionOptions options)
    : stream_(std::move(stream)), options_(WithoutPassword(std::move(options))) {}

Result<std::unique_ptr<RemoteConnection>> RemoteConnection::Open(const ConnectionOptions& options) {
  BOYO_RETURN_IF_ERROR(options.Validate());
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<ClientStream> stream, ClientStream::Connect(options));
  std::unique_ptr<RemoteConnection> connection(new RemoteConnection(std::move(stream), options));
  BOYO_RETURN_IF_ERROR(connection->Request(
      {{"op", "login"}, {"user", options.user}, {"password", options.password}}));
  BOYO_RETURN_IF_ERROR(connection->RefreshSessionState(options.database));
  return connection;
}

std::string RemoteConnection::Description() const {
  return "connected to server " + options_.Address() + " as " + options_.user +
         (options_.tls.in_use() ? " (TLS)" : "");
}

Status RemoteConnection::Broken(Status status) {
  stream_.reset();
  return status;
}

Result<nlohmann::json> RemoteConnection::Request(const nlohmann::json& request) {
  if (stream_ == nullptr) {
    return Status(StatusCode::kIOError, kSqlStateConnectionDoesNotExist,
                  "no connection to the server");
  }
  const Status written = WriteRequest(*stream_, request);
  if (!written.ok()) return Broken(written);
  Result<std::string> frame = ReadFrame(*stream_);
  if (!frame.ok()) return Broken(frame.status());
  return ParseResponse(*frame);
}

Result<engine::StatementResult> RemoteConnection::Query(std::string_view sql,
                                                        const std::string& database) {
  nlohmann::json request = {{"op", "query"}, {"sql", std::string(sql)}, {"binary", true}};
  if (!database.empty()) request["database"] = database;
  BOYO_ASSIGN_OR_RETURN(const nlohmann::json response, Request(request));
  engine::StatementResult result;
  const std::string* command = StringField(response, "command");
  result.command_tag = command != nullptr ? *command : "";
  result.time_zone = time_zone_;
  const auto segments = response.find("segments_scanned");
  if (segments != response.end() && segments->is_number_integer()) {
    result.segments_scanned = segments->get<int64_t>();
  }
  const auto binary = response.find("binary");
  if (binary != response.end() && binary->is_boolean() && binary->get<bool>()) {
    result.returns_rows = true;
    BOYO_RETURN_IF_ERROR(ReadRows(&result));
  } else if (response.contains("columns")) {
    return ProtocolViolation("server answered a binary query with rows that are not binary");
  }
  return result;
}

Status RemoteConnection::ReadRows(engine::StatementResult* result) {
  ResultFrameSource source(*stream_);
  const Status read = [&]() -> Status {
    BOYO_ASSIGN_OR_RETURN(std::unique_ptr<formats::ipc::StreamReader> reader,
                          formats::ipc::StreamReader::Open(&source));
    for (const types::Field& field : reader->schema()->fields()) {
      result->columns.push_back(sql::OutputColumn{field.name, field.type()});
    }
    while (true) {
      BOYO_ASSIGN_OR_RETURN(std::optional<columnar::Chunk> chunk, reader->Next());
      if (!chunk.has_value()) return Status::OK();
      result->chunks.push_back(std::move(*chunk));
    }
  }();
  // Also after a decoding error: read up to the end of the result, so the next answer is read
  // from its start.
  const Status finished = source.Finish();
  if (!source.ended()) return Broken(read.ok() ? finished : read);
  return read.ok() ? finished : read;
}

Status RemoteConnection::RefreshSessionState(const std::string& database) {
  BOYO_ASSIGN_OR_RETURN(const engine::StatementResult state, Query(kSessionStateQuery, database));
  for (const columnar::Chunk& chunk : state.chunks) {
    if (chunk.num_rows() == 0) continue;
    if (chunk.num_columns() != 2) break;
    const std::string schema = CellText(*chunk.column(0), 0, time_zone_);
    // The engine's rule: a search path whose first schema is "public" means the default
    // database.
    current_database_ = schema == "public" ? std::string(engine::kDefaultDatabase) : schema;
    // A zone this machine's tz database lacks: TIMESTAMPTZ values show in UTC, still right.
    Result<functions::TimeZone> zone =
        functions::TimeZone::Find(CellText(*chunk.column(1), 0, time_zone_));
    if (zone.ok()) time_zone_ = std::move(*zone);
    return Status::OK();
  }
  return ProtocolViolation("server answered \"" + std::string(kSessionStateQuery) +
                           "\" without its row");
}

Result<engine::StatementResult> RemoteConnection::CopyFromStdin(
    const sql::ast::Statement& statement) {
  Result<RemoteCopy> planned = PlanRemoteCopy(*statement.copy, current_database_);
  if (!planned.ok()) {
    const Status& status = planned.status();
    return status.position() > 0
               ? MovePosition(status, PositionInStatement(statement, status.position()))
               : status;
  }
  if (copy_client_ == nullptr) {
    return NotSupported(
        "COPY FROM STDIN needs the client's copy stream, and this client did not provide one");
  }
  std::string data;
  char buffer[64 * 1024];
  while (true) {
    BOYO_ASSIGN_OR_RETURN(const size_t read, copy_client_->ReadCopyData(buffer, sizeof(buffer)));
    if (read == 0) break;
    data.append(buffer, read);
  }
  BOYO_RETURN_IF_ERROR(CheckUtf8(data));
  Result<nlohmann::json> response = Request(IngestCsvRequest(*planned, data));
  if (!response.ok()) {
    // A position points into the COPY statement the server made, where only the table's name
    // can be wrong: show it under the name in the user's statement.
    const Status& status = response.status();
    return status.position() > 0
               ? MovePosition(status, PositionInStatement(statement, planned->table_position))
               : status;
  }
  const std::string* command = StringField(*response, "command");
  engine::StatementResult result = engine::StatementResult::FromTag(command ? *command : "COPY");
  result.time_zone = time_zone_;
  return result;
}

Result<engine::StatementResult> RemoteConnection::RunStatement(std::string_view text,
                                                               const sql::ast::Statement* parsed) {
  Result<engine::StatementResult> result = [&]() -> Result<engine::StatementResult> {
    if (parsed != nullptr && parsed->kind == sql::ast::StatementKind::kCopy &&
        parsed->copy->file.empty()) {
      if (parsed->copy->from) return CopyFromStdin(*parsed);
      return NotSupported(
          "COPY TO STDOUT is not available over a server connection yet; run the query with "
          "\\pset format csv (or --csv) instead");
    }
    return Query(text);
  }();
  if (!result.ok()) {
    transaction_.Failed(text);
    return result;
  }
  transaction_.Succeeded(result->command_tag);
  if (result->command_tag == "SET" || result->command_tag == "RESET") {
    BOYO_RETURN_IF_ERROR(RefreshSessionState());
  }
  return result;
}

Result<std::vector<engine::StatementResult>> RemoteConnection::Execute(std::string_view sql) {
  BOYO_RETURN_IF_ERROR(CheckUtf8(sql));
  std::vector<engine::StatementResult> results;
  Result<std::vector<sql::ast::Statement>> parsed = sql::Parse(sql);
  if (!parsed.ok()) {
    // The server parses with the same parser and reports the error with its position.
    BOYO_ASSIGN_OR_RETURN(engine::StatementResult result, RunStatement(sql, nullptr));
    results.push_back(std::move(result));
    return results;
  }
  for (const sql::ast::Statement& statement : *parsed) {
    Result<engine::StatementResult> result = RunStatement(statement.text, &statement);
    if (!result.ok()) {
      const Status& status = result.status();
      if (status.position() <= 0) return status;
      // Characters before the statement, plus its position inside it.
      const int32_t before = sql::CharacterPosition(sql, statement.offset + 1) - 1;
      return MovePosition(status, before + status.position());
    }
    results.push_back(std::move(*result));
  }
  return results;
}

}  // namespace boyodb::tools::cli
