// PRIMARY KEY and UNIQUE constraints of CREATE TABLE, carried by unique indexes as PostgreSQL
// carries them: one index per distinct key, named table_pkey or table_col[_col...]_key unless
// the constraint names it. Inserts check them through the unique-index path (unique_keys.h).
// Thread safety: pure functions and single Database calls.
#pragma once

#include <vector>

#include "engine/database.h"
#include "sql/ast/statement.h"

namespace boyodb::engine {

/// One constraint's index; its name is empty until CreateKeyConstraintIndexes chooses one.
struct KeyIndex {
  IndexInfo index;
  bool primary_key = false;
};

/// The indexes for `create`'s constraints on table `database`.`table` with `schema`, checked
/// as PostgreSQL checks them: 42703 for a key column the table lacks, 42701 for a column named
/// twice in one key, 42P16 for a second primary key. Keys over the same columns collapse into
/// one (the primary key wins).
Result<std::vector<KeyIndex>> KeyConstraintIndexes(const sql::ast::CreateTableStatement& create,
                                                   const types::Schema& schema,
                                                   const std::string& database,
                                                   const std::string& table);

/// Creates the indexes of KeyConstraintIndexes on the new, empty table; an unnamed one takes
/// PostgreSQL's name, numbered (t_a_key1) when an index of that name exists. 42P07 when a
/// constraint's own name is taken.
Status CreateKeyConstraintIndexes(Database& database, const std::vector<KeyIndex>& indexes);

}  // namespace boyodb::engine
