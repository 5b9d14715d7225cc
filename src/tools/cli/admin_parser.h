// The admin shell's stop-gap command language, parsed into plain structs: backslash commands
// (\l, \dt, \d, \c, \flush, \verify) and a handful of SQL-looking statements (CREATE/DROP
// DATABASE, CREATE/DROP/TRUNCATE TABLE, INSERT ... VALUES, SELECT with simple predicates).
// It exists only until the SQL engine lands; nothing else should depend on it.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"
#include "storage/scan/predicate.h"

namespace boyodb::tools::cli {

/// A table name as written: `db.table`, or `table` (then the shell's current database).
struct TableName {
  std::optional<std::string> database;
  std::string table;
};

/// A constant as written; converted to a column's type later (literal_conversion.h).
struct Literal {
  enum class Kind : uint8_t { kNull, kBoolean, kNumber, kString };
  Kind kind = Kind::kNull;
  std::string text;  // kNumber: the digits with an optional leading '-'; kString: the contents
  bool boolean = false;
};

struct ListDatabasesCommand {};
struct ListTablesCommand {
  std::optional<std::string> database;  // every database when absent
};
struct DescribeCommand {
  std::optional<TableName> table;  // absent: like \dt
};
struct UseDatabaseCommand {
  std::optional<std::string> database;  // absent: print the current one
};
struct FlushCommand {};
struct VerifyCommand {};

struct CreateDatabaseCommand {
  std::string name;
  bool if_not_exists = false;
};
struct DropDatabaseCommand {
  std::string name;
  bool if_exists = false;
};

struct ColumnDefinition {
  std::string name;
  std::string type_text;  // raw text for types::ParseTypeName, e.g. "DECIMAL(18, 2)"
  bool not_null = false;
};
struct CreateTableCommand {
  TableName table;
  std::vector<ColumnDefinition> columns;
  std::optional<std::string> codec;   // WITH codec=zstd
  std::vector<std::string> order_by;  // WITH order_by=(a, b)
  bool if_not_exists = false;
};
struct DropTableCommand {
  TableName table;
  bool if_exists = false;
};
struct TruncateCommand {
  TableName table;
};
struct InsertCommand {
  TableName table;
  std::vector<std::string> columns;  // empty: every column in order
  std::vector<std::vector<Literal>> rows;
};

struct Condition {
  std::string column;
  storage::CompareOp op = storage::CompareOp::kEq;
  Literal literal;  // unused for IS [NOT] NULL
};
struct SelectCommand {
  TableName table;
  std::vector<std::string> columns;   // empty: *
  bool count_star = false;            // SELECT count(*)
  std::vector<Condition> conditions;  // ANDed
  std::optional<int64_t> limit;
};

using AdminCommand = std::variant<ListDatabasesCommand, ListTablesCommand, DescribeCommand,
                                  UseDatabaseCommand, FlushCommand, VerifyCommand,
                                  CreateDatabaseCommand, DropDatabaseCommand, CreateTableCommand,
                                  DropTableCommand, TruncateCommand, InsertCommand, SelectCommand>;

/// Parses one command (a trailing ';' is allowed). Syntax error (42601) saying what was
/// expected and where; an unknown backslash command is 42601 too.
Result<AdminCommand> ParseAdminCommand(std::string_view text);

}  // namespace boyodb::tools::cli
