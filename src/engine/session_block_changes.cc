// UPDATE and DELETE inside a transaction block. The block's first UPDATE or DELETE of a table
// takes the table's mutation and keeps it to the block's end, so no other writer changes its
// rows meanwhile. Deleted committed rows are remembered per segment and hidden from the
// block's own scans; deleted rows that the block itself inserted go at once; new row versions
// wait with the block's inserts. COMMIT applies each table's deletions and inserts as one
// atomic change; ROLLBACK drops them and the mutation with them.
#include <algorithm>

#include "common/sqlstate.h"
#include "engine/session.h"
#include "engine/unique_keys.h"

namespace boyodb::engine {

namespace {

// How long a block that already holds tables waits for another table's lock before it gives
// up, as PostgreSQL's deadlock_timeout: two blocks taking two tables in opposite orders
// would otherwise wait for each other for ever.
constexpr std::chrono::milliseconds kBlockLockWait{1000};

// `rows` without the rows at `positions` (sorted, distinct).
columnar::Chunk WithoutRows(const columnar::Chunk& rows, const std::vector<uint32_t>& positions) {
  columnar::SelectionVector kept;
  size_t next = 0;
  for (int64_t i = 0; i < rows.num_rows(); ++i) {
    if (next < positions.size() && positions[next] == i) {
      ++next;
      continue;
    }
    kept.mutable_rows().push_back(static_cast<uint32_t>(i));
  }
  std::vector<columnar::ArrayPtr> columns;
  for (size_t c = 0; c < rows.num_columns(); ++c) {
    columns.push_back(columnar::Take(*rows.column(c), kept));
  }
  return columnar::Chunk(rows.schema(), std::move(columns), static_cast<int64_t>(kept.size()));
}

}  // namespace

Result<TableMutation*> Session::BlockMutation(const std::pair<std::string, std::string>& table,
                                              bool no_wait) {
  const auto held = transaction_.changes.find(table);
  if (held != transaction_.changes.end()) {
    // Rows others committed since the block's last statement become part of its view.
    BOYO_RETURN_IF_ERROR(held->second.mutation->Refresh());
    return held->second.mutation.get();
  }
  std::optional<std::chrono::milliseconds> wait;
  if (!transaction_.changes.empty()) wait = kBlockLockWait;
  if (no_wait) wait = std::chrono::milliseconds(0);
  Result<std::unique_ptr<TableMutation>> begun =
      database_.BeginMutation(table.first, table.second, wait);
  if (!begun.ok()) {
    if (begun.status().sqlstate() != sqlstate::kLockNotAvailable) return begun.status();
    if (no_wait) {
      return Status(StatusCode::kCancelled, sqlstate::kLockNotAvailable,
                    "could not obtain lock on row in relation \"" + table.second + "\"");
    }
    return Status(StatusCode::kCancelled, sqlstate::kDeadlockDetected,
                  "deadlock detected: waited " + std::to_string(kBlockLockWait.count()) +
                      " ms for relation \"" + table.second +
                      "\", which another transaction is changing, while this transaction "
                      "block holds other relations");
  }
  PendingTableChanges& changes = transaction_.changes[table];
  changes.mutation = std::move(begun).value();
  return changes.mutation.get();
}

Status Session::ChangeInBlock(const std::pair<std::string, std::string>& table,
                              const std::vector<int64_t>& row_ids,
                              const columnar::Chunk* inserted) {
  // New versions first: their NOT NULL check can fail, and then nothing has changed yet.
  // They go after the block's earlier inserts, so the chunk numbers in row ids still hold.
  if (inserted != nullptr && inserted->num_rows() > 0) {
    BOYO_ASSIGN_OR_RETURN(TableInfo info, database_.DescribeTable(table.first, table.second));
    const sql::TableDescription description{table.first, table.second, info.schema};
    BOYO_RETURN_IF_ERROR(KeepForCommit(table, description, *inserted));
  }
  PendingTableChanges& changes = transaction_.changes.at(table);
  std::map<size_t, std::vector<uint32_t>> uncommitted;  // chunk -> positions
  for (const int64_t id : row_ids) {
    if (IsUncommittedRowId(id)) {
      uncommitted[UncommittedChunk(id)].push_back(RowIdPosition(id));
    } else {
      changes.deleted[RowIdSegment(id)].add(RowIdPosition(id));
    }
  }
  if (uncommitted.empty()) return Status::OK();
  std::vector<columnar::Chunk>& chunks = transaction_.inserts[table];
  for (auto& [chunk, positions] : uncommitted) {
    if (chunk >= chunks.size()) return Status::Internal("row id names an unknown pending chunk");
    std::sort(positions.begin(), positions.end());
    chunks[chunk] = WithoutRows(chunks[chunk], positions);
  }
  std::erase_if(chunks, [](const columnar::Chunk& rows) { return rows.num_rows() == 0; });
  return Status::OK();
}

Status Session::CommitTableChanges(const std::pair<std::string, std::string>& table,
                                   PendingTableChanges& changes, const columnar::Chunk* inserted) {
  TableMutation& mutation = *changes.mutation;
  BOYO_RETURN_IF_ERROR(mutation.Refresh());
  BOYO_ASSIGN_OR_RETURN(TableInfo info, database_.DescribeTable(table.first, table.second));
  UniqueKeys keys(database_.ListIndexes(table.first, table.second), info.schema);
  if (!keys.empty() && inserted != nullptr) {
    // The new rows must not repeat a key of each other or of the rows that stay.
    ScanSpec spec;
    spec.columns = keys.columns();
    spec.hidden_rows = &changes.deleted;
    BOYO_ASSIGN_OR_RETURN(std::unique_ptr<TableScan> scan, mutation.Scan(spec));
    BOYO_RETURN_IF_ERROR(keys.AddScan(*scan));
    BOYO_RETURN_IF_ERROR(keys.AddTableRows(*inserted));
  }
  std::vector<int64_t> row_ids;
  for (const auto& [segment, rows] : changes.deleted) {
    for (const uint32_t position : rows) {
      row_ids.push_back(static_cast<int64_t>(segment << 32) | position);
    }
  }
  return mutation.Commit(row_ids, inserted).status();
}

Status Session::RefuseIfChangedInBlock(const std::pair<std::string, std::string>& table,
                                       std::string_view what) const {
  if (!transaction_.changes.contains(table)) return Status::OK();
  return Status(StatusCode::kInvalidArgument, sqlstate::kObjectInUse,
                "cannot " + std::string(what) + " \"" + table.second +
                    "\" because this transaction block has updated or deleted its rows; "
                    "COMMIT or ROLLBACK first");
}

}  // namespace boyodb::engine
