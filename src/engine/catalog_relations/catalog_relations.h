// The relations of schemas pg_catalog, information_schema and system (BoyoDB's own: tables
// with their storage, segments, users and grants): their columns and how their rows come from
// a CatalogSnapshot. They are computed when a statement scans them, never
// stored; a name resolves to one of them before any table (PostgreSQL searches pg_catalog
// first), and databases may not take these schemas' names.
// Thread safety: the registry is immutable; rows are built per scan.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "columnar/chunk.h"
#include "common/result.h"
#include "engine/catalog_relations/catalog_snapshot.h"
#include "types/data_type.h"

namespace boyodb::engine {

/// One value of a catalog row, converted to its column's type when added.
class CatalogCell {
 public:
  CatalogCell() = default;  // NULL
  CatalogCell(std::nullopt_t) {}
  CatalogCell(bool value) : value_(value) {}
  template <typename Integer>
  requires(std::is_integral_v<Integer> && !std::is_same_v<Integer, bool> &&
           !std::is_same_v<Integer, char>) CatalogCell(Integer value)
      : value_(static_cast<int64_t>(value)) {}
  CatalogCell(double value) : value_(value) {}
  CatalogCell(std::string value) : value_(std::move(value)) {}
  CatalogCell(std::string_view value) : value_(std::string(value)) {}
  CatalogCell(const char* value) : value_(std::string(value)) {}
  CatalogCell(std::vector<int64_t> values) : value_(std::move(values)) {}
  CatalogCell(std::vector<std::string> values) : value_(std::move(values)) {}
  template <typename T>
  CatalogCell(const std::optional<T>& value) {
    if (value) *this = CatalogCell(*value);
  }

  /// The cell as a value of `type`; an internal error when the kinds do not fit.
  Result<types::Value> ToValue(const types::DataType& type) const;

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, std::vector<int64_t>,
               std::vector<std::string>>
      value_;
};

/// pg_catalog's "char" columns (relkind, contype) are one-character text here.
inline std::string CatalogChar(char c) { return std::string(1, c); }

/// Collects rows of one relation.
class CatalogRows {
 public:
  explicit CatalogRows(const types::Schema& columns) : columns_(columns) {}
  /// One row, a cell per column in order.
  void Add(std::vector<CatalogCell> row) { rows_.push_back(std::move(row)); }
  Result<columnar::Chunk> Finish() const;

 private:
  const types::Schema& columns_;
  std::vector<std::vector<CatalogCell>> rows_;
};

struct VirtualRelation {
  std::string_view schema;  // "pg_catalog", "information_schema" or "system"
  std::string_view name;
  char relkind = 'v';  // pg_class.relkind shown for it: 'r' for catalogs, 'v' for views
  types::Schema columns;
  std::function<void(const CatalogSnapshot&, CatalogRows&)> rows;
};

/// Every relation of pg_catalog, information_schema and system.
std::span<const VirtualRelation> VirtualRelations();
/// The relation `name` of `schema`, or null.
const VirtualRelation* FindVirtualRelation(std::string_view schema, std::string_view name);
/// pg_catalog, information_schema, system: names that are no database's (CREATE DATABASE and
/// CREATE SCHEMA refuse them).
bool IsVirtualSchema(std::string_view schema);

/// The relation's rows in `snapshot`.
Result<columnar::Chunk> VirtualRelationRows(const VirtualRelation& relation,
                                            const CatalogSnapshot& snapshot);

// The relations of each schema (pg_catalog_relations.cc, information_schema_relations.cc).
std::vector<VirtualRelation> PgCatalogRelations();
std::vector<VirtualRelation> InformationSchemaRelations();
std::vector<VirtualRelation> SystemRelations();

}  // namespace boyodb::engine
