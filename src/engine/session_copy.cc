// COPY statements: COPY table [(columns)] FROM file|STDIN streams the rows into a bulk load
// that becomes visible in one atomic step (or keeps them for COMMIT inside a transaction
// block); COPY table|(query) TO file|STDOUT writes the rows in the chosen format.
// docs/design/copy.md.
#include <algorithm>
#include <chrono>
#include <limits>

#include "common/sqlstate.h"
#include "engine/column_default.h"
#include "engine/copy/copy_options.h"
#include "engine/copy/copy_reader.h"
#include "engine/copy/copy_writer.h"
#include "engine/session.h"
#include "engine/session_catalog.h"
#include "engine/unique_keys.h"
#include "sql/binder/character_types.h"
#include "sql/optimizer/optimizer.h"
#include "sql/parser/identifier_quoting.h"
#include "sql/parser/parser.h"

namespace boyodb::engine {

namespace ast = sql::ast;

namespace {

Status NoCopyClient(bool from) {
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                std::string(from ? "COPY FROM STDIN" : "COPY TO STDOUT") +
                    " needs the client's copy stream, and this client did not provide one");
}

// PostgreSQL's wording for a file COPY cannot open, keeping the cause's SQLSTATE (58P01 for
// a missing file) and its reason ("No such file or directory").
Status FileError(const Status& cause, const std::string& path, bool reading) {
  const std::string_view message = cause.message();
  const size_t colon = message.rfind(": ");
  const std::string reason = colon == std::string_view::npos
                                 ? std::string(message)
                                 : std::string(message.substr(colon + 2));
  return Status(cause.code(), cause.sqlstate(),
                "could not open file \"" + path + "\" for " + (reading ? "reading" : "writing") +
                    ": " + reason);
}

void StartStatementClock(exec::ExecContext& context) {
  context.eval.statement_time_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count();
}

}  // namespace

Result<StatementResult> Session::RunCopy(const ast::CopyStatement& copy) {
  if (copy.from) return RunCopyFrom(copy);
  return RunCopyTo(copy);
}

Result<StatementResult> Session::RunCopyFrom(const ast::CopyStatement& copy) {
  BOYO_ASSIGN_OR_RETURN(auto resolved, ResolveName(copy.table));
  BOYO_RETURN_IF_ERROR(
      RequirePrivilege(storage::privilege::kInsert, resolved.first, resolved.second)
          .WithPosition(copy.table.position));
  SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
  BOYO_ASSIGN_OR_RETURN(sql::TableDescription table, catalog.FindTable(copy.table));
  if (table.view_definition.has_value()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kWrongObjectType,
                  "cannot copy to view \"" + table.table + "\"")
        .WithPosition(copy.table.position);
  }
  BOYO_ASSIGN_OR_RETURN(CopyOptions options, ParseCopyOptions(copy.options, /*from=*/true));
  const auto& fields = table.schema.fields();
  CopyTarget target;
  target.table_name = table.table;
  target.schema = table.schema;
  if (copy.columns.empty()) {
    for (size_t i = 0; i < fields.size(); ++i) target.input_columns.push_back(static_cast<int>(i));
  } else {
    for (const std::string& name : copy.columns) {
      const int index = table.schema.FieldIndex(name);
      if (index < 0) {
        return Status(StatusCode::kNotFound, sqlstate::kUndefinedColumn,
                      "column \"" + name + "\" of relation \"" + table.table + "\" does not exist");
      }
      if (std::find(target.input_columns.begin(), target.input_columns.end(), index) !=
          target.input_columns.end()) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kDuplicateColumn,
                      "column \"" + name + "\" specified more than once");
      }
      target.input_columns.push_back(index);
    }
  }
  // Columns the input does not fill take their DEFAULT, as INSERT's omitted columns do.
  sql::QueryBinder binder = NewBinder(catalog);
  target.fill.resize(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    if (std::find(target.input_columns.begin(), target.input_columns.end(), static_cast<int>(i)) !=
        target.input_columns.end()) {
      continue;
    }
    const auto found = table.column_defaults.find(fields[i].name);
    if (found == table.column_defaults.end()) {
      target.fill[i] = sql::MakeConstant(types::Value::Null(fields[i].type()));
    } else {
      BOYO_ASSIGN_OR_RETURN(target.fill[i], BindColumnDefault(binder, fields[i], found->second));
      BOYO_ASSIGN_OR_RETURN(target.fill[i], sql::FitToColumn(binder.resolver(), table,
                                                             fields[i].name, target.fill[i], 0));
    }
  }
  target.character_lengths.resize(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    const auto declared = table.declared_types.find(fields[i].name);
    if (declared != table.declared_types.end()) {
      target.character_lengths[i] = types::CharacterLength::FromTypeName(declared->second);
    }
  }

  CopyInput input;
  std::unique_ptr<CopyClientSource> client_source;
  if (copy.file.empty()) {
    if (copy_client_ == nullptr) return NoCopyClient(/*from=*/true);
    client_source = std::make_unique<CopyClientSource>(*copy_client_);
    input.stream = client_source.get();
    input.ipc_options = copy_client_->IpcReadOptions();
  } else {
    Result<std::unique_ptr<RandomAccessFile>> file = DefaultFileSystem()->OpenReadable(copy.file);
    if (!file.ok()) return FileError(file.status(), copy.file, /*reading=*/true);
    input.file = std::shared_ptr<const RandomAccessFile>(std::move(*file));
  }

  DatabaseTableReader reader(database_);
  exec::ExecContext context;
  PrepareContext(reader, context);
  StartStatementClock(context);
  BOYO_ASSIGN_OR_RETURN(
      std::unique_ptr<CopyReader> rows,
      CopyReader::Open(std::move(input), options, std::move(target), functions_, context));
  // Every row is read and converted before any becomes visible, so a bad row anywhere leaves
  // the table as it was.
  int64_t num_rows = 0;
  if (!transaction_.active &&
      UniqueKeys(database_.ListIndexes(resolved.first, resolved.second), table.schema).empty()) {
    // The rows stream into segments written while the rest is read, and appear at Commit.
    BOYO_ASSIGN_OR_RETURN(std::unique_ptr<BulkAppend> load,
                          database_.BeginBulkAppend(resolved.first, resolved.second));
    while (true) {
      BOYO_ASSIGN_OR_RETURN(std::optional<columnar::Chunk> chunk, rows->Next());
      if (!chunk) break;
      BOYO_RETURN_IF_ERROR(load->Add(*chunk));
    }
    BOYO_RETURN_IF_ERROR(load->Commit());
    num_rows = load->num_rows();
  } else {
    // Inside a transaction block the rows wait for COMMIT; with a unique index they are
    // checked against the table's keys in one step with the append.
    std::vector<columnar::Chunk> chunks;
    while (true) {
      BOYO_ASSIGN_OR_RETURN(std::optional<columnar::Chunk> chunk, rows->Next());
      if (!chunk) break;
      if (chunk->num_rows() == 0) continue;
      num_rows += chunk->num_rows();
      chunks.push_back(std::move(*chunk));
    }
    if (num_rows > 0) {
      if (transaction_.active) {
        for (const columnar::Chunk& chunk : chunks) {
          BOYO_RETURN_IF_ERROR(KeepForCommit(resolved, table, chunk));
        }
      } else {
        BOYO_RETURN_IF_ERROR(AppendAllChecked(resolved, table.schema, chunks));
      }
    }
  }
  return StatementResult{{}, {}, false, "COPY " + std::to_string(num_rows)};
}

Result<StatementResult> Session::RunCopyTo(const ast::CopyStatement& copy) {
  BOYO_ASSIGN_OR_RETURN(CopyOptions options, ParseCopyOptions(copy.options, /*from=*/false));
  SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
  sql::QueryBinder binder = NewBinder(catalog);
  sql::LogicalPtr plan;
  if (copy.query != nullptr) {
    BOYO_ASSIGN_OR_RETURN(plan, binder.BindQuery(*copy.query, nullptr));
  } else {
    BOYO_ASSIGN_OR_RETURN(sql::TableDescription table, catalog.FindTable(copy.table));
    if (table.view_definition.has_value()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kWrongObjectType,
                    "cannot copy from view \"" + table.table + "\"")
          .WithPosition(copy.table.position);
    }
    // COPY t (a, b) TO reads what SELECT a, b FROM t would.
    std::string columns;
    if (copy.columns.empty()) {
      for (const types::Field& field : table.schema.fields()) {
        columns += (columns.empty() ? "" : ", ") + sql::QuoteIdentifier(field.name);
      }
    } else {
      for (const std::string& name : copy.columns) {
        if (table.schema.FieldIndex(name) < 0) {
          return Status(
              StatusCode::kNotFound, sqlstate::kUndefinedColumn,
              "column \"" + name + "\" of relation \"" + table.table + "\" does not exist");
        }
        columns += (columns.empty() ? "" : ", ") + sql::QuoteIdentifier(name);
      }
    }
    BOYO_ASSIGN_OR_RETURN(
        std::vector<ast::Statement> select,
        sql::Parse("SELECT " + columns + " FROM " + sql::QuoteIdentifier(table.database) + "." +
                   sql::QuoteIdentifier(table.table)));
    BOYO_ASSIGN_OR_RETURN(plan, binder.BindQuery(*select.front().select, nullptr));
  }

  DatabaseTableReader reader(database_);
  exec::ExecContext context;
  PrepareContext(reader, context);
  BOYO_ASSIGN_OR_RETURN(exec::QueryResult rows, exec::Execute(*sql::Optimize(plan), context));

  std::unique_ptr<WritableFile> file;
  std::unique_ptr<formats::ipc::ByteSink> sink;
  if (copy.file.empty()) {
    if (copy_client_ == nullptr) return NoCopyClient(/*from=*/false);
    sink = std::make_unique<CopyClientSink>(*copy_client_);
  } else {
    Result<std::unique_ptr<WritableFile>> opened =
        DefaultFileSystem()->OpenWritable(copy.file, OpenMode::kTruncate);
    if (!opened.ok()) return FileError(opened.status(), copy.file, /*reading=*/false);
    file = std::move(*opened);
    sink = std::make_unique<formats::ipc::WritableFileSink>(file.get());
  }
  BOYO_ASSIGN_OR_RETURN(
      std::unique_ptr<CopyWriter> writer,
      CopyWriter::Open(sink.get(), options, rows.columns, functions_, context.eval));
  for (const columnar::Chunk& chunk : rows.chunks) BOYO_RETURN_IF_ERROR(writer->Write(chunk));
  BOYO_RETURN_IF_ERROR(writer->Finish());
  if (file != nullptr) BOYO_RETURN_IF_ERROR(file->Close());
  return StatementResult{{}, {}, false, "COPY " + std::to_string(rows.num_rows())};
}

Status Session::AppendAllChecked(const std::pair<std::string, std::string>& table,
                                 const types::Schema& schema,
                                 const std::vector<columnar::Chunk>& chunks) {
  if (chunks.size() == 1) return AppendChecked(table, schema, chunks.front());
  // One append takes one chunk, whose TEXT columns have 32-bit offsets (Arrow's layout).
  for (size_t column = 0; column < schema.num_fields(); ++column) {
    int64_t bytes = 0;
    for (const columnar::Chunk& chunk : chunks) bytes += chunk.column(column)->ByteSize();
    if (bytes >= std::numeric_limits<int32_t>::max()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kProgramLimitExceeded,
                    "COPY FROM cannot add more than 2 GB of column \"" + schema.field(column).name +
                        "\" in one statement; split the input");
    }
  }
  return AppendChecked(table, schema, columnar::ConcatenateChunks(chunks.front().schema(), chunks));
}

}  // namespace boyodb::engine
