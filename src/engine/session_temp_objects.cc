// A session's temporary tables, views and sequences: CREATE TEMP puts them in a database of the
// session's own ("pg_temp_<n>", PostgreSQL's temporary schema), which unqualified names search
// first and which the session drops when it ends; ON COMMIT DELETE ROWS / DROP act at the end
// of each transaction.
// Thread safety: one session, one thread; the counter of temporary databases is atomic.
#include <atomic>

#include "common/sqlstate.h"
#include "engine/session.h"
#include "engine/session_catalog.h"

namespace boyodb::engine {

namespace ast = sql::ast;

namespace {

// Numbers the temporary databases of every session of the process; Database::Open removes
// those of earlier processes, so the numbers never meet an old database.
std::atomic<uint64_t> next_temp_database{1};

}  // namespace

Session::~Session() {
  // An open block's mutations hold their tables; release them before the tables go.
  transaction_ = Transaction();
  if (!temp_database_.empty()) (void)database_.DropDatabase(temp_database_, /*if_exists=*/true);
}

Result<std::pair<std::string, std::string>> Session::ResolveCreation(const ast::QualifiedName& name,
                                                                     bool temporary) {
  const bool in_pg_temp = name.parts.size() == 2 && name.parts[0] == "pg_temp";
  if (!temporary && !in_pg_temp) {
    // A new object goes to the current schema even when a temporary one has its name.
    BOYO_ASSIGN_OR_RETURN(auto resolved, ResolveTableName(database_, current_database_, name));
    BOYO_RETURN_IF_ERROR(RequirePrivilege(storage::privilege::kCreate, resolved.first, "")
                             .WithPosition(name.position));
    return resolved;
  }
  if (!in_pg_temp && name.parts.size() > 1) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidTableDefinition,
                  "cannot create temporary relation in non-temporary schema")
        .WithPosition(name.position);
  }
  if (temp_database_.empty()) {
    std::string created = std::string(kTempDatabasePrefix) + std::to_string(next_temp_database++);
    BOYO_RETURN_IF_ERROR(database_.CreateDatabase(created));
    temp_database_ = std::move(created);
  }
  return std::make_pair(temp_database_, name.parts.back());
}

void Session::AddOnCommitAction(const std::string& table, ast::OnCommit action) {
  if (action != ast::OnCommit::kPreserveRows) on_commit_actions_.emplace_back(table, action);
}

Status Session::RunOnCommitActions() {
  Status first_error;
  for (auto it = on_commit_actions_.begin(); it != on_commit_actions_.end();) {
    const bool drop = it->second == ast::OnCommit::kDrop;
    Status status = drop ? database_.DropTable(temp_database_, it->first, /*if_exists=*/true)
                         : database_.TruncateTable(temp_database_, it->first);
    // A table the session dropped itself takes its action with it.
    const bool gone = status.sqlstate() == sqlstate::kUndefinedTable;
    if (!status.ok() && !gone && first_error.ok()) first_error = std::move(status);
    it = drop || gone ? on_commit_actions_.erase(it) : it + 1;
  }
  return first_error;
}

}  // namespace boyodb::engine
