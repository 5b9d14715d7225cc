// Views and skip indexes: catalog objects without data of their own. Each change is a WAL
// record (replayed over an older manifest) and a manifest version.
#include <algorithm>

#include "catalog/catalog.h"
#include "common/sqlstate.h"
#include "engine/database_impl.h"
#include "storage/wal/payload_codec.h"

namespace boyodb::engine {

using storage::Manifest;
namespace wal = storage::wal;

namespace {

Status WrongObjectType(std::string_view name, std::string_view kind) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kWrongObjectType,
                "\"" + std::string(name) + "\" is not " + std::string(kind));
}

}  // namespace

Status DatabaseImpl::CreateView(const ViewInfo& view, bool or_replace) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  BOYO_RETURN_IF_ERROR(catalog::ValidateName("view", view.name));
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  Manifest next = *manifest_store_->current();
  BOYO_RETURN_IF_ERROR(catalog::RequireDatabase(next, view.database));
  const catalog::RelationKind existing = catalog::FindRelation(next, view.database, view.name);
  if (existing != catalog::RelationKind::kNone &&
      !(or_replace && existing == catalog::RelationKind::kView)) {
    if (or_replace) return WrongObjectType(view.name, "a view");
    return catalog::RequireFreeName(next, view.database, view.name);
  }
  BOYO_RETURN_IF_ERROR(wal_->Append(wal::RecordType::kCreateView, storage::ViewEntryToJson(view)));
  catalog::PutView(&next, view);
  return PublishLocked(std::move(next));
}

Status DatabaseImpl::DropView(std::string_view database, std::string_view name, bool if_exists) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  Manifest next = *manifest_store_->current();
  BOYO_RETURN_IF_ERROR(catalog::RequireDatabase(next, database));
  const catalog::RelationKind existing = catalog::FindRelation(next, database, name);
  if (existing != catalog::RelationKind::kView) {
    if (existing != catalog::RelationKind::kNone) return WrongObjectType(name, "a view");
    if (if_exists) return Status::OK();
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                  "view \"" + std::string(name) + "\" does not exist");
  }
  BOYO_RETURN_IF_ERROR(
      wal_->Append(wal::RecordType::kDropView, wal::EncodeObjectName(database, name)));
  catalog::EraseView(&next, database, name);
  return PublishLocked(std::move(next));
}

Result<std::optional<ViewInfo>> DatabaseImpl::FindView(std::string_view database,
                                                       std::string_view name) const {
  const std::shared_ptr<const Manifest> manifest = manifest_store_->current();
  BOYO_RETURN_IF_ERROR(catalog::RequireDatabase(*manifest, database));
  const storage::ViewEntry* view = manifest->FindView(database, name);
  if (view == nullptr) return std::optional<ViewInfo>();
  return std::optional<ViewInfo>(*view);
}

Result<std::vector<ViewInfo>> DatabaseImpl::ListViews(std::string_view database) const {
  const std::shared_ptr<const Manifest> manifest = manifest_store_->current();
  BOYO_RETURN_IF_ERROR(catalog::RequireDatabase(*manifest, database));
  std::vector<ViewInfo> views;
  for (const storage::ViewEntry& view : manifest->views) {
    if (view.database == database) views.push_back(view);
  }
  std::sort(views.begin(), views.end(),
            [](const ViewInfo& a, const ViewInfo& b) { return a.name < b.name; });
  return views;
}

Result<std::vector<SequenceInfo>> DatabaseImpl::ListSequences(std::string_view database) const {
  const std::shared_ptr<const Manifest> manifest = manifest_store_->current();
  BOYO_RETURN_IF_ERROR(catalog::RequireDatabase(*manifest, database));
  std::vector<SequenceInfo> sequences;
  for (const storage::SequenceEntry& sequence : manifest->sequences) {
    if (sequence.database == database) sequences.push_back(sequence);
  }
  std::sort(sequences.begin(), sequences.end(),
            [](const SequenceInfo& a, const SequenceInfo& b) { return a.name < b.name; });
  return sequences;
}

Status DatabaseImpl::CreateIndex(const IndexInfo& index, bool if_not_exists) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  BOYO_RETURN_IF_ERROR(catalog::ValidateName("index", index.name));
  if (index.method != "minmax" && index.method != "bloom") {
    return Status(StatusCode::kInvalidArgument, sqlstate::kUndefinedObject,
                  "access method \"" + index.method + "\" does not exist");
  }
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  Manifest next = *manifest_store_->current();
  BOYO_ASSIGN_OR_RETURN(const storage::TableEntry* table,
                        catalog::ResolveTable(next, index.database, index.table));
  for (const std::string& column : index.columns) {
    if (table->schema.FieldIndex(column) < 0) {
      return Status(StatusCode::kNotFound, sqlstate::kUndefinedColumn,
                    "column \"" + column + "\" does not exist");
    }
  }
  if (catalog::FindRelation(next, index.database, index.name) != catalog::RelationKind::kNone) {
    if (if_not_exists) return Status::OK();
    return catalog::RequireFreeName(next, index.database, index.name);
  }
  BOYO_RETURN_IF_ERROR(
      wal_->Append(wal::RecordType::kCreateIndex, storage::IndexEntryToJson(index)));
  catalog::PutIndex(&next, index);
  return PublishLocked(std::move(next));
}

Status DatabaseImpl::DropIndex(std::string_view database, std::string_view name, bool if_exists) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  Manifest next = *manifest_store_->current();
  BOYO_RETURN_IF_ERROR(catalog::RequireDatabase(next, database));
  const catalog::RelationKind existing = catalog::FindRelation(next, database, name);
  if (existing != catalog::RelationKind::kIndex) {
    if (existing != catalog::RelationKind::kNone) return WrongObjectType(name, "an index");
    if (if_exists) return Status::OK();
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedObject,
                  "index \"" + std::string(name) + "\" does not exist");
  }
  BOYO_RETURN_IF_ERROR(
      wal_->Append(wal::RecordType::kDropIndex, wal::EncodeObjectName(database, name)));
  catalog::EraseIndex(&next, database, name);
  return PublishLocked(std::move(next));
}

std::vector<IndexInfo> DatabaseImpl::ListIndexes(std::string_view database,
                                                 std::string_view table) const {
  std::vector<IndexInfo> indexes;
  for (const storage::IndexEntry& index : manifest_store_->current()->indexes) {
    if (index.database == database && index.table == table) indexes.push_back(index);
  }
  return indexes;
}

}  // namespace boyodb::engine
