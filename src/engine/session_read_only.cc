// Read-only transactions (BEGIN READ ONLY, SET TRANSACTION READ ONLY,
// default_transaction_read_only): the statements they refuse, as PostgreSQL refuses them, and
// the isolation levels a transaction may ask for.
#include <algorithm>
#include <cctype>

#include "common/sqlstate.h"
#include "engine/session.h"

namespace boyodb::engine {

namespace ast = sql::ast;

namespace {

constexpr std::string_view kReadOnlySqlTransaction = "25006";

// The name PostgreSQL's error gives a statement that writes, or "" for one that does not.
std::string WritingCommand(const ast::Statement& statement) {
  switch (statement.kind) {
    case ast::StatementKind::kSelect:
      return statement.select->locking.empty() ? "" : "SELECT FOR UPDATE";
    case ast::StatementKind::kInsert:
      return "INSERT";
    case ast::StatementKind::kUpdate:
      return "UPDATE";
    case ast::StatementKind::kDelete:
      return "DELETE";
    case ast::StatementKind::kTruncate:
      return "TRUNCATE TABLE";
    case ast::StatementKind::kCopy:
      return statement.copy->from ? "COPY FROM" : "";
    case ast::StatementKind::kExplain:
      // EXPLAIN ANALYZE runs its statement.
      return statement.explain->analyze ? WritingCommand(statement.explain->statement) : "";
    case ast::StatementKind::kCreateTable:
      return "CREATE TABLE";
    case ast::StatementKind::kCreateDatabase:
      return statement.create_database->schema ? "CREATE SCHEMA" : "CREATE DATABASE";
    case ast::StatementKind::kCreateView:
      return "CREATE VIEW";
    case ast::StatementKind::kCreateIndex:
      return "CREATE INDEX";
    case ast::StatementKind::kCreateSequence:
      return "CREATE SEQUENCE";
    case ast::StatementKind::kAlterSequence:
      return "ALTER SEQUENCE";
    case ast::StatementKind::kAlterTable:
      return "ALTER TABLE";
    case ast::StatementKind::kDrop:
      switch (statement.drop->object) {
        case ast::ObjectKind::kTable:
          return "DROP TABLE";
        case ast::ObjectKind::kView:
          return "DROP VIEW";
        case ast::ObjectKind::kIndex:
          return "DROP INDEX";
        case ast::ObjectKind::kDatabase:
          return "DROP DATABASE";
        case ast::ObjectKind::kSchema:
          return "DROP SCHEMA";
        case ast::ObjectKind::kSequence:
          return "DROP SEQUENCE";
      }
      return "DROP";
    case ast::StatementKind::kRole:
      return "a role statement";
    case ast::StatementKind::kPrivilege:
      return "GRANT";
    case ast::StatementKind::kSet:
    case ast::StatementKind::kShow:
    case ast::StatementKind::kTransaction:
    case ast::StatementKind::kPrepare:
    case ast::StatementKind::kExecute:  // checked when it runs its statement
    case ast::StatementKind::kDeallocate:
      return "";
  }
  return "";
}

}  // namespace

std::optional<bool> Session::ParseBooleanSetting(std::string value) {
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (value == "on" || value == "true" || value == "yes" || value == "1") return true;
  if (value == "off" || value == "false" || value == "no" || value == "0") return false;
  return std::nullopt;
}

bool Session::DefaultReadOnly() const {
  const auto found = settings_.find("default_transaction_read_only");
  return found != settings_.end() && ParseBooleanSetting(found->second).value_or(false);
}

Status Session::CheckWritable(const ast::Statement& statement) const {
  const bool read_only = transaction_.active ? transaction_.read_only : DefaultReadOnly();
  if (!read_only) return Status::OK();
  const std::string command = WritingCommand(statement);
  if (command.empty()) return Status::OK();
  return Status(StatusCode::kInvalidArgument, kReadOnlySqlTransaction,
                "cannot execute " + command + " in a read-only transaction");
}

Status Session::CheckIsolationLevel(std::string_view isolation) {
  if (isolation.empty() || isolation == "read committed" || isolation == "read uncommitted") {
    return Status::OK();
  }
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                "transaction isolation level \"" + std::string(isolation) +
                    "\" is not supported: BoyoDB transactions are read committed");
}

}  // namespace boyodb::engine
