// The engine's side of the SQL engine's interfaces: a CatalogView that resolves names against
// the embedded Database (with PostgreSQL's "public" schema meaning the current database), and a
// TableReader that scans its tables.
// Thread safety: one session, one thread.
#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/database.h"
#include "exec/exec_context.h"
#include "sql/binder/catalog_view.h"

namespace boyodb::engine {

class SnapshotCatalogLookup;

/// database and table for [database.][schema.]table written in `current_database`. With a
/// `temp_database` (the session's temporary objects), an unqualified name that names a table,
/// view or sequence there means that one, and schema pg_temp means that database.
Result<std::pair<std::string, std::string>> ResolveTableName(
    const Database& database, const std::string& current_database,
    const sql::ast::QualifiedName& name, const std::string& temp_database = std::string());

class SessionCatalog final : public sql::CatalogView {
 public:
  SessionCatalog(const Database& database, std::string current_database,
                 const sql::FunctionCatalog& functions, std::string temp_database = std::string())
      : database_(database),
        current_database_(std::move(current_database)),
        functions_(functions),
        temp_database_(std::move(temp_database)) {}
  Result<sql::TableDescription> FindTable(const sql::ast::QualifiedName& name) const override;
  const sql::FunctionCatalog& functions() const override { return functions_; }
  std::unique_ptr<sql::CatalogView> InDatabase(const std::string& database) const override;

 private:
  const Database& database_;
  std::string current_database_;
  const sql::FunctionCatalog& functions_;
  std::string temp_database_;
};

/// Rows inserted by an open transaction and not yet committed, per (database, table).
using PendingRows = std::map<std::pair<std::string, std::string>, std::vector<columnar::Chunk>>;

/// What an open transaction block did to the committed rows of one table: the mutation it
/// holds from its first UPDATE or DELETE of the table to its end (so no other writer changes
/// those rows meanwhile), and the committed rows it deleted, by segment id. UPDATE's new row
/// versions are PendingRows.
struct PendingTableChanges {
  std::unique_ptr<TableMutation> mutation;
  std::map<uint64_t, storage::RowBitmap> deleted;
};
using PendingChanges = std::map<std::pair<std::string, std::string>, PendingTableChanges>;

/// What the scans of one statement read, summed as each scan ends (scans of one statement may
/// run on several threads).
struct ScanTotals {
  std::atomic<int64_t> segments_total{0};
  std::atomic<int64_t> segments_scanned{0};
  std::atomic<int64_t> rows_read{0};
  void Reset() {
    segments_total = 0;
    segments_scanned = 0;
    rows_read = 0;
  }
};

class DatabaseTableReader final : public exec::TableReader {
 public:
  explicit DatabaseTableReader(const Database& database) : database_(database) {}
  /// Every scan started from now on adds its ScanStats to `totals` when it ends; `totals`
  /// must outlive the reader's scans.
  void CountScansInto(ScanTotals* totals) { totals_ = totals; }
  /// Scans of `database.table` read `mutation`'s snapshot from now on (UPDATE, DELETE); only
  /// they can return row ids. `mutation` must outlive the reader's scans.
  void UseMutation(std::string database, std::string table, const TableMutation* mutation) {
    mutation_database_ = std::move(database);
    mutation_table_ = std::move(table);
    mutation_ = mutation;
  }
  /// Scans also return `pending` rows of their table (a transaction's own inserts, keyed by
  /// database and table) and skip the rows `changes` deleted. Both must outlive the reader's
  /// scans.
  /// Every scan asks `check` first (whether the session may read database.table); the target
  /// of UseMutation is exempt, since UPDATE and DELETE check their own privilege.
  void CheckReads(std::function<Status(const std::string&, const std::string&)> check) {
    check_read_ = std::move(check);
  }
  /// Scans fail with 57014 at their next chunk once `*cancelled` is true (null: never). It
  /// must outlive the reader's scans.
  void CancelWith(const std::atomic<bool>* cancelled) { cancelled_ = cancelled; }
  /// Scans of pg_catalog and information_schema read `catalog`'s snapshot.
  void UseCatalog(std::shared_ptr<const SnapshotCatalogLookup> catalog) {
    catalog_ = std::move(catalog);
  }
  const SnapshotCatalogLookup* catalog() const { return catalog_.get(); }
  void UsePending(const PendingRows* pending, const PendingChanges* changes) {
    pending_ = pending;
    changes_ = changes;
  }
  Result<std::unique_ptr<exec::ChunkStream>> Scan(
      const std::string& database, const std::string& table, const std::vector<int32_t>& columns,
      const std::vector<storage::ColumnPredicate>& predicates,
      const exec::ScanBound& bound) const override;
  Result<std::optional<storage::TableSummary>> Summarize(
      const std::string& database, const std::string& table,
      const std::vector<int32_t>& columns) const override;

 private:
  // The rows of a catalog relation that pass `predicates` (pushed into the scan, which the
  // plan then no longer tests: they are applied here as a table scan applies them).
  Result<std::unique_ptr<exec::ChunkStream>> ScanCatalogRelation(
      const std::string& schema, const std::string& name, const std::vector<int32_t>& columns,
      const std::vector<storage::ColumnPredicate>& predicates) const;

  const Database& database_;
  std::string mutation_database_;
  std::string mutation_table_;
  const TableMutation* mutation_ = nullptr;
  const PendingRows* pending_ = nullptr;
  const PendingChanges* changes_ = nullptr;
  ScanTotals* totals_ = nullptr;
  std::function<Status(const std::string&, const std::string&)> check_read_;
  const std::atomic<bool>* cancelled_ = nullptr;
  std::shared_ptr<const SnapshotCatalogLookup> catalog_;
};

}  // namespace boyodb::engine
