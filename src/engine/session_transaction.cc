// Transaction blocks (BEGIN, COMMIT, ROLLBACK) and prepared statements (PREPARE, EXECUTE,
// DEALLOCATE) of a Session. What a transaction guarantees: docs/design/transactions.md.
#include <set>

#include "columnar/chunk.h"
#include "common/sqlstate.h"
#include "engine/catalog_relations/snapshot_catalog_lookup.h"
#include "engine/check_constraints.h"
#include "engine/session.h"
#include "sql/binder/coercion.h"
#include "sql/binder/type_rules.h"
#include "sql/parser/parser.h"

namespace boyodb::engine {

namespace ast = sql::ast;
using types::DataType;

Status Session::RefuseInTransaction(std::string_view what) const {
  if (!transaction_.active) return Status::OK();
  return Status(
      StatusCode::kNotSupported, sqlstate::kActiveSqlTransaction,
      std::string(what) + " cannot run inside a transaction block; COMMIT or ROLLBACK first");
}

Result<StatementResult> Session::RunTransaction(const ast::TransactionStatement& statement) {
  switch (statement.action) {
    case ast::TransactionAction::kBegin:
      BOYO_RETURN_IF_ERROR(CheckIsolationLevel(statement.isolation));
      // As in PostgreSQL, BEGIN inside a block only warns; the block goes on.
      if (!transaction_.active) {
        transaction_.active = true;
        transaction_.read_only = statement.read_only.value_or(DefaultReadOnly());
      }
      return StatementResult::FromTag("BEGIN");
    case ast::TransactionAction::kSetCurrent:
      BOYO_RETURN_IF_ERROR(CheckIsolationLevel(statement.isolation));
      // Outside a block PostgreSQL only warns that SET TRANSACTION has no effect.
      if (transaction_.active && statement.read_only) {
        transaction_.read_only = *statement.read_only;
      }
      return StatementResult::FromTag("SET");
    case ast::TransactionAction::kSetSession:
      BOYO_RETURN_IF_ERROR(CheckIsolationLevel(statement.isolation));
      if (statement.read_only) {
        settings_["default_transaction_read_only"] = *statement.read_only ? "on" : "off";
      }
      return StatementResult::FromTag("SET");
    case ast::TransactionAction::kCommit: {
      if (!transaction_.active) return StatementResult::FromTag("COMMIT");
      if (transaction_.failed) {
        // PostgreSQL answers COMMIT of a failed block with ROLLBACK.
        transaction_ = Transaction();
        return StatementResult::FromTag("ROLLBACK");
      }
      const Status committed = CommitTransaction();
      transaction_ = Transaction();
      BOYO_RETURN_IF_ERROR(committed);
      return StatementResult::FromTag("COMMIT");
    }
    case ast::TransactionAction::kRollback:
      transaction_ = Transaction();
      return StatementResult::FromTag("ROLLBACK");
  }
  return Status::Internal("unknown transaction action");
}

Status Session::KeepForCommit(const std::pair<std::string, std::string>& table,
                              const sql::TableDescription& description,
                              const columnar::Chunk& rows) {
  const types::Schema& schema = description.schema;
  for (size_t i = 0; i < schema.num_fields(); ++i) {
    const types::Field& field = schema.field(i);
    if (!field.nullable && rows.column(i)->null_count() > 0) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kNotNullViolation,
                    "null value in column \"" + field.name + "\" of relation \"" + table.second +
                        "\" violates not-null constraint");
    }
  }
  // CHECK constraints fail the statement, as in PostgreSQL, not the COMMIT (which checks
  // again, against the constraints the table has then).
  BOYO_ASSIGN_OR_RETURN(const TableInfo info, database_.DescribeTable(table.first, table.second));
  BOYO_RETURN_IF_ERROR(
      CheckNewRows(table.second, info.schema, info.options.check_constraints, rows));
  transaction_.inserts[table].push_back(rows);
  return Status::OK();
}

Status Session::CommitTransaction() {
  std::set<std::pair<std::string, std::string>> tables;
  for (const auto& [table, chunks] : transaction_.inserts) tables.insert(table);
  for (const auto& [table, changes] : transaction_.changes) tables.insert(table);
  for (const auto& table : tables) {
    std::optional<columnar::Chunk> all;
    const auto inserts = transaction_.inserts.find(table);
    if (inserts != transaction_.inserts.end() && !inserts->second.empty()) {
      const std::vector<columnar::Chunk>& chunks = inserts->second;
      all = chunks.size() == 1 ? chunks.front()
                               : columnar::ConcatenateChunks(chunks.front().schema(), chunks);
    }
    const auto changes = transaction_.changes.find(table);
    if (changes != transaction_.changes.end()) {
      BOYO_RETURN_IF_ERROR(CommitTableChanges(table, changes->second, all ? &*all : nullptr));
    } else if (all) {
      BOYO_ASSIGN_OR_RETURN(TableInfo info, database_.DescribeTable(table.first, table.second));
      BOYO_RETURN_IF_ERROR(AppendChecked(table, info.schema, *all));
    }
  }
  return Status::OK();
}

Result<StatementResult> Session::RunPrepare(const ast::PrepareStatement& prepare,
                                            const std::string& text) {
  if (prepared_.contains(prepare.name)) {
    return Status(StatusCode::kAlreadyExists, sqlstate::kDuplicatePreparedStatement,
                  "prepared statement \"" + prepare.name + "\" already exists");
  }
  Prepared prepared;
  prepared.text = text;
  std::vector<std::optional<DataType>> declared;
  for (const ast::TypeName& type : prepare.parameter_types) {
    BOYO_ASSIGN_OR_RETURN(DataType resolved, sql::ResolveTypeName(type));
    declared.push_back(std::move(resolved));
  }
  // Parameters without a declared type take the type their use gives them.
  BOYO_ASSIGN_OR_RETURN(prepared.parameter_types,
                        InferParameterTypes(*prepare.statement, std::move(declared)));
  // Binding with the final types reports type errors at PREPARE, as PostgreSQL does; the plan
  // itself is made again by each EXECUTE, against the catalog of that moment.
  const std::vector<DataType>* saved_types = parameter_types_;
  parameter_types_ = &prepared.parameter_types;
  const Status bound = BindWithoutRunning(*prepare.statement);
  parameter_types_ = saved_types;
  BOYO_RETURN_IF_ERROR(bound);
  prepared_.emplace(prepare.name, std::move(prepared));
  return StatementResult::FromTag("PREPARE");
}

Result<StatementResult> Session::RunExecute(const ast::ExecuteStatement& execute) {
  const auto found = prepared_.find(execute.name);
  if (found == prepared_.end()) {
    return Status(StatusCode::kNotFound, sqlstate::kInvalidSqlStatementName,
                  "prepared statement \"" + execute.name + "\" does not exist");
  }
  const Prepared& prepared = found->second;
  const size_t expected = prepared.parameter_types.size();
  if (execute.parameters.size() != expected) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "wrong number of parameters for prepared statement \"" + execute.name +
                      "\"\nExpected " + std::to_string(expected) + " parameters but got " +
                      std::to_string(execute.parameters.size()) + ".");
  }
  // Each argument is a constant expression, converted to its parameter's type as an
  // assignment would be.
  std::vector<types::Value> values;
  {
    SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
    sql::QueryBinder binder(catalog, sql::BindParameters{}, TimeZoneSetting());
    sql::Scope empty;
    for (size_t i = 0; i < expected; ++i) {
      const ast::Expr& argument = *execute.parameters[i];
      sql::ExpressionBinder expressions(binder.resolver(), empty, binder.Hooks("EXECUTE"));
      BOYO_ASSIGN_OR_RETURN(sql::BoundExprPtr bound, expressions.Bind(argument));
      const DataType& target = prepared.parameter_types[i];
      Result<sql::BoundExprPtr> coerced =
          binder.coercer().Coerce(bound, target, sql::CastContext::kAssignment, argument.position);
      if (!coerced.ok()) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                      "parameter $" + std::to_string(i + 1) + " of type " +
                          sql::PgTypeName(bound->type) +
                          " cannot be coerced to the expected type " + sql::PgTypeName(target))
            .WithPosition(argument.position);
      }
      BOYO_ASSIGN_OR_RETURN(types::Value value,
                            binder.EvaluateConstant(*coerced, argument.position));
      values.push_back(std::move(value));
    }
  }
  Result<std::vector<ast::Statement>> parsed = sql::Parse(prepared.text);
  if (!parsed.ok()) return parsed.status();
  if (parsed->size() != 1 || parsed->front().kind != ast::StatementKind::kPrepare) {
    return Status::Internal("prepared statement \"" + execute.name + "\" no longer parses");
  }
  const std::vector<DataType>* saved_types = parameter_types_;
  std::vector<types::Value> saved_values = std::move(parameters_);
  parameter_types_ = &prepared.parameter_types;
  parameters_ = std::move(values);
  Result<StatementResult> result = Run(*parsed->front().prepare->statement);
  parameter_types_ = saved_types;
  parameters_ = std::move(saved_values);
  if (!result.ok()) {
    // Positions point into the PREPARE text, not into EXECUTE's.
    Status status = result.status();
    return std::move(status).WithPosition(0);
  }
  return result;
}

Result<StatementResult> Session::RunDeallocate(const ast::DeallocateStatement& deallocate) {
  if (deallocate.name.empty()) {
    prepared_.clear();
    return StatementResult::FromTag("DEALLOCATE ALL");
  }
  if (prepared_.erase(deallocate.name) == 0) {
    return Status(StatusCode::kNotFound, sqlstate::kInvalidSqlStatementName,
                  "prepared statement \"" + deallocate.name + "\" does not exist");
  }
  return StatementResult::FromTag("DEALLOCATE");
}

sql::QueryBinder Session::NewBinder(const SessionCatalog& catalog) const {
  // The values exist while EXECUTE runs the statement, not while PREPARE checks it.
  const bool have_values =
      parameter_types_ != nullptr && parameters_.size() == parameter_types_->size();
  return sql::QueryBinder(
      catalog,
      sql::BindParameters{parameter_types_, have_values ? &parameters_ : nullptr,
                          inferred_parameters_},
      TimeZoneSetting());
}

void Session::PrepareContext(DatabaseTableReader& reader, exec::ExecContext& context) const {
  if (transaction_.active) reader.UsePending(&transaction_.inserts, &transaction_.changes);
  reader.CountScansInto(&scan_totals_);
  reader.CancelWith(cancelled_);
  if (!embedded_) {
    reader.CheckReads([this](const std::string& database, const std::string& table) {
      return RequirePrivilege(storage::privilege::kSelect, database, table);
    });
  }
  context.tables = &reader;
  context.threads = ThreadsSetting();
  context.parameters = parameters_;
  context.eval.time_zone = TimeZoneSetting();
  context.eval.sequences = &sequences_;
  context.eval.setting = [this](const std::string& name) { return SettingValue(name); };
  context.eval.cancelled = cancelled_;
  context.eval.user = user_;
  context.eval.catalog = catalog_;
  CatalogContext catalog;
  catalog.current_database = current_database_;
  catalog.catalog = catalog_;
  catalog.user = user_;
  catalog.temp_database = temp_database_;
  catalog.view_columns = [this](const ViewInfo& view) { return ViewColumns(view); };
  catalog.settings = [this] { return VisibleSettings(); };
  auto lookup = std::make_shared<SnapshotCatalogLookup>(database_, std::move(catalog));
  context.eval.catalog_lookup = lookup.get();
  reader.UseCatalog(std::move(lookup));
}

Result<std::vector<sql::OutputColumn>> Session::ViewColumns(const ViewInfo& view) const {
  BOYO_ASSIGN_OR_RETURN(std::vector<ast::Statement> parsed, sql::Parse(view.definition));
  if (parsed.size() != 1 || parsed.front().kind != ast::StatementKind::kCreateView) {
    return Status::Corruption("the definition of view \"" + view.name +
                              "\" is not a CREATE VIEW statement");
  }
  SessionCatalog catalog(database_, view.database, functions_, temp_database_);
  sql::QueryBinder binder(catalog, sql::BindParameters{}, TimeZoneSetting());
  BOYO_ASSIGN_OR_RETURN(sql::LogicalPtr plan,
                        binder.BindQuery(*parsed.front().create_view->query, nullptr));
  return plan->columns;
}

std::vector<std::pair<std::string, std::string>> Session::VisibleSettings() const {
  std::set<std::string> names = {"search_path",
                                 "server_version",
                                 "session_authorization",
                                 "timezone",
                                 "transaction_isolation",
                                 "transaction_read_only",
                                 "default_transaction_read_only",
                                 "standard_conforming_strings",
                                 "server_encoding",
                                 "client_encoding",
                                 "datestyle",
                                 "intervalstyle",
                                 "integer_datetimes",
                                 "max_identifier_length",
                                 "application_name"};
  for (const auto& [name, value] : settings_) names.insert(name);
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& name : names) {
    Result<std::string> value = SettingValue(name);
    if (value.ok()) out.emplace_back(name == "timezone" ? "TimeZone" : name, *value);
  }
  return out;
}

std::string Session::TimeZoneSetting() const {
  auto found = settings_.find("timezone");
  return found == settings_.end() ? std::string(kDefaultTimeZone) : found->second;
}

}  // namespace boyodb::engine
