#include "engine/catalog_relations/catalog_snapshot.h"

#include <algorithm>
#include <set>

#include "common/hash.h"
#include "engine/catalog_relations/catalog_relations.h"
#include "sql/parser/identifier_quoting.h"
#include "sql/parser/view_query_text.h"

namespace boyodb::engine {

namespace {

// Hands out OIDs from hashes of names (catalog_snapshot.h).
class OidAllocator {
 public:
  uint32_t Assign(std::string_view kind, std::string_view scope, std::string_view name) {
    std::string key(kind);
    key.push_back('\0');
    key.append(scope);
    key.push_back('\0');
    key.append(name);
    constexpr uint32_t kSpan = 0x7fffffffu - catalog_oid::kFirstNormalOid;
    uint32_t offset = static_cast<uint32_t>(hash::Bytes(key) % kSpan);
    while (!used_.insert(catalog_oid::kFirstNormalOid + offset).second) {
      offset = (offset + 1) % kSpan;
    }
    return catalog_oid::kFirstNormalOid + offset;
  }

 private:
  std::set<uint32_t> used_;
};

// The OIDs PostgreSQL gives its catalog tables (pg_*.h), which clients write as
// 'pg_catalog.pg_class'::regclass and compare with pg_depend.classid and the like.
uint32_t FixedCatalogOid(std::string_view schema, std::string_view name) {
  static constexpr std::pair<std::string_view, uint32_t> kCatalogs[] = {
      {"pg_type", 1247},          {"pg_attribute", 1249},       {"pg_proc", 1255},
      {"pg_class", 1259},         {"pg_auth_members", 1261},    {"pg_database", 1262},
      {"pg_tablespace", 1213},    {"pg_shdescription", 2396},   {"pg_am", 2601},
      {"pg_attrdef", 2604},       {"pg_constraint", 2606},      {"pg_depend", 2608},
      {"pg_description", 2609},   {"pg_index", 2610},           {"pg_inherits", 2611},
      {"pg_namespace", 2615},     {"pg_rewrite", 2618},         {"pg_trigger", 2620},
      {"pg_sequence", 2224},      {"pg_policy", 3256},          {"pg_extension", 3079},
      {"pg_statistic_ext", 3381}, {"pg_collation", 3456},       {"pg_enum", 3501},
      {"pg_publication", 6104},   {"pg_publication_rel", 6106}, {"pg_publication_namespace", 6237},
  };
  if (schema != "pg_catalog") return 0;
  for (const auto& [catalog, oid] : kCatalogs) {
    if (catalog == name) return oid;
  }
  return 0;
}

std::vector<std::string> Sorted(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  return names;
}

std::string ColumnList(const RelationEntry& relation, const std::vector<int16_t>& keys) {
  std::string out;
  for (const int16_t key : keys) {
    if (!out.empty()) out += ", ";
    const size_t index = static_cast<size_t>(key - 1);
    if (key >= 1 && index < relation.columns.size()) {
      out += sql::QuoteIdentifierIfNeeded(relation.columns[index].name);
    }
  }
  return out;
}

}  // namespace

uint32_t SequenceTypeOid(const SequenceInfo& sequence) {
  const bool ascending = sequence.increment > 0;
  const int64_t bound = ascending ? sequence.max_value : sequence.min_value;
  if (bound == (ascending ? INT16_MAX : INT16_MIN)) return types::pg_oid::kInt2;
  if (bound == (ascending ? INT32_MAX : INT32_MIN)) return types::pg_oid::kInt4;
  return types::pg_oid::kInt8;
}

std::string ConstraintEntry::Definition(const RelationEntry& relation) const {
  switch (type) {
    case 'p':
      return "PRIMARY KEY (" + ColumnList(relation, keys) + ")";
    case 'u':
      return "UNIQUE (" + ColumnList(relation, keys) + ")";
    default:
      return "CHECK (" + expression + ")";
  }
}

Result<std::unique_ptr<CatalogSnapshot>> CatalogSnapshot::Build(const Database& database,
                                                                const CatalogContext& context) {
  auto snapshot = std::make_unique<CatalogSnapshot>();
  snapshot->context_ = context;
  OidAllocator oids;

  // Roles: the bootstrap superuser is OID 10, as in PostgreSQL; an embedded database without
  // users shows its session user there.
  std::vector<UserInfo> users = database.ListUsers();
  std::sort(users.begin(), users.end(),
            [](const UserInfo& a, const UserInfo& b) { return a.name < b.name; });
  auto bootstrap = std::find_if(users.begin(), users.end(), [](const UserInfo& user) {
    return user.superuser && user.name == "admin";
  });
  if (bootstrap == users.end()) {
    bootstrap = std::find_if(users.begin(), users.end(),
                             [](const UserInfo& user) { return user.superuser; });
  }
  if (bootstrap == users.end()) {
    UserInfo session_user;
    session_user.name = context.user;
    session_user.superuser = true;
    session_user.create_db = true;
    session_user.create_user = true;
    snapshot->roles_.push_back(RoleEntry{catalog_oid::kBootstrapSuperuser, session_user});
  }
  for (const UserInfo& user : users) {
    const bool is_bootstrap = bootstrap != users.end() && user.name == bootstrap->name;
    snapshot->roles_.push_back(RoleEntry{
        is_bootstrap ? catalog_oid::kBootstrapSuperuser : oids.Assign("role", "", user.name),
        user});
  }

  // Schemas: pg_catalog, information_schema, and one per database.
  snapshot->namespaces_.push_back(
      NamespaceEntry{catalog_oid::kPgCatalogNamespace, "pg_catalog", ""});
  snapshot->namespaces_.push_back(
      NamespaceEntry{catalog_oid::kInformationSchemaNamespace, "information_schema", ""});
  snapshot->namespaces_.push_back(NamespaceEntry{catalog_oid::kSystemNamespace, "system", ""});
  const std::vector<std::string> databases = Sorted(database.ListDatabases());
  for (const std::string& name : databases) {
    snapshot->databases_.push_back(DatabaseEntry{oids.Assign("database", "", name), name});
    if (name == context.current_database) {
      snapshot->namespaces_.push_back(
          NamespaceEntry{catalog_oid::kPublicNamespace, "public", name});
    } else {
      snapshot->namespaces_.push_back(
          NamespaceEntry{oids.Assign("namespace", "", name), name, name});
    }
  }

  // The relations of pg_catalog, information_schema and system themselves.
  for (const VirtualRelation& relation : VirtualRelations()) {
    RelationEntry entry;
    entry.name = std::string(relation.name);
    entry.kind = relation.relkind;
    entry.namespace_name = std::string(relation.schema);
    entry.namespace_oid = relation.schema == "pg_catalog" ? catalog_oid::kPgCatalogNamespace
                          : relation.schema == "system"   ? catalog_oid::kSystemNamespace
                                                        : catalog_oid::kInformationSchemaNamespace;
    entry.oid = FixedCatalogOid(relation.schema, relation.name);
    if (entry.oid == 0) entry.oid = oids.Assign("relation", relation.schema, relation.name);
    for (const types::Field& field : relation.columns.fields()) {
      entry.columns.push_back(ColumnEntry{field.name, field.type(), types::PgTypeFor(field.type()),
                                          !field.nullable, std::nullopt});
    }
    snapshot->relations_.push_back(std::move(entry));
  }

  for (const NamespaceEntry& space : snapshot->namespaces_) {
    if (space.database.empty()) continue;
    const std::string& db = space.database;
    auto add = [&](RelationEntry entry) {
      entry.namespace_oid = space.oid;
      entry.namespace_name = space.name;
      entry.database = db;
      entry.oid = oids.Assign("relation", db, entry.name);
      snapshot->relations_.push_back(std::move(entry));
      return snapshot->relations_.size() - 1;
    };
    BOYO_ASSIGN_OR_RETURN(std::vector<std::string> tables, database.ListTables(db));
    for (const std::string& table : Sorted(std::move(tables))) {
      Result<TableInfo> info = database.DescribeTable(db, table);
      if (!info.ok()) continue;  // dropped since it was listed
      RelationEntry entry;
      entry.name = table;
      entry.kind = 'r';
      for (const types::Field& field : info->schema.fields()) {
        ColumnEntry column{field.name, field.type(), types::PgTypeFor(field.type()),
                           !field.nullable, std::nullopt};
        const auto declared = info->options.declared_types.find(field.name);
        if (declared != info->options.declared_types.end()) {
          column.pg_type = types::PgColumnTypeFor(field.type(), declared->second);
        }
        const auto found = info->options.column_defaults.find(field.name);
        if (found != info->options.column_defaults.end()) column.default_text = found->second;
        entry.columns.push_back(std::move(column));
      }
      entry.rows = info->total_rows;
      for (const SegmentInfo& segment : info->segments) {
        entry.bytes += static_cast<int64_t>(segment.compressed_bytes);
      }
      entry.checks = static_cast<int32_t>(info->options.check_constraints.size());
      entry.table = *info;
      std::vector<IndexInfo> indexes = database.ListIndexes(db, table);
      std::sort(indexes.begin(), indexes.end(),
                [](const IndexInfo& a, const IndexInfo& b) { return a.name < b.name; });
      entry.has_index = !indexes.empty();
      const size_t table_at = add(std::move(entry));
      const uint32_t table_oid = snapshot->relations_[table_at].oid;
      for (const storage::CheckConstraint& check : info->options.check_constraints) {
        ConstraintEntry constraint;
        constraint.oid = oids.Assign("constraint", db, table + "." + check.name);
        constraint.name = check.name;
        constraint.type = 'c';
        constraint.namespace_oid = space.oid;
        constraint.relation_oid = table_oid;
        constraint.expression = check.expression;
        snapshot->constraints_.push_back(std::move(constraint));
      }
      for (const IndexInfo& index : indexes) {
        RelationEntry index_entry;
        index_entry.name = index.name;
        index_entry.kind = 'i';
        index_entry.index = index;
        index_entry.index_table_oid = table_oid;
        for (const std::string& column : index.columns) {
          const int index_of = info->schema.FieldIndex(column);
          index_entry.index_keys.push_back(static_cast<int16_t>(index_of + 1));
          if (index_of >= 0) {
            index_entry.columns.push_back(
                snapshot->relations_[table_at].columns[static_cast<size_t>(index_of)]);
            index_entry.columns.back().default_text.reset();
          }
        }
        const size_t index_at = add(std::move(index_entry));
        if (!index.unique) continue;
        ConstraintEntry constraint;
        constraint.oid = oids.Assign("constraint", db, table + "." + index.name);
        constraint.name = index.name;
        constraint.type = index.primary_key ? 'p' : 'u';
        constraint.namespace_oid = space.oid;
        constraint.relation_oid = table_oid;
        constraint.index_oid = snapshot->relations_[index_at].oid;
        constraint.keys = snapshot->relations_[index_at].index_keys;
        snapshot->constraints_.push_back(std::move(constraint));
      }
    }
    BOYO_ASSIGN_OR_RETURN(std::vector<ViewInfo> views, database.ListViews(db));
    std::sort(views.begin(), views.end(),
              [](const ViewInfo& a, const ViewInfo& b) { return a.name < b.name; });
    for (const ViewInfo& view : views) {
      RelationEntry entry;
      entry.name = view.name;
      entry.kind = 'v';
      entry.view_query = sql::ViewQueryText(view.definition);
      Result<std::vector<sql::OutputColumn>> bound =
          context.view_columns
              ? context.view_columns(view)
              : Result<std::vector<sql::OutputColumn>>(std::vector<sql::OutputColumn>());
      for (size_t i = 0; i < view.columns.size(); ++i) {
        // A view whose query no longer binds still lists its columns, typed text.
        const types::DataType type =
            bound.ok() && i < bound->size() ? (*bound)[i].type : types::DataType::String();
        entry.columns.push_back(
            ColumnEntry{view.columns[i], type, types::PgTypeFor(type), false, std::nullopt});
      }
      add(std::move(entry));
    }
    BOYO_ASSIGN_OR_RETURN(std::vector<SequenceInfo> sequences, database.ListSequences(db));
    std::sort(sequences.begin(), sequences.end(),
              [](const SequenceInfo& a, const SequenceInfo& b) { return a.name < b.name; });
    for (const SequenceInfo& sequence : sequences) {
      RelationEntry entry;
      entry.name = sequence.name;
      entry.kind = 'S';
      entry.sequence = sequence;
      // PostgreSQL's sequence relations have these three columns.
      entry.columns = {
          {"last_value", types::DataType::Int64(), types::PgTypeFor(types::DataType::Int64()), true,
           std::nullopt},
          {"log_cnt", types::DataType::Int64(), types::PgTypeFor(types::DataType::Int64()), true,
           std::nullopt},
          {"is_called", types::DataType::Boolean(), types::PgTypeFor(types::DataType::Boolean()),
           true, std::nullopt},
      };
      add(std::move(entry));
      if (sequence.identity.empty()) continue;
      for (RelationEntry& table : snapshot->relations_) {
        if (table.kind != 'r' || table.database != db || table.name != sequence.owner_table) {
          continue;
        }
        for (ColumnEntry& column : table.columns) {
          if (column.name == sequence.owner_column) {
            column.identity = sequence.identity == "always" ? 'a' : 'd';
          }
        }
      }
    }
  }

  for (size_t i = 0; i < snapshot->relations_.size(); ++i) {
    snapshot->relation_by_oid_[snapshot->relations_[i].oid] = i;
  }
  for (size_t i = 0; i < snapshot->constraints_.size(); ++i) {
    snapshot->constraint_by_oid_[snapshot->constraints_[i].oid] = i;
  }
  for (size_t i = 0; i < snapshot->roles_.size(); ++i) {
    snapshot->role_by_oid_[snapshot->roles_[i].oid] = i;
  }
  return snapshot;
}

const RelationEntry* CatalogSnapshot::FindRelation(uint32_t oid) const {
  const auto found = relation_by_oid_.find(oid);
  return found == relation_by_oid_.end() ? nullptr : &relations_[found->second];
}

const RelationEntry* CatalogSnapshot::FindRelation(std::string_view schema,
                                                   std::string_view name) const {
  for (const RelationEntry& relation : relations_) {
    if (relation.name != name) continue;
    if (schema.empty() ? Visible(relation) : relation.namespace_name == schema) return &relation;
  }
  return nullptr;
}

const ConstraintEntry* CatalogSnapshot::FindConstraint(uint32_t oid) const {
  const auto found = constraint_by_oid_.find(oid);
  return found == constraint_by_oid_.end() ? nullptr : &constraints_[found->second];
}

const RoleEntry* CatalogSnapshot::FindRole(uint32_t oid) const {
  const auto found = role_by_oid_.find(oid);
  return found == role_by_oid_.end() ? nullptr : &roles_[found->second];
}

const RoleEntry* CatalogSnapshot::FindRole(std::string_view name) const {
  for (const RoleEntry& role : roles_) {
    if (role.user.name == name) return &role;
  }
  return nullptr;
}

const NamespaceEntry* CatalogSnapshot::FindNamespace(std::string_view name) const {
  for (const NamespaceEntry& space : namespaces_) {
    if (space.name == name) return &space;
  }
  return nullptr;
}

std::string CatalogSnapshot::owner_name() const {
  const RoleEntry* owner = FindRole(owner_oid());
  return owner == nullptr ? std::string() : owner->user.name;
}

bool CatalogSnapshot::Visible(const RelationEntry& relation) const {
  if (relation.namespace_oid == catalog_oid::kPgCatalogNamespace ||
      relation.namespace_oid == catalog_oid::kPublicNamespace) {
    return true;
  }
  return !context_.temp_database.empty() && relation.database == context_.temp_database;
}

std::string CatalogSnapshot::IndexDefinition(const RelationEntry& index) const {
  const RelationEntry* table = FindRelation(index.index_table_oid);
  if (table == nullptr) return "";
  return std::string(index.index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") +
         sql::QuoteIdentifierIfNeeded(index.name) + " ON " +
         sql::QuoteIdentifierIfNeeded(table->namespace_name) + "." +
         sql::QuoteIdentifierIfNeeded(table->name) + " USING " + index.index.method + " (" +
         ColumnList(*table, index.index_keys) + ")";
}

}  // namespace boyodb::engine
