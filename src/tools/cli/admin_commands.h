// AdminCommands: runs the admin shell's stop-gap commands (admin_parser.h) against an embedded
// engine::Database and prints their answers: psql-style tables for listings and SELECT, a
// command tag ("CREATE TABLE", "INSERT 0 3") for everything else. Replaced by the SQL engine
// once it lands.
// Thread safety: not thread-safe; one shell uses it at a time.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include "common/result.h"
#include "engine/database.h"
#include "tools/cli/admin_parser.h"

namespace boyodb::tools::cli {

class AdminCommands {
 public:
  /// `database` must outlive this object.
  explicit AdminCommands(engine::Database& database) : database_(database) {}

  /// Parses and runs one command, writing its answer to `out`. Returns the parser's or the
  /// database's error (with its SQLSTATE); nothing is written to `out` for a failed command
  /// except the problems \verify found.
  Status Execute(std::string_view text, std::ostream& out);
  /// Runs one parsed command.
  Status Run(const AdminCommand& command, std::ostream& out);

  /// The database unqualified table names refer to (set by \c), if any.
  const std::optional<std::string>& current_database() const { return current_database_; }

 private:
  Status ListDatabases(std::ostream& out) const;
  Status ListTables(const std::optional<std::string>& database, std::ostream& out) const;
  Status Describe(const DescribeCommand& command, std::ostream& out) const;
  Status UseDatabase(const UseDatabaseCommand& command, std::ostream& out);
  Status Verify(std::ostream& out) const;
  Status CreateTable(const CreateTableCommand& command, std::ostream& out) const;
  Status Insert(const InsertCommand& command, std::ostream& out) const;
  Status Select(const SelectCommand& command, std::ostream& out) const;

  // The (database, table) a possibly unqualified name refers to.
  Result<std::pair<std::string, std::string>> Resolve(const TableName& name) const;

  engine::Database& database_;
  std::optional<std::string> current_database_;
};

}  // namespace boyodb::tools::cli
