// INSERT ... ON CONFLICT: the proposed rows are checked against the arbiter indexes under the
// table's mutation lock; DO NOTHING drops the rows that would conflict, DO UPDATE turns each
// into an update of the existing row it collides with (SET and WHERE see that row and the
// proposed one as `excluded`). The inserts and the new row versions commit together, as one
// WAL record, after the unique indexes are checked on the result; in a transaction block they
// join the block's changes.
#include <functional>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "common/sqlstate.h"
#include "engine/column_default.h"
#include "engine/session.h"
#include "engine/session_catalog.h"
#include "engine/unique_keys.h"
#include "exec/executor.h"
#include "exec/expression/evaluator.h"
#include "sql/binder/query_binder.h"
#include "sql/optimizer/optimizer.h"

namespace boyodb::engine {

namespace ast = sql::ast;

namespace {

columnar::Chunk Concatenate(const std::vector<columnar::Chunk>& chunks,
                            const columnar::SchemaPtr& schema) {
  if (chunks.size() == 1) return chunks.front();
  return columnar::ConcatenateChunks(schema, chunks);
}

// The unique indexes ON CONFLICT arbitrates on: the one named, those over exactly the target
// columns, or (DO NOTHING without a target) every unique index.
Result<std::vector<IndexInfo>> Arbiters(const ast::OnConflict& conflict,
                                        const std::vector<IndexInfo>& indexes,
                                        const std::string& table) {
  std::vector<IndexInfo> out;
  if (!conflict.constraint.empty()) {
    for (const IndexInfo& index : indexes) {
      if (index.unique && index.name == conflict.constraint) out.push_back(index);
    }
    if (out.empty()) {
      return Status(StatusCode::kNotFound, sqlstate::kUndefinedObject,
                    "constraint \"" + conflict.constraint + "\" for table \"" + table +
                        "\" does not exist")
          .WithPosition(conflict.position);
    }
    return out;
  }
  if (conflict.target_columns.empty()) {
    if (conflict.action == ast::OnConflict::Action::kUpdate) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                    "ON CONFLICT DO UPDATE requires inference specification or constraint name")
          .WithPosition(conflict.position);
    }
    for (const IndexInfo& index : indexes) {
      if (index.unique) out.push_back(index);
    }
    return out;
  }
  const std::set<std::string> wanted(conflict.target_columns.begin(),
                                     conflict.target_columns.end());
  for (const IndexInfo& index : indexes) {
    if (index.unique &&
        std::set<std::string>(index.columns.begin(), index.columns.end()) == wanted) {
      out.push_back(index);
    }
  }
  if (out.empty()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidColumnReference,
                  "there is no unique or exclusion constraint matching the ON CONFLICT "
                  "specification")
        .WithPosition(conflict.position);
  }
  return out;
}

}  // namespace

Result<StatementResult> Session::RunUpsert(const ast::InsertStatement& insert,
                                           const InsertPlan& planned) {
  const ast::OnConflict& conflict = *insert.on_conflict;
  const bool update = conflict.action == ast::OnConflict::Action::kUpdate;
  const auto& resolved = planned.table;
  const sql::TableDescription& table = planned.description;
  const std::vector<IndexInfo> indexes = database_.ListIndexes(resolved.first, resolved.second);
  BOYO_ASSIGN_OR_RETURN(std::vector<IndexInfo> arbiters,
                        Arbiters(conflict, indexes, resolved.second));
  // DO UPDATE's SET and WHERE are bound before anything runs, so their errors change nothing.
  sql::LogicalPtr update_plan;
  int32_t work_table_id = -1;
  if (update) {
    SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
    sql::QueryBinder binder = NewBinder(catalog);
    BOYO_ASSIGN_OR_RETURN(std::vector<sql::BoundExprPtr> defaults,
                          BindColumnDefaults(binder, table));
    BOYO_ASSIGN_OR_RETURN(update_plan,
                          binder.BindConflictUpdate(insert, table, defaults, &work_table_id));
    update_plan = sql::Optimize(update_plan);
  }

  DatabaseTableReader reader(database_);
  exec::ExecContext context;
  PrepareContext(reader, context);
  BOYO_ASSIGN_OR_RETURN(exec::QueryResult proposed_rows,
                        exec::Execute(*sql::Optimize(planned.plan), context));
  const columnar::SchemaPtr schema = std::make_shared<const types::Schema>(table.schema);
  StatementResult result;
  if (proposed_rows.num_rows() == 0) {
    if (planned.returning) {
      BOYO_ASSIGN_OR_RETURN(result, ReturnRows(*planned.returning, {}));
    }
    result.command_tag = "INSERT 0 0";
    return result;
  }
  const columnar::Chunk proposed = Concatenate(proposed_rows.chunks, schema);

  // In a transaction block the table's mutation is the block's, and scans see the block's
  // own inserts and not the rows it deleted.
  std::unique_ptr<TableMutation> owned;
  TableMutation* mutation = nullptr;
  if (transaction_.active) {
    BOYO_ASSIGN_OR_RETURN(mutation, BlockMutation(resolved));
  } else {
    BOYO_ASSIGN_OR_RETURN(owned, database_.BeginMutation(resolved.first, resolved.second));
    mutation = owned.get();
  }
  auto scan_spec = [&](std::vector<std::string> columns) {
    ScanSpec spec;
    spec.columns = std::move(columns);
    spec.with_row_ids = true;
    if (transaction_.active) {
      if (auto pending = transaction_.inserts.find(resolved);
          pending != transaction_.inserts.end()) {
        spec.uncommitted_rows = pending->second;
      }
      if (auto changes = transaction_.changes.find(resolved);
          changes != transaction_.changes.end()) {
        spec.hidden_rows = &changes->second.deleted;
      }
    }
    return spec;
  };
  // Runs `visit` over each chunk of a scan of `columns` (all when empty) and its row ids.
  auto scan_rows =
      [&](std::vector<std::string> columns,
          const std::function<Status(const columnar::Chunk&, const int64_t*)>& visit) -> Status {
    const ScanSpec spec = scan_spec(std::move(columns));
    BOYO_ASSIGN_OR_RETURN(std::unique_ptr<TableScan> scan, mutation->Scan(spec));
    const size_t id_column = spec.columns.empty() ? table.schema.num_fields() : spec.columns.size();
    while (true) {
      BOYO_ASSIGN_OR_RETURN(std::optional<columnar::Chunk> chunk, scan->Next());
      if (!chunk) return Status::OK();
      BOYO_RETURN_IF_ERROR(visit(*chunk, chunk->column(id_column)->values<int64_t>()));
    }
  };
  // The arbiters' keys of the rows already there, each with its row's id.
  UniqueKeys arbiter_keys(arbiters, table.schema);
  absl::flat_hash_map<std::string, int64_t> existing;  // index number + key -> row id
  auto tagged = [](size_t index, const std::string& key) {
    return std::to_string(index) + '|' + key;
  };
  if (!arbiter_keys.empty()) {
    BOYO_RETURN_IF_ERROR(scan_rows(
        arbiter_keys.columns(), [&](const columnar::Chunk& chunk, const int64_t* ids) -> Status {
          for (int64_t row = 0; row < chunk.num_rows(); ++row) {
            for (size_t a = 0; a < arbiter_keys.num_indexes(); ++a) {
              std::optional<std::string> key = arbiter_keys.KeyOf(a, chunk, row, false);
              if (key) existing.emplace(tagged(a, *key), ids[row]);
            }
          }
          return Status::OK();
        }));
  }

  // Each proposed row is inserted, dropped (DO NOTHING) or paired with the row it collides
  // with (DO UPDATE). A row may not collide with one this statement proposed before it.
  columnar::SelectionVector inserted;
  std::vector<int64_t> target_ids;
  columnar::SelectionVector updating;
  absl::flat_hash_set<std::string> proposed_keys;
  absl::flat_hash_set<int64_t> targeted;
  for (int64_t row = 0; row < proposed.num_rows(); ++row) {
    std::vector<std::string> keys;
    std::optional<int64_t> collides_with;
    bool collides_with_proposed = false;
    for (size_t a = 0; a < arbiter_keys.num_indexes(); ++a) {
      std::optional<std::string> key = arbiter_keys.KeyOf(a, proposed, row, true);
      if (!key) continue;
      std::string full = tagged(a, *key);
      if (auto found = existing.find(full); found != existing.end() && !collides_with) {
        collides_with = found->second;
      }
      if (proposed_keys.contains(full)) collides_with_proposed = true;
      keys.push_back(std::move(full));
    }
    if (!collides_with && !collides_with_proposed) {
      inserted.mutable_rows().push_back(static_cast<uint32_t>(row));
      for (std::string& key : keys) proposed_keys.insert(std::move(key));
      continue;
    }
    if (!update) continue;
    if (collides_with_proposed || !targeted.insert(*collides_with).second) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kCardinalityViolation,
                    "ON CONFLICT DO UPDATE command cannot affect row a second time");
    }
    target_ids.push_back(*collides_with);
    updating.mutable_rows().push_back(static_cast<uint32_t>(row));
  }

  // DO UPDATE: the existing rows beside the proposed ones, through SET and WHERE.
  std::vector<int64_t> updated_ids;
  std::vector<columnar::Chunk> new_versions;
  if (!target_ids.empty()) {
    absl::flat_hash_map<int64_t, size_t> pair_of;
    for (size_t i = 0; i < target_ids.size(); ++i) pair_of.emplace(target_ids[i], i);
    const size_t id_column = table.schema.num_fields();
    std::vector<columnar::Chunk> found;
    std::vector<size_t> found_pair;
    BOYO_RETURN_IF_ERROR(
        scan_rows({}, [&](const columnar::Chunk& chunk, const int64_t* ids) -> Status {
          columnar::SelectionVector kept;
          for (int64_t row = 0; row < chunk.num_rows(); ++row) {
            auto pair = pair_of.find(ids[row]);
            if (pair == pair_of.end()) continue;
            kept.mutable_rows().push_back(static_cast<uint32_t>(row));
            found_pair.push_back(pair->second);
          }
          if (!kept.empty()) found.push_back(exec::TakeRows(chunk, kept));
          return Status::OK();
        }));
    if (found_pair.size() != target_ids.size()) {
      return Status::Internal("ON CONFLICT lost track of the rows it conflicts with");
    }
    // Work table rows: existing columns, proposed columns, existing row id, in pair order.
    const columnar::Chunk existing_rows = Concatenate(found, found.front().schema());
    std::vector<uint32_t> position_of_pair(target_ids.size());
    for (size_t i = 0; i < found_pair.size(); ++i) {
      position_of_pair[found_pair[i]] = static_cast<uint32_t>(i);
    }
    columnar::SelectionVector existing_order;
    existing_order.mutable_rows() = position_of_pair;
    const columnar::Chunk ordered = exec::TakeRows(existing_rows, existing_order);
    const columnar::Chunk excluded = exec::TakeRows(proposed, updating);
    std::vector<columnar::ArrayPtr> columns;
    std::vector<types::Field> fields;
    for (size_t c = 0; c < id_column; ++c) {
      columns.push_back(ordered.column(c));
      fields.push_back(table.schema.field(c));
    }
    for (size_t c = 0; c < id_column; ++c) {
      columns.push_back(excluded.column(c));
      fields.emplace_back("excluded_" + table.schema.field(c).name, table.schema.field(c).type());
    }
    columns.push_back(ordered.column(id_column));
    fields.emplace_back("ctid", types::DataType::Int64());
    const columnar::Chunk pairs(std::make_shared<const types::Schema>(std::move(fields)),
                                std::move(columns), ordered.num_rows());
    context.work_tables[work_table_id] =
        std::make_shared<const std::vector<columnar::Chunk>>(std::vector<columnar::Chunk>{pairs});
    BOYO_ASSIGN_OR_RETURN(exec::QueryResult changed, exec::Execute(*update_plan, context));
    for (const columnar::Chunk& chunk : changed.chunks) {
      const int64_t* ids = chunk.column(0)->values<int64_t>();
      updated_ids.insert(updated_ids.end(), ids, ids + chunk.num_rows());
      std::vector<int> value_columns;
      for (size_t c = 1; c < chunk.num_columns(); ++c) value_columns.push_back(static_cast<int>(c));
      columnar::Chunk values = chunk.SelectColumns(value_columns);
      new_versions.emplace_back(schema, values.columns(), values.num_rows());
    }
  }

  // What the statement writes, checked against every unique index as a whole.
  std::vector<columnar::Chunk> written;
  if (!inserted.empty()) written.push_back(exec::TakeRows(proposed, inserted));
  for (columnar::Chunk& chunk : new_versions) {
    if (chunk.num_rows() > 0) written.push_back(std::move(chunk));
  }
  // (A transaction block checks them at COMMIT, as for its other changes.)
  UniqueKeys all_keys(indexes, table.schema);
  if (!transaction_.active && !all_keys.empty() && !written.empty()) {
    const absl::flat_hash_set<int64_t> replaced(updated_ids.begin(), updated_ids.end());
    BOYO_RETURN_IF_ERROR(scan_rows(all_keys.columns(),
                                   [&](const columnar::Chunk& chunk, const int64_t* ids) -> Status {
                                     columnar::SelectionVector kept;
                                     for (int64_t row = 0; row < chunk.num_rows(); ++row) {
                                       if (!replaced.contains(ids[row])) {
                                         kept.mutable_rows().push_back(static_cast<uint32_t>(row));
                                       }
                                     }
                                     return all_keys.AddRows(exec::TakeRows(chunk, kept));
                                   }));
    for (const columnar::Chunk& chunk : written) BOYO_RETURN_IF_ERROR(all_keys.AddTableRows(chunk));
  }
  // RETURNING shows the inserted rows and the new versions, before anything is committed.
  if (planned.returning) {
    BOYO_ASSIGN_OR_RETURN(result, ReturnRows(*planned.returning, written));
  }
  int64_t count = static_cast<int64_t>(inserted.size() + updated_ids.size());
  if (!written.empty()) {
    const columnar::Chunk all = Concatenate(written, schema);
    if (transaction_.active) {
      BOYO_RETURN_IF_ERROR(ChangeInBlock(resolved, updated_ids, &all));
    } else {
      BOYO_RETURN_IF_ERROR(mutation->Commit(updated_ids, &all));
    }
  }
  result.command_tag = "INSERT 0 " + std::to_string(count);
  return result;
}

}  // namespace boyodb::engine
