// What the binder sees of the database: tables by name and the functions it may call. The
// engine's session implements it over one catalog snapshot, so a statement binds against a
// consistent view even while DDL runs elsewhere.
// Thread safety: implementations are used by one binder (one thread) at a time.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "sql/ast/statement.h"
#include "sql/function/function_api.h"
#include "types/data_type.h"

namespace boyodb::sql {

struct TableDescription {
  std::string database;
  std::string table;
  types::Schema schema;  // empty for a view
  /// Set for a view: its CREATE VIEW statement (bound again where the view is used, in
  /// `database`) and its column names.
  std::optional<std::string> view_definition;
  std::vector<std::string> view_columns;
  /// A table's DEFAULT expressions (SQL text) by column name.
  std::map<std::string, std::string> column_defaults;
  /// Declared types of TEXT columns with a length ("character varying(20)"), by column name.
  std::map<std::string, std::string> declared_types;
};

class CatalogView {
 public:
  virtual ~CatalogView() = default;
  /// Resolves [database.][schema.]table; 42P01 `relation "x" does not exist` (3D000 for an
  /// unknown database) with the name's position.
  virtual Result<TableDescription> FindTable(const ast::QualifiedName& name) const = 0;
  virtual const FunctionCatalog& functions() const = 0;
  /// The same catalog with `database` as the current database (to bind a view's query where
  /// it was defined).
  virtual std::unique_ptr<CatalogView> InDatabase(const std::string& database) const = 0;
};

}  // namespace boyodb::sql
