// ApplyColumnChange: what ALTER TABLE ADD/DROP/RENAME COLUMN and ADD/DROP CONSTRAINT (CHECK)
// do to a table's catalog entry and its indexes, and ConvertMemtableRows: the same change applied
// to rows still in memory. Segments are never rewritten; the entry's storage names, retired names
// and missing values tell scans how old segments map to the new columns
// (docs/design/alter_table.md). Thread safety: pure functions.
#pragma once

#include <vector>

#include "columnar/chunk.h"
#include "common/result.h"
#include "engine/database.h"
#include "storage/manifest/manifest.h"

namespace boyodb::engine {

struct AlteredTable {
  storage::TableEntry entry;
  /// The table's indexes after the change (renamed columns, indexes of a dropped column gone).
  std::vector<storage::IndexEntry> indexes;
  /// kDrop: the dropped column's position in the old schema.
  int dropped_position = -1;
};

/// The table after `change`. `indexes` are the table's indexes; `has_rows` says whether the
/// table holds any row (a NOT NULL column without a fill needs an empty table). Errors carry
/// PostgreSQL's SQLSTATEs (42701, 42703, 23502; 42710 and 42704 for constraint names) or
/// 0A000 for what BoyoDB refuses. Checking the rows against an added CHECK is the caller's.
Result<AlteredTable> ApplyColumnChange(const storage::TableEntry& table,
                                       const std::vector<storage::IndexEntry>& indexes,
                                       const ColumnChange& change, bool has_rows);

/// Rows laid out for the table before the change, laid out for `altered.entry` after it: a
/// dropped column removed, an added one appended holding its missing value (or NULL).
Result<columnar::Chunk> ConvertMemtableRows(const columnar::Chunk& rows, ColumnChange::Kind kind,
                                            const AlteredTable& altered);

}  // namespace boyodb::engine
