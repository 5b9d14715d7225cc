// The extended query protocol of PgwireSession: Parse makes a statement (parsed once, its
// parameter types declared or inferred), Bind a portal (the statement with parameter values
// and result formats), Describe reports either, Execute runs a portal (once; a row limit
// leaves it suspended for the next Execute), Close drops one, Sync ends the exchange.
#include <utility>

#include "common/sqlstate.h"
#include "engine/text_output.h"
#include "server/pgwire/pg_binary_format.h"
#include "server/pgwire/pg_types.h"
#include "server/pgwire/pgwire_session.h"

namespace boyodb::server::pgwire {
namespace {

// Portal errors, which only this protocol raises.
constexpr std::string_view kInvalidCursorName = "34000";
constexpr std::string_view kDuplicateCursor = "42P03";

std::string Quoted(const std::string& name) { return "\"" + name + "\""; }

Status StatementMissing(const std::string& name) {
  return Status(StatusCode::kNotFound, sqlstate::kInvalidSqlStatementName,
                "prepared statement " + Quoted(name) + " does not exist");
}

Status PortalMissing(const std::string& name) {
  return Status(StatusCode::kNotFound, kInvalidCursorName,
                "portal " + Quoted(name) + " does not exist");
}

}  // namespace

std::string PgwireSession::ExtendedQuery(const FrontendMessage& message, bool* ok) {
  MessageWriter out;
  *ok = true;
  if (std::holds_alternative<SyncMessage>(message)) {
    skipping_to_sync_ = false;
    // Portals live until their transaction ends; outside a block that is now.
    if (!session_.in_transaction()) portals_.clear();
    out.WriteReadyForQuery(transaction_status());
    return out.TakeData();
  }
  if (skipping_to_sync_ || std::holds_alternative<FlushMessage>(message)) return {};
  Status status = Status::OK();
  if (const auto* parse = std::get_if<ParseMessage>(&message)) {
    status = Parse(*parse, &out);
  } else if (const auto* bind = std::get_if<BindMessage>(&message)) {
    status = Bind(*bind, &out);
  } else if (const auto* describe = std::get_if<DescribeMessage>(&message)) {
    status = Describe(*describe, &out);
  } else if (const auto* execute = std::get_if<ExecuteMessage>(&message)) {
    status = Execute(*execute, &out);
  } else if (const auto* close = std::get_if<CloseMessage>(&message)) {
    status = Close(*close, &out);
  } else {
    status = Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation,
                    "unexpected message in the extended query protocol");
  }
  if (!status.ok()) {
    // What the failed message wrote before failing is dropped, so the client sees the error
    // in place of its answer.
    out.Clear();
    out.WriteErrorResponse(ErrorFields::FromStatus(status));
    skipping_to_sync_ = true;
    *ok = false;
  }
  return out.TakeData();
}

Status PgwireSession::Parse(const ParseMessage& parse, MessageWriter* out) {
  if (!parse.statement_name.empty() && statements_.contains(parse.statement_name)) {
    return Status(StatusCode::kAlreadyExists, sqlstate::kDuplicatePreparedStatement,
                  "prepared statement " + Quoted(parse.statement_name) + " already exists");
  }
  std::vector<std::optional<types::DataType>> declared;
  for (const uint32_t type_oid : parse.parameter_type_oids) {
    BOYO_ASSIGN_OR_RETURN(std::optional<types::DataType> type, DataTypeForPgOid(type_oid));
    declared.push_back(std::move(type));
  }
  BOYO_ASSIGN_OR_RETURN(engine::PreparedQuery query,
                        session_.PrepareQuery(parse.query, std::move(declared)));
  PreparedStatement statement;
  for (size_t i = 0; i < query.parameter_types.size(); ++i) {
    // A type the client declared is reported back as declared (varchar stays varchar).
    const uint32_t declared_oid =
        i < parse.parameter_type_oids.size() ? parse.parameter_type_oids[i] : oid::kUnspecified;
    statement.parameter_oids.push_back(declared_oid != oid::kUnspecified &&
                                               declared_oid != oid::kUnknown
                                           ? declared_oid
                                           : PgTypeFor(query.parameter_types[i]).oid);
  }
  statement.query = std::move(query);
  statements_.insert_or_assign(parse.statement_name, std::move(statement));
  out->WriteParseComplete();
  return Status::OK();
}

Result<types::Value> PgwireSession::BindParameter(const BindMessage& bind, size_t index,
                                                  const types::DataType& type) const {
  const std::optional<std::string>& bytes = bind.parameter_values[index];
  if (!bytes) return types::Value::Null(type);
  Result<types::Value> value = Status::Internal("parameter not converted");
  if (bind.ParameterFormat(index) == FormatCode::kText) {
    value = session_.ParameterFromText(*bytes, type);
  } else {
    Result<BinaryParameter> decoded = DecodeBinaryParameter(*bytes, type);
    if (!decoded.ok()) {
      value = decoded.status();
    } else if (decoded->value) {
      value = std::move(*decoded->value);
    } else {
      value = session_.ParameterFromText(decoded->numeric_text, type);
    }
  }
  if (!value.ok()) {
    return value.status().WithContext("portal parameter $" + std::to_string(index + 1));
  }
  return value;
}

Status PgwireSession::Bind(const BindMessage& bind, MessageWriter* out) {
  const auto found = statements_.find(bind.statement_name);
  if (found == statements_.end()) return StatementMissing(bind.statement_name);
  const engine::PreparedQuery& query = found->second.query;
  if (bind.parameter_values.size() != query.parameter_types.size()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation,
                  "bind message supplies " + std::to_string(bind.parameter_values.size()) +
                      " parameters, but prepared statement " + Quoted(bind.statement_name) +
                      " requires " + std::to_string(query.parameter_types.size()));
  }
  if (!bind.portal_name.empty() && portals_.contains(bind.portal_name)) {
    return Status(StatusCode::kAlreadyExists, kDuplicateCursor,
                  "portal " + Quoted(bind.portal_name) + " already exists");
  }
  if (session_.transaction_failed()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInFailedSqlTransaction,
                  "current transaction is aborted, commands ignored until end of transaction "
                  "block");
  }
  Portal portal;
  portal.query = query;
  for (size_t i = 0; i < bind.parameter_values.size(); ++i) {
    BOYO_ASSIGN_OR_RETURN(types::Value value, BindParameter(bind, i, query.parameter_types[i]));
    portal.parameters.push_back(std::move(value));
  }
  BOYO_ASSIGN_OR_RETURN(portal.columns, session_.DescribeQuery(query));
  const size_t num_columns = portal.columns ? portal.columns->size() : 0;
  if (portal.columns) {
    BOYO_RETURN_IF_ERROR(bind.CheckResultFormatCount(num_columns));
    for (size_t i = 0; i < num_columns; ++i) {
      const FormatCode format =
          bind.result_formats.empty() ? FormatCode::kText : bind.ResultFormat(i);
      if (format == FormatCode::kBinary) {
        BOYO_RETURN_IF_ERROR(CheckBinaryFormat((*portal.columns)[i].type));
      }
      portal.formats.push_back(format);
    }
  }
  portals_.insert_or_assign(bind.portal_name, std::move(portal));
  out->WriteBindComplete();
  return Status::OK();
}

Status PgwireSession::WriteDescription(const std::optional<std::vector<sql::OutputColumn>>& columns,
                                       const std::vector<FormatCode>& formats, MessageWriter* out) {
  if (!columns) {
    out->WriteNoData();
    return Status::OK();
  }
  std::vector<FieldDescription> fields;
  for (size_t i = 0; i < columns->size(); ++i) {
    const FormatCode format = i < formats.size() ? formats[i] : FormatCode::kText;
    fields.push_back(FieldDescription::ForColumn((*columns)[i].name, (*columns)[i].type, format));
  }
  return out->WriteRowDescription(fields);
}

Status PgwireSession::Describe(const DescribeMessage& describe, MessageWriter* out) {
  if (describe.kind == TargetKind::kStatement) {
    const auto found = statements_.find(describe.name);
    if (found == statements_.end()) return StatementMissing(describe.name);
    BOYO_RETURN_IF_ERROR(out->WriteParameterDescription(found->second.parameter_oids));
    BOYO_ASSIGN_OR_RETURN(const std::optional<std::vector<sql::OutputColumn>> columns,
                          session_.DescribeQuery(found->second.query));
    return WriteDescription(columns, {}, out);
  }
  const auto found = portals_.find(describe.name);
  if (found == portals_.end()) return PortalMissing(describe.name);
  return WriteDescription(found->second.columns, found->second.formats, out);
}

Status PgwireSession::Execute(const ExecuteMessage& execute, MessageWriter* out) {
  const auto found = portals_.find(execute.portal_name);
  if (found == portals_.end()) return PortalMissing(execute.portal_name);
  Portal& portal = found->second;
  if (portal.query.statement == nullptr) {
    out->WriteEmptyQueryResponse();
    return Status::OK();
  }
  if (request_gate_ != nullptr) BOYO_RETURN_IF_ERROR(request_gate_->AdmitRequest(user_));
  if (!portal.executed) {
    portal.executed = true;
    BOYO_ASSIGN_OR_RETURN(portal.result,
                          session_.ExecuteQuery(portal.query, std::move(portal.parameters)));
    if (metrics_ != nullptr) metrics_->StatementsDone({portal.result});
    // The plan run may name its columns or types differently from the one described (a
    // table altered in between); what Describe reported is what the client expects.
    if (portal.result.returns_rows && portal.columns &&
        portal.result.columns.size() != portal.columns->size()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kFeatureNotSupported,
                    "cached plan must not change result type");
    }
  }
  if (!portal.result.returns_rows) {
    out->WriteCommandComplete(portal.result.command_tag);
    return Status::OK();
  }
  int64_t sent = 0;
  const int64_t max_rows = execute.max_rows > 0 ? execute.max_rows : 0;
  BOYO_RETURN_IF_ERROR(WritePortalRows(portal, max_rows, out, &sent));
  if (portal.next_chunk < portal.result.chunks.size()) {
    out->WritePortalSuspended();
  } else {
    // As PostgreSQL's: the rows this Execute sent.
    out->WriteCommandComplete("SELECT " + std::to_string(sent));
  }
  return Status::OK();
}

Status PgwireSession::WritePortalRows(Portal& portal, int64_t max_rows, MessageWriter* out,
                                      int64_t* sent) {
  const engine::StatementResult& result = portal.result;
  std::vector<types::DataType> types;
  for (const sql::OutputColumn& column : result.columns) types.push_back(column.type);
  BOYO_ASSIGN_OR_RETURN(const engine::TextOutput text, engine::TextOutput::Make(types, functions_));
  sql::EvalContext eval;
  eval.time_zone = session_.TimeZoneSetting();
  std::vector<std::optional<std::string_view>> values(types.size());
  std::vector<std::string> binary(types.size());
  auto format = [&portal](size_t i) {
    return i < portal.formats.size() ? portal.formats[i] : FormatCode::kText;
  };
  while (portal.next_chunk < result.chunks.size() && (max_rows == 0 || *sent < max_rows)) {
    const columnar::Chunk& chunk = result.chunks[portal.next_chunk];
    std::vector<columnar::ArrayPtr> columns(chunk.num_columns());
    for (size_t i = 0; i < chunk.num_columns(); ++i) {
      if (format(i) == FormatCode::kText) {
        BOYO_ASSIGN_OR_RETURN(columns[i], text.Render(i, chunk.column(i), eval));
      } else {
        columns[i] = chunk.column(i);
      }
    }
    for (; portal.next_row < chunk.num_rows() && (max_rows == 0 || *sent < max_rows);
         ++portal.next_row, ++*sent) {
      const int64_t row = portal.next_row;
      for (size_t i = 0; i < columns.size(); ++i) {
        if (columns[i]->IsNull(row)) {
          values[i] = std::nullopt;
        } else if (format(i) == FormatCode::kText) {
          values[i] = columns[i]->GetView(row);
        } else {
          binary[i].clear();
          AppendBinaryValue(columns[i]->GetValue(row), types[i], &binary[i]);
          values[i] = binary[i];
        }
      }
      BOYO_RETURN_IF_ERROR(out->WriteDataRow(values));
    }
    if (portal.next_row >= chunk.num_rows()) {
      ++portal.next_chunk;
      portal.next_row = 0;
    }
  }
  return Status::OK();
}

Status PgwireSession::Close(const CloseMessage& close, MessageWriter* out) {
  // Closing what does not exist is not an error.
  if (close.kind == TargetKind::kStatement) {
    statements_.erase(close.name);
  } else {
    portals_.erase(close.name);
  }
  out->WriteCloseComplete();
  return Status::OK();
}

}  // namespace boyodb::server::pgwire
