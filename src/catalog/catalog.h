// Catalog lookups over a manifest snapshot: resolving database and table names with the
// SQLSTATEs PostgreSQL uses, and the rules for valid object names.
// Thread safety: pure functions over immutable snapshots.
#pragma once

#include <string_view>

#include "common/result.h"
#include "storage/manifest/manifest.h"

namespace boyodb::catalog {

inline constexpr size_t kMaxNameLength = 63;  // PostgreSQL's NAMEDATALEN - 1

/// OK for 1..63 characters of ASCII letters, digits and underscores not starting with a digit;
/// otherwise InvalidArgument (42602) naming the kind ("database", "table", "column") and name.
Status ValidateName(std::string_view kind, std::string_view name);

/// Checks a schema: at least one column, valid and distinct column names (42701 on duplicates).
Status ValidateSchema(const types::Schema& schema);

/// 3D000 when the database does not exist.
Status RequireDatabase(const storage::Manifest& manifest, std::string_view database);

/// The table's entry; 3D000 for a missing database, 42P01 for a missing table.
Result<const storage::TableEntry*> ResolveTable(const storage::Manifest& manifest,
                                                std::string_view database, std::string_view table);

}  // namespace boyodb::catalog
