#include "engine/session_catalog.h"

#include <algorithm>

#include "columnar/selection_vector.h"
#include "common/sqlstate.h"
#include "engine/catalog_relations/catalog_relations.h"
#include "engine/catalog_relations/snapshot_catalog_lookup.h"

namespace boyodb::engine {

namespace {

class TableScanStream final : public exec::ChunkStream {
 public:
  TableScanStream(std::unique_ptr<TableScan> scan, ScanTotals* totals,
                  const std::atomic<bool>* cancelled)
      : scan_(std::move(scan)), totals_(totals), cancelled_(cancelled) {}
  ~TableScanStream() override {
    if (totals_ == nullptr) return;
    const ScanStats& stats = scan_->stats();
    totals_->segments_total += stats.segments_total;
    totals_->segments_scanned += stats.segments_scanned;
    totals_->rows_read += stats.rows_read;
  }
  Result<std::optional<columnar::Chunk>> Next() override {
    uint64_t sequence = 0;
    return NextMorsel(&sequence);
  }
  bool concurrent() const override { return true; }
  Result<std::optional<columnar::Chunk>> NextMorsel(uint64_t* sequence) override {
    // Between chunks is where a running statement notices a cancel request.
    if (cancelled_ != nullptr && cancelled_->load(std::memory_order_relaxed)) {
      return Status(StatusCode::kCancelled, sqlstate::kQueryCanceled,
                    "canceling statement due to user request");
    }
    return scan_->NextMorsel(sequence);
  }

 private:
  std::unique_ptr<TableScan> scan_;
  ScanTotals* totals_;
  const std::atomic<bool>* cancelled_;
};

// The rows of a pg_catalog or information_schema relation, computed when the scan starts.
class CatalogRelationStream final : public exec::ChunkStream {
 public:
  explicit CatalogRelationStream(columnar::Chunk rows) : rows_(std::move(rows)) {}
  Result<std::optional<columnar::Chunk>> Next() override {
    if (done_) return std::optional<columnar::Chunk>();
    done_ = true;
    return std::optional<columnar::Chunk>(std::move(rows_));
  }

 private:
  columnar::Chunk rows_;
  bool done_ = false;
};

// The relation of pg_catalog or information_schema that `name` means, if any: schema.name
// in those schemas, or an unqualified name of pg_catalog (searched before the search path,
// as PostgreSQL does).
const VirtualRelation* FindCatalogRelation(const sql::ast::QualifiedName& name,
                                           const std::string& current_database) {
  const std::vector<std::string>& parts = name.parts;
  if (parts.size() == 1) return FindVirtualRelation("pg_catalog", parts[0]);
  if (parts.size() == 2) return FindVirtualRelation(parts[0], parts[1]);
  if (parts.size() == 3 && parts[0] == current_database) {
    return FindVirtualRelation(parts[1], parts[2]);
  }
  return nullptr;
}

bool DatabaseExists(const Database& database, const std::string& name) {
  const std::vector<std::string> names = database.ListDatabases();
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

Result<std::pair<std::string, std::string>> ResolveTableName(const Database& database,
                                                             const std::string& current_database,
                                                             const sql::ast::QualifiedName& name,
                                                             const std::string& temp_database) {
  const std::vector<std::string>& parts = name.parts;
  // Statements that name a table to change it, or to create one, come here; the catalog's
  // relations are computed, never stored, so none of them applies.
  if (FindCatalogRelation(name, current_database) != nullptr) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInsufficientPrivilege,
                  "permission denied: \"" + name.ToString() + "\" is a system catalog")
        .WithPosition(name.position);
  }
  if (parts.size() >= 2 && IsVirtualSchema(parts[parts.size() - 2])) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInsufficientPrivilege,
                  "permission denied for schema " + parts[parts.size() - 2])
        .WithPosition(name.position);
  }
  if (parts.size() == 2 && parts[0] == "pg_temp") {
    if (temp_database.empty()) {
      return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                    "relation \"" + name.ToString() + "\" does not exist")
          .WithPosition(name.position);
    }
    return std::make_pair(temp_database, parts.back());
  }
  if (parts.size() == 1 && !temp_database.empty()) {
    // pg_temp comes first in PostgreSQL's search path for tables, views and sequences.
    const std::string& object = parts.back();
    const Result<std::optional<ViewInfo>> view = database.FindView(temp_database, object);
    if (database.DescribeTable(temp_database, object).ok() || (view.ok() && view->has_value()) ||
        database.FindSequence(temp_database, object)) {
      return std::make_pair(temp_database, object);
    }
  }
  std::string target = current_database;
  if (parts.size() == 2) {
    // schema.table: "public" (and pg_catalog-free names) mean the current database; any other
    // schema is a database of that name, as CREATE SCHEMA makes one.
    if (parts[0] != "public") target = parts[0];
  } else if (parts.size() == 3) {
    target = parts[0];
    if (parts[1] != "public" && parts[1] != parts[0]) {
      return Status(StatusCode::kNotFound, sqlstate::kInvalidSchemaName,
                    "schema \"" + parts[1] + "\" does not exist")
          .WithPosition(name.position);
    }
  }
  if (!DatabaseExists(database, target)) {
    return Status(StatusCode::kNotFound,
                  parts.size() == 2 ? sqlstate::kInvalidSchemaName : sqlstate::kInvalidCatalogName,
                  std::string(parts.size() == 2 ? "schema" : "database") + " \"" + target +
                      "\" does not exist")
        .WithPosition(name.position);
  }
  return std::make_pair(target, parts.back());
}

Result<sql::TableDescription> SessionCatalog::FindTable(const sql::ast::QualifiedName& name) const {
  if (const VirtualRelation* relation = FindCatalogRelation(name, current_database_)) {
    // The scan finds it again by these names (DatabaseTableReader::Scan).
    return sql::TableDescription{std::string(relation->schema), std::string(relation->name),
                                 relation->columns};
  }
  BOYO_ASSIGN_OR_RETURN(auto resolved,
                        ResolveTableName(database_, current_database_, name, temp_database_));
  Result<TableInfo> info = database_.DescribeTable(resolved.first, resolved.second);
  if (!info.ok()) {
    if (info.status().sqlstate() == sqlstate::kUndefinedTable) {
      Result<std::optional<ViewInfo>> view = database_.FindView(resolved.first, resolved.second);
      if (view.ok() && view->has_value()) {
        sql::TableDescription description{resolved.first, resolved.second, types::Schema()};
        description.view_definition = (*view)->definition;
        description.view_columns = (*view)->columns;
        return description;
      }
      return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                    "relation \"" + name.ToString() + "\" does not exist")
          .WithPosition(name.position);
    }
    return Status(info.status()).WithPosition(name.position);
  }
  sql::TableDescription description{resolved.first, resolved.second, info->schema};
  description.column_defaults = info->options.column_defaults;
  description.declared_types = info->options.declared_types;
  return description;
}

std::unique_ptr<sql::CatalogView> SessionCatalog::InDatabase(const std::string& database) const {
  return std::make_unique<SessionCatalog>(database_, database, functions_, temp_database_);
}

Result<std::unique_ptr<exec::ChunkStream>> DatabaseTableReader::Scan(
    const std::string& database, const std::string& table, const std::vector<int32_t>& columns,
    const std::vector<storage::ColumnPredicate>& predicates, const exec::ScanBound& bound) const {
  if (IsVirtualSchema(database)) return ScanCatalogRelation(database, table, columns, predicates);
  const bool mutation_target =
      mutation_ != nullptr && database == mutation_database_ && table == mutation_table_;
  if (check_read_ && !mutation_target) BOYO_RETURN_IF_ERROR(check_read_(database, table));
  BOYO_ASSIGN_OR_RETURN(TableInfo info, database_.DescribeTable(database, table));
  ScanSpec spec;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == sql::kRowIdColumn) {
      // The scan appends row ids after the other columns.
      if (i + 1 != columns.size()) return Status::Internal("row ids must be the last column");
      spec.with_row_ids = true;
      continue;
    }
    spec.columns.push_back(info.schema.field(static_cast<size_t>(columns[i])).name);
  }
  spec.predicates = predicates;
  if (bound.bound != nullptr) {
    spec.bound_column = info.schema.field(static_cast<size_t>(bound.column)).name;
    spec.bound = bound.bound;
  }
  for (const auto& [column, filter] : bound.key_filters) {
    spec.key_filters.emplace_back(info.schema.field(static_cast<size_t>(column)).name, filter);
  }
  if (pending_ != nullptr) {
    const auto found = pending_->find({database, table});
    if (found != pending_->end()) spec.uncommitted_rows = found->second;
  }
  if (changes_ != nullptr) {
    const auto found = changes_->find({database, table});
    if (found != changes_->end()) spec.hidden_rows = &found->second.deleted;
  }
  const bool in_mutation =
      mutation_ != nullptr && database == mutation_database_ && table == mutation_table_;
  std::unique_ptr<TableScan> scan;
  if (in_mutation) {
    BOYO_ASSIGN_OR_RETURN(scan, mutation_->Scan(spec));
  } else {
    BOYO_ASSIGN_OR_RETURN(scan, database_.Scan(database, table, spec));
  }
  return std::unique_ptr<exec::ChunkStream>(
      std::make_unique<TableScanStream>(std::move(scan), totals_, cancelled_));
}

Result<std::optional<storage::TableSummary>> DatabaseTableReader::Summarize(
    const std::string& database, const std::string& table,
    const std::vector<int32_t>& columns) const {
  const std::optional<storage::TableSummary> unknown;
  if (IsVirtualSchema(database)) return unknown;
  // A statement's own view of the table may differ from the committed snapshot: a mutation's
  // target, a transaction's pending inserts and deletes. Those scan.
  if (mutation_ != nullptr && database == mutation_database_ && table == mutation_table_) {
    return unknown;
  }
  if (pending_ != nullptr && pending_->contains({database, table})) return unknown;
  if (changes_ != nullptr && changes_->contains({database, table})) return unknown;
  if (check_read_) BOYO_RETURN_IF_ERROR(check_read_(database, table));
  BOYO_ASSIGN_OR_RETURN(TableInfo info, database_.DescribeTable(database, table));
  std::vector<std::string> names;
  for (const int32_t column : columns) {
    if (column < 0 || static_cast<size_t>(column) >= info.schema.num_fields()) return unknown;
    names.push_back(info.schema.field(static_cast<size_t>(column)).name);
  }
  return database_.Summarize(database, table, names);
}

Result<std::unique_ptr<exec::ChunkStream>> DatabaseTableReader::ScanCatalogRelation(
    const std::string& schema, const std::string& name, const std::vector<int32_t>& columns,
    const std::vector<storage::ColumnPredicate>& predicates) const {
  const VirtualRelation* relation = FindVirtualRelation(schema, name);
  if (relation == nullptr) {
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                  "relation \"" + schema + "." + name + "\" does not exist");
  }
  if (catalog_ == nullptr) {
    return Status::Internal("no catalog snapshot for a scan of " + schema + "." + name);
  }
  BOYO_ASSIGN_OR_RETURN(const CatalogSnapshot* snapshot, catalog_->snapshot());
  BOYO_ASSIGN_OR_RETURN(columnar::Chunk all, VirtualRelationRows(*relation, *snapshot));
  if (!predicates.empty()) {
    columnar::SelectionVector passing = columnar::SelectionVector::All(all.num_rows());
    for (const storage::ColumnPredicate& predicate : predicates) {
      const int index = relation->columns.FieldIndex(predicate.column);
      if (index < 0) {
        return Status::Internal("catalog relation " + name + " has no column " + predicate.column);
      }
      storage::FilterRows(predicate, *all.column(static_cast<size_t>(index)), &passing);
    }
    std::vector<columnar::ArrayPtr> kept;
    for (size_t c = 0; c < all.num_columns(); ++c) {
      kept.push_back(columnar::Take(*all.column(c), passing));
    }
    all = columnar::Chunk(all.schema(), std::move(kept), static_cast<int64_t>(passing.size()));
  }
  std::vector<types::Field> fields;
  std::vector<columnar::ArrayPtr> arrays;
  for (const int32_t column : columns) {
    if (column < 0 || static_cast<size_t>(column) >= relation->columns.num_fields()) {
      return Status::Internal("catalog relation " + name + " has no column " +
                              std::to_string(column));
    }
    fields.push_back(relation->columns.field(static_cast<size_t>(column)));
    arrays.push_back(all.column(static_cast<size_t>(column)));
  }
  columnar::Chunk rows(std::make_shared<const types::Schema>(std::move(fields)), std::move(arrays),
                       all.num_rows());
  return std::unique_ptr<exec::ChunkStream>(
      std::make_unique<CatalogRelationStream>(std::move(rows)));
}

}  // namespace boyodb::engine
