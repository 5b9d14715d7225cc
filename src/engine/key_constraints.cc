#include "engine/key_constraints.h"

#include <algorithm>

#include "common/sqlstate.h"

namespace boyodb::engine {

namespace ast = sql::ast;

namespace {

// PostgreSQL's identifiers hold at most 63 bytes; a generated name is cut to fit.
constexpr size_t kMaxNameBytes = 63;

std::string GeneratedName(const IndexInfo& index, bool primary_key, int number) {
  std::string base = index.table;
  if (primary_key) {
    base += "_pkey";
  } else {
    for (const std::string& column : index.columns) base += "_" + column;
    base += "_key";
  }
  const std::string suffix = number == 0 ? "" : std::to_string(number);
  return base.substr(0, kMaxNameBytes - suffix.size()) + suffix;
}

}  // namespace

Result<std::vector<KeyIndex>> KeyConstraintIndexes(const ast::CreateTableStatement& create,
                                                   const types::Schema& schema,
                                                   const std::string& database,
                                                   const std::string& table) {
  std::vector<KeyIndex> indexes;
  bool has_primary_key = false;
  for (const ast::KeyConstraint& key : create.keys) {
    const char* kind = key.primary_key ? "primary key" : "unique";
    for (size_t i = 0; i < key.columns.size(); ++i) {
      if (schema.FieldIndex(key.columns[i]) < 0) {
        return Status(StatusCode::kNotFound, sqlstate::kUndefinedColumn,
                      "column \"" + key.columns[i] + "\" named in key does not exist")
            .WithPosition(key.position);
      }
      if (std::find(key.columns.begin(), key.columns.begin() + static_cast<ptrdiff_t>(i),
                    key.columns[i]) != key.columns.begin() + static_cast<ptrdiff_t>(i)) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kDuplicateColumn,
                      "column \"" + key.columns[i] + "\" appears twice in " + kind + " constraint")
            .WithPosition(key.position);
      }
    }
    if (key.primary_key) {
      if (has_primary_key) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidTableDefinition,
                      "multiple primary keys for table \"" + table + "\" are not allowed")
            .WithPosition(key.position);
      }
      has_primary_key = true;
    }
    // A second key over the same columns adds nothing (PostgreSQL drops it too).
    auto same = std::find_if(indexes.begin(), indexes.end(), [&](const KeyIndex& index) {
      return index.index.columns == key.columns;
    });
    if (same != indexes.end()) {
      if (key.primary_key && !same->primary_key) {
        same->primary_key = true;
        same->index.primary_key = true;
        same->index.name = key.name;
      }
      continue;
    }
    KeyIndex index;
    index.index.database = database;
    index.index.table = table;
    index.index.name = key.name;
    index.index.columns = key.columns;
    // Zone maps serve the key's range and equality lookups, as a btree would in PostgreSQL.
    index.index.method = "minmax";
    index.index.unique = true;
    index.primary_key = key.primary_key;
    index.index.primary_key = key.primary_key;
    indexes.push_back(std::move(index));
  }
  return indexes;
}

Status CreateKeyConstraintIndexes(Database& database, const std::vector<KeyIndex>& indexes) {
  for (const KeyIndex& key : indexes) {
    IndexInfo index = key.index;
    if (!index.name.empty()) {
      BOYO_RETURN_IF_ERROR(database.CreateIndex(index, /*if_not_exists=*/false));
      continue;
    }
    Status status;
    for (int number = 0; number < 1000; ++number) {
      index.name = GeneratedName(index, key.primary_key, number);
      status = database.CreateIndex(index, /*if_not_exists=*/false);
      if (status.sqlstate() != sqlstate::kDuplicateTable) break;
    }
    BOYO_RETURN_IF_ERROR(status);
  }
  return Status::OK();
}

}  // namespace boyodb::engine
