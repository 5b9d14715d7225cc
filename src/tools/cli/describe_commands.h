// Describer: the catalog side of the shell's backslash commands (\l, \d, \dt, \dv, \di and
// \d NAME) over an embedded database, printed as psql prints its own: titled aligned tables
// ("List of relations"), a table's or view's columns with PostgreSQL type names, then its
// indexes, CHECK constraints and storage settings as footers.
// Thread safety: not thread-safe; used by one shell.
#pragma once

#include <ostream>
#include <string_view>

#include "common/result.h"
#include "engine/database.h"
#include "tools/cli/sql_connection.h"

namespace boyodb::tools::cli {

/// Which relations a listing shows (\d shows tables and views).
struct RelationKinds {
  bool tables = false;
  bool views = false;
  bool sequences = false;
};

class Describer {
 public:
  /// `database` and `connection` (a connection to it) must outlive the describer. The
  /// connection types a view's columns (by planning SELECT * FROM the view), so \d VIEW fails
  /// like a query in a failed transaction, as psql's catalog queries do.
  Describer(engine::Database& database, SqlConnection& connection);

  /// \l: every database and how many tables it has.
  Status ListDatabases(std::ostream& out) const;
  /// \d, \dt, \dv: the relations of `db` (3D000 when it does not exist), with a table's row
  /// count. When there are none, psql's "Did not find any relations." goes to `err`.
  Status ListRelations(std::string_view db, RelationKinds kinds, std::ostream& out,
                       std::ostream& err) const;
  /// \di: the indexes of every table of `db`.
  Status ListIndexes(std::string_view db, std::ostream& out, std::ostream& err) const;
  /// \d NAME: columns (name, PostgreSQL type, nullability), then for a table its indexes,
  /// CHECK constraints, codec, sort key, rows and segments, for a view its definition. False when
  /// `db` has no table or view called `name` (nothing is printed then).
  Result<bool> Describe(std::string_view db, std::string_view name, std::ostream& out) const;

 private:
  Status DescribeTable(const engine::TableInfo& info, std::ostream& out) const;
  Status DescribeView(const engine::ViewInfo& view, std::ostream& out) const;

  engine::Database& database_;
  SqlConnection& connection_;
};

}  // namespace boyodb::tools::cli
