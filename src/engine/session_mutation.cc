// UPDATE and DELETE statements: plan the changed rows over a TableMutation's snapshot, collect
// their row ids (and UPDATE's new values), and commit them as one atomic change.
#include <algorithm>
#include <functional>

#include "absl/container/flat_hash_set.h"
#include "columnar/array.h"
#include "engine/column_default.h"
#include "engine/session.h"
#include "engine/session_catalog.h"
#include "engine/unique_keys.h"
#include "sql/binder/query_binder.h"
#include "sql/optimizer/scan_predicates.h"

namespace boyodb::engine {

namespace ast = sql::ast;

namespace {

// Runs `plan` over `mutation`'s snapshot of `table` (other tables are read as usual).
Result<exec::QueryResult> RunOverMutation(Database& database,
                                          const std::pair<std::string, std::string>& table,
                                          const TableMutation& mutation,
                                          const sql::LogicalPtr& plan,
                                          const std::vector<types::Value>& parameters,
                                          const std::string& time_zone,
                                          sql::SequenceAccess* sequences) {
  DatabaseTableReader reader(database);
  reader.UseMutation(table.first, table.second, &mutation);
  exec::ExecContext context;
  context.tables = &reader;
  context.parameters = parameters;
  context.eval.time_zone = time_zone;
  context.eval.sequences = sequences;
  return exec::Execute(*sql::PushPredicatesIntoScans(plan), context);
}

const int64_t* RowIds(const columnar::Chunk& chunk) { return chunk.column(0)->values<int64_t>(); }

// The rows of a mutation plan (row id first), each target row once: with FROM or USING a row
// may join several rows, and like PostgreSQL the first of them counts. Fills the ids (also
// into `seen`) and the rows' other columns.
void FirstOccurrences(const exec::QueryResult& rows, absl::flat_hash_set<int64_t>* seen,
                      std::vector<int64_t>* row_ids, std::vector<columnar::Chunk>* values) {
  for (const columnar::Chunk& chunk : rows.chunks) {
    const int64_t* ids = RowIds(chunk);
    columnar::SelectionVector first;
    for (int64_t i = 0; i < chunk.num_rows(); ++i) {
      if (!seen->insert(ids[i]).second) continue;
      row_ids->push_back(ids[i]);
      first.mutable_rows().push_back(static_cast<uint32_t>(i));
    }
    if (first.empty() || chunk.num_columns() == 1) continue;
    const bool all = static_cast<int64_t>(first.size()) == chunk.num_rows();
    std::vector<columnar::ArrayPtr> columns;
    std::vector<types::Field> fields;
    for (size_t c = 1; c < chunk.num_columns(); ++c) {
      columns.push_back(all ? chunk.column(c) : columnar::Take(*chunk.column(c), first));
      fields.push_back(chunk.schema()->field(c));
    }
    values->emplace_back(std::make_shared<const types::Schema>(std::move(fields)),
                         std::move(columns), static_cast<int64_t>(first.size()));
  }
}

// What an UPDATE or DELETE changes: its target, the mutation of it, and the planned rows (row
// id first).
struct ChangedRows {
  std::pair<std::string, std::string> table;
  std::unique_ptr<TableMutation> mutation;
  exec::QueryResult rows;
};

// The parameters of the EXECUTE that runs a prepared UPDATE or DELETE (none otherwise), and
// the session's TimeZone.
struct StatementParameters {
  const std::vector<types::DataType>* types = nullptr;
  const std::vector<types::Value>& values;
  std::string time_zone;
  sql::SequenceAccess* sequences = nullptr;
};

// Binds the statement with `bind`, starts a mutation of its target and runs the plan over it.
Result<ChangedRows> RunMutationPlan(
    Database& database, const std::string& current_database, const sql::FunctionCatalog& functions,
    const StatementParameters& parameters, const ast::QualifiedName& target,
    const std::function<Result<sql::LogicalPtr>(sql::QueryBinder&)>& bind) {
  ChangedRows changed;
  BOYO_ASSIGN_OR_RETURN(changed.table, ResolveTableName(database, current_database, target));
  SessionCatalog catalog(database, current_database, functions);
  sql::QueryBinder binder(catalog, parameters.types, parameters.time_zone);
  BOYO_ASSIGN_OR_RETURN(sql::LogicalPtr plan, bind(binder));
  BOYO_ASSIGN_OR_RETURN(changed.mutation,
                        database.BeginMutation(changed.table.first, changed.table.second));
  BOYO_ASSIGN_OR_RETURN(
      changed.rows, RunOverMutation(database, changed.table, *changed.mutation, plan,
                                    parameters.values, parameters.time_zone, parameters.sequences));
  return changed;
}

}  // namespace

Result<StatementResult> Session::RunDelete(const ast::DeleteStatement& statement) {
  std::optional<Returning> returning;
  if (!statement.returning.empty()) {
    BOYO_ASSIGN_OR_RETURN(returning,
                          BindReturning(statement.returning, statement.table, statement.alias));
  }
  BOYO_ASSIGN_OR_RETURN(
      ChangedRows changed,
      RunMutationPlan(
          database_, current_database_, functions_,
          StatementParameters{parameter_types_, parameters_, TimeZoneSetting(), &sequences_},
          statement.table, [&](sql::QueryBinder& binder) {
            return binder.BindDelete(statement, returning.has_value());
          }));
  std::vector<int64_t> row_ids;
  std::vector<columnar::Chunk> deleted_rows;
  absl::flat_hash_set<int64_t> seen;
  FirstOccurrences(changed.rows, &seen, &row_ids, &deleted_rows);
  // RETURNING is evaluated before the rows go, so an error in it leaves them.
  StatementResult result;
  if (returning) {
    BOYO_ASSIGN_OR_RETURN(result, ReturnRows(*returning, std::move(deleted_rows)));
  }
  BOYO_ASSIGN_OR_RETURN(const int64_t deleted, changed.mutation->Commit(row_ids, nullptr));
  result.command_tag = "DELETE " + std::to_string(deleted);
  return result;
}

Result<StatementResult> Session::RunUpdate(const ast::UpdateStatement& statement) {
  std::optional<Returning> returning;
  if (!statement.returning.empty()) {
    BOYO_ASSIGN_OR_RETURN(returning,
                          BindReturning(statement.returning, statement.table, statement.alias));
  }
  BOYO_ASSIGN_OR_RETURN(
      ChangedRows changed,
      RunMutationPlan(
          database_, current_database_, functions_,
          StatementParameters{parameter_types_, parameters_, TimeZoneSetting(), &sequences_},
          statement.table, [&](sql::QueryBinder& binder) -> Result<sql::LogicalPtr> {
            SessionCatalog catalog(database_, current_database_, functions_);
            BOYO_ASSIGN_OR_RETURN(sql::TableDescription table, catalog.FindTable(statement.table));
            BOYO_ASSIGN_OR_RETURN(std::vector<sql::BoundExprPtr> defaults,
                                  BindColumnDefaults(binder, table));
            return binder.BindUpdate(statement, defaults);
          }));
  const auto& resolved = changed.table;
  const exec::QueryResult& rows = changed.rows;
  TableMutation* const mutation = changed.mutation.get();
  // With FROM a target row may join several rows; it is updated once, from the first.
  std::vector<int64_t> row_ids;
  std::vector<columnar::Chunk> new_rows;
  absl::flat_hash_set<int64_t> seen;
  FirstOccurrences(rows, &seen, &row_ids, &new_rows);
  columnar::Chunk inserted;
  if (!new_rows.empty()) {
    inserted = new_rows.size() == 1
                   ? new_rows.front()
                   : columnar::ConcatenateChunks(new_rows.front().schema(), new_rows);
  }
  BOYO_ASSIGN_OR_RETURN(TableInfo table, database_.DescribeTable(resolved.first, resolved.second));
  UniqueKeys keys(database_.ListIndexes(resolved.first, resolved.second), table.schema);
  if (!keys.empty() && !row_ids.empty()) {
    // The new versions must not repeat a key of each other or of the rows not updated.
    ScanSpec spec;
    spec.columns = keys.columns();
    spec.with_row_ids = true;
    BOYO_ASSIGN_OR_RETURN(std::unique_ptr<TableScan> scan, mutation->Scan(spec));
    const size_t id_column = keys.columns().size();
    while (true) {
      BOYO_ASSIGN_OR_RETURN(std::optional<columnar::Chunk> chunk, scan->Next());
      if (!chunk) break;
      const int64_t* ids = chunk->column(id_column)->values<int64_t>();
      columnar::SelectionVector kept;
      for (int64_t i = 0; i < chunk->num_rows(); ++i) {
        if (!seen.contains(ids[i])) kept.mutable_rows().push_back(static_cast<uint32_t>(i));
      }
      std::vector<columnar::ArrayPtr> columns;
      for (size_t c = 0; c < chunk->num_columns(); ++c) {
        columns.push_back(columnar::Take(*chunk->column(c), kept));
      }
      BOYO_RETURN_IF_ERROR(keys.AddRows(
          columnar::Chunk(chunk->schema(), std::move(columns), static_cast<int64_t>(kept.size()))));
    }
    BOYO_RETURN_IF_ERROR(keys.AddTableRows(inserted));
  }
  // RETURNING shows the new row versions, evaluated before they are committed.
  StatementResult result;
  if (returning) {
    BOYO_ASSIGN_OR_RETURN(result, ReturnRows(*returning, new_rows));
  }
  BOYO_ASSIGN_OR_RETURN(const int64_t updated,
                        mutation->Commit(row_ids, new_rows.empty() ? nullptr : &inserted));
  result.command_tag = "UPDATE " + std::to_string(updated);
  return result;
}

}  // namespace boyodb::engine
