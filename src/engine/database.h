// Database: the embedded API of BoyoDB. Opens a data directory, keeps the catalog of databases
// and tables, appends chunks durably (WAL, memtable, segments) and scans tables with a column
// list and simple predicates. The SQL engine and the servers are built on it.
// Thread safety: all methods are thread-safe; scans see one consistent snapshot of a table.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/chunk.h"
#include "common/file_system.h"
#include "common/result.h"
#include "formats/compression/codec.h"
#include "storage/manifest/manifest.h"
#include "storage/scan/key_filter.h"
#include "storage/scan/predicate.h"
#include "storage/scan/table_summary.h"
#include "storage/scan/top_n_bound.h"
#include "storage/table/delete_file.h"
#include "storage/wal/wal.h"
#include "types/data_type.h"

namespace boyodb::engine {

/// Databases named "pg_temp_<n>" hold one session's temporary tables, views and sequences
/// (PostgreSQL's per-session temporary schema). The session drops its own when it ends, and
/// Database::Open drops any that a crash left behind. No other database may take the name.
inline constexpr std::string_view kTempDatabasePrefix = "pg_temp_";
/// Whether `name` is "pg_temp_" followed by digits.
bool IsTempDatabaseName(std::string_view name);

struct DatabaseOptions {
  /// Where all I/O goes; DefaultFileSystem() when null. Must outlive the Database.
  FileSystem* file_system = nullptr;
  /// Fsync policy, rotation size. Default: fsync before acknowledging (group commit).
  storage::wal::WalOptions wal;
  /// A table's memtable is written to a segment when it holds this many rows...
  int64_t memtable_flush_rows = 1'000'000;
  /// ...or this many bytes...
  int64_t memtable_flush_bytes = 256ll << 20;
  /// ...or its oldest row is this old (checked by a background thread; 0 disables it).
  int64_t memtable_flush_age_ms = 10'000;
  /// Appends of at least this many rows skip the memtable and become a segment at once.
  int64_t direct_segment_rows = 100'000;
  /// Rows per record batch inside a segment.
  int64_t segment_batch_rows = 65'536;
  /// Bytes of decoded segment columns kept in memory for later scans (the segment cache);
  /// 0 turns it off, kAutoColumnCacheBytes means a quarter of the machine's memory.
  static constexpr int64_t kAutoColumnCacheBytes = -1;
  int64_t column_cache_bytes = kAutoColumnCacheBytes;
  Status Validate() const;
};

struct TableOptions {
  /// Codec of the table's segments: lz4 (default), zstd, snappy or none.
  formats::CompressionCodec codec = formats::CompressionCodec::kLz4;
  /// Columns each segment is sorted by (MergeTree's ORDER BY); empty keeps arrival order.
  std::vector<std::string> sort_key;
  /// DEFAULT expressions (SQL text) by column name, which INSERT binds for omitted columns.
  std::map<std::string, std::string> column_defaults;
  /// Declared types of TEXT columns with a length, by column name (TableEntry::declared_types).
  std::map<std::string, std::string> declared_types;
  /// CHECK constraints (named, distinct names), which every row written must not make FALSE.
  std::vector<storage::CheckConstraint> check_constraints;
};

/// One ALTER TABLE change of a column or of a CHECK constraint. Old segments are never
/// rewritten: they keep their columns, and a scan maps them to the table's current ones
/// (docs/design/alter_table.md).
struct ColumnChange {
  enum class Kind : uint8_t { kAdd, kDrop, kRename, kAddCheck, kDropCheck };
  Kind kind = Kind::kAdd;
  /// kAdd: the new column, which goes last.
  types::Field column{"", types::DataType::Null(), true};
  /// kAdd: its DEFAULT for later inserts (SQL text), if any.
  std::optional<std::string> default_text;
  /// kAdd: its declared type when it carries a length ("character varying(20)").
  std::optional<std::string> declared_type;
  /// kAdd: what rows already in the table read for it; none or NULL: NULL.
  std::optional<types::Value> fill;
  /// kDrop, kRename: the column changed; kDropCheck: the constraint dropped.
  std::string name;
  /// kRename: its new name.
  std::string new_name;
  /// kAddCheck: the constraint added (named); every row already in the table must pass it.
  storage::CheckConstraint check;
};

struct SegmentInfo {
  uint64_t segment_id = 0;
  uint64_t row_count = 0;
  uint64_t compressed_bytes = 0;
  uint64_t uncompressed_bytes = 0;
  uint32_t checksum = 0;
  std::string path;
  uint64_t deleted_rows = 0;  // removed by DELETE or UPDATE; not counted in total_rows
};

struct TableInfo {
  std::string database;
  std::string table;
  uint64_t table_id = 0;
  types::Schema schema;
  TableOptions options;
  std::vector<SegmentInfo> segments;
  int64_t memtable_rows = 0;
  int64_t total_rows = 0;
};

/// A view (name, defining statement, column names) and a skip index, as the catalog keeps them.
using ViewInfo = storage::ViewEntry;
using SequenceInfo = storage::SequenceEntry;
using IndexInfo = storage::IndexEntry;
using UserInfo = storage::UserEntry;

/// What ALTER SEQUENCE makes of a sequence (Database::AlterSequence).
struct SequenceAlteration {
  /// The new settings; `database`, `name` and the position fields are not read.
  SequenceInfo settings;
  /// The value the next nextval returns; nullopt: it goes on from where it is.
  std::optional<int64_t> restart;
};

struct ScanSpec {
  /// Columns to return, in this order; empty means every column.
  std::vector<std::string> columns;
  /// Rows must satisfy all of these (AND).
  std::vector<storage::ColumnPredicate> predicates;
  /// A running top-N's cut-off on column `bound_column`: batches none of whose rows can
  /// reach its result are skipped. Null for none.
  std::string bound_column;
  std::shared_ptr<const storage::TopNBound> bound;
  /// Join key filters (key_filter.h) on named columns: rows whose value a filter rules out
  /// are dropped, batches outside its range skipped.
  std::vector<std::pair<std::string, std::shared_ptr<const storage::KeyFilter>>> key_filters;
  /// Adds a last column "rowid" (BIGINT): each row's id, which TableMutation::Commit takes.
  /// Only scans of a TableMutation offer it.
  bool with_row_ids = false;
  /// Rows that are not in the table but that this scan returns as if they were: a
  /// transaction's uncommitted inserts, shown to that transaction only. Every chunk has the
  /// table's columns in table order. With row ids, chunk k's rows carry UncommittedRowId(k, i).
  std::vector<columnar::Chunk> uncommitted_rows;
  /// Rows of committed segments, by segment id, that this scan skips as if deleted: a
  /// transaction's uncommitted DELETEs and UPDATEs. Null for none; must outlive the scan.
  const std::map<uint64_t, storage::RowBitmap>* hidden_rows = nullptr;
};

/// A stored row's id as a scan with row ids gives it: the segment id in the high 32 bits and
/// the row's position in the segment in the low 32.
inline uint64_t RowIdSegment(int64_t row_id) { return static_cast<uint64_t>(row_id) >> 32; }
inline uint32_t RowIdPosition(int64_t row_id) { return static_cast<uint32_t>(row_id); }
/// Segment numbers from here on name ScanSpec::uncommitted_rows chunks, not segments (real
/// segment ids stay below, as a scan with row ids checks).
inline constexpr uint64_t kFirstUncommittedSegment = uint64_t{1} << 31;
inline int64_t UncommittedRowId(size_t chunk, int64_t row) {
  return static_cast<int64_t>((kFirstUncommittedSegment + chunk) << 32) | row;
}
inline bool IsUncommittedRowId(int64_t row_id) {
  return RowIdSegment(row_id) >= kFirstUncommittedSegment;
}
inline size_t UncommittedChunk(int64_t row_id) {
  return static_cast<size_t>(RowIdSegment(row_id) - kFirstUncommittedSegment);
}

struct ScanStats {
  int64_t segments_total = 0;
  int64_t segments_scanned = 0;  // segments not skipped by bloom filters or zone maps
  int64_t batches_total = 0;
  int64_t batches_skipped = 0;  // skipped by zone maps
  int64_t rows_read = 0;        // rows decoded before filtering
  int64_t rows_returned = 0;
};

/// An open scan over one snapshot of a table. Next and NextMorsel may be called from many
/// threads at once: each call claims the next batch (a morsel) and reads it outside any lock.
class TableScan {
 public:
  virtual ~TableScan() = default;
  /// The next batch of matching rows, or nullopt at the end. Errors name the segment file for
  /// corrupt data (XX001).
  virtual Result<std::optional<columnar::Chunk>> Next() = 0;
  /// Next, with the morsel's position in the scan's order (increasing in claim order, so that
  /// parallel readers can put their results back in the order one reader would see).
  virtual Result<std::optional<columnar::Chunk>> NextMorsel(uint64_t* sequence) = 0;
  /// The schema of the chunks Next returns.
  virtual const columnar::SchemaPtr& schema() const = 0;
  /// Totals so far; call when no Next is running.
  virtual const ScanStats& stats() const = 0;
};

/// An UPDATE or DELETE of one table in progress. Its scans read the table as it was when the
/// mutation began (rows appended later are not part of it) and can return row ids; Commit
/// applies the change in one atomic, durable step. Mutations of one table run one at a time;
/// appends and scans are not blocked. Not thread-safe; one statement.
class TableMutation {
 public:
  virtual ~TableMutation() = default;
  virtual Result<std::unique_ptr<TableScan>> Scan(const ScanSpec& spec) const = 0;
  /// Deletes the rows with these ids (from this mutation's scans; repeats count once) and
  /// appends `inserted` (UPDATE's new row versions; null or zero rows for none), all or
  /// nothing. Returns how many rows were deleted. Call at most once.
  virtual Result<int64_t> Commit(const std::vector<int64_t>& row_ids,
                                 const columnar::Chunk* inserted) = 0;
  /// Takes in rows appended since the mutation began (writing them to segments so they have
  /// ids), for the next statement of a transaction block that keeps this mutation open. Row
  /// ids already handed out stay valid.
  virtual Status Refresh() = 0;
};

/// A bulk load of one table (COPY FROM). Rows go to new segments as they arrive, each written
/// on a background thread while the caller reads more, and become visible together at Commit:
/// one WAL record names every segment and one manifest version lists them. Until then no scan
/// sees them; a load destroyed without Commit, or cut off by a crash, leaves the table as it
/// was (its files are removed now, or at the next open).
class BulkAppend {
 public:
  virtual ~BulkAppend() = default;
  /// Checks rows as Append does (column types, 23502 for NULL in a NOT NULL column) and adds
  /// them to the load. An error from writing an earlier segment surfaces here or at Commit.
  virtual Status Add(const columnar::Chunk& rows) = 0;
  /// Rows added so far.
  virtual int64_t num_rows() const = 0;
  /// Makes every added row visible, all or nothing, and durable per the WAL's fsync policy.
  /// Call at most once; Add may not follow.
  virtual Status Commit() = 0;
};

/// Problems found at open or by Verify; the database stays usable around them.
struct IntegrityReport {
  std::vector<Status> problems;
  bool ok() const { return problems.empty(); }
};

class Database {
 public:
  /// Opens or creates the data directory: loads manifest.json (falling back to the newest valid
  /// backup when it is corrupt, and recording that in open_report()), replays the WAL after the
  /// checkpoint (cutting a torn tail), and removes files no manifest entry names.
  static Result<std::unique_ptr<Database>> Open(const std::string& dir,
                                                DatabaseOptions options = {});
  virtual ~Database() = default;

  /// Flushes memtables and closes the WAL. Further calls fail. The destructor closes too.
  virtual Status Close() = 0;

  /// Names: 1 to 63 characters of letters, digits and underscores, not starting with a digit.
  /// Errors: 42P04 (exists), 3D000 (no such database), 42P07 (table exists), 42P01 (no table),
  /// 42602 (invalid name), 53100 (disk full), 58030 (I/O).
  virtual Status CreateDatabase(std::string_view name, bool if_not_exists = false) = 0;
  /// Drops the database and every table in it.
  virtual Status DropDatabase(std::string_view name, bool if_exists = false) = 0;
  virtual std::vector<std::string> ListDatabases() const = 0;
  virtual Status CreateTable(std::string_view database, std::string_view table,
                             const types::Schema& schema, const TableOptions& options = {},
                             bool if_not_exists = false) = 0;
  virtual Status DropTable(std::string_view database, std::string_view table,
                           bool if_exists = false) = 0;
  virtual Status TruncateTable(std::string_view database, std::string_view table) = 0;
  /// ADD, DROP or RENAME COLUMN, atomically and without rewriting segments. 42701/42703 for
  /// names that exist or do not; 23502 for a NOT NULL column without a fill on a table with
  /// rows; 0A000 for dropping a sort key column or the last column. Indexes follow a renamed
  /// column and go with a dropped one.
  /// kAddCheck and kDropCheck add or drop a CHECK constraint the same way: 23514 when a row
  /// already in the table fails the new one, 42710 for a name the table's constraints have,
  /// 42704 for dropping one it lacks. A dropped column takes the constraints naming it along,
  /// and a renamed one is renamed in them.
  virtual Status AlterTable(std::string_view database, std::string_view table,
                            const ColumnChange& change) = 0;
  /// RENAME TO: the table takes `new_name` in its database, atomically and durably (a WAL
  /// record and a manifest version). Its segments stay where they are; its indexes, CHECK
  /// constraints and owned sequences follow it (keeping their names, as in PostgreSQL), and
  /// the definitions of views that name it are rewritten to the new name. 42P01 when there is
  /// no such table, 42P07 when `new_name` is taken, 42602 for an invalid name.
  virtual Status RenameTable(std::string_view database, std::string_view table,
                             std::string_view new_name) = 0;
  virtual Result<std::vector<std::string>> ListTables(std::string_view database) const = 0;
  virtual Result<TableInfo> DescribeTable(std::string_view database,
                                          std::string_view table) const = 0;
  /// How many distinct values a column holds, estimated from its segments: per segment from
  /// its bloom filter and, for an integer or date column, at most its zone maps' value range;
  /// across segments as if the values were drawn from one domain (see the implementation).
  /// nullopt when unknown (no segments, unsaved rows, a type without either summary). For the
  /// optimizer's estimates.
  virtual std::optional<double> EstimateDistinctValues(std::string_view database,
                                                       std::string_view table,
                                                       std::string_view column) const {
    (void)database;
    (void)table;
    (void)column;
    return std::nullopt;
  }
  /// The smallest and largest non-NULL value of a column as its segments' zone maps record
  /// them, for types whose zone maps keep exact bounds; nullopt when unknown (no segments,
  /// unsaved rows, no bounds). For the optimizer's range estimates.
  virtual std::optional<std::pair<types::Value, types::Value>> ColumnValueRange(
      std::string_view database, std::string_view table, std::string_view column) const {
    (void)database;
    (void)table;
    (void)column;
    return std::nullopt;
  }

  /// Views, indexes and tables share one namespace per database (42P07 when a name is taken).
  /// CreateView replaces an existing view when `or_replace`.
  virtual Status CreateView(const ViewInfo& view, bool or_replace) = 0;
  /// 42P01 `view "x" does not exist`; 42809 when the name is a table.
  virtual Status DropView(std::string_view database, std::string_view name, bool if_exists) = 0;
  /// The view, or nullopt when the database has none of that name (3D000: no such database).
  virtual Result<std::optional<ViewInfo>> FindView(std::string_view database,
                                                   std::string_view name) const = 0;
  /// The views of one database, by name (3D000: no such database).
  virtual Result<std::vector<ViewInfo>> ListViews(std::string_view database) const = 0;
  /// The sequences of one database, by name (3D000: no such database).
  virtual Result<std::vector<SequenceInfo>> ListSequences(std::string_view database) const = 0;
  /// Sequences share the namespace too. `sequence.last_value` is its START; 22023 for bounds
  /// that do not hold it or an increment of 0.
  virtual Status CreateSequence(const SequenceInfo& sequence, bool if_not_exists) = 0;
  /// 42P01 `sequence "x" does not exist`; 42809 when the name is something else.
  virtual Status DropSequence(std::string_view database, std::string_view name, bool if_exists) = 0;
  /// Hands out the sequence's next `count` values, in order, all or none. They are logged
  /// ahead in blocks, so a crash may skip values but never repeats one (a CYCLE sequence
  /// starts over at its other bound, as PostgreSQL's do). 2200H at the bound of a sequence
  /// without CYCLE; 42P01 for an unknown sequence.
  virtual Result<std::vector<int64_t>> NextSequenceValues(std::string_view database,
                                                          std::string_view name, int64_t count) = 0;
  /// setval: the next nextval returns `value` + increment (`called`) or `value` itself.
  /// 22003 outside the sequence's bounds.
  virtual Status SetSequenceValue(std::string_view database, std::string_view name, int64_t value,
                                  bool called) = 0;
  /// ALTER SEQUENCE: `alter` gets the sequence as it is (its position as last handed out)
  /// and returns what it becomes: new settings (increment, bounds, start, cycle, owner,
  /// identity) and maybe a restart, durable like every catalog change. `alter` runs under the
  /// catalog lock and must not call the Database. Checked as PostgreSQL checks them (22023): a zero
  /// increment, bounds that cross, a start or position outside the bounds. 42P01 for an unknown
  /// sequence.
  virtual Status AlterSequence(
      std::string_view database, std::string_view name,
      const std::function<Result<SequenceAlteration>(const SequenceInfo& current)>& alter) = 0;
  /// The sequence, or nullopt.
  virtual std::optional<SequenceInfo> FindSequence(std::string_view database,
                                                   std::string_view name) const = 0;
  /// Users and roles (one namespace, as PostgreSQL's roles), durable like every catalog change.
  /// 42710 `role "x" already exists`; 42602 for an invalid name; 42704 for a member_of role
  /// that does not exist.
  virtual Status CreateUser(const UserInfo& user) = 0;
  /// Replaces the user's entry (ALTER USER, GRANT role TO user). 42704 `role "x" does not
  /// exist`, also for a member_of role that does not.
  virtual Status ReplaceUser(const UserInfo& user) = 0;
  /// Drops the user, and removes it from every role's members. 42704 unless `if_exists`.
  virtual Status DropUser(std::string_view name, bool if_exists) = 0;
  virtual std::optional<UserInfo> FindUser(std::string_view name) const = 0;
  /// Every user and role, by name.
  virtual std::vector<UserInfo> ListUsers() const = 0;

  /// 42P01 for a missing table, 42703 for a missing column.
  virtual Status CreateIndex(const IndexInfo& index, bool if_not_exists) = 0;
  /// 42704 `index "x" does not exist`.
  virtual Status DropIndex(std::string_view database, std::string_view name, bool if_exists) = 0;
  /// The indexes of one table.
  virtual std::vector<IndexInfo> ListIndexes(std::string_view database,
                                             std::string_view table) const = 0;

  /// Appends rows. Returns OK once they are acknowledged: durable per the WAL's fsync policy
  /// and visible to later scans. The chunk's columns must match the table's column types in
  /// order (names may differ); NOT NULL columns must have no nulls (23502).
  virtual Status Append(std::string_view database, std::string_view table,
                        const columnar::Chunk& rows) = 0;

  /// Starts a bulk load of a table (see BulkAppend). Loads of the same table may run at once;
  /// each commits on its own.
  virtual Result<std::unique_ptr<BulkAppend>> BeginBulkAppend(std::string_view database,
                                                              std::string_view table) = 0;

  /// Starts a scan of the table's current snapshot (memtable + segments).
  virtual Result<std::unique_ptr<TableScan>> Scan(std::string_view database, std::string_view table,
                                                  const ScanSpec& spec) const = 0;

  /// The row count and the named columns' min, max and NULL counts over the table's current
  /// snapshot, from segment metadata alone; nullopt when that cannot be exact (unflushed or
  /// deleted rows, a column missing from a segment, bounds a zone map does not keep).
  virtual Result<std::optional<storage::TableSummary>> Summarize(
      std::string_view database, std::string_view table,
      const std::vector<std::string>& columns) const = 0;

  /// Starts an UPDATE or DELETE of a table: waits for the table's running mutation (at most
  /// `max_wait` when given: then 55P03), writes its memtable to a segment (so every row has an
  /// id) and fixes the snapshot it reads.
  virtual Result<std::unique_ptr<TableMutation>> BeginMutation(
      std::string_view database, std::string_view table,
      std::optional<std::chrono::milliseconds> max_wait = std::nullopt) = 0;

  /// Writes every memtable to segments and advances the WAL checkpoint.
  virtual Status Flush() = 0;
  /// Re-reads every segment and checks its whole-file checksum and index.
  virtual IntegrityReport Verify() const = 0;
  /// What Open found and worked around (a corrupt manifest replaced by its backup, say).
  virtual const IntegrityReport& open_report() const = 0;
  virtual const std::string& dir() const = 0;
};

/// Reads every row of a scan into one chunk (tests and tools).
Result<columnar::Chunk> ReadAll(TableScan& scan);

}  // namespace boyodb::engine
