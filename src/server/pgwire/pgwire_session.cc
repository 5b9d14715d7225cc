#include "server/pgwire/pgwire_session.h"

#include <optional>
#include <vector>

#include "engine/text_output.h"
#include "sql/parser/identifier_quoting.h"
#include "sql/parser/parser.h"

namespace boyodb::server::pgwire {
namespace {

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

std::string PgwireSession::SimpleQuery(std::string_view sql, bool* ok) {
  MessageWriter out;
  *ok = true;
  // A Query message destroys the unnamed statement and portal, as PostgreSQL's does.
  statements_.erase("");
  portals_.erase("");
  Result<std::vector<sql::ast::Statement>> statements = sql::Parse(sql);
  if (!statements.ok()) {
    Status status = statements.status();
    out.WriteErrorResponse(ErrorFields::FromStatus(std::move(status).WithPosition(
        sql::CharacterPosition(sql, statements.status().position()))));
    *ok = false;
  } else if (statements->empty()) {
    out.WriteEmptyQueryResponse();
  } else {
    // Statement by statement, as PostgreSQL does: the ones before a failure keep their
    // answers (and, outside a transaction block, their effects).
    for (const sql::ast::Statement& statement : *statements) {
      const int32_t before = CountCharacters(sql.substr(0, static_cast<size_t>(statement.offset)));
      if (!RunStatement(sql, statement.text, before, &out)) {
        *ok = false;
        break;
      }
    }
  }
  out.WriteReadyForQuery(transaction_status());
  return out.TakeData();
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
