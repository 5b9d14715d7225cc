// BindColumnDefault: a column's DEFAULT, kept in the catalog as SQL text, bound for the
// statement at hand (CREATE TABLE and ALTER TABLE check it; INSERT evaluates it per row).
// Thread safety: pure function over the binder it is given.
#pragma once

#include <string>

#include "common/result.h"
#include "sql/binder/query_binder.h"
#include "types/data_type.h"

namespace boyodb::engine {

/// The DEFAULT `text` of `column`, converted to the column's type as an assignment would be.
/// 42804 when it cannot be; 0A000 for a column reference, as PostgreSQL says.
Result<sql::BoundExprPtr> BindColumnDefault(sql::QueryBinder& binder, const types::Field& column,
                                            const std::string& text);

/// Every column's DEFAULT bound, in table order; a NULL constant for a column without one.
Result<std::vector<sql::BoundExprPtr>> BindColumnDefaults(sql::QueryBinder& binder,
                                                          const sql::TableDescription& table);

}  // namespace boyodb::engine
