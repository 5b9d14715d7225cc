// pg_catalog's relations about schemas and relations: pg_namespace, pg_class, pg_attribute,
// pg_attrdef, pg_index, pg_constraint, pg_sequence and pg_depend, with PostgreSQL 15's
// columns.
#include "engine/catalog_relations/catalog_columns.h"

namespace boyodb::engine::catalog_columns {

namespace {

bool IsTemporary(const RelationEntry& relation) {
  return relation.database.starts_with("pg_temp_");
}

void NamespaceRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const NamespaceEntry& space : snapshot.namespaces()) {
    rows.Add({space.oid, space.name, snapshot.owner_oid(), std::nullopt});
  }
}

void ClassRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& relation : snapshot.relations()) {
    uint32_t access_method = 0;
    if (relation.kind == 'r') access_method = catalog_oid::kHeapAccessMethod;
    if (relation.kind == 'i') access_method = AccessMethodOid(relation.index.method);
    constexpr int64_t kPageBytes = 8192;
    rows.Add({relation.oid,
              relation.name,
              relation.namespace_oid,
              0,  // reltype
              0,  // reloftype
              snapshot.owner_oid(),
              access_method,
              relation.kind == 'v' ? 0u : relation.oid,  // relfilenode
              0,                                         // reltablespace: the default
              (relation.bytes + kPageBytes - 1) / kPageBytes,
              relation.kind == 'r' ? static_cast<double>(relation.rows) : -1.0,
              0,  // relallvisible
              0,  // reltoastrelid
              relation.has_index,
              false,  // relisshared
              CatalogChar(IsTemporary(relation) ? 't' : 'p'),
              CatalogChar(relation.kind),
              static_cast<int64_t>(relation.columns.size()),
              relation.checks,
              false,  // relhasrules
              false,  // relhastriggers
              false,  // relhassubclass
              false,  // relrowsecurity
              false,  // relforcerowsecurity
              true,   // relispopulated
              CatalogChar(relation.kind == 'r' ? 'd' : 'n'),
              false,  // relispartition
              0,      // relrewrite
              std::nullopt,
              std::nullopt,
              std::nullopt});
  }
}

void AttributeRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& relation : snapshot.relations()) {
    for (size_t i = 0; i < relation.columns.size(); ++i) {
      const ColumnEntry& column = relation.columns[i];
      const types::PgTypeRow* type = types::FindPgType(column.pg_type.oid);
      const int16_t length = type == nullptr ? -1 : type->typlen;
      rows.Add({relation.oid,
                column.name,
                column.pg_type.oid,
                -1,  // attstattarget
                length,
                static_cast<int64_t>(i + 1),
                column.type.id() == types::TypeId::kList ? 1 : 0,
                -1,  // attcacheoff
                column.pg_type.typmod,
                type != nullptr && type->byval,
                CatalogChar(type == nullptr ? 'i' : type->align),
                CatalogChar(length > 0 ? 'p' : 'x'),
                "",  // attcompression
                column.not_null,
                column.default_text.has_value(),
                false,  // atthasmissing
                column.identity == 0 ? std::string() : CatalogChar(column.identity),
                "",     // attgenerated
                false,  // attisdropped
                true,   // attislocal
                0,      // attinhcount
                type != nullptr && type->category == 'S' ? catalog_oid::kDefaultCollation : 0u,
                std::nullopt,
                std::nullopt,
                std::nullopt});
    }
  }
}

void AttrdefRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& relation : snapshot.relations()) {
    if (relation.kind != 'r') continue;
    for (size_t i = 0; i < relation.columns.size(); ++i) {
      const ColumnEntry& column = relation.columns[i];
      if (!column.default_text) continue;
      // A default is one object per column; its OID follows from the column's.
      rows.Add({relation.oid + static_cast<uint32_t>(i + 1) * 0x10000u, relation.oid,
                static_cast<int64_t>(i + 1), *column.default_text});
    }
  }
}

void IndexRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& index : snapshot.relations()) {
    if (index.kind != 'i') continue;
    std::vector<int64_t> keys(index.index_keys.begin(), index.index_keys.end());
    const int64_t count = static_cast<int64_t>(keys.size());
    std::vector<int64_t> collations;
    std::vector<int64_t> classes(keys.size(), 0);
    std::vector<int64_t> options(keys.size(), 0);
    for (const ColumnEntry& column : index.columns) {
      const types::PgTypeRow* type = types::FindPgType(column.pg_type.oid);
      collations.push_back(type != nullptr && type->category == 'S' ? catalog_oid::kDefaultCollation
                                                                    : 0);
    }
    rows.Add({index.oid,
              index.index_table_oid,
              count,
              count,
              index.index.unique,
              false,  // indnullsnotdistinct
              index.index.primary_key,
              false,  // indisexclusion
              true,   // indimmediate
              false,  // indisclustered
              true,   // indisvalid
              false,  // indcheckxmin
              true,   // indisready
              true,   // indislive
              false,  // indisreplident
              keys,
              collations,
              classes,
              options,
              std::nullopt,
              std::nullopt});
  }
}

void ConstraintRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const ConstraintEntry& constraint : snapshot.constraints()) {
    std::vector<int64_t> keys(constraint.keys.begin(), constraint.keys.end());
    const RelationEntry* relation = snapshot.FindRelation(constraint.relation_oid);
    rows.Add({constraint.oid,
              constraint.name,
              constraint.namespace_oid,
              CatalogChar(constraint.type),
              false,  // condeferrable
              false,  // condeferred
              true,   // convalidated
              constraint.relation_oid,
              0,  // contypid
              constraint.index_oid,
              0,  // conparentid
              0,  // confrelid
              " ",
              " ",
              " ",
              true,   // conislocal
              0,      // coninhcount
              false,  // connoinherit
              constraint.type == 'c' ? CatalogCell() : CatalogCell(keys),
              std::nullopt,  // confkey
              constraint.type == 'c' && relation != nullptr ? CatalogCell(constraint.expression)
                                                            : CatalogCell()});
  }
}

void SequenceRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& relation : snapshot.relations()) {
    if (relation.kind != 'S') continue;
    const SequenceInfo& sequence = relation.sequence;
    rows.Add({relation.oid, SequenceTypeOid(sequence), sequence.start, sequence.increment,
              sequence.max_value, sequence.min_value, 1, sequence.cycle});
  }
}

// Sequences owned by a column (SERIAL 'a', identity 'i') depend on it.
void DependRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& relation : snapshot.relations()) {
    if (relation.kind != 'S' || relation.sequence.owner_table.empty()) continue;
    for (const RelationEntry& table : snapshot.relations()) {
      if (table.kind != 'r' || table.database != relation.database ||
          table.name != relation.sequence.owner_table) {
        continue;
      }
      for (size_t i = 0; i < table.columns.size(); ++i) {
        if (table.columns[i].name != relation.sequence.owner_column) continue;
        rows.Add({catalog_oid::kPgClassRelation, relation.oid, 0, catalog_oid::kPgClassRelation,
                  table.oid, static_cast<int64_t>(i + 1),
                  CatalogChar(relation.sequence.identity.empty() ? 'a' : 'i')});
      }
    }
  }
}

}  // namespace

std::vector<VirtualRelation> PgCatalogClassRelations() {
  std::vector<VirtualRelation> out;
  out.push_back(
      {"pg_catalog", "pg_namespace", 'r',
       Columns({{"oid", Oid()}, {"nspname", Text()}, {"nspowner", Oid()}, {"nspacl", TextArray()}}),
       NamespaceRows});
  out.push_back({"pg_catalog", "pg_class", 'r',
                 Columns({{"oid", Oid()},
                          {"relname", Text()},
                          {"relnamespace", Oid()},
                          {"reltype", Oid()},
                          {"reloftype", Oid()},
                          {"relowner", Oid()},
                          {"relam", Oid()},
                          {"relfilenode", Oid()},
                          {"reltablespace", Oid()},
                          {"relpages", Int4()},
                          {"reltuples", Float4()},
                          {"relallvisible", Int4()},
                          {"reltoastrelid", Oid()},
                          {"relhasindex", Bool()},
                          {"relisshared", Bool()},
                          {"relpersistence", Text()},
                          {"relkind", Text()},
                          {"relnatts", Int2()},
                          {"relchecks", Int2()},
                          {"relhasrules", Bool()},
                          {"relhastriggers", Bool()},
                          {"relhassubclass", Bool()},
                          {"relrowsecurity", Bool()},
                          {"relforcerowsecurity", Bool()},
                          {"relispopulated", Bool()},
                          {"relreplident", Text()},
                          {"relispartition", Bool()},
                          {"relrewrite", Oid()},
                          {"relacl", TextArray()},
                          {"reloptions", TextArray()},
                          {"relpartbound", Text()}}),
                 ClassRows});
  out.push_back(
      {"pg_catalog", "pg_attribute", 'r',
       Columns({{"attrelid", Oid()},           {"attname", Text()},     {"atttypid", Oid()},
                {"attstattarget", Int4()},     {"attlen", Int2()},      {"attnum", Int2()},
                {"attndims", Int4()},          {"attcacheoff", Int4()}, {"atttypmod", Int4()},
                {"attbyval", Bool()},          {"attalign", Text()},    {"attstorage", Text()},
                {"attcompression", Text()},    {"attnotnull", Bool()},  {"atthasdef", Bool()},
                {"atthasmissing", Bool()},     {"attidentity", Text()}, {"attgenerated", Text()},
                {"attisdropped", Bool()},      {"attislocal", Bool()},  {"attinhcount", Int4()},
                {"attcollation", Oid()},       {"attacl", TextArray()}, {"attoptions", TextArray()},
                {"attfdwoptions", TextArray()}}),
       AttributeRows});
  out.push_back(
      {"pg_catalog", "pg_attrdef", 'r',
       Columns({{"oid", Oid()}, {"adrelid", Oid()}, {"adnum", Int2()}, {"adbin", Text()}}),
       AttrdefRows});
  out.push_back({"pg_catalog", "pg_index", 'r',
                 Columns({{"indexrelid", Oid()},        {"indrelid", Oid()},
                          {"indnatts", Int2()},         {"indnkeyatts", Int2()},
                          {"indisunique", Bool()},      {"indnullsnotdistinct", Bool()},
                          {"indisprimary", Bool()},     {"indisexclusion", Bool()},
                          {"indimmediate", Bool()},     {"indisclustered", Bool()},
                          {"indisvalid", Bool()},       {"indcheckxmin", Bool()},
                          {"indisready", Bool()},       {"indislive", Bool()},
                          {"indisreplident", Bool()},   {"indkey", Int2Array()},
                          {"indcollation", OidArray()}, {"indclass", OidArray()},
                          {"indoption", Int2Array()},   {"indexprs", Text()},
                          {"indpred", Text()}}),
                 IndexRows});
  out.push_back(
      {"pg_catalog", "pg_constraint", 'r',
       Columns({{"oid", Oid()},           {"conname", Text()},       {"connamespace", Oid()},
                {"contype", Text()},      {"condeferrable", Bool()}, {"condeferred", Bool()},
                {"convalidated", Bool()}, {"conrelid", Oid()},       {"contypid", Oid()},
                {"conindid", Oid()},      {"conparentid", Oid()},    {"confrelid", Oid()},
                {"confupdtype", Text()},  {"confdeltype", Text()},   {"confmatchtype", Text()},
                {"conislocal", Bool()},   {"coninhcount", Int4()},   {"connoinherit", Bool()},
                {"conkey", Int2Array()},  {"confkey", Int2Array()},  {"conbin", Text()}}),
       ConstraintRows});
  out.push_back({"pg_catalog", "pg_sequence", 'r',
                 Columns({{"seqrelid", Oid()},
                          {"seqtypid", Oid()},
                          {"seqstart", Int8()},
                          {"seqincrement", Int8()},
                          {"seqmax", Int8()},
                          {"seqmin", Int8()},
                          {"seqcache", Int8()},
                          {"seqcycle", Bool()}}),
                 SequenceRows});
  out.push_back({"pg_catalog", "pg_depend", 'r',
                 Columns({{"classid", Oid()},
                          {"objid", Oid()},
                          {"objsubid", Int4()},
                          {"refclassid", Oid()},
                          {"refobjid", Oid()},
                          {"refobjsubid", Int4()},
                          {"deptype", Text()}}),
                 DependRows});
  return out;
}

}  // namespace boyodb::engine::catalog_columns
