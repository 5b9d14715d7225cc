// The catalog as PostgreSQL's system catalogs describe it, taken once per statement: schemas
// (a BoyoDB database is a schema, and the current one is "public"), relations (tables, views,
// sequences, indexes) with their columns, key and CHECK constraints, roles and databases,
// each with the OID the pg_catalog relations and the catalog functions show.
//
// OIDs: PostgreSQL's fixed ones where clients hard-code them (pg_catalog 11, public 2200, the
// bootstrap superuser 10, types from pg_type.dat); every other object gets a hash of its kind
// and name above 16383, so an object keeps its OID across statements, sessions and restarts
// while its name stays. A rename changes it. Two objects whose hashes collide are told apart
// by probing in name order, the only case where an OID depends on other objects.
// Thread safety: immutable once built; read from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/database.h"
#include "sql/plan/logical_operator.h"
#include "types/pg_type_catalog.h"

namespace boyodb::engine {

/// OIDs PostgreSQL fixes and clients rely on.
namespace catalog_oid {
inline constexpr uint32_t kBootstrapSuperuser = 10;
inline constexpr uint32_t kPgCatalogNamespace = 11;
inline constexpr uint32_t kPublicNamespace = 2200;
inline constexpr uint32_t kInformationSchemaNamespace = 13000;
inline constexpr uint32_t kSystemNamespace = 13001;  // BoyoDB's system schema
inline constexpr uint32_t kHeapAccessMethod = 2;
inline constexpr uint32_t kBtreeAccessMethod = 403;
inline constexpr uint32_t kBrinAccessMethod = 3580;
inline constexpr uint32_t kDefaultTablespace = 1663;
inline constexpr uint32_t kGlobalTablespace = 1664;
inline constexpr uint32_t kDefaultCollation = 100;
inline constexpr uint32_t kCCollation = 950;
inline constexpr uint32_t kPgClassRelation = 1259;  // pg_class itself: pg_depend.classid
inline constexpr uint32_t kFirstNormalOid = 16384;
}  // namespace catalog_oid

/// What the snapshot needs from the session that reads it.
struct CatalogContext {
  std::string current_database;  // shown as schema "public"
  std::string catalog;           // current_database(): information_schema's *_catalog columns
  std::string user;
  std::string temp_database;  // the session's pg_temp_<n>, or empty
  /// The output columns of a view's query, bound where the view was defined; empty function:
  /// view columns are text.
  std::function<Result<std::vector<sql::OutputColumn>>(const ViewInfo&)> view_columns;
  /// The session's settings as SHOW shows them, by name (pg_settings); may be empty.
  std::function<std::vector<std::pair<std::string, std::string>>()> settings;
};

struct NamespaceEntry {
  uint32_t oid = 0;
  std::string name;
  /// The BoyoDB database this schema is; empty for pg_catalog and information_schema.
  std::string database;
};

struct ColumnEntry {
  std::string name;
  types::DataType type;
  types::PgTypeInfo pg_type;  // as pg_attribute shows it (varchar(n) for declared lengths)
  bool not_null = false;
  std::optional<std::string> default_text;
  /// pg_attribute.attidentity: 'a' GENERATED ALWAYS, 'd' BY DEFAULT, 0 for no identity.
  char identity = 0;
};

struct RelationEntry {
  uint32_t oid = 0;
  std::string name;
  char kind = 'r';  // pg_class.relkind: 'r' table, 'v' view, 'S' sequence, 'i' index
  uint32_t namespace_oid = 0;
  std::string namespace_name;
  std::string database;
  std::vector<ColumnEntry> columns;
  int64_t rows = 0;   // tables: live rows
  int64_t bytes = 0;  // tables: compressed segment bytes
  bool has_index = false;
  int32_t checks = 0;
  std::string view_query;  // views: the SELECT as written
  // Indexes: the table, its key columns (attnums), and the catalog entry.
  uint32_t index_table_oid = 0;
  std::vector<int16_t> index_keys;
  IndexInfo index;
  SequenceInfo sequence;  // sequences
  TableInfo table;        // tables: the catalog entry, with its segments (system.*)
};

struct ConstraintEntry {
  uint32_t oid = 0;
  std::string name;
  char type = 'c';  // pg_constraint.contype: 'p' primary key, 'u' unique, 'c' check
  uint32_t namespace_oid = 0;
  uint32_t relation_oid = 0;
  uint32_t index_oid = 0;  // key constraints: their index
  std::vector<int16_t> keys;
  std::string expression;  // CHECK: the condition as SQL text
  /// As pg_get_constraintdef gives it: "PRIMARY KEY (a)", "UNIQUE (a, b)", "CHECK ((a > 0))".
  std::string Definition(const RelationEntry& relation) const;
};

struct RoleEntry {
  uint32_t oid = 0;
  UserInfo user;
};

struct DatabaseEntry {
  uint32_t oid = 0;
  std::string name;
};

/// The integer type a sequence was declared AS (pg_sequence.seqtypid), told by the bounds
/// that declaration gives it: smallint's and integer's own limits; bigint otherwise.
uint32_t SequenceTypeOid(const SequenceInfo& sequence);

class CatalogSnapshot {
 public:
  static Result<std::unique_ptr<CatalogSnapshot>> Build(const Database& database,
                                                        const CatalogContext& context);

  const CatalogContext& context() const { return context_; }
  const std::vector<NamespaceEntry>& namespaces() const { return namespaces_; }
  const std::vector<RelationEntry>& relations() const { return relations_; }
  const std::vector<ConstraintEntry>& constraints() const { return constraints_; }
  const std::vector<RoleEntry>& roles() const { return roles_; }
  const std::vector<DatabaseEntry>& databases() const { return databases_; }

  const RelationEntry* FindRelation(uint32_t oid) const;
  /// The relation `name` in schema `schema` (empty: the search path, as regclass reads it).
  const RelationEntry* FindRelation(std::string_view schema, std::string_view name) const;
  const ConstraintEntry* FindConstraint(uint32_t oid) const;
  const RoleEntry* FindRole(uint32_t oid) const;
  const RoleEntry* FindRole(std::string_view name) const;
  const NamespaceEntry* FindNamespace(std::string_view name) const;
  /// The role every object is shown as owned by: objects record no owner, so it is the
  /// bootstrap superuser (OID 10).
  uint32_t owner_oid() const { return catalog_oid::kBootstrapSuperuser; }
  /// That role's name.
  std::string owner_name() const;
  /// Whether an unqualified name finds the relation: it is in pg_catalog, public (the current
  /// database) or the session's temporary schema.
  bool Visible(const RelationEntry& relation) const;
  /// The CREATE INDEX statement of an index (pg_get_indexdef).
  std::string IndexDefinition(const RelationEntry& index) const;

 private:
  CatalogContext context_;
  std::vector<NamespaceEntry> namespaces_;
  std::vector<RelationEntry> relations_;
  std::vector<ConstraintEntry> constraints_;
  std::vector<RoleEntry> roles_;
  std::vector<DatabaseEntry> databases_;
  std::map<uint32_t, size_t> relation_by_oid_;
  std::map<uint32_t, size_t> constraint_by_oid_;
  std::map<uint32_t, size_t> role_by_oid_;
};

}  // namespace boyodb::engine
