// Catalog lookups over a manifest snapshot: resolving database and table names with the
// SQLSTATEs PostgreSQL uses, and the rules for valid object names.
// Thread safety: pure functions over immutable snapshots.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "storage/manifest/manifest.h"
#include "storage/wal/payload_codec.h"

namespace boyodb::catalog {

inline constexpr size_t kMaxNameLength = 63;  // PostgreSQL's NAMEDATALEN - 1

/// OK for 1..63 characters of ASCII letters, digits and underscores not starting with a digit;
/// otherwise InvalidArgument (42602) naming the kind ("database", "table", "column") and name.
Status ValidateName(std::string_view kind, std::string_view name);

/// PostgreSQL's makeObjectName, how it names what it creates for a table (t_a_check,
/// t_id_seq): `name1`_`name2`_`label` (no `name2` part when it is empty), the longer of the
/// two names shortened until the whole fits in 63 characters.
std::string MakeObjectName(std::string_view name1, std::string_view name2, std::string_view label);

/// Checks a schema: at least one column, valid and distinct column names (42701 on duplicates).
Status ValidateSchema(const types::Schema& schema);

/// 3D000 when the database does not exist.
Status RequireDatabase(const storage::Manifest& manifest, std::string_view database);

/// The table's entry; 3D000 for a missing database, 42P01 for a missing table.
Result<const storage::TableEntry*> ResolveTable(const storage::Manifest& manifest,
                                                std::string_view database, std::string_view table);

/// What a name in a database's relation namespace is (tables, views and indexes share it).
enum class RelationKind : uint8_t { kNone, kTable, kView, kIndex, kSequence };
RelationKind FindRelation(const storage::Manifest& manifest, std::string_view database,
                          std::string_view name);
/// 42P07 `relation "x" already exists` unless the name is free.
Status RequireFreeName(const storage::Manifest& manifest, std::string_view database,
                       std::string_view name);

/// Edits of a manifest being built, shared by the live DDL path and WAL replay.
/// Removes the database with its tables, segments, views and indexes.
void EraseDatabase(storage::Manifest* manifest, std::string_view database);
/// Removes the table with its segments and indexes.
void EraseTable(storage::Manifest* manifest, uint64_t table_id);
/// Adds the view, replacing one of the same name.
void PutView(storage::Manifest* manifest, storage::ViewEntry view);
void EraseView(storage::Manifest* manifest, std::string_view database, std::string_view name);
void PutIndex(storage::Manifest* manifest, storage::IndexEntry index);
void EraseIndex(storage::Manifest* manifest, std::string_view database, std::string_view name);
/// RENAME TABLE: the table (by id) takes the new name and storage directory, its segment
/// entries, the listed indexes and owned sequences name it anew, and the listed views replace
/// theirs (in databases that exist).
void RenameTable(storage::Manifest* manifest, const storage::wal::RenameTablePayload& rename);
void PutSequence(storage::Manifest* manifest, storage::SequenceEntry sequence);
void EraseSequence(storage::Manifest* manifest, std::string_view database, std::string_view name);
/// Adds the user or replaces the one of the same name.
void PutUser(storage::Manifest* manifest, storage::UserEntry user);
/// Removes the user, and its name from every other user's member_of.
void EraseUser(storage::Manifest* manifest, std::string_view name);

}  // namespace boyodb::catalog
