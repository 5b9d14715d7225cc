// information_schema, the SQL standard's catalog views, with PostgreSQL 15's columns (the
// ones clients read; the standard's domains sql_identifier, cardinal_number and yes_or_no
// are text and integer here): schemata, tables, columns, views, table_constraints,
// key_column_usage and sequences.
#include "engine/catalog_relations/catalog_columns.h"

namespace boyodb::engine {

namespace {

using namespace catalog_columns;

constexpr int32_t kVarlenaHeaderSize = 4;
constexpr int32_t kMaxBytesPerCharacter = 4;  // UTF-8
constexpr int64_t kTextOctetLength = 1073741824;

std::string YesNo(bool yes) { return yes ? "YES" : "NO"; }

bool IsUserRelation(const RelationEntry& relation) { return !relation.database.empty(); }

void SchemataRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  const std::string owner = snapshot.owner_name();
  for (const NamespaceEntry& space : snapshot.namespaces()) {
    rows.Add({snapshot.context().catalog, space.name, owner, std::nullopt, std::nullopt,
              std::nullopt, std::nullopt});
  }
}

void TableRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& relation : snapshot.relations()) {
    if (relation.kind != 'r' && relation.kind != 'v') continue;
    std::string type = relation.kind == 'v' ? "VIEW" : "BASE TABLE";
    if (relation.kind == 'r' && relation.database.starts_with("pg_temp_")) {
      type = "LOCAL TEMPORARY";
    }
    rows.Add({snapshot.context().catalog, relation.namespace_name, relation.name, type,
              YesNo(relation.kind == 'r' && IsUserRelation(relation)), "NO"});
  }
}

// The columns of information_schema.columns that describe a type, as PostgreSQL computes
// them from atttypid and atttypmod.
struct TypeFacts {
  std::string data_type;
  std::optional<int64_t> character_maximum_length;
  std::optional<int64_t> character_octet_length;
  std::optional<int64_t> numeric_precision;
  std::optional<int64_t> numeric_precision_radix;
  std::optional<int64_t> numeric_scale;
  std::optional<int64_t> datetime_precision;
  std::string udt_name;
};

TypeFacts FactsOf(const types::PgTypeInfo& type) {
  namespace oid = types::pg_oid;
  TypeFacts facts;
  const types::PgTypeRow* row = types::FindPgType(type.oid);
  facts.udt_name = row == nullptr ? std::string() : std::string(row->name);
  facts.data_type = row != nullptr && row->category == 'A' ? std::string("ARRAY")
                                                           : types::FormatPgType(type.oid, -1);
  if (type.oid == oid::kBpchar) facts.data_type = "character";  // format_type says "bpchar"
  switch (type.oid) {
    case oid::kInt2:
      facts.numeric_precision = 16;
      break;
    case oid::kInt4:
      facts.numeric_precision = 32;
      break;
    case oid::kInt8:
      facts.numeric_precision = 64;
      break;
    case oid::kFloat4:
      facts.numeric_precision = 24;
      break;
    case oid::kFloat8:
      facts.numeric_precision = 53;
      break;
    case oid::kNumeric:
      facts.numeric_precision_radix = 10;
      if (type.typmod >= kVarlenaHeaderSize) {
        const int32_t packed = type.typmod - kVarlenaHeaderSize;
        facts.numeric_precision = (packed >> 16) & 0xffff;
        facts.numeric_scale = packed & 0xffff;
      }
      break;
    case oid::kVarchar:
    case oid::kBpchar:
      if (type.typmod >= kVarlenaHeaderSize) {
        facts.character_maximum_length = type.typmod - kVarlenaHeaderSize;
        facts.character_octet_length = *facts.character_maximum_length * kMaxBytesPerCharacter;
      } else {
        facts.character_octet_length = kTextOctetLength;
      }
      break;
    case oid::kText:
      facts.character_octet_length = kTextOctetLength;
      break;
    case oid::kDate:
      facts.datetime_precision = 0;
      break;
    case oid::kTime:
    case oid::kTimestamp:
    case oid::kTimestampTz:
    case oid::kInterval:
      facts.datetime_precision = 6;
      break;
    default:
      break;
  }
  if (type.oid == oid::kInt2 || type.oid == oid::kInt4 || type.oid == oid::kInt8) {
    facts.numeric_precision_radix = 2;
    facts.numeric_scale = 0;
  } else if (type.oid == oid::kFloat4 || type.oid == oid::kFloat8) {
    facts.numeric_precision_radix = 2;
  }
  return facts;
}

void ColumnRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& relation : snapshot.relations()) {
    if (relation.kind != 'r' && relation.kind != 'v') continue;
    for (size_t i = 0; i < relation.columns.size(); ++i) {
      const ColumnEntry& column = relation.columns[i];
      const TypeFacts facts = FactsOf(column.pg_type);
      rows.Add({snapshot.context().catalog,
                relation.namespace_name,
                relation.name,
                column.name,
                static_cast<int64_t>(i + 1),
                column.default_text,
                YesNo(!column.not_null),
                facts.data_type,
                facts.character_maximum_length,
                facts.character_octet_length,
                facts.numeric_precision,
                facts.numeric_precision_radix,
                facts.numeric_scale,
                facts.datetime_precision,
                snapshot.context().catalog,
                "pg_catalog",
                facts.udt_name,
                std::to_string(i + 1),
                YesNo(column.identity != 0),
                column.identity == 0
                    ? CatalogCell()
                    : CatalogCell(column.identity == 'a' ? "ALWAYS" : "BY DEFAULT"),
                "NEVER",
                YesNo(relation.kind == 'r' && IsUserRelation(relation))});
    }
  }
}

void ViewRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& relation : snapshot.relations()) {
    if (relation.kind != 'v' || !IsUserRelation(relation)) continue;
    rows.Add({snapshot.context().catalog, relation.namespace_name, relation.name,
              relation.view_query, "NONE", "NO", "NO"});
  }
}

std::string ConstraintType(char type) {
  switch (type) {
    case 'p':
      return "PRIMARY KEY";
    case 'u':
      return "UNIQUE";
    default:
      return "CHECK";
  }
}

void TableConstraintRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  const std::string& catalog = snapshot.context().catalog;
  for (const ConstraintEntry& constraint : snapshot.constraints()) {
    const RelationEntry* table = snapshot.FindRelation(constraint.relation_oid);
    if (table == nullptr) continue;
    rows.Add({catalog, table->namespace_name, constraint.name, catalog, table->namespace_name,
              table->name, ConstraintType(constraint.type), "NO", "NO", "YES"});
  }
}

void KeyColumnUsageRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  const std::string& catalog = snapshot.context().catalog;
  for (const ConstraintEntry& constraint : snapshot.constraints()) {
    if (constraint.type == 'c') continue;
    const RelationEntry* table = snapshot.FindRelation(constraint.relation_oid);
    if (table == nullptr) continue;
    for (size_t i = 0; i < constraint.keys.size(); ++i) {
      const size_t column = static_cast<size_t>(constraint.keys[i] - 1);
      if (column >= table->columns.size()) continue;
      rows.Add({catalog, table->namespace_name, constraint.name, catalog, table->namespace_name,
                table->name, table->columns[column].name, static_cast<int64_t>(i + 1),
                std::nullopt});
    }
  }
}

void SequenceRows(const CatalogSnapshot& snapshot, CatalogRows& rows) {
  for (const RelationEntry& relation : snapshot.relations()) {
    if (relation.kind != 'S') continue;
    const SequenceInfo& sequence = relation.sequence;
    const uint32_t type = SequenceTypeOid(sequence);
    const int64_t bits = type == types::pg_oid::kInt2 ? 16 : type == types::pg_oid::kInt4 ? 32 : 64;
    rows.Add({snapshot.context().catalog, relation.namespace_name, relation.name,
              types::FormatPgType(type, -1), bits, 2, 0, std::to_string(sequence.start),
              std::to_string(sequence.min_value), std::to_string(sequence.max_value),
              std::to_string(sequence.increment), YesNo(sequence.cycle)});
  }
}

}  // namespace

std::vector<VirtualRelation> InformationSchemaRelations() {
  std::vector<VirtualRelation> out;
  out.push_back({"information_schema", "schemata", 'v',
                 Columns({{"catalog_name", Text()},
                          {"schema_name", Text()},
                          {"schema_owner", Text()},
                          {"default_character_set_catalog", Text()},
                          {"default_character_set_schema", Text()},
                          {"default_character_set_name", Text()},
                          {"sql_path", Text()}}),
                 SchemataRows});
  out.push_back({"information_schema", "tables", 'v',
                 Columns({{"table_catalog", Text()},
                          {"table_schema", Text()},
                          {"table_name", Text()},
                          {"table_type", Text()},
                          {"is_insertable_into", Text()},
                          {"is_typed", Text()}}),
                 TableRows});
  out.push_back({"information_schema", "columns", 'v',
                 Columns({{"table_catalog", Text()},
                          {"table_schema", Text()},
                          {"table_name", Text()},
                          {"column_name", Text()},
                          {"ordinal_position", Int4()},
                          {"column_default", Text()},
                          {"is_nullable", Text()},
                          {"data_type", Text()},
                          {"character_maximum_length", Int4()},
                          {"character_octet_length", Int4()},
                          {"numeric_precision", Int4()},
                          {"numeric_precision_radix", Int4()},
                          {"numeric_scale", Int4()},
                          {"datetime_precision", Int4()},
                          {"udt_catalog", Text()},
                          {"udt_schema", Text()},
                          {"udt_name", Text()},
                          {"dtd_identifier", Text()},
                          {"is_identity", Text()},
                          {"identity_generation", Text()},
                          {"is_generated", Text()},
                          {"is_updatable", Text()}}),
                 ColumnRows});
  out.push_back({"information_schema", "views", 'v',
                 Columns({{"table_catalog", Text()},
                          {"table_schema", Text()},
                          {"table_name", Text()},
                          {"view_definition", Text()},
                          {"check_option", Text()},
                          {"is_updatable", Text()},
                          {"is_insertable_into", Text()}}),
                 ViewRows});
  out.push_back({"information_schema", "table_constraints", 'v',
                 Columns({{"constraint_catalog", Text()},
                          {"constraint_schema", Text()},
                          {"constraint_name", Text()},
                          {"table_catalog", Text()},
                          {"table_schema", Text()},
                          {"table_name", Text()},
                          {"constraint_type", Text()},
                          {"is_deferrable", Text()},
                          {"initially_deferred", Text()},
                          {"enforced", Text()}}),
                 TableConstraintRows});
  out.push_back({"information_schema", "key_column_usage", 'v',
                 Columns({{"constraint_catalog", Text()},
                          {"constraint_schema", Text()},
                          {"constraint_name", Text()},
                          {"table_catalog", Text()},
                          {"table_schema", Text()},
                          {"table_name", Text()},
                          {"column_name", Text()},
                          {"ordinal_position", Int4()},
                          {"position_in_unique_constraint", Int4()}}),
                 KeyColumnUsageRows});
  out.push_back({"information_schema", "sequences", 'v',
                 Columns({{"sequence_catalog", Text()},
                          {"sequence_schema", Text()},
                          {"sequence_name", Text()},
                          {"data_type", Text()},
                          {"numeric_precision", Int4()},
                          {"numeric_precision_radix", Int4()},
                          {"numeric_scale", Int4()},
                          {"start_value", Text()},
                          {"minimum_value", Text()},
                          {"maximum_value", Text()},
                          {"increment", Text()},
                          {"cycle_option", Text()}}),
                 SequenceRows});
  return out;
}

}  // namespace boyodb::engine
