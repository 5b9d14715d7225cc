// Shorthands for declaring the columns of catalog relations with PostgreSQL's column types
// as BoyoDB holds them: oid as UINT32, name and "char" as TEXT, int2vector and oidvector as
// arrays.
// Thread safety: pure functions.
#pragma once

#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/catalog_relations/catalog_relations.h"

namespace boyodb::engine::catalog_columns {

inline types::DataType Oid() { return types::DataType::UInt32(); }
inline types::DataType Text() { return types::DataType::String(); }
inline types::DataType Bool() { return types::DataType::Boolean(); }
inline types::DataType Int2() { return types::DataType::Int16(); }
inline types::DataType Int4() { return types::DataType::Int32(); }
inline types::DataType Int8() { return types::DataType::Int64(); }
inline types::DataType Float4() { return types::DataType::Float32(); }
inline types::DataType TimestampTz() { return types::DataType::TimestampTz(); }
inline types::DataType OidArray() { return types::DataType::List(Oid()); }
inline types::DataType Int2Array() { return types::DataType::List(Int2()); }
inline types::DataType TextArray() { return types::DataType::List(Text()); }

/// A relation's columns, all nullable.
inline types::Schema Columns(
    std::initializer_list<std::pair<std::string_view, types::DataType>> columns) {
  std::vector<types::Field> fields;
  for (const auto& [name, type] : columns) fields.emplace_back(std::string(name), type, true);
  return types::Schema(std::move(fields));
}

/// pg_am OIDs of BoyoDB's access methods: heap for tables (PostgreSQL's 2), and the skip
/// index methods, numbered where PostgreSQL puts objects its initdb creates.
inline constexpr uint32_t kMinmaxAccessMethod = 12001;
inline constexpr uint32_t kBloomAccessMethod = 12002;
inline uint32_t AccessMethodOid(std::string_view method) {
  if (method == "minmax") return kMinmaxAccessMethod;
  if (method == "bloom") return kBloomAccessMethod;
  return 0;
}

// The relations of pg_catalog, by subject (pg_catalog_*.cc).
std::vector<VirtualRelation> PgCatalogClassRelations();
std::vector<VirtualRelation> PgCatalogTypeRelations();
/// Catalogs of features BoyoDB does not have (inheritance, policies, publications, comments,
/// user-defined functions...): their columns, so clients' queries bind, and no rows.
std::vector<VirtualRelation> PgCatalogUnusedRelations();
std::vector<VirtualRelation> PgCatalogRoleRelations();
std::vector<VirtualRelation> PgCatalogViewRelations();

}  // namespace boyodb::engine::catalog_columns
