// Database::AlterTable: ADD, DROP and RENAME COLUMN and ADD and DROP CONSTRAINT (CHECK) as one
// WAL record and one manifest version, without rewriting segments
// (docs/design/alter_table.md).
#include <chrono>
#include <thread>

#include "catalog/catalog.h"
#include "engine/check_constraints.h"
#include "engine/column_change.h"
#include "engine/database_impl.h"
#include "functions/function_registry.h"
#include "storage/wal/payload_codec.h"

namespace boyodb::engine {

namespace {

// 23514 when a row of `store`'s table makes `check` FALSE.
Status CheckExistingRows(const storage::TableStore& store, const storage::CheckConstraint& check) {
  const storage::TableEntry& table = store.entry();
  BOYO_ASSIGN_OR_RETURN(const CheckConstraints checks,
                        CheckConstraints::Bind(table.table, table.schema, {check},
                                               functions::FunctionRegistry::Builtins()));
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<TableScan> scan,
                        ScanSnapshot(store, store.Snapshot(), ScanSpec{}));
  while (true) {
    BOYO_ASSIGN_OR_RETURN(std::optional<columnar::Chunk> rows, scan->Next());
    if (!rows) return Status::OK();
    BOYO_RETURN_IF_ERROR(checks.Check(*rows, CheckConstraints::Rows::kExisting));
  }
}

}  // namespace

Status DatabaseImpl::AlterTable(std::string_view database, std::string_view table,
                                const ColumnChange& change) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::shared_ptr<storage::TableStore> store = FindStore(database, table);
  if (!store) return catalog::ResolveTable(*manifest_store_->current(), database, table).status();
  // No UPDATE or DELETE of the table runs meanwhile.
  std::unique_lock<std::timed_mutex> mutation = store->MutationGuard();
  while (true) {
    // With appends and flushes excluded, every row is in the memtable or in a segment, and
    // memtable rows can be laid out anew in the same step as the schema changes.
    std::unique_lock<std::shared_mutex> exclusive = store->ExclusiveGuard();
    if (store->retired()) {
      // Another ALTER TABLE replaced the store while this one waited: use the new one.
      exclusive.unlock();
      mutation.unlock();
      store = FindStore(database, table);
      if (!store) {
        return catalog::ResolveTable(*manifest_store_->current(), database, table).status();
      }
      mutation = store->MutationGuard();
      continue;
    }
    if (store->flush_running()) {
      exclusive.unlock();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    if (change.kind == ColumnChange::Kind::kAddCheck) {
      // Every row already in the table must pass the new constraint; appends and flushes
      // wait meanwhile, so none slips past it.
      BOYO_RETURN_IF_ERROR(ApplyColumnChange(store->entry(), {}, change, true));
      BOYO_RETURN_IF_ERROR(CheckExistingRows(*store, change.check));
    }
    std::lock_guard<std::mutex> lock(catalog_mutex_);
    storage::Manifest next = *manifest_store_->current();
    BOYO_ASSIGN_OR_RETURN(const storage::TableEntry* current,
                          catalog::ResolveTable(next, database, table));
    if (current->table_id != store->entry().table_id) {
      return Status::Internal("table \"" + std::string(database) + "." + std::string(table) +
                              "\" changed during ALTER TABLE");
    }
    bool has_rows = store->memtable_rows() > 0;
    for (const storage::SegmentEntry& segment : next.entries) {
      if (segment.table_id == current->table_id && segment.row_count > segment.deleted_rows) {
        has_rows = true;
      }
    }
    std::vector<storage::IndexEntry> indexes;
    for (const storage::IndexEntry& index : next.indexes) {
      if (index.database == database && index.table == table) indexes.push_back(index);
    }
    BOYO_ASSIGN_OR_RETURN(AlteredTable altered,
                          ApplyColumnChange(*current, indexes, change, has_rows));
    std::shared_ptr<storage::TableStore> replacement = store->Altered(altered.entry);
    // Rows still in the memtable go to a segment of the new layout, so that no WAL record
    // older than this change ever needs replaying under the new schema.
    std::vector<columnar::Chunk> converted;
    const std::shared_ptr<const storage::TableSnapshot> snapshot = store->Snapshot();
    for (const columnar::Chunk& rows : snapshot->memtable) {
      BOYO_ASSIGN_OR_RETURN(columnar::Chunk laid_out,
                            ConvertMemtableRows(rows, change.kind, altered));
      converted.push_back(std::move(laid_out));
    }
    storage::wal::AlterTablePayload payload{altered.entry, altered.indexes, std::nullopt};
    if (!converted.empty()) {
      const columnar::Chunk all =
          converted.size() == 1 ? converted.front()
                                : columnar::ConcatenateChunks(replacement->schema(), converted);
      BOYO_ASSIGN_OR_RETURN(payload.segment, WriteSegmentFor(*replacement, all));
      payload.segment->version_added = next.version + 1;
    }
    const Result<uint64_t> lsn = wal_->Append(storage::wal::RecordType::kAlterTable,
                                              storage::wal::EncodeAlterTable(payload));
    BOYO_RETURN_IF_ERROR(lsn.status());
    altered.entry.replay_from_lsn = *lsn + 1;
    for (storage::TableEntry& entry : next.tables) {
      if (entry.table_id == altered.entry.table_id) entry = altered.entry;
    }
    std::erase_if(next.indexes, [&](const storage::IndexEntry& index) {
      return index.database == database && index.table == table;
    });
    next.indexes.insert(next.indexes.end(), altered.indexes.begin(), altered.indexes.end());
    // The new store's entry must carry the new replay point too.
    replacement = store->Altered(altered.entry);
    if (payload.segment) {
      next.entries.push_back(*payload.segment);
      replacement->AddSegment(*payload.segment);
    }
    store->Retire();
    stores_[std::string(database) + "." + std::string(table)] = replacement;
    return PublishLocked(std::move(next));
  }
}

}  // namespace boyodb::engine
