// Manifest: the durable catalog and segment list of a data directory (manifest.json), as one
// immutable, versioned value. ManifestStore publishes new versions atomically; readers hold a
// snapshot (shared_ptr<const Manifest>) without locks. Format: docs/formats/manifest.md.
// Thread safety: Manifest is immutable; ManifestStore is thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/file_system.h"
#include "formats/compression/codec.h"
#include "types/data_type.h"
#include "types/value.h"

namespace boyodb::storage {

enum class SegmentTier : uint8_t { kHot, kWarm, kCold };
std::string_view SegmentTierName(SegmentTier tier);

/// One segment file, with the specification's ManifestEntry fields.
struct SegmentEntry {
  uint64_t segment_id = 0;
  std::string database;
  std::string table;
  uint64_t table_id = 0;
  std::optional<uint64_t> shard_id;
  uint64_t row_count = 0;
  uint64_t compressed_bytes = 0;
  uint64_t uncompressed_bytes = 0;
  uint64_t watermark_micros = 0;  // wall clock when the segment was written
  std::optional<int64_t> min_event_time;
  std::optional<int64_t> max_event_time;
  std::optional<std::string> bloom_filter;  // the .idx file holding its bloom filters
  uint32_t checksum = 0;                    // CRC32C of the whole .seg file
  SegmentTier tier = SegmentTier::kHot;
  uint64_t version_added = 0;
  /// Rows removed by DELETE or UPDATE: the .del file listing their positions (a Roaring
  /// bitmap, docs/formats/delete_file.md), how many, and the LSN of the WAL record that wrote
  /// it (replay never goes back to an older file).
  std::optional<std::string> delete_file;
  uint64_t deleted_rows = 0;
  uint64_t deletes_lsn = 0;
  /// Rows a scan returns.
  uint64_t live_rows() const { return row_count - deleted_rows; }
};

/// A CHECK constraint: its name and its expression as SQL text over the table's column names
/// (deparsed by the parser), bound again wherever rows are checked.
struct CheckConstraint {
  std::string name;
  std::string expression;
  bool operator==(const CheckConstraint&) const = default;
};

struct TableEntry {
  uint64_t table_id = 0;
  std::string database;
  std::string table;
  types::Schema schema;
  formats::CompressionCodec compression = formats::CompressionCodec::kLz4;
  std::vector<std::string> sort_key;
  /// DEFAULT expressions as SQL text, by column name; columns without one are absent.
  std::map<std::string, std::string> column_defaults;
  /// The declared type of TEXT columns that carry a length ("character varying(20)",
  /// "character(3)"; types::CharacterLength), by column name; other columns are absent.
  std::map<std::string, std::string> declared_types;
  /// ALTER TABLE never rewrites segments, so a column's name in segments (its storage name)
  /// can differ from its name: RENAME COLUMN keeps the old one, and ADD COLUMN of a name that
  /// older segments still hold takes a fresh one. Only names that differ are listed.
  std::map<std::string, std::string> storage_names;
  /// Storage names of dropped columns, which segments may still hold: never given out again.
  std::vector<std::string> retired_storage_names;
  /// What rows of segments without a column read for it (ADD COLUMN ... DEFAULT), by storage
  /// name; a column not listed reads NULL there.
  std::map<std::string, types::Value> missing_values;
  /// CHECK constraints, in the order they were added; names are unique within the table.
  std::vector<CheckConstraint> checks;
  /// The name of the table's directory under DATA/segments/<database>/ when it is not the
  /// table's name: RENAME TABLE keeps the directory (segments are never moved), and a table
  /// created under a name whose directory another table still uses takes "<name>.<table_id>"
  /// (a dot never occurs in a table name). Empty: the table's name.
  std::string storage_dir;

  /// The directory name under DATA/segments/<database>/ (storage_dir or the table's name).
  const std::string& SegmentDirName() const { return storage_dir.empty() ? table : storage_dir; }
  /// The column's name in segments.
  std::string StorageName(const std::string& column) const;
  /// The schema segments are written with: the table's, under storage names.
  types::Schema StorageSchema() const;
  /// WAL ingest records of this table with an LSN below this are in segments already.
  uint64_t replay_from_lsn = 0;
};

/// A view: the CREATE VIEW statement as written, parsed and bound again wherever the view is
/// used, and its output column names.
struct ViewEntry {
  std::string database;
  std::string name;
  std::string definition;
  std::vector<std::string> columns;
};

/// A skip index (CREATE INDEX) over columns of a table: "minmax" or "bloom". A unique index
/// also makes INSERT and UPDATE refuse duplicate keys.
struct IndexEntry {
  std::string database;
  std::string name;
  std::string table;
  std::vector<std::string> columns;
  std::string method;
  bool unique = false;
  /// The index of a PRIMARY KEY constraint (unique too).
  bool primary_key = false;
};

/// A sequence (CREATE SEQUENCE, or the one a SERIAL column owns). `last_value` is the highest
/// value nextval may have handed out: values are logged ahead in blocks, so after a crash the
/// sequence goes on above it (a gap, never a repeat), as PostgreSQL's do.
struct SequenceEntry {
  std::string database;
  std::string name;
  int64_t increment = 1;
  int64_t min_value = 1;
  int64_t max_value = INT64_MAX;
  int64_t start = 1;
  int64_t last_value = 1;
  /// False until the first nextval: then the next value is `last_value` itself.
  bool called = false;
  /// The table and column of a SERIAL or identity column; the sequence is dropped with the
  /// table.
  std::string owner_table;
  std::string owner_column;
  /// For an identity column's sequence: "always" (GENERATED ALWAYS: INSERT must not give the
  /// column a value) or "by default"; empty otherwise.
  std::string identity;
  /// CYCLE: past its bound the sequence starts again at the other bound; otherwise nextval
  /// fails there.
  bool cycle = false;
};

/// A user or role (PostgreSQL's roles: a user is a role that can log in). Passwords are kept
/// only as hashes: an Argon2id hash for password logins and a SCRAM-SHA-256 verifier for the
/// PostgreSQL wire protocol's SCRAM exchange.
/// Privileges on tables and databases (GRANT ... ON ... TO role), as bits of
/// PrivilegeGrant::privileges; names as GRANT spells them (PrivilegeName).
namespace privilege {
inline constexpr uint32_t kSelect = 1u << 0;
inline constexpr uint32_t kInsert = 1u << 1;
inline constexpr uint32_t kUpdate = 1u << 2;
inline constexpr uint32_t kDelete = 1u << 3;
inline constexpr uint32_t kCreate = 1u << 4;
inline constexpr uint32_t kDrop = 1u << 5;
inline constexpr uint32_t kAlter = 1u << 6;
inline constexpr uint32_t kTruncate = 1u << 7;
inline constexpr uint32_t kConnect = 1u << 8;
inline constexpr uint32_t kUsage = 1u << 9;
inline constexpr uint32_t kNumBits = 10;
/// What ALL [PRIVILEGES] means on a table, and on a database (where it also covers the
/// database's tables).
inline constexpr uint32_t kAllOnTable =
    kSelect | kInsert | kUpdate | kDelete | kDrop | kAlter | kTruncate;
inline constexpr uint32_t kAllOnDatabase = kAllOnTable | kCreate | kConnect | kUsage;
}  // namespace privilege

/// "SELECT" for privilege::kSelect, ...; "" for a value that is not one bit.
std::string_view PrivilegeName(uint32_t bit);

/// Privileges one role holds on one object.
struct PrivilegeGrant {
  /// Empty: every database (the built-in roles readonly and readwrite).
  std::string database;
  /// Empty: the database itself and every table in it.
  std::string table;
  uint32_t privileges = 0;
  /// The privileges the holder may grant to others (WITH GRANT OPTION); a subset.
  uint32_t grant_option = 0;
  bool operator==(const PrivilegeGrant&) const = default;
};

struct UserEntry {
  std::string name;
  /// "$argon2id$v=19$m=...,t=...,p=...$salt$hash"; empty: no password (cannot log in with one).
  std::string password_hash;
  /// "SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>"; empty with the password.
  std::string scram_verifier;
  bool superuser = false;
  bool login = true;
  bool create_db = false;
  bool create_user = false;
  /// Roles whose privileges this one inherits (GRANT role TO user).
  std::vector<std::string> member_of;
  /// Privileges granted to this role on tables and databases.
  std::vector<PrivilegeGrant> grants;
};

struct Manifest {
  static constexpr uint32_t kFormatVersion = 1;

  uint64_t version = 0;
  std::vector<std::string> databases;
  std::vector<TableEntry> tables;
  std::vector<SegmentEntry> entries;
  std::vector<ViewEntry> views;
  std::vector<IndexEntry> indexes;
  std::vector<SequenceEntry> sequences;
  std::vector<UserEntry> users;
  /// Replay of the WAL starts here; older WAL files may be deleted.
  uint64_t checkpoint_lsn = 0;
  uint64_t next_segment_id = 1;
  uint64_t next_table_id = 1;

  bool HasDatabase(std::string_view name) const;
  const TableEntry* FindTable(std::string_view database, std::string_view table) const;
  const TableEntry* FindTableById(uint64_t table_id) const;
  const ViewEntry* FindView(std::string_view database, std::string_view name) const;
  const IndexEntry* FindIndex(std::string_view database, std::string_view name) const;
  const SequenceEntry* FindSequence(std::string_view database, std::string_view name) const;
  SequenceEntry* FindSequence(std::string_view database, std::string_view name);
  const UserEntry* FindUser(std::string_view name) const;
};

/// Serializes as manifest.json: the specification's fields plus a trailing "crc32" over the
/// bytes before it, so a torn or edited file is detected.
std::string ManifestToJson(const Manifest& manifest);
/// Parses ManifestToJson's output. Corruption naming `path` for a bad checksum or shape.
Result<Manifest> ManifestFromJson(std::string_view json, const std::string& path);

/// One segment entry or table entry as a JSON object (also the payload of AddSegment and
/// CreateTable WAL records).
std::string SegmentEntryToJson(const SegmentEntry& entry);
Result<SegmentEntry> SegmentEntryFromJson(std::string_view json, const std::string& context);
std::string TableEntryToJson(const TableEntry& entry);
Result<TableEntry> TableEntryFromJson(std::string_view json, const std::string& context);
/// A view or index entry as a JSON object (also the payload of their WAL records).
std::string SequenceEntryToJson(const SequenceEntry& entry);
Result<SequenceEntry> SequenceEntryFromJson(std::string_view json, const std::string& context);
std::string UserEntryToJson(const UserEntry& entry);
Result<UserEntry> UserEntryFromJson(std::string_view json, const std::string& context);
std::string ViewEntryToJson(const ViewEntry& entry);
Result<ViewEntry> ViewEntryFromJson(std::string_view json, const std::string& context);
std::string IndexEntryToJson(const IndexEntry& entry);
Result<IndexEntry> IndexEntryFromJson(std::string_view json, const std::string& context);

/// Keeps DATA/manifest.json and its backups (DATA/wal/manifest-<version>.json, the newest
/// kBackupsKept), and the in-memory current version.
class ManifestStore {
 public:
  static constexpr int kBackupsKept = 3;

  /// Loads DATA/manifest.json; if it is missing, starts empty; if it is corrupt, loads the newest
  /// valid backup and returns the corruption in *problem (the caller reports it), moving the bad
  /// file aside to manifest.json.corrupt so it can be inspected.
  static Result<std::unique_ptr<ManifestStore>> Open(FileSystem& fs, const std::string& data_dir,
                                                     std::optional<Status>* problem);

  /// The current version; never null.
  std::shared_ptr<const Manifest> current() const { return current_.load(); }

  /// Writes `next` (its version must be current()->version + 1) durably and makes it current.
  /// Serialized by the caller (one writer at a time). On error the current version is unchanged.
  Status Publish(Manifest next);

 private:
  ManifestStore(FileSystem& fs, std::string data_dir, std::shared_ptr<const Manifest> initial);

  FileSystem& fs_;
  const std::string data_dir_;
  std::atomic<std::shared_ptr<const Manifest>> current_;
  std::mutex publish_mutex_;
};

}  // namespace boyodb::storage
