// pg_catalog's convenience views over relations: pg_tables, pg_views, pg_indexes and
// pg_sequences, as PostgreSQL 15 defines them (system_views.sql), computed from the same
// snapshot as pg_class.
#include "engine/catalog_relations/catalog_columns.h"

namespace boyodb::engine::catalog_columns {

namespace {

void TableRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  const std::string owner = snapshot.owner_name();
  for (const RelationEntry& relation : snapshot.relations()) {
    if (relation.kind != 'r') continue;
    rows.Add({relation.namespace_name, relation.name, owner, std::nullopt, relation.has_index,
              false, false, false});
  }
}

void ViewRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  const std::string owner = snapshot.owner_name();
  for (const RelationEntry& relation : snapshot.relations()) {
    if (relation.kind != 'v' || relation.database.empty()) continue;
    rows.Add({relation.namespace_name, relation.name, owner, relation.view_query});
  }
}

void IndexRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& index : snapshot.relations()) {
    if (index.kind != 'i') continue;
    const RelationEntry* table = snapshot.FindRelation(index.index_table_oid);
    if (table == nullptr) continue;
    rows.Add({table->namespace_name, table->name, index.name, std::nullopt,
              snapshot.IndexDefinition(index)});
  }
}

void SequenceRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  const std::string owner = snapshot.owner_name();
  for (const RelationEntry& relation : snapshot.relations()) {
    if (relation.kind != 'S') continue;
    const SequenceInfo& sequence = relation.sequence;
    rows.Add({relation.namespace_name, relation.name, owner,
              types::FormatPgType(SequenceTypeOid(sequence), -1), sequence.start,
              sequence.min_value, sequence.max_value, sequence.increment, sequence.cycle, 1,
              sequence.called ? CatalogCell(sequence.last_value) : CatalogCell()});
  }
}

}  // namespace

std::vector<VirtualRelation> PgCatalogViewRelations() {
  std::vector<VirtualRelation> out;
  out.push_back({"pg_catalog", "pg_tables", 'v',
                 Columns({{"schemaname", Text()},
                          {"tablename", Text()},
                          {"tableowner", Text()},
                          {"tablespace", Text()},
                          {"hasindexes", Bool()},
                          {"hasrules", Bool()},
                          {"hastriggers", Bool()},
                          {"rowsecurity", Bool()}}),
                 TableRows});
  out.push_back({"pg_catalog", "pg_views", 'v',
                 Columns({{"schemaname", Text()},
                          {"viewname", Text()},
                          {"viewowner", Text()},
                          {"definition", Text()}}),
                 ViewRows});
  out.push_back({"pg_catalog", "pg_indexes", 'v',
                 Columns({{"schemaname", Text()},
                          {"tablename", Text()},
                          {"indexname", Text()},
                          {"tablespace", Text()},
                          {"indexdef", Text()}}),
                 IndexRows});
  out.push_back({"pg_catalog", "pg_sequences", 'v',
                 Columns({{"schemaname", Text()},
                          {"sequencename", Text()},
                          {"sequenceowner", Text()},
                          {"data_type", Text()},
                          {"start_value", Int8()},
                          {"min_value", Int8()},
                          {"max_value", Int8()},
                          {"increment_by", Int8()},
                          {"cycle", Bool()},
                          {"cache_size", Int8()},
                          {"last_value", Int8()}}),
                 SequenceRows});
  return out;
}

}  // namespace boyodb::engine::catalog_columns
