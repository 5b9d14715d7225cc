// The system schema: BoyoDB's own view of its catalog, by database name, with what
// PostgreSQL's catalogs have no place for (ClickHouse's system database is the model):
// system.databases, system.tables (codec, sort key, rows and bytes), system.columns (BoyoDB's
// type and the SQL name shown for it), system.views, system.sequences, system.constraints,
// system.indexes, system.segments, system.users and system.grants. Password hashes are never
// shown.
#include "engine/catalog_relations/catalog_columns.h"
#include "formats/compression/codec.h"
#include "sql/binder/type_rules.h"

namespace boyodb::engine {

namespace {

using namespace catalog_columns;

bool IsTable(const RelationEntry& relation) {
  return relation.kind == 'r' && !relation.database.empty();
}

// A column's type as SQL names it in PostgreSQL ("bigint", "numeric(10,2)"); BoyoDB's own
// types keep their names ("uint32").
std::string SqlTypeName(const types::DataType& type) {
  if (type.id() == types::TypeId::kDecimal) {
    return "numeric(" + std::to_string(type.precision()) + "," + std::to_string(type.scale()) + ")";
  }
  return sql::PgTypeName(type);
}

void DatabaseRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const DatabaseEntry& database : snapshot.databases()) {
    int64_t tables = 0;
    for (const RelationEntry& relation : snapshot.relations()) {
      if (IsTable(relation) && relation.database == database.name) ++tables;
    }
    rows.Add({database.name, tables, database.name.starts_with("pg_temp_")});
  }
}

void TableRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& relation : snapshot.relations()) {
    if (!IsTable(relation)) continue;
    const TableInfo& table = relation.table;
    int64_t compressed = 0;
    int64_t uncompressed = 0;
    for (const SegmentInfo& segment : table.segments) {
      compressed += static_cast<int64_t>(segment.compressed_bytes);
      uncompressed += static_cast<int64_t>(segment.uncompressed_bytes);
    }
    rows.Add({table.database, table.table, static_cast<int64_t>(table.table_id),
              std::string(formats::CodecName(table.options.codec)), table.options.sort_key,
              static_cast<int64_t>(table.schema.num_fields()), table.total_rows,
              table.memtable_rows, static_cast<int64_t>(table.segments.size()), compressed,
              uncompressed});
  }
}

void ColumnRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& relation : snapshot.relations()) {
    if (!IsTable(relation)) continue;
    const TableOptions& options = relation.table.options;
    for (size_t i = 0; i < relation.columns.size(); ++i) {
      const ColumnEntry& column = relation.columns[i];
      const auto declared = options.declared_types.find(column.name);
      rows.Add(
          {relation.database, relation.name, column.name, static_cast<int64_t>(i + 1),
           column.type.ToString(),
           declared == options.declared_types.end() ? SqlTypeName(column.type) : declared->second,
           !column.not_null, column.default_text});
    }
  }
}

void ViewRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& relation : snapshot.relations()) {
    if (relation.kind != 'v' || relation.database.empty()) continue;
    rows.Add({relation.database, relation.name, relation.view_query});
  }
}

void SequenceRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& relation : snapshot.relations()) {
    if (relation.kind != 'S') continue;
    const SequenceInfo& sequence = relation.sequence;
    rows.Add({relation.database, relation.name, sequence.start, sequence.increment,
              sequence.min_value, sequence.max_value, sequence.cycle,
              sequence.owner_table.empty() ? CatalogCell() : CatalogCell(sequence.owner_table),
              sequence.owner_column.empty() ? CatalogCell() : CatalogCell(sequence.owner_column)});
  }
}

void ConstraintRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const ConstraintEntry& constraint : snapshot.constraints()) {
    const RelationEntry* table = snapshot.FindRelation(constraint.relation_oid);
    if (table == nullptr) continue;
    const char* type = constraint.type == 'p'   ? "PRIMARY KEY"
                       : constraint.type == 'u' ? "UNIQUE"
                                                : "CHECK";
    rows.Add({table->database, table->name, constraint.name, type, constraint.Definition(*table)});
  }
}

void SegmentRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& relation : snapshot.relations()) {
    if (!IsTable(relation)) continue;
    for (const SegmentInfo& segment : relation.table.segments) {
      rows.Add({relation.database, relation.name, static_cast<int64_t>(segment.segment_id),
                static_cast<int64_t>(segment.row_count), static_cast<int64_t>(segment.deleted_rows),
                static_cast<int64_t>(segment.compressed_bytes),
                static_cast<int64_t>(segment.uncompressed_bytes),
                static_cast<int64_t>(segment.checksum)});
    }
  }
}

void IndexRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& relation : snapshot.relations()) {
    if (relation.kind != 'i') continue;
    const IndexInfo& index = relation.index;
    rows.Add({index.database, index.table, index.name, index.method, index.columns, index.unique,
              index.primary_key});
  }
}

void UserRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RoleEntry& role : snapshot.roles()) {
    const UserInfo& user = role.user;
    rows.Add({user.name, user.superuser, user.login, user.create_db, user.create_user,
              user.member_of, !user.password_hash.empty()});
  }
}

// One row per privilege a role holds, with its scope: a table, a whole database (table
// NULL), or every database (both NULL; the built-in roles).
void GrantRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RoleEntry& role : snapshot.roles()) {
    for (const storage::PrivilegeGrant& grant : role.user.grants) {
      for (uint32_t bit = 0; bit < storage::privilege::kNumBits; ++bit) {
        const uint32_t privilege = 1u << bit;
        if ((grant.privileges & privilege) == 0) continue;
        rows.Add({role.user.name,
                  grant.database.empty() ? CatalogCell() : CatalogCell(grant.database),
                  grant.table.empty() ? CatalogCell() : CatalogCell(grant.table),
                  storage::PrivilegeName(privilege), (grant.grant_option & privilege) != 0});
      }
    }
  }
}

}  // namespace

std::vector<VirtualRelation> SystemRelations() {
  std::vector<VirtualRelation> out;
  out.push_back({"system", "databases", 'v',
                 Columns({{"name", Text()}, {"tables", Int8()}, {"is_temporary", Bool()}}),
                 DatabaseRows});
  out.push_back({"system", "tables", 'v',
                 Columns({{"database", Text()},
                          {"name", Text()},
                          {"table_id", Int8()},
                          {"codec", Text()},
                          {"sort_key", TextArray()},
                          {"columns", Int8()},
                          {"total_rows", Int8()},
                          {"memtable_rows", Int8()},
                          {"segments", Int8()},
                          {"compressed_bytes", Int8()},
                          {"uncompressed_bytes", Int8()}}),
                 TableRows});
  out.push_back({"system", "columns", 'v',
                 Columns({{"database", Text()},
                          {"table_name", Text()},
                          {"name", Text()},
                          {"position", Int4()},
                          {"type", Text()},
                          {"sql_type", Text()},
                          {"nullable", Bool()},
                          {"default_expression", Text()}}),
                 ColumnRows});
  out.push_back({"system", "views", 'v',
                 Columns({{"database", Text()}, {"name", Text()}, {"query", Text()}}), ViewRows});
  out.push_back({"system", "sequences", 'v',
                 Columns({{"database", Text()},
                          {"name", Text()},
                          {"start_value", Int8()},
                          {"increment", Int8()},
                          {"min_value", Int8()},
                          {"max_value", Int8()},
                          {"cycle", Bool()},
                          {"owner_table", Text()},
                          {"owner_column", Text()}}),
                 SequenceRows});
  out.push_back({"system", "constraints", 'v',
                 Columns({{"database", Text()},
                          {"table_name", Text()},
                          {"name", Text()},
                          {"type", Text()},
                          {"definition", Text()}}),
                 ConstraintRows});
  out.push_back({"system", "segments", 'v',
                 Columns({{"database", Text()},
                          {"table_name", Text()},
                          {"segment_id", Int8()},
                          {"rows", Int8()},
                          {"deleted_rows", Int8()},
                          {"compressed_bytes", Int8()},
                          {"uncompressed_bytes", Int8()},
                          {"checksum", Int8()}}),
                 SegmentRows});
  out.push_back({"system", "indexes", 'v',
                 Columns({{"database", Text()},
                          {"table_name", Text()},
                          {"name", Text()},
                          {"method", Text()},
                          {"columns", TextArray()},
                          {"is_unique", Bool()},
                          {"is_primary_key", Bool()}}),
                 IndexRows});
  out.push_back({"system", "users", 'v',
                 Columns({{"name", Text()},
                          {"superuser", Bool()},
                          {"login", Bool()},
                          {"create_db", Bool()},
                          {"create_user", Bool()},
                          {"member_of", TextArray()},
                          {"has_password", Bool()}}),
                 UserRows});
  out.push_back({"system", "grants", 'v',
                 Columns({{"role", Text()},
                          {"database", Text()},
                          {"table_name", Text()},
                          {"privilege", Text()},
                          {"grantable", Bool()}}),
                 GrantRows});
  return out;
}

}  // namespace boyodb::engine
