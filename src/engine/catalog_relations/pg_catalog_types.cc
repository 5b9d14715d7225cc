// pg_catalog's relations about types and storage: pg_type (the types of
// types/pg_type_catalog.h), pg_am (heap and BoyoDB's skip-index methods), pg_collation and
// pg_tablespace.
#include "engine/catalog_relations/catalog_columns.h"

namespace boyodb::engine::catalog_columns {

namespace {

void TypeRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const types::PgTypeRow& type : types::PgTypeRows()) {
    rows.Add({type.oid,
              type.name,
              catalog_oid::kPgCatalogNamespace,
              snapshot.owner_oid(),
              type.typlen,
              type.byval,
              CatalogChar(type.typtype),
              CatalogChar(type.category),
              type.preferred,
              true,  // typisdefined
              ",",   // typdelim
              0,     // typrelid
              type.element,
              type.array,
              CatalogChar(type.align),
              CatalogChar(type.typlen > 0 ? 'p' : 'x'),
              false,  // typnotnull
              0,      // typbasetype
              -1,     // typtypmod
              0,      // typndims
              type.category == 'S' ? catalog_oid::kDefaultCollation : 0u,
              std::nullopt,
              std::nullopt});
  }
}

void AccessMethodRows(const CatalogSnapshot&, CatalogRows& rows) {
  rows.Add({catalog_oid::kHeapAccessMethod, "heap", "heap_tableam_handler", CatalogChar('t')});
  rows.Add({kMinmaxAccessMethod, "minmax", "minmax_handler", CatalogChar('i')});
  rows.Add({kBloomAccessMethod, "bloom", "bloom_handler", CatalogChar('i')});
}

void CollationRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  // Text compares byte-wise, as PostgreSQL's C collation does; "default" is that one.
  rows.Add({catalog_oid::kDefaultCollation, "default", catalog_oid::kPgCatalogNamespace,
            snapshot.owner_oid(), CatalogChar('d'), true, -1, std::nullopt, std::nullopt});
  rows.Add({catalog_oid::kCCollation, "C", catalog_oid::kPgCatalogNamespace, snapshot.owner_oid(),
            CatalogChar('c'), true, -1, "C", "C"});
}

void TablespaceRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  rows.Add({catalog_oid::kDefaultTablespace, "pg_default", snapshot.owner_oid(), std::nullopt,
            std::nullopt});
  rows.Add({catalog_oid::kGlobalTablespace, "pg_global", snapshot.owner_oid(), std::nullopt,
            std::nullopt});
}

}  // namespace

std::vector<VirtualRelation> PgCatalogTypeRelations() {
  std::vector<VirtualRelation> out;
  out.push_back(
      {"pg_catalog", "pg_type", 'r',
       Columns({{"oid", Oid()},           {"typname", Text()},     {"typnamespace", Oid()},
                {"typowner", Oid()},      {"typlen", Int2()},      {"typbyval", Bool()},
                {"typtype", Text()},      {"typcategory", Text()}, {"typispreferred", Bool()},
                {"typisdefined", Bool()}, {"typdelim", Text()},    {"typrelid", Oid()},
                {"typelem", Oid()},       {"typarray", Oid()},     {"typalign", Text()},
                {"typstorage", Text()},   {"typnotnull", Bool()},  {"typbasetype", Oid()},
                {"typtypmod", Int4()},    {"typndims", Int4()},    {"typcollation", Oid()},
                {"typdefault", Text()},   {"typacl", TextArray()}}),
       TypeRows});
  out.push_back(
      {"pg_catalog", "pg_am", 'r',
       Columns({{"oid", Oid()}, {"amname", Text()}, {"amhandler", Text()}, {"amtype", Text()}}),
       AccessMethodRows});
  out.push_back({"pg_catalog", "pg_collation", 'r',
                 Columns({{"oid", Oid()},
                          {"collname", Text()},
                          {"collnamespace", Oid()},
                          {"collowner", Oid()},
                          {"collprovider", Text()},
                          {"collisdeterministic", Bool()},
                          {"collencoding", Int4()},
                          {"collcollate", Text()},
                          {"collctype", Text()}}),
                 CollationRows});
  out.push_back({"pg_catalog", "pg_tablespace", 'r',
                 Columns({{"oid", Oid()},
                          {"spcname", Text()},
                          {"spcowner", Oid()},
                          {"spcacl", TextArray()},
                          {"spcoptions", TextArray()}}),
                 TablespaceRows});
  return out;
}

}  // namespace boyodb::engine::catalog_columns
