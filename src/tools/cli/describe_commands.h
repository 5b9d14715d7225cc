// Describer: the catalog side of the shell's backslash commands (\l, \d, \dt, \dv, \ds, \di
// and \d NAME), printed as psql prints its own: titled aligned tables ("List of relations"), a
// table's or view's columns with PostgreSQL type names, then its indexes, constraints and
// storage settings as footers. It reads the catalog with SQL (the system.* relations), so the
// same commands work on an embedded database and over a server connection.
// Thread safety: not thread-safe; used by one shell.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "tools/cli/sql_connection.h"

namespace boyodb::tools::cli {

/// Which relations a listing shows (\d shows tables, views and sequences).
struct RelationKinds {
  bool tables = false;
  bool views = false;
  bool sequences = false;
};

class Describer {
 public:
  /// `connection` must outlive the describer. Its catalog queries run in the session's
  /// transaction, so in a failed transaction block they fail as psql's do.
  explicit Describer(SqlConnection& connection) : connection_(connection) {}

  /// \l: every database and how many tables it has.
  Status ListDatabases(std::ostream& out) const;
  /// \d, \dt, \dv, \ds: the relations of `db` (3D000 when it does not exist), with a table's
  /// row count. When there are none, psql's "Did not find any relations." goes to `err`.
  Status ListRelations(std::string_view db, RelationKinds kinds, std::ostream& out,
                       std::ostream& err) const;
  /// \di: the indexes of every table of `db`.
  Status ListIndexes(std::string_view db, std::ostream& out, std::ostream& err) const;
  /// \d NAME: columns (name, PostgreSQL type, nullability, default), then for a table its
  /// indexes, CHECK constraints, codec, sort key, rows and segments, for a view its query.
  /// False when `db` has no table or view called `name` (nothing is printed then).
  Result<bool> Describe(std::string_view db, std::string_view name, std::ostream& out) const;

 private:
  using Row = std::vector<std::optional<std::string>>;
  /// The rows of `sql`, whose columns must all be TEXT; NULL is nullopt.
  Result<std::vector<Row>> Query(const std::string& sql) const;
  Status RequireDatabase(std::string_view db) const;
  /// `db`, and the session's temporary database with the current one (psql lists pg_temp's
  /// objects with the others), as an SQL list of literals.
  std::string DatabasesToList(std::string_view db) const;
  Result<bool> DescribeTable(std::string_view db, std::string_view name, std::ostream& out) const;
  Result<bool> DescribeView(std::string_view db, std::string_view name, std::ostream& out) const;

  SqlConnection& connection_;
};

}  // namespace boyodb::tools::cli
