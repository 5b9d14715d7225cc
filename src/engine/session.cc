#include "engine/session.h"

#include "engine/catalog_relations/catalog_relations.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <set>
#include <thread>

#include "common/sqlstate.h"
#include "common/version.h"
#include "engine/catalog_relations/catalog_relations.h"
#include "engine/check_constraints.h"
#include "engine/column_default.h"
#include "engine/key_constraints.h"
#include "engine/session_catalog.h"
#include "engine/table_statistics.h"
#include "engine/unique_keys.h"
#include "exec/pipeline/profiling.h"
#include "functions/datetime/time_zone.h"
#include "sql/binder/character_types.h"
#include "sql/binder/query_binder.h"
#include "sql/binder/type_rules.h"
#include "sql/optimizer/optimizer.h"
#include "sql/parser/parser.h"

namespace boyodb::engine {

namespace ast = sql::ast;
using types::DataType;

namespace {

// The most driver threads a query's pipelines may use.
constexpr int kMaxThreads = 256;

Status NotSupportedYet(std::string_view what) {
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                std::string(what) + " is not supported yet");
}

// A one-column text result (SHOW, EXPLAIN).
StatementResult TextRows(const std::string& column, const std::vector<std::string>& lines) {
  StatementResult result;
  result.returns_rows = true;
  result.columns.push_back({column, DataType::String()});
  columnar::BinaryBuilder builder(DataType::String());
  for (const std::string& line : lines) builder.Append(line);
  auto schema = std::make_shared<const types::Schema>(
      std::vector<types::Field>{types::Field(column, DataType::String())});
  result.chunks.emplace_back(schema, std::vector<columnar::ArrayPtr>{builder.Finish()},
                             static_cast<int64_t>(lines.size()));
  result.command_tag = "SHOW";
  return result;
}

Result<formats::CompressionCodec> ParseCodec(const std::string& value, int32_t position) {
  std::string lower = value;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "lz4") return formats::CompressionCodec::kLz4;
  if (lower == "zstd") return formats::CompressionCodec::kZstd;
  if (lower == "snappy") return formats::CompressionCodec::kSnappy;
  if (lower == "none") return formats::CompressionCodec::kNone;
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                "invalid value for table option \"codec\": \"" + value +
                    "\" (expected lz4, zstd, snappy or none)")
      .WithPosition(position);
}

}  // namespace

int64_t StatementResult::tag_count() const {
  const size_t space = command_tag.find_last_of(' ');
  if (space == std::string::npos || space + 1 == command_tag.size()) return -1;
  int64_t count = 0;
  for (size_t i = space + 1; i < command_tag.size(); ++i) {
    if (command_tag[i] < '0' || command_tag[i] > '9') return -1;
    count = count * 10 + (command_tag[i] - '0');
  }
  return count;
}

int64_t StatementResult::num_rows() const {
  int64_t rows = 0;
  for (const columnar::Chunk& chunk : chunks) rows += chunk.num_rows();
  return rows;
}

Session::Session(Database& database, const sql::FunctionCatalog& functions)
    : database_(database), functions_(functions), current_database_(kDefaultDatabase) {}

Status Session::Init() {
  return database_.CreateDatabase(kDefaultDatabase, /*if_not_exists=*/true);
}

Result<std::vector<StatementResult>> Session::Execute(std::string_view text) {
  Result<std::vector<ast::Statement>> parsed = sql::Parse(text);
  if (!parsed.ok()) {
    Status status = parsed.status();
    return std::move(status).WithPosition(sql::CharacterPosition(text, status.position()));
  }
  std::vector<StatementResult> results;
  for (const ast::Statement& statement : *parsed) {
    Result<StatementResult> result = RunInTransaction(statement);
    if (!result.ok()) {
      Status status = result.status();
      return std::move(status).WithPosition(sql::CharacterPosition(text, status.position()));
    }
    results.push_back(std::move(*result));
  }
  return results;
}

Result<StatementResult> Session::RunInTransaction(const ast::Statement& statement) {
  const bool ends_block = statement.kind == ast::StatementKind::kTransaction &&
                          (statement.transaction->action == ast::TransactionAction::kCommit ||
                           statement.transaction->action == ast::TransactionAction::kRollback);
  if (transaction_.failed && !ends_block) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInFailedSqlTransaction,
                  "current transaction is aborted, commands ignored until end of transaction "
                  "block");
  }
  scan_totals_.Reset();
  Result<StatementResult> result = Run(statement);
  // Each statement outside a block is a transaction of its own; a block ends at COMMIT or
  // ROLLBACK.
  if (!transaction_.active && !on_commit_actions_.empty()) {
    Status ended = RunOnCommitActions();
    if (result.ok() && !ended.ok()) result = std::move(ended);
  }
  if (!result.ok()) {
    // Any error inside BEGIN ... COMMIT spoils the whole block, as in PostgreSQL.
    if (transaction_.active) transaction_.failed = true;
    return result;
  }
  // Validated by SET, so the lookup succeeds; UTC otherwise.
  result->time_zone = functions::TimeZone::Find(TimeZoneSetting()).value_or(functions::TimeZone());
  result->segments_scanned = scan_totals_.segments_scanned;
  result->rows_read = scan_totals_.rows_read;
  return result;
}

Result<std::pair<std::string, std::string>> Session::ResolveName(
    const ast::QualifiedName& name) const {
  return ResolveTableName(database_, current_database_, name, temp_database_);
}

Result<StatementResult> Session::Run(const ast::Statement& statement) {
  BOYO_RETURN_IF_ERROR(CheckWritable(statement));
  switch (statement.kind) {
    case ast::StatementKind::kSelect:
      return RunSelect(*statement.select);
    case ast::StatementKind::kCreateTable: {
      BOYO_ASSIGN_OR_RETURN(StatementResult created, RunCreateTable(*statement.create_table));
      AddOnCommitAction(statement.create_table->name.parts.back(),
                        statement.create_table->on_commit);
      return created;
    }
    case ast::StatementKind::kDrop:
      return RunDrop(*statement.drop);
    case ast::StatementKind::kInsert:
      return RunInsert(*statement.insert);
    case ast::StatementKind::kSet:
      return RunSet(*statement.set);
    case ast::StatementKind::kShow:
      return RunShow(*statement.show);
    case ast::StatementKind::kExplain:
      return RunExplain(*statement.explain);
    case ast::StatementKind::kCreateDatabase: {
      const ast::CreateDatabaseStatement& create = *statement.create_database;
      // pg_temp_<n> databases are sessions' temporary schemas, dropped by Database::Open; and
      // PostgreSQL keeps every schema name starting with pg_ for itself.
      if (create.schema ? create.name.starts_with("pg_") : IsTempDatabaseName(create.name)) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kReservedName,
                      std::string(create.schema ? "unacceptable schema name \""
                                                : "unacceptable database name \"") +
                          create.name + "\": the prefix \"pg_\" is reserved for system schemas")
            .WithPosition(create.position);
      }
      // A database is a schema too, and these schemas' relations are the catalog's.
      if (IsVirtualSchema(create.name)) {
        return Status(StatusCode::kAlreadyExists,
                      create.schema ? sqlstate::kDuplicateSchema : sqlstate::kReservedName,
                      create.schema ? "schema \"" + create.name + "\" already exists"
                                    : "unacceptable database name \"" + create.name +
                                          "\": it is the name of a system schema")
            .WithPosition(create.position);
      }
      BOYO_ASSIGN_OR_RETURN(const std::optional<UserInfo> me, SessionUser());
      if (me && !me->superuser && !me->create_db) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kInsufficientPrivilege,
                      "permission denied to create database (CREATEDB is needed)")
            .WithPosition(create.position);
      }
      const std::vector<std::string> before = database_.ListDatabases();
      const bool existed = std::find(before.begin(), before.end(), create.name) != before.end();
      Status status = database_.CreateDatabase(create.name, create.if_not_exists);
      if (create.schema && status.sqlstate() == sqlstate::kDuplicateDatabase) {
        // PostgreSQL's clients see databases as schemas, and CREATE SCHEMA's own error.
        return Status(StatusCode::kAlreadyExists, sqlstate::kDuplicateSchema,
                      "schema \"" + create.name + "\" already exists");
      }
      if (!status.ok()) return std::move(status).WithPosition(create.position);
      // IF NOT EXISTS of a schema someone else made gives its creator nothing.
      if (status.ok() && !(create.if_not_exists && existed)) {
        BOYO_RETURN_IF_ERROR(GrantToCreator(create.name, ""));
      }
      return StatementResult::FromTag(create.schema ? "CREATE SCHEMA" : "CREATE DATABASE");
    }
    case ast::StatementKind::kTruncate: {
      BOYO_RETURN_IF_ERROR(RefuseInTransaction("TRUNCATE"));
      for (const ast::QualifiedName& name : statement.truncate->tables) {
        BOYO_ASSIGN_OR_RETURN(auto resolved, ResolveName(name));
        BOYO_RETURN_IF_ERROR(
            RequirePrivilege(storage::privilege::kTruncate, resolved.first, resolved.second)
                .WithPosition(name.position));
        Status status = database_.TruncateTable(resolved.first, resolved.second);
        if (!status.ok()) return std::move(status).WithPosition(name.position);
      }
      return StatementResult::FromTag("TRUNCATE TABLE");
    }
    case ast::StatementKind::kCreateView:
      return RunCreateView(*statement.create_view, statement.text);
    case ast::StatementKind::kCreateIndex:
      return RunCreateIndex(*statement.create_index);
    case ast::StatementKind::kUpdate:
      return RunUpdate(*statement.update);
    case ast::StatementKind::kDelete:
      return RunDelete(*statement.delete_);
    case ast::StatementKind::kAlterTable:
      return RunAlterTable(*statement.alter_table);
    case ast::StatementKind::kTransaction:
      return RunTransaction(*statement.transaction);
    case ast::StatementKind::kPrepare:
      return RunPrepare(*statement.prepare, statement.text);
    case ast::StatementKind::kExecute:
      return RunExecute(*statement.execute);
    case ast::StatementKind::kDeallocate:
      return RunDeallocate(*statement.deallocate);
    case ast::StatementKind::kCopy:
      return RunCopy(*statement.copy);
    case ast::StatementKind::kCreateSequence:
      return RunCreateSequence(*statement.create_sequence);
    case ast::StatementKind::kAlterSequence:
      return RunAlterSequence(*statement.alter_sequence);
    case ast::StatementKind::kPrivilege:
      return RunPrivilege(*statement.privilege);
    case ast::StatementKind::kRole:
      BOYO_RETURN_IF_ERROR(RefuseInTransaction("CREATE, ALTER or DROP of a role"));
      return RunRole(*statement.role);
  }
  return Status::Internal("unknown statement kind");
}

Result<StatementResult> Session::RunSelect(const ast::SelectStatement& select) {
  BOYO_RETURN_IF_ERROR(LockSelectedTables(select));
  SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
  sql::QueryBinder binder = NewBinder(catalog);
  BOYO_ASSIGN_OR_RETURN(sql::LogicalPtr plan, binder.BindQuery(select, nullptr));
  DatabaseTableReader reader(database_);
  exec::ExecContext context;
  PrepareContext(reader, context);
  const DatabaseStatistics statistics(database_);
  BOYO_ASSIGN_OR_RETURN(exec::QueryResult output,
                        exec::Execute(*sql::Optimize(plan, &statistics), context));
  StatementResult result;
  result.returns_rows = true;
  result.columns = std::move(output.columns);
  result.chunks = std::move(output.chunks);
  result.command_tag = "SELECT " + std::to_string(result.num_rows());
  return result;
}

Result<StatementResult> Session::RunCreateTable(const ast::CreateTableStatement& create) {
  BOYO_ASSIGN_OR_RETURN(auto resolved, ResolveCreation(create.name, create.temporary));
  TableOptions options;
  for (const ast::Option& option : create.options) {
    if (option.name == "codec" || option.name == "compression") {
      BOYO_ASSIGN_OR_RETURN(options.codec, ParseCodec(option.value, option.position));
    } else if (option.name == "order_by" || option.name == "sort_key") {
      std::string rest = option.value;
      size_t start = 0;
      while (start <= rest.size()) {
        size_t comma = rest.find(',', start);
        if (comma == std::string::npos) comma = rest.size();
        std::string column = rest.substr(start, comma - start);
        column.erase(0, column.find_first_not_of(" \t"));
        column.erase(column.find_last_not_of(" \t") + 1);
        if (!column.empty()) options.sort_key.push_back(column);
        start = comma + 1;
      }
    } else if (option.name == "engine") {
      // MergeTree is the only engine; its variants arrive with merges.
      if (option.value != "MergeTree" && option.value != "mergetree") {
        return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      "table engine \"" + option.value + "\" is not supported")
            .WithPosition(option.position);
      }
    } else {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                    "unrecognized table option \"" + option.name + "\"")
          .WithPosition(option.position);
    }
  }
  if (create.as_query != nullptr) return RunCreateTableAs(create, resolved, options);
  std::vector<types::Field> fields;
  SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
  sql::QueryBinder binder = NewBinder(catalog);
  // SERIAL and identity columns' sequences are created first; they go again unless the table
  // is made.
  struct SerialSequences {
    Database& database;
    const std::string& schema;
    std::vector<std::string> names;
    bool keep = false;
    ~SerialSequences() {
      if (keep) return;
      for (const std::string& name : names) (void)database.DropSequence(schema, name, true);
    }
  } serials{database_, resolved.first, {}};
  // IF NOT EXISTS leaves an existing table as it is, constraints included.
  if (create.if_not_exists && database_.DescribeTable(resolved.first, resolved.second).ok()) {
    return StatementResult::FromTag("CREATE TABLE");
  }
  for (const ast::ColumnDefinition& column : create.columns) {
    DataType type;
    if (sql::IsSerialType(column.type) ||
        column.identity != ast::ColumnDefinition::Identity::kNone) {
      BOYO_ASSIGN_OR_RETURN(std::string sequence, CreateOwnedSequence(resolved, column, &type));
      serials.names.push_back(sequence);
      options.column_defaults[column.name] = "nextval('" + sequence + "')";
      fields.emplace_back(column.name, type, /*nullable=*/false);
      continue;
    }
    BOYO_ASSIGN_OR_RETURN(type, sql::ResolveTypeName(column.type));
    BOYO_ASSIGN_OR_RETURN(const std::optional<types::CharacterLength> limit,
                          sql::DeclaredCharacterLength(column.type));
    if (limit) options.declared_types[column.name] = limit->TypeName();
    bool not_null = column.not_null;
    for (const std::string& key : create.primary_key) not_null = not_null || key == column.name;
    fields.emplace_back(column.name, type, !not_null);
    if (column.default_value != nullptr) {
      // Checked now, so a default that can never work fails CREATE TABLE, not every INSERT.
      Result<sql::BoundExprPtr> bound =
          BindColumnDefault(binder, fields.back(), column.default_text);
      if (!bound.ok()) return Status(bound.status()).WithPosition(column.position);
      options.column_defaults[column.name] = column.default_text;
    }
  }
  types::Schema schema(std::move(fields));
  if (!create.checks.empty()) {
    BOYO_ASSIGN_OR_RETURN(const std::set<std::string> in_schema,
                          ConstraintNamesIn(database_, resolved.first));
    BOYO_ASSIGN_OR_RETURN(
        options.check_constraints,
        NameCheckConstraints(create.checks, resolved.second, schema, {}, in_schema, functions_));
  }
  BOYO_ASSIGN_OR_RETURN(std::vector<KeyIndex> keys,
                        KeyConstraintIndexes(create, schema, resolved.first, resolved.second));
  Status status = database_.CreateTable(resolved.first, resolved.second, schema, options,
                                        /*if_not_exists=*/false);
  if (!status.ok()) return std::move(status).WithPosition(create.name.position);
  Status constrained = CreateKeyConstraintIndexes(database_, keys);
  if (!constrained.ok()) {
    // The statement fails as a whole: the table it created goes again.
    const Status dropped = database_.DropTable(resolved.first, resolved.second, /*if_exists=*/true);
    (void)dropped;
    return std::move(constrained).WithPosition(create.name.position);
  }
  serials.keep = true;
  BOYO_RETURN_IF_ERROR(GrantToCreator(resolved.first, resolved.second));
  return StatementResult::FromTag("CREATE TABLE");
}

Result<StatementResult> Session::RunCreateTableAs(const ast::CreateTableStatement& create,
                                                  const std::pair<std::string, std::string>& table,
                                                  const TableOptions& options) {
  SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
  sql::QueryBinder binder = NewBinder(catalog);
  BOYO_ASSIGN_OR_RETURN(sql::LogicalPtr plan, binder.BindQuery(*create.as_query, nullptr));
  if (create.columns.size() > plan->columns.size()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "too many column names were specified")
        .WithPosition(create.columns[plan->columns.size()].position);
  }
  // Columns take the query's names and types (a column list renames the first ones); a
  // NULL or unknown-typed column becomes TEXT, as in PostgreSQL.
  std::vector<types::Field> fields;
  for (size_t i = 0; i < plan->columns.size(); ++i) {
    const sql::OutputColumn& column = plan->columns[i];
    const std::string& name = i < create.columns.size() ? create.columns[i].name : column.name;
    for (const types::Field& field : fields) {
      if (field.name == name) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kDuplicateColumn,
                      "column \"" + name + "\" specified more than once")
            .WithPosition(create.name.position);
      }
    }
    const DataType type =
        column.type.id() == types::TypeId::kNull ? DataType::String() : column.type;
    fields.emplace_back(name, type, /*nullable=*/true);
  }
  types::Schema schema(std::move(fields));
  // IF NOT EXISTS leaves an existing table alone, rows and all.
  if (create.if_not_exists && database_.DescribeTable(table.first, table.second).ok()) {
    return StatementResult::FromTag("CREATE TABLE AS");
  }
  Status created = database_.CreateTable(table.first, table.second, schema, options, false);
  if (created.ok()) created = GrantToCreator(table.first, table.second);
  if (!created.ok()) return std::move(created).WithPosition(create.name.position);
  if (create.with_no_data) return StatementResult::FromTag("CREATE TABLE AS");
  DatabaseTableReader reader(database_);
  exec::ExecContext context;
  PrepareContext(reader, context);
  Result<exec::QueryResult> rows = exec::Execute(*sql::Optimize(plan), context);
  Status filled = rows.status();
  if (filled.ok() && rows->num_rows() > 0) {
    const columnar::Chunk all =
        rows->chunks.size() == 1
            ? rows->chunks.front()
            : columnar::ConcatenateChunks(rows->chunks.front().schema(), rows->chunks);
    sql::TableDescription description{table.first, table.second, schema, std::nullopt, {}};
    filled = transaction_.active ? KeepForCommit(table, description, all)
                                 : AppendChecked(table, schema, all);
  }
  if (!filled.ok()) {
    // The statement fails as a whole: the table it created goes again.
    const Status dropped = database_.DropTable(table.first, table.second, /*if_exists=*/true);
    (void)dropped;
    return filled;
  }
  return StatementResult::FromTag("SELECT " + std::to_string(rows->num_rows()));
}

Result<StatementResult> Session::RunDrop(const ast::DropStatement& drop) {
  for (const ast::QualifiedName& name : drop.names) {
    switch (drop.object) {
      case ast::ObjectKind::kTable: {
        Result<std::pair<std::string, std::string>> resolved = ResolveName(name);
        if (!resolved.ok()) {
          if (drop.if_exists) continue;
          return resolved.status();
        }
        BOYO_RETURN_IF_ERROR(
            RequirePrivilege(storage::privilege::kDrop, resolved->first, resolved->second)
                .WithPosition(name.position));
        BOYO_RETURN_IF_ERROR(
            RefuseIfChangedInBlock(*resolved, "DROP TABLE").WithPosition(name.position));
        Status status = database_.DropTable(resolved->first, resolved->second, drop.if_exists);
        if (status.ok()) status = DropGrantsOn(resolved->first, resolved->second);
        if (!status.ok()) {
          if (status.sqlstate() == sqlstate::kUndefinedTable) {
            return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                          "table \"" + name.ToString() + "\" does not exist")
                .WithPosition(name.position);
          }
          return std::move(status).WithPosition(name.position);
        }
        break;
      }
      case ast::ObjectKind::kDatabase:
      case ast::ObjectKind::kSchema: {
        if (!drop.cascade && drop.object == ast::ObjectKind::kSchema) {
          Result<std::vector<std::string>> tables = database_.ListTables(name.name());
          if (tables.ok() && !tables->empty()) {
            return Status(
                       StatusCode::kInvalidArgument, sqlstate::kDependentObjectsStillExist,
                       "cannot drop schema " + name.name() + " because other objects depend on it")
                .WithPosition(name.position);
          }
        }
        if (name.name() == current_database_) {
          return Status(StatusCode::kInvalidArgument, sqlstate::kObjectInUse,
                        "cannot drop the currently open database")
              .WithPosition(name.position);
        }
        Status status = database_.DropDatabase(name.name(), drop.if_exists);
        if (status.ok()) status = DropGrantsOn(name.name(), "");
        if (!status.ok()) return std::move(status).WithPosition(name.position);
        break;
      }
      case ast::ObjectKind::kView:
        BOYO_RETURN_IF_ERROR(DropView(name, drop.if_exists));
        break;
      case ast::ObjectKind::kIndex:
        BOYO_RETURN_IF_ERROR(DropIndex(name, drop.if_exists));
        break;
      case ast::ObjectKind::kSequence:
        BOYO_RETURN_IF_ERROR(DropSequence(name, drop.if_exists));
        break;
    }
  }
  switch (drop.object) {
    case ast::ObjectKind::kDatabase:
      return StatementResult::FromTag("DROP DATABASE");
    case ast::ObjectKind::kSchema:
      return StatementResult::FromTag("DROP SCHEMA");
    case ast::ObjectKind::kView:
      return StatementResult::FromTag("DROP VIEW");
    case ast::ObjectKind::kIndex:
      return StatementResult::FromTag("DROP INDEX");
    case ast::ObjectKind::kSequence:
      return StatementResult::FromTag("DROP SEQUENCE");
    default:
      return StatementResult::FromTag("DROP TABLE");
  }
}

namespace {

// Where the first source expression without a target column stands (PostgreSQL points there),
// or the source query's own position when that expression is not a plain list item.
int32_t FirstExtraSourcePosition(const ast::SelectStatement& source, size_t num_targets) {
  const ast::Expr* extra = nullptr;
  if (!source.values.empty() && source.values.front().size() > num_targets) {
    extra = source.values.front()[num_targets].get();
  } else if (source.set_operation == ast::SetOperation::kNone &&
             source.items.size() > num_targets) {
    extra = source.items[num_targets].expr.get();
  }
  return extra != nullptr && extra->position >= 0 ? extra->position : source.position;
}

}  // namespace

Result<Session::InsertPlan> Session::BindInsert(const ast::InsertStatement& insert) {
  InsertPlan planned;
  BOYO_ASSIGN_OR_RETURN(planned.table, ResolveName(insert.table));
  const auto& resolved = planned.table;
  BOYO_RETURN_IF_ERROR(
      RequirePrivilege(storage::privilege::kInsert, resolved.first, resolved.second)
          .WithPosition(insert.table.position));
  SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
  BOYO_ASSIGN_OR_RETURN(planned.description, catalog.FindTable(insert.table));
  const sql::TableDescription& table = planned.description;
  if (!insert.returning.empty()) {
    BOYO_ASSIGN_OR_RETURN(planned.returning, BindReturning(insert.returning, insert.table, ""));
  }
  const auto& fields = table.schema.fields();
  // Which table column each source column fills.
  std::vector<int32_t> targets;
  if (insert.columns.empty()) {
    for (size_t i = 0; i < fields.size(); ++i) targets.push_back(static_cast<int32_t>(i));
  } else {
    for (const std::string& name : insert.columns) {
      const int index = table.schema.FieldIndex(name);
      if (index < 0) {
        return Status(StatusCode::kNotFound, sqlstate::kUndefinedColumn,
                      "column \"" + name + "\" of relation \"" + table.table + "\" does not exist")
            .WithPosition(insert.table.position);
      }
      if (std::find(targets.begin(), targets.end(), index) != targets.end()) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kDuplicateColumn,
                      "column \"" + name + "\" specified more than once")
            .WithPosition(insert.table.position);
      }
      targets.push_back(index);
    }
  }
  // DEFAULT VALUES is one row of no columns, so every column takes its default.
  std::vector<ast::Statement> one_empty_row;
  const ast::SelectStatement* source_query = insert.source.get();
  if (source_query == nullptr) {
    BOYO_ASSIGN_OR_RETURN(one_empty_row, sql::Parse("SELECT"));
    source_query = one_empty_row.front().select.get();
    targets.clear();
  }
  sql::QueryBinder binder = NewBinder(catalog);
  std::vector<DataType> target_types;
  for (int32_t target : targets) target_types.push_back(fields[static_cast<size_t>(target)].type());
  BOYO_ASSIGN_OR_RETURN(std::vector<sql::BoundExprPtr> all_defaults,
                        BindColumnDefaults(binder, table));
  std::vector<sql::BoundExprPtr> target_defaults;
  for (int32_t target : targets)
    target_defaults.push_back(all_defaults[static_cast<size_t>(target)]);
  BOYO_ASSIGN_OR_RETURN(sql::LogicalPtr source,
                        binder.BindInsertSource(*source_query, target_types, target_defaults));
  if (source->columns.size() > targets.size()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "INSERT has more expressions than target columns")
        .WithPosition(FirstExtraSourcePosition(*source_query, targets.size()));
  }
  if (source->columns.size() < targets.size() && !insert.columns.empty()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "INSERT has more target columns than expressions")
        .WithPosition(source_query->position);
  }
  if (!insert.overriding_system_value) {
    // GENERATED ALWAYS identity columns take only DEFAULT.
    std::vector<std::string> given;
    for (size_t i = 0; i < source->columns.size(); ++i) {
      const bool all_default =
          !source_query->values.empty() &&
          std::all_of(source_query->values.begin(), source_query->values.end(),
                      [&](const std::vector<ast::ExprPtr>& row) {
                        return i < row.size() && row[i]->kind == ast::ExprKind::kDefault;
                      });
      if (!all_default) given.push_back(fields[static_cast<size_t>(targets[i])].name);
    }
    BOYO_RETURN_IF_ERROR(RefuseIdentityValues(resolved, table.column_defaults, given,
                                              /*update=*/false)
                             .WithPosition(insert.table.position));
  }
  // The rows as the table's columns: assignment casts, NULL for columns not given.
  std::vector<sql::BoundExprPtr> exprs(fields.size());
  std::vector<std::string> names;
  for (size_t i = 0; i < fields.size(); ++i) names.push_back(fields[i].name);
  for (size_t i = 0; i < source->columns.size(); ++i) {
    const size_t target = static_cast<size_t>(targets[i]);
    const sql::BoundExprPtr column =
        sql::MakeColumn(static_cast<int32_t>(i), source->columns[i].type);
    // A literal of unknown type in the select list ('2.5', NULL) takes the column's type,
    // as PostgreSQL resolves it, rather than being text assigned to it.
    const sql::CastContext cast = source->columns[i].unknown_literal
                                      ? sql::CastContext::kExplicit
                                      : sql::CastContext::kAssignment;
    Result<sql::BoundExprPtr> coerced =
        binder.coercer().Coerce(column, fields[target].type(), cast, source_query->position);
    if (!coerced.ok()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                    "column \"" + fields[target].name + "\" is of type " +
                        sql::PgTypeName(fields[target].type()) + " but expression is of type " +
                        sql::PgTypeName(source->columns[i].type))
          .WithPosition(source_query->position);
    }
    exprs[target] = std::move(*coerced);
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (exprs[i] == nullptr) exprs[i] = all_defaults[i];
    // VARCHAR(n) and CHAR(n) columns take values of their length only.
    BOYO_ASSIGN_OR_RETURN(exprs[i], sql::FitToColumn(binder.resolver(), table, fields[i].name,
                                                     std::move(exprs[i]), source_query->position));
  }
  planned.plan = sql::MakeProject(source, std::move(exprs), std::move(names));
  return planned;
}

Result<StatementResult> Session::RunInsert(const ast::InsertStatement& insert) {
  BOYO_ASSIGN_OR_RETURN(InsertPlan planned, BindInsert(insert));
  if (insert.on_conflict) return RunUpsert(insert, planned);
  const auto& resolved = planned.table;
  const sql::TableDescription& table = planned.description;
  const std::optional<Returning>& returning = planned.returning;
  const sql::LogicalPtr& plan = planned.plan;
  DatabaseTableReader reader(database_);
  exec::ExecContext context;
  PrepareContext(reader, context);
  BOYO_ASSIGN_OR_RETURN(exec::QueryResult rows, exec::Execute(*sql::Optimize(plan), context));
  const int64_t num_rows = rows.num_rows();
  // RETURNING is evaluated before the rows are added, so an error in it adds nothing.
  StatementResult result;
  if (returning) {
    BOYO_ASSIGN_OR_RETURN(result, ReturnRows(*returning, rows.chunks));
  }
  if (num_rows > 0) {
    // One append: the statement's rows are acknowledged together or not at all.
    const columnar::Chunk all =
        rows.chunks.size() == 1
            ? rows.chunks.front()
            : columnar::ConcatenateChunks(rows.chunks.front().schema(), rows.chunks);
    Status status = transaction_.active ? KeepForCommit(resolved, table, all)
                                        : AppendChecked(resolved, table.schema, all);
    if (!status.ok()) return status;
  }
  result.command_tag = "INSERT 0 " + std::to_string(num_rows);
  return result;
}

Status Session::AppendChecked(const std::pair<std::string, std::string>& table,
                              const types::Schema& schema, const columnar::Chunk& rows) {
  UniqueKeys keys(database_.ListIndexes(table.first, table.second), schema);
  if (keys.empty()) return database_.Append(table.first, table.second, rows);
  // Checking the keys and adding the rows happen under the table's mutation lock, so two
  // statements cannot both add the same key.
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<TableMutation> mutation,
                        database_.BeginMutation(table.first, table.second));
  ScanSpec spec;
  spec.columns = keys.columns();
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<TableScan> scan, mutation->Scan(spec));
  BOYO_RETURN_IF_ERROR(keys.AddScan(*scan));
  BOYO_RETURN_IF_ERROR(keys.AddTableRows(rows));
  return mutation->Commit({}, &rows).status();
}

Result<StatementResult> Session::RunSet(const ast::SetStatement& set) {
  if (set.reset) {
    if (set.name == "all") {
      settings_.clear();
    } else {
      settings_.erase(set.name);
    }
    return StatementResult::FromTag(set.name == "all" ? "RESET" : "SET");
  }
  std::string value;
  for (size_t i = 0; i < set.values.size(); ++i) value += (i > 0 ? ", " : "") + set.values[i];
  if (set.name == "transaction_isolation" || set.name == "default_transaction_isolation") {
    BOYO_RETURN_IF_ERROR(CheckIsolationLevel(value));
    return StatementResult::FromTag("SET");
  }
  if (set.name == "transaction_read_only" || set.name == "default_transaction_read_only") {
    const std::optional<bool> on = ParseBooleanSetting(value);
    if (!on) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                    "parameter \"" + set.name + "\" requires a Boolean value");
    }
    // SET transaction_read_only is SET TRANSACTION READ ONLY: the open block only.
    if (set.name == "transaction_read_only") {
      if (transaction_.active) transaction_.read_only = *on;
      return StatementResult::FromTag("SET");
    }
    value = *on ? "on" : "off";
  }
  if (set.name == "timezone") {
    // SET TIME ZONE LOCAL / DEFAULT arrive as the value "default".
    if (value == "default" || value == "local") {
      settings_.erase(set.name);
      return StatementResult::FromTag("SET");
    }
    if (!functions::TimeZone::Find(value).ok()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                    "invalid value for parameter \"TimeZone\": \"" + value + "\"");
    }
  }
  if (set.name == "threads") {
    // DuckDB's name for it; ClickHouse calls it max_threads.
    if (value == "default") {
      settings_.erase(set.name);
      return StatementResult::FromTag("SET");
    }
    int threads = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), threads);
    if (error != std::errc() || end != value.data() + value.size() || threads < 1 ||
        threads > kMaxThreads) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                    "invalid value for parameter \"threads\": \"" + value +
                        "\" (an integer from 1 to " + std::to_string(kMaxThreads) + ")");
    }
  }
  if (set.name == "search_path") {
    // The first schema of the path becomes the current database when it exists.
    const std::string first = set.values.empty() ? "" : set.values.front();
    if (!first.empty() && first != "public") {
      const std::vector<std::string> names = database_.ListDatabases();
      if (std::find(names.begin(), names.end(), first) == names.end()) {
        return Status(StatusCode::kNotFound, sqlstate::kInvalidSchemaName,
                      "schema \"" + first + "\" does not exist");
      }
      current_database_ = first;
    } else if (first == "public") {
      current_database_ = std::string(kDefaultDatabase);
    }
  }
  settings_[set.name] = value;
  return StatementResult::FromTag("SET");
}

Result<StatementResult> Session::RunShow(const ast::ShowStatement& show) {
  if (show.name == "all") {
    std::vector<std::string> lines;
    for (const auto& [name, value] : settings_) lines.push_back(name + " = " + value);
    return TextRows("setting", lines);
  }
  BOYO_ASSIGN_OR_RETURN(std::string value, SettingValue(show.name));
  return TextRows(show.name == "timezone" ? "TimeZone" : show.name, {std::move(value)});
}

namespace {

// Settings whose value BoyoDB fixes, as SHOW reports them (the pgwire listener announces most
// of them at startup too): drivers ask for them when they connect.
constexpr std::pair<std::string_view, std::string_view> kFixedSettings[] = {
    {"standard_conforming_strings", "on"},
    {"server_encoding", "UTF8"},
    {"client_encoding", "UTF8"},
    {"datestyle", "ISO, MDY"},
    {"intervalstyle", "postgres"},
    {"integer_datetimes", "on"},
    {"max_identifier_length", "63"},
    {"application_name", ""},
    {"lc_collate", "C"},
    {"lc_ctype", "C"},
};

}  // namespace

int Session::ThreadsSetting() const {
  const auto found = settings_.find("threads");
  if (found != settings_.end()) return std::stoi(found->second);
  // Asked once: each asking reads /sys/devices/system/cpu/online (an open, a read and a close
  // per statement of a session that never set threads).
  static const int machine_threads =
      std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, kMaxThreads);
  return machine_threads;
}

Result<std::string> Session::SettingValue(const std::string& name) const {
  if (name == "timezone") return TimeZoneSetting();
  if (name == "threads") return std::to_string(ThreadsSetting());
  auto found = settings_.find(name);
  if (found != settings_.end()) return found->second;
  if (name == "search_path") {
    return current_database_ == kDefaultDatabase ? std::string("\"$user\", public")
                                                 : current_database_;
  }
  if (name == "server_version") return std::string(kPostgresVersion);
  if (name == "session_authorization") return user_;
  if (name == "transaction_isolation" || name == "default_transaction_isolation") {
    return std::string("read committed");
  }
  if (name == "transaction_read_only") {
    return std::string((transaction_.active ? transaction_.read_only : DefaultReadOnly()) ? "on"
                                                                                          : "off");
  }
  if (name == "default_transaction_read_only" || name == "transaction_deferrable") {
    return std::string("off");
  }
  for (const auto& [fixed, value] : kFixedSettings) {
    if (name == fixed) return std::string(value);
  }
  return Status(StatusCode::kNotFound, sqlstate::kUndefinedObject,
                "unrecognized configuration parameter \"" + name + "\"");
}

namespace {

// "1.234": a duration in milliseconds with three decimals, as EXPLAIN ANALYZE prints times.
std::string Milliseconds(std::chrono::nanoseconds duration) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.3f", static_cast<double>(duration.count()) / 1e6);
  return text;
}

}  // namespace

Result<std::string> Session::ExplainChange(const ast::Statement& statement) {
  // The plan that finds the rows to change (or, for INSERT, makes them), under a line naming
  // the change, as PostgreSQL shows "Update on t".
  SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
  sql::QueryBinder binder = NewBinder(catalog);
  std::string action;
  std::pair<std::string, std::string> table;
  sql::LogicalPtr plan;
  switch (statement.kind) {
    case ast::StatementKind::kInsert: {
      BOYO_ASSIGN_OR_RETURN(InsertPlan planned, BindInsert(*statement.insert));
      action = "Insert";
      table = planned.table;
      plan = std::move(planned.plan);
      break;
    }
    case ast::StatementKind::kUpdate: {
      BOYO_ASSIGN_OR_RETURN(table, ResolveName(statement.update->table));
      BOYO_ASSIGN_OR_RETURN(plan, BindUpdate(binder, *statement.update));
      action = "Update";
      break;
    }
    case ast::StatementKind::kDelete: {
      BOYO_ASSIGN_OR_RETURN(table, ResolveName(statement.delete_->table));
      BOYO_ASSIGN_OR_RETURN(plan, binder.BindDelete(*statement.delete_, false));
      action = "Delete";
      break;
    }
    default:
      return NotSupportedYet("EXPLAIN of this statement");
  }
  return action + " on " + table.first + "." + table.second + "\n" +
         sql::Optimize(plan)->ToString(2);
}

Result<StatementResult> Session::RunExplain(const ast::ExplainStatement& explain) {
  const ast::StatementKind kind = explain.statement.kind;
  const bool change = kind == ast::StatementKind::kInsert || kind == ast::StatementKind::kUpdate ||
                      kind == ast::StatementKind::kDelete;
  if (kind != ast::StatementKind::kSelect && !change) {
    return NotSupportedYet("EXPLAIN of statements other than SELECT, INSERT, UPDATE and DELETE");
  }
  if (change && explain.analyze) {
    // PostgreSQL's EXPLAIN ANALYZE runs the change; BoyoDB does not measure changes yet.
    return NotSupportedYet("EXPLAIN ANALYZE of INSERT, UPDATE and DELETE");
  }
  std::vector<std::string> lines;
  std::string text;
  const auto planning_start = std::chrono::steady_clock::now();
  sql::LogicalPtr plan;
  if (!change) {
    SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
    sql::QueryBinder binder(catalog, sql::BindParameters{}, TimeZoneSetting());
    BOYO_ASSIGN_OR_RETURN(plan, binder.BindQuery(*explain.statement.select, nullptr));
    const DatabaseStatistics statistics(database_);
    plan = sql::Optimize(plan, &statistics);
  }
  if (change) {
    BOYO_ASSIGN_OR_RETURN(text, ExplainChange(explain.statement));
  } else if (explain.analyze) {
    // Run the query, drop its rows, and show what each node produced and the time of its own
    // work (not of its inputs), as PostgreSQL's "actual" figures.
    BOYO_RETURN_IF_ERROR(LockSelectedTables(*explain.statement.select));
    const auto execution_start = std::chrono::steady_clock::now();
    DatabaseTableReader reader(database_);
    exec::ExecContext context;
    PrepareContext(reader, context);
    exec::QueryProfile profile;
    context.profile = &profile;
    const Result<exec::QueryResult> executed = exec::Execute(*plan, context);
    BOYO_RETURN_IF_ERROR(executed.status());
    const auto execution_end = std::chrono::steady_clock::now();
    text = plan->ToString(0, [&](const sql::LogicalOperator& node) -> std::string {
      const exec::NodeProfile* measured = profile.Find(&node);
      if (measured == nullptr) return " (never executed)";
      return " (actual rows=" + std::to_string(measured->rows.load()) +
             " time=" + Milliseconds(std::chrono::nanoseconds(measured->nanos.load())) + " ms)";
    });
    text += "Planning Time: " + Milliseconds(execution_start - planning_start) + " ms\n";
    text += "Execution Time: " + Milliseconds(execution_end - execution_start) + " ms\n";
  } else {
    text = plan->ToString();
  }
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  StatementResult result = TextRows("QUERY PLAN", lines);
  result.command_tag = "EXPLAIN";
  return result;
}

}  // namespace boyodb::engine
