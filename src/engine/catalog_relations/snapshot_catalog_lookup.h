// The engine's CatalogLookup: the catalog functions' answers from the CatalogSnapshot of one
// statement, built the first time a function or a scan of pg_catalog needs it, so a statement
// that never looks at the catalog never pays for it.
// Thread safety: safe to use from the statement's threads at once.
#pragma once

#include <memory>
#include <mutex>

#include "engine/catalog_relations/catalog_snapshot.h"
#include "sql/function/catalog_lookup.h"

namespace boyodb::engine {

class SnapshotCatalogLookup final : public sql::CatalogLookup {
 public:
  SnapshotCatalogLookup(const Database& database, CatalogContext context)
      : database_(database), context_(std::move(context)) {}

  /// The statement's snapshot (built at the first call; later calls return the same one).
  Result<const CatalogSnapshot*> snapshot() const;

  Result<std::optional<std::string>> RoleName(uint32_t oid) const override;
  Result<std::optional<uint32_t>> RoleOid(std::string_view name) const override;
  Result<std::optional<uint32_t>> RelationOid(std::string_view schema,
                                              std::string_view name) const override;
  Result<std::optional<bool>> RelationVisible(uint32_t oid) const override;
  Result<std::optional<int64_t>> RelationSize(uint32_t oid) const override;
  Result<std::optional<uint32_t>> NamespaceOid(std::string_view name) const override;
  Result<std::optional<std::string>> SerialSequence(std::string_view schema, std::string_view table,
                                                    std::string_view column) const override;
  Result<std::optional<std::string>> Definition(sql::DefinitionKind kind,
                                                uint32_t oid) const override;

 private:
  const Database& database_;
  CatalogContext context_;
  mutable std::mutex mutex_;
  mutable std::unique_ptr<CatalogSnapshot> snapshot_;
};

}  // namespace boyodb::engine
