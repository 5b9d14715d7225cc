// CHECK constraints: binding a constraint's expression over its table's columns with the
// errors PostgreSQL gives at CREATE TABLE and ADD CONSTRAINT, choosing PostgreSQL's name for
// an unnamed one, and checking the rows written to a table against its constraints a whole
// chunk at a time (the bound expression evaluated as a vector, never row by row).
// Thread safety: the functions are pure; a CheckConstraints is immutable once bound and may be
// used by any number of threads.
#pragma once

#include <set>
#include <span>
#include <string>
#include <vector>

#include "columnar/chunk.h"
#include "common/result.h"
#include "engine/database.h"
#include "sql/ast/statement.h"
#include "sql/binder/bound_expr.h"
#include "sql/function/function_api.h"
#include "storage/manifest/manifest.h"
#include "types/data_type.h"

namespace boyodb::engine {

/// `expr`, a CHECK of table `table` with `schema`, bound as a boolean over a chunk of the
/// table's columns in table order. PostgreSQL's errors, with `expr`'s positions: 42703 for an
/// unknown column, 42P01 for another table's column, 0A000 for a subquery or a set-returning
/// function, 42803 for an aggregate, 42P20 for a window function, 42804 when it is not
/// boolean.
Result<sql::BoundExprPtr> BindCheck(const sql::ast::Expr& expr, const std::string& table,
                                    const types::Schema& schema,
                                    const sql::FunctionCatalog& functions);

/// The name PostgreSQL gives an unnamed CHECK of `table` whose expression is `expression`
/// (SQL text): `<table>_<column>_check` when it refers to exactly one column, otherwise
/// `<table>_check`, shortened to 63 characters as PostgreSQL shortens names, with 1, 2, ...
/// after "check" while the name is in `taken`.
Result<std::string> ChooseCheckName(const std::string& table, const std::string& expression,
                                    const std::set<std::string>& taken);

/// The constraints that `definitions` (CREATE TABLE's, or ADD CONSTRAINT's one) make on
/// table `table` with `schema`: each bound (BindCheck's errors) and named. A name given
/// twice among them is 42710 `check constraint "x" already exists`, one in `on_table` (the
/// table's constraint names) 42710 `constraint "x" for relation "t" already exists`. Unnamed
/// ones avoid `in_schema` (every constraint name of the table's database) and each other.
Result<std::vector<storage::CheckConstraint>> NameCheckConstraints(
    std::span<const sql::ast::CheckConstraintDefinition> definitions, const std::string& table,
    const types::Schema& schema, const std::set<std::string>& on_table,
    const std::set<std::string>& in_schema, const sql::FunctionCatalog& functions);

/// The constraint names of `table` (of `database`): its CHECKs and its unique indexes (which
/// carry PRIMARY KEY and UNIQUE constraints).
std::set<std::string> ConstraintNamesOf(const Database& database, const TableInfo& table);
/// The constraint names of every table of database `name`: PostgreSQL's constraints of a
/// schema, which an unnamed CHECK's name avoids. 3D000 for an unknown database.
Result<std::set<std::string>> ConstraintNamesIn(const Database& database, const std::string& name);

/// A table's CHECK constraints, bound for checking rows.
class CheckConstraints {
 public:
  /// Binds `checks` of table `table` with `schema` (each parsed from its text); errors as
  /// BindCheck's, without positions.
  static Result<CheckConstraints> Bind(const std::string& table, const types::Schema& schema,
                                       const std::vector<storage::CheckConstraint>& checks,
                                       const sql::FunctionCatalog& functions);

  bool empty() const { return checks_.empty(); }

  /// How a failure reads: a row being written, or a row already in the table (ADD
  /// CONSTRAINT).
  enum class Rows : uint8_t { kNew, kExisting };
  /// OK when no row of `rows` (the table's columns in table order) makes a constraint FALSE;
  /// NULL passes, as in SQL. Otherwise 23514 naming the first constraint that fails:
  /// `new row for relation "t" violates check constraint "c"` (kNew) or `check constraint
  /// "c" of relation "t" is violated by some row` (kExisting). Errors of evaluating the
  /// expressions (22012 for a division by zero, ...) pass through.
  Status Check(const columnar::Chunk& rows, Rows kind) const;

 private:
  struct Bound {
    std::string name;
    sql::BoundExprPtr violated;  // NOT (the constraint): TRUE exactly where it is FALSE
  };
  CheckConstraints(std::string table, std::vector<Bound> checks)
      : table_(std::move(table)), checks_(std::move(checks)) {}

  std::string table_;
  std::vector<Bound> checks_;
};

/// Checks `rows` written to table `table` with `schema` against its CHECK constraints
/// `checks` (CheckConstraints::Check for new rows); OK at once when there are none.
Status CheckNewRows(const std::string& table, const types::Schema& schema,
                    const std::vector<storage::CheckConstraint>& checks,
                    const columnar::Chunk& rows);

}  // namespace boyodb::engine
