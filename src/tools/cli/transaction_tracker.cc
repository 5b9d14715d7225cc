#include "tools/cli/transaction_tracker.h"

#include <vector>

#include "sql/parser/parser.h"

namespace boyodb::tools::cli {

void TransactionTracker::Succeeded(std::string_view command_tag) {
  if (command_tag == "BEGIN" || command_tag == "START TRANSACTION") {
    in_transaction_ = true;
  } else if (command_tag == "COMMIT" || command_tag == "ROLLBACK") {
    in_transaction_ = false;
  }
}

void TransactionTracker::Failed(std::string_view sql) {
  if (!in_transaction_) return;
  // The server parses with the same parser: text that does not parse never ran, so it changed
  // nothing.
  Result<std::vector<sql::ast::Statement>> parsed = sql::Parse(sql);
  if (!parsed.ok() || parsed->size() != 1) return;
  const sql::ast::Statement& statement = parsed->front();
  if (statement.kind == sql::ast::StatementKind::kTransaction &&
      statement.transaction->action == sql::ast::TransactionAction::kCommit) {
    in_transaction_ = false;
  }
}

}  // namespace boyodb::tools::cli
