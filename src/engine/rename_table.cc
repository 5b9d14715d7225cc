// Database::RenameTable: ALTER TABLE ... RENAME TO as one WAL record and one manifest version.
// The table keeps its id, its rows (segments and memtable) and its directory; its indexes,
// owned sequences and the views that name it follow it.
#include <chrono>
#include <thread>

#include "catalog/catalog.h"
#include "common/logging.h"
#include "common/sqlstate.h"
#include "engine/database_impl.h"
#include "sql/parser/rename_references.h"
#include "storage/wal/payload_codec.h"

namespace boyodb::engine {

using storage::Manifest;
using storage::TableEntry;
using storage::TableStore;
namespace wal = storage::wal;

namespace {

// The rename's WAL record for `table`, renamed `new_name` in `manifest`: what follows it is
// listed, views rewritten. A view whose definition no longer parses is left as it is (it
// cannot be used anyway).
Result<wal::RenameTablePayload> PlanRename(const Manifest& manifest, const TableEntry& table,
                                           std::string_view new_name) {
  wal::RenameTablePayload rename;
  rename.table_id = table.table_id;
  rename.database = table.database;
  rename.old_name = table.table;
  rename.new_name = std::string(new_name);
  // Segments stay in their directory; it is named after the table only while the names agree.
  if (table.SegmentDirName() != new_name) rename.storage_dir = table.SegmentDirName();
  for (const storage::IndexEntry& index : manifest.indexes) {
    if (index.database == table.database && index.table == table.table) {
      rename.indexes.push_back(index.name);
    }
  }
  for (const storage::SequenceEntry& sequence : manifest.sequences) {
    if (sequence.database == table.database && sequence.owner_table == table.table) {
      rename.sequences.push_back(sequence.name);
    }
  }
  const sql::TableRename names{table.database, table.table, std::string(new_name)};
  for (const storage::ViewEntry& view : manifest.views) {
    Result<std::optional<std::string>> rewritten =
        sql::RenameTableInView(view.definition, view.database, names);
    if (!rewritten.ok()) {
      if (rewritten.status().code() == StatusCode::kInternal) return rewritten.status();
      log::Warn("view \"{}.{}\" is not rewritten for the rename of \"{}\": {}", view.database,
                view.name, table.table, rewritten.status().FullMessage());
      continue;
    }
    if (!*rewritten) continue;
    storage::ViewEntry changed = view;
    changed.definition = std::move(**rewritten);
    rename.views.push_back(std::move(changed));
  }
  return rename;
}

}  // namespace

Status DatabaseImpl::RenameTable(std::string_view database, std::string_view table,
                                 std::string_view new_name) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  BOYO_RETURN_IF_ERROR(catalog::ValidateName("table", new_name));
  while (true) {
    std::shared_ptr<TableStore> store = FindStore(database, table);
    if (!store) return catalog::ResolveTable(*manifest_store_->current(), database, table).status();
    // No UPDATE, DELETE, append or flush of the table runs meanwhile, so its memtable can move
    // to the renamed store whole.
    std::unique_lock<std::timed_mutex> mutation = store->MutationGuard();
    std::unique_lock<std::shared_mutex> exclusive = store->ExclusiveGuard();
    if (store->retired()) continue;  // ALTER TABLE replaced it meanwhile: take the new one
    if (store->flush_running()) {
      exclusive.unlock();
      mutation.unlock();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    std::lock_guard<std::mutex> lock(catalog_mutex_);
    Manifest next = *manifest_store_->current();
    BOYO_ASSIGN_OR_RETURN(const TableEntry* current, catalog::ResolveTable(next, database, table));
    if (current->table_id != store->entry().table_id) {
      return Status::Internal("table \"" + std::string(database) + "." + std::string(table) +
                              "\" changed during ALTER TABLE RENAME");
    }
    BOYO_RETURN_IF_ERROR(catalog::RequireFreeName(next, database, new_name));
    BOYO_ASSIGN_OR_RETURN(const wal::RenameTablePayload rename,
                          PlanRename(next, *current, new_name));
    BOYO_RETURN_IF_ERROR(
        wal_->Append(wal::RecordType::kRenameTable, wal::EncodeRenameTable(rename)));
    catalog::RenameTable(&next, rename);
    std::shared_ptr<TableStore> renamed = store->Renamed(*next.FindTableById(rename.table_id));
    store->Retire();
    stores_.erase(std::string(database) + "." + std::string(table));
    stores_[std::string(database) + "." + std::string(new_name)] = std::move(renamed);
    return PublishLocked(std::move(next));
  }
}

}  // namespace boyodb::engine
