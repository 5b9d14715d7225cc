// UPDATE and DELETE statements: plan the changed rows over a TableMutation's snapshot, collect
// their row ids (and UPDATE's new values), and commit them as one atomic change, or, inside a
// transaction block, record them for COMMIT (session_block_changes.cc).
#include <algorithm>
#include <functional>

#include "absl/container/flat_hash_set.h"
#include "columnar/array.h"
#include "engine/column_default.h"
#include "engine/session.h"
#include "engine/session_catalog.h"
#include "engine/unique_keys.h"
#include "sql/binder/query_binder.h"
#include "sql/optimizer/optimizer.h"

namespace boyodb::engine {

namespace ast = sql::ast;

namespace {

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

}  // namespace

// What an UPDATE or DELETE changes: its target, the mutation of it (the statement's own, or
// the transaction block's), and the planned rows (row id first).
struct ChangedRows {
  std::pair<std::string, std::string> table;
  std::unique_ptr<TableMutation> owned;
  TableMutation* mutation = nullptr;
  exec::QueryResult rows;
};

Result<ChangedRows> Session::PlanMutation(
    const ast::QualifiedName& target,
    const std::function<Result<sql::LogicalPtr>(sql::QueryBinder&)>& bind) {
  ChangedRows changed;
  BOYO_ASSIGN_OR_RETURN(changed.table,
                        ResolveTableName(database_, current_database_, target, temp_database_));
  SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
  sql::QueryBinder binder = NewBinder(catalog);
  BOYO_ASSIGN_OR_RETURN(sql::LogicalPtr plan, bind(binder));
  if (transaction_.active) {
    BOYO_ASSIGN_OR_RETURN(changed.mutation, BlockMutation(changed.table));
  } else {
    BOYO_ASSIGN_OR_RETURN(changed.owned,
                          database_.BeginMutation(changed.table.first, changed.table.second));
    changed.mutation = changed.owned.get();
  }
  // The target is read through the mutation (other tables as usual), with the block's own
  // changes when there is one.
  DatabaseTableReader reader(database_);
  exec::ExecContext context;
  PrepareContext(reader, context);
  reader.UseMutation(changed.table.first, changed.table.second, changed.mutation);
  BOYO_ASSIGN_OR_RETURN(changed.rows, exec::Execute(*sql::Optimize(plan), context));
  return changed;
}

Result<StatementResult> Session::RunDelete(const ast::DeleteStatement& statement) {
  {
    BOYO_ASSIGN_OR_RETURN(auto resolved, ResolveTableName(database_, current_database_,
                                                          statement.table, temp_database_));
    BOYO_RETURN_IF_ERROR(
        RequirePrivilege(storage::privilege::kDelete, resolved.first, resolved.second)
            .WithPosition(statement.table.position));
  }
  std::optional<Returning> returning;
  if (!statement.returning.empty()) {
    BOYO_ASSIGN_OR_RETURN(returning,
                          BindReturning(statement.returning, statement.table, statement.alias));
  }
  BOYO_ASSIGN_OR_RETURN(ChangedRows changed,
                        PlanMutation(statement.table, [&](sql::QueryBinder& binder) {
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
  int64_t deleted = static_cast<int64_t>(row_ids.size());
  if (transaction_.active) {
    BOYO_RETURN_IF_ERROR(ChangeInBlock(changed.table, row_ids, nullptr));
  } else {
    BOYO_ASSIGN_OR_RETURN(deleted, changed.mutation->Commit(row_ids, nullptr));
  }
  result.command_tag = "DELETE " + std::to_string(deleted);
  return result;
}

Result<sql::LogicalPtr> Session::BindUpdate(sql::QueryBinder& binder,
                                            const ast::UpdateStatement& statement) {
  SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
  BOYO_ASSIGN_OR_RETURN(sql::TableDescription table, catalog.FindTable(statement.table));
  BOYO_ASSIGN_OR_RETURN(std::vector<sql::BoundExprPtr> defaults, BindColumnDefaults(binder, table));
  return binder.BindUpdate(statement, defaults);
}

Result<StatementResult> Session::RunUpdate(const ast::UpdateStatement& statement) {
  {
    // GENERATED ALWAYS identity columns can only be set to DEFAULT.
    BOYO_ASSIGN_OR_RETURN(auto resolved, ResolveTableName(database_, current_database_,
                                                          statement.table, temp_database_));
    BOYO_RETURN_IF_ERROR(
        RequirePrivilege(storage::privilege::kUpdate, resolved.first, resolved.second)
            .WithPosition(statement.table.position));
    BOYO_ASSIGN_OR_RETURN(TableInfo info, database_.DescribeTable(resolved.first, resolved.second));
    for (const ast::UpdateStatement::Assignment& assignment : statement.assignments) {
      if (assignment.value != nullptr && assignment.value->kind == ast::ExprKind::kDefault) {
        continue;
      }
      BOYO_RETURN_IF_ERROR(RefuseIdentityValues(resolved, info.options.column_defaults,
                                                {assignment.column}, /*update=*/true)
                               .WithPosition(assignment.position));
    }
  }
  std::optional<Returning> returning;
  if (!statement.returning.empty()) {
    BOYO_ASSIGN_OR_RETURN(returning,
                          BindReturning(statement.returning, statement.table, statement.alias));
  }
  BOYO_ASSIGN_OR_RETURN(
      ChangedRows changed,
      PlanMutation(statement.table, [&](sql::QueryBinder& binder) -> Result<sql::LogicalPtr> {
        return BindUpdate(binder, statement);
      }));
  const auto& resolved = changed.table;
  const exec::QueryResult& rows = changed.rows;
  TableMutation* const mutation = changed.mutation;
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
  // RETURNING shows the new row versions, evaluated before they are committed.
  StatementResult result;
  if (transaction_.active) {
    // Unique keys are checked at COMMIT, as for the block's INSERTs.
    if (returning) {
      BOYO_ASSIGN_OR_RETURN(result, ReturnRows(*returning, new_rows));
    }
    BOYO_RETURN_IF_ERROR(ChangeInBlock(resolved, row_ids, new_rows.empty() ? nullptr : &inserted));
    result.command_tag = "UPDATE " + std::to_string(row_ids.size());
    return result;
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
  if (returning) {
    BOYO_ASSIGN_OR_RETURN(result, ReturnRows(*returning, new_rows));
  }
  BOYO_ASSIGN_OR_RETURN(const int64_t updated,
                        mutation->Commit(row_ids, new_rows.empty() ? nullptr : &inserted));
  result.command_tag = "UPDATE " + std::to_string(updated);
  return result;
}

}  // namespace boyodb::engine
