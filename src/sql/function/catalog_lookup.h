// What PostgreSQL's catalog functions read (pg_get_userbyid, pg_table_is_visible, to_regclass,
// pg_get_indexdef, ...): catalog objects by the OIDs the relations of pg_catalog give them.
// The engine implements it over the catalog snapshot of one statement, so the functions and
// the pg_catalog relations a statement reads agree on every OID.
// Thread safety: implementations may be called from the statement's threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace boyodb::sql {

/// The kinds of object whose SQL definition pg_get_*def returns.
enum class DefinitionKind : uint8_t { kIndex, kConstraint, kView };

class CatalogLookup {
 public:
  virtual ~CatalogLookup() = default;

  /// A role's name (pg_get_userbyid); nullopt for an OID no role has.
  virtual Result<std::optional<std::string>> RoleName(uint32_t oid) const = 0;
  virtual Result<std::optional<uint32_t>> RoleOid(std::string_view name) const = 0;

  /// A relation (table, view, sequence, index) named as regclass input names it: `name` or
  /// `schema.name`, identifiers already unquoted and folded; an unqualified name is searched
  /// in pg_catalog and then the search path.
  virtual Result<std::optional<uint32_t>> RelationOid(std::string_view schema,
                                                      std::string_view name) const = 0;
  /// Whether the relation is found by its unqualified name (pg_table_is_visible).
  virtual Result<std::optional<bool>> RelationVisible(uint32_t oid) const = 0;
  /// Bytes the relation's data takes on disk (pg_relation_size, pg_total_relation_size).
  virtual Result<std::optional<int64_t>> RelationSize(uint32_t oid) const = 0;

  virtual Result<std::optional<uint32_t>> NamespaceOid(std::string_view name) const = 0;

  /// The sequence that a SERIAL or identity column draws from, schema-qualified
  /// (pg_get_serial_sequence); the table is named as RelationOid takes it.
  virtual Result<std::optional<std::string>> SerialSequence(std::string_view schema,
                                                            std::string_view table,
                                                            std::string_view column) const = 0;

  /// CREATE INDEX ..., PRIMARY KEY (a), CHECK (...), or a view's SELECT, for the object of
  /// that OID.
  virtual Result<std::optional<std::string>> Definition(DefinitionKind kind,
                                                        uint32_t oid) const = 0;
};

}  // namespace boyodb::sql
