#include "server/pgwire/pgwire_session.h"

#include <strings.h>

#include <optional>
#include <vector>

#include "common/sqlstate.h"
#include "engine/text_output.h"
#include "sql/parser/identifier_quoting.h"
#include "sql/parser/parser.h"

namespace boyodb::server::pgwire {
namespace {

// COPY's Arrow format is binary on the wire; its text, CSV and NDJSON formats are text.
FormatCode CopyFormat(const sql::ast::CopyStatement& copy) {
  for (const sql::ast::Option& option : copy.options) {
    if (option.name == "format" && option.value.size() == 5 &&
        strncasecmp(option.value.c_str(), "arrow", 5) == 0) {
      return FormatCode::kBinary;
    }
  }
  return FormatCode::kText;
}

// Characters (not bytes) of UTF-8 text, for error positions in a multi-statement string.
int32_t CountCharacters(std::string_view text) {
  int32_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

}  // namespace

PgwireSession::PgwireSession(engine::Database& database, const sql::FunctionCatalog& functions,
                             ServerMetrics* metrics)
    : functions_(functions), metrics_(metrics), session_(database, functions) {}

Status PgwireSession::Start(const std::string& user, const std::string& database,
                            const security::PasswordPolicy& password_policy) {
  BOYO_RETURN_IF_ERROR(session_.Init());
  user_ = user;
  session_.SetPasswordPolicy(password_policy);
  session_.SetIdentity(user, database.empty() ? user : database);
  if (!database.empty() && database != session_.current_database()) {
    // A client names a database; one of ours with that name becomes current, any other name
    // (psql defaults it to the user's) leaves the default one.
    (void)session_.Execute("SET search_path = " + sql::QuoteIdentifierIfNeeded(database));
  }
  return Status::OK();
}

TransactionStatus PgwireSession::transaction_status() const {
  if (session_.transaction_failed()) return TransactionStatus::kFailedTransaction;
  return session_.in_transaction() ? TransactionStatus::kInTransaction : TransactionStatus::kIdle;
}

PgwireSession::QueryStep PgwireSession::SimpleQuery(std::string_view sql, bool* ok) {
  MessageWriter out;
  *ok = true;
  // A Query message destroys the unnamed statement and portal, as PostgreSQL's does.
  statements_.erase("");
  portals_.erase("");
  const Status admitted =
      request_gate_ != nullptr ? request_gate_->AdmitRequest(user_) : Status::OK();
  Result<std::vector<sql::ast::Statement>> statements = sql::Parse(sql);
  if (!admitted.ok()) {
    out.WriteErrorResponse(ErrorFields::FromStatus(admitted));
    *ok = false;
  } else if (!statements.ok()) {
    Status status = statements.status();
    out.WriteErrorResponse(ErrorFields::FromStatus(std::move(status).WithPosition(
        sql::CharacterPosition(sql, statements.status().position()))));
    *ok = false;
  } else if (statements->empty()) {
    out.WriteEmptyQueryResponse();
  } else {
    pending_query_ = PendingQuery{std::string(sql), std::move(*statements), 0};
    return RunPendingStatements(out, ok);
  }
  out.WriteReadyForQuery(transaction_status());
  return {out.TakeData(), false};
}

PgwireSession::QueryStep PgwireSession::RunPendingStatements(MessageWriter& out, bool* ok) {
  // Statement by statement, as PostgreSQL does: the ones before a failure keep their answers
  // (and, outside a transaction block, their effects).
  PendingQuery& query = pending_query_;
  for (; query.next < query.statements.size(); ++query.next) {
    const sql::ast::Statement& statement = query.statements[query.next];
    const int32_t before = CountCharacters(
        std::string_view(query.sql).substr(0, static_cast<size_t>(statement.offset)));
    bool succeeded = true;
    if (statement.kind == sql::ast::StatementKind::kCopy && statement.copy->file.empty()) {
      if (statement.copy->from) {
        // The data comes next, in CopyData messages: FinishCopyIn goes on from here.
        const FormatCode format = CopyFormat(*statement.copy);
        const std::vector<FormatCode> columns(statement.copy->columns.size(), format);
        if (out.WriteCopyInResponse(format, columns).ok()) return {out.TakeData(), true};
      }
      succeeded = RunCopyOut(statement, before, &out);
    } else {
      succeeded = RunStatement(query.sql, statement.text, before, &out);
    }
    if (!succeeded) {
      *ok = false;
      break;
    }
  }
  pending_query_ = PendingQuery();
  out.WriteReadyForQuery(transaction_status());
  return {out.TakeData(), false};
}

PgwireSession::QueryStep PgwireSession::FinishCopyIn(CopyInBuffer* data, const Status& failure,
                                                     bool* ok) {
  *ok = true;
  MessageWriter out;
  PendingQuery& query = pending_query_;
  if (query.next >= query.statements.size()) {
    out.WriteErrorResponse(
        ErrorFields::FromStatus(Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation,
                                       "COPY data received with no COPY FROM STDIN running")));
    out.WriteReadyForQuery(transaction_status());
    *ok = false;
    return {out.TakeData(), false};
  }
  // The session reads the data through a CopyClient; without data, the read fails with
  // `failure` and the COPY fails as any statement does (spoiling a transaction block).
  class BufferClient final : public engine::CopyClient {
   public:
    BufferClient(CopyInBuffer* data, const Status& failure) : data_(data), failure_(failure) {}
    Result<size_t> ReadCopyData(char* out, size_t n) override {
      if (data_ == nullptr) return failure_;
      return data_->Read(out, n);
    }
    Status WriteCopyData(std::string_view) override {
      return Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation,
                    "COPY FROM STDIN cannot write");
    }

   private:
    CopyInBuffer* data_;
    const Status& failure_;
  };
  BufferClient client(data, failure);
  const sql::ast::Statement& statement = query.statements[query.next];
  const int32_t before =
      CountCharacters(std::string_view(query.sql).substr(0, static_cast<size_t>(statement.offset)));
  session_.SetCopyClient(&client);
  const bool succeeded = RunStatement(query.sql, statement.text, before, &out);
  session_.SetCopyClient(nullptr);
  if (!succeeded) {
    *ok = false;
    pending_query_ = PendingQuery();
    out.WriteReadyForQuery(transaction_status());
    return {out.TakeData(), false};
  }
  ++query.next;
  return RunPendingStatements(out, ok);
}

bool PgwireSession::RunCopyOut(const sql::ast::Statement& statement, int32_t characters_before,
                               MessageWriter* out) {
  // The data is gathered while the COPY runs, then sent after CopyOutResponse: an error part
  // way then reaches the client as an ErrorResponse instead of truncated data.
  class GatheringClient final : public engine::CopyClient {
   public:
    Result<size_t> ReadCopyData(char*, size_t) override {
      return Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation,
                    "COPY TO STDOUT cannot read");
    }
    Status WriteCopyData(std::string_view data) override {
      pieces.emplace_back(data);
      return Status::OK();
    }
    std::vector<std::string> pieces;
  };
  GatheringClient client;
  MessageWriter answer;
  session_.SetCopyClient(&client);
  const bool succeeded =
      RunStatement(pending_query_.sql, statement.text, characters_before, &answer);
  session_.SetCopyClient(nullptr);
  if (!succeeded) {
    out->AppendEncoded(answer.data());
    return false;
  }
  const FormatCode format = CopyFormat(*statement.copy);
  const std::vector<FormatCode> columns(statement.copy->columns.size(), format);
  Status written = out->WriteCopyOutResponse(format, columns);
  for (const std::string& piece : client.pieces) {
    if (written.ok()) written = out->WriteCopyData(piece);
  }
  if (!written.ok()) {
    out->WriteErrorResponse(ErrorFields::FromStatus(written));
    return false;
  }
  out->WriteCopyDone();
  out->AppendEncoded(answer.data());  // CommandComplete ("COPY n")
  return true;
}

bool PgwireSession::RunStatement(std::string_view, std::string_view statement_text,
                                 int32_t characters_before, MessageWriter* out) {
  Result<std::vector<engine::StatementResult>> results = session_.Execute(statement_text);
  if (!results.ok()) {
    Status status = results.status();
    if (status.position() > 0) {
      status = std::move(status).WithPosition(status.position() + characters_before);
    }
    out->WriteErrorResponse(ErrorFields::FromStatus(status));
    return false;
  }
  if (metrics_ != nullptr) metrics_->StatementsDone(*results);
  for (const engine::StatementResult& result : *results) {
    if (result.returns_rows) {
      const Status written = WriteRows(result, out);
      if (!written.ok()) {
        out->WriteErrorResponse(ErrorFields::FromStatus(written));
        return false;
      }
    }
    out->WriteCommandComplete(result.command_tag);
  }
  return true;
}

Status PgwireSession::WriteRows(const engine::StatementResult& result, MessageWriter* out) {
  std::vector<FieldDescription> fields;
  std::vector<types::DataType> types;
  for (const sql::OutputColumn& column : result.columns) {
    fields.push_back(FieldDescription::ForColumn(column.name, column.type));
    types.push_back(column.type);
  }
  BOYO_RETURN_IF_ERROR(out->WriteRowDescription(fields));
  BOYO_ASSIGN_OR_RETURN(const engine::TextOutput text, engine::TextOutput::Make(types, functions_));
  sql::EvalContext eval;
  eval.time_zone = session_.TimeZoneSetting();
  std::vector<std::optional<std::string_view>> values(types.size());
  for (const columnar::Chunk& chunk : result.chunks) {
    std::vector<columnar::ArrayPtr> columns(chunk.num_columns());
    for (size_t i = 0; i < chunk.num_columns(); ++i) {
      BOYO_ASSIGN_OR_RETURN(columns[i], text.Render(i, chunk.column(i), eval));
    }
    for (int64_t row = 0; row < chunk.num_rows(); ++row) {
      for (size_t i = 0; i < columns.size(); ++i) {
        values[i] = columns[i]->IsNull(row)
                        ? std::nullopt
                        : std::optional<std::string_view>(columns[i]->GetView(row));
      }
      BOYO_RETURN_IF_ERROR(out->WriteDataRow(values));
    }
  }
  return Status::OK();
}

}  // namespace boyodb::server::pgwire
