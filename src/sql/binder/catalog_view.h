// What the binder sees of the database: tables by name and the functions it may call. The
// engine's session implements it over one catalog snapshot, so a statement binds against a
// consistent view even while DDL runs elsewhere.
// Thread safety: implementations are used by one binder (one thread) at a time.
#pragma once

#include <string>

#include "common/result.h"
#include "sql/ast/statement.h"
#include "sql/function/function_api.h"
#include "types/data_type.h"

namespace boyodb::sql {

struct TableDescription {
  std::string database;
  std::string table;
  types::Schema schema;
};

class CatalogView {
 public:
  virtual ~CatalogView() = default;
  /// Resolves [database.][schema.]table; 42P01 `relation "x" does not exist` (3D000 for an
  /// unknown database) with the name's position.
  virtual Result<TableDescription> FindTable(const ast::QualifiedName& name) const = 0;
  virtual const FunctionCatalog& functions() const = 0;
};

}  // namespace boyodb::sql
