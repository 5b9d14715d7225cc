// Renaming what stored SQL text refers to, through PostgreSQL's own parser and deparser
// (libpg_query): a table named in a view's definition (RENAME TABLE) and a column named in a
// CHECK constraint's expression (RENAME COLUMN). The catalog keeps both as text, where
// PostgreSQL keeps bound trees that follow a rename by themselves.
// Thread safety: pure functions; libpg_query keeps per-thread state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace boyodb::sql {

/// A table that changes its name within its database.
struct TableRename {
  std::string database;
  std::string old_name;
  std::string new_name;
};

/// The CREATE VIEW statement `definition`, of a view whose unqualified names resolve in
/// `view_database`, with every reference to the renamed table naming it anew; nullopt when
/// it does not refer to the table. A reference without an alias keeps the old name as its
/// alias, so columns qualified by it still resolve; a name that a WITH query of the view
/// defines is that query, not the table, and stays. The text is PostgreSQL's deparsed form.
/// 42601 when `definition` does not parse as one CREATE VIEW.
Result<std::optional<std::string>> RenameTableInView(std::string_view definition,
                                                     std::string_view view_database,
                                                     const TableRename& rename);

/// The SQL expression `expression` with every column reference whose last part is
/// `old_name` ending in `new_name` instead, deparsed. 42601 when it does not parse.
Result<std::string> RenameColumnInExpression(std::string_view expression, std::string_view old_name,
                                             std::string_view new_name);

/// The SQL expression `expression` with every column reference reduced to its last part
/// ("t.a" -> "a"), deparsed: how a CHECK constraint is stored, so that it binds whatever its
/// table is called later. 42601 when it does not parse.
Result<std::string> UnqualifyColumns(std::string_view expression);

/// The distinct columns `expression` refers to (each reference's last part), in the order
/// they first appear. 42601 when it does not parse.
Result<std::vector<std::string>> ColumnsInExpression(std::string_view expression);

}  // namespace boyodb::sql
