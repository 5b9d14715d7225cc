#include "engine/catalog_relations/snapshot_catalog_lookup.h"

#include "sql/parser/identifier_quoting.h"

namespace boyodb::engine {

Result<const CatalogSnapshot*> SnapshotCatalogLookup::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (snapshot_ == nullptr) {
    BOYO_ASSIGN_OR_RETURN(snapshot_, CatalogSnapshot::Build(database_, context_));
  }
  return snapshot_.get();
}

Result<std::optional<std::string>> SnapshotCatalogLookup::RoleName(uint32_t oid) const {
  BOYO_ASSIGN_OR_RETURN(const CatalogSnapshot* catalog, snapshot());
  const RoleEntry* role = catalog->FindRole(oid);
  return role == nullptr ? std::optional<std::string>() : std::optional(role->user.name);
}

Result<std::optional<uint32_t>> SnapshotCatalogLookup::RoleOid(std::string_view name) const {
  BOYO_ASSIGN_OR_RETURN(const CatalogSnapshot* catalog, snapshot());
  const RoleEntry* role = catalog->FindRole(name);
  return role == nullptr ? std::optional<uint32_t>() : std::optional(role->oid);
}

Result<std::optional<uint32_t>> SnapshotCatalogLookup::RelationOid(std::string_view schema,
                                                                   std::string_view name) const {
  BOYO_ASSIGN_OR_RETURN(const CatalogSnapshot* catalog, snapshot());
  const RelationEntry* relation = catalog->FindRelation(schema, name);
  return relation == nullptr ? std::optional<uint32_t>() : std::optional(relation->oid);
}

Result<std::optional<bool>> SnapshotCatalogLookup::RelationVisible(uint32_t oid) const {
  BOYO_ASSIGN_OR_RETURN(const CatalogSnapshot* catalog, snapshot());
  const RelationEntry* relation = catalog->FindRelation(oid);
  return relation == nullptr ? std::optional<bool>() : std::optional(catalog->Visible(*relation));
}

Result<std::optional<int64_t>> SnapshotCatalogLookup::RelationSize(uint32_t oid) const {
  BOYO_ASSIGN_OR_RETURN(const CatalogSnapshot* catalog, snapshot());
  const RelationEntry* relation = catalog->FindRelation(oid);
  return relation == nullptr ? std::optional<int64_t>() : std::optional(relation->bytes);
}

Result<std::optional<uint32_t>> SnapshotCatalogLookup::NamespaceOid(std::string_view name) const {
  BOYO_ASSIGN_OR_RETURN(const CatalogSnapshot* catalog, snapshot());
  const NamespaceEntry* space = catalog->FindNamespace(name);
  return space == nullptr ? std::optional<uint32_t>() : std::optional(space->oid);
}

Result<std::optional<std::string>> SnapshotCatalogLookup::SerialSequence(
    std::string_view schema, std::string_view table, std::string_view column) const {
  BOYO_ASSIGN_OR_RETURN(const CatalogSnapshot* catalog, snapshot());
  const RelationEntry* owner = catalog->FindRelation(schema, table);
  if (owner == nullptr) return std::optional<std::string>();
  for (const RelationEntry& relation : catalog->relations()) {
    if (relation.kind == 'S' && relation.database == owner->database &&
        relation.sequence.owner_table == owner->name && relation.sequence.owner_column == column) {
      return std::optional(sql::QuoteIdentifierIfNeeded(relation.namespace_name) + "." +
                           sql::QuoteIdentifierIfNeeded(relation.name));
    }
  }
  return std::optional<std::string>();
}

Result<std::optional<std::string>> SnapshotCatalogLookup::Definition(sql::DefinitionKind kind,
                                                                     uint32_t oid) const {
  BOYO_ASSIGN_OR_RETURN(const CatalogSnapshot* catalog, snapshot());
  if (kind == sql::DefinitionKind::kConstraint) {
    const ConstraintEntry* constraint = catalog->FindConstraint(oid);
    if (constraint == nullptr) return std::optional<std::string>();
    const RelationEntry* relation = catalog->FindRelation(constraint->relation_oid);
    if (relation == nullptr) return std::optional<std::string>();
    return std::optional(constraint->Definition(*relation));
  }
  const RelationEntry* relation = catalog->FindRelation(oid);
  if (relation == nullptr) return std::optional<std::string>();
  if (kind == sql::DefinitionKind::kIndex && relation->kind == 'i') {
    return std::optional(catalog->IndexDefinition(*relation));
  }
  if (kind == sql::DefinitionKind::kView && relation->kind == 'v' && !relation->database.empty()) {
    return std::optional(relation->view_query);
  }
  return std::optional<std::string>();
}

}  // namespace boyodb::engine
