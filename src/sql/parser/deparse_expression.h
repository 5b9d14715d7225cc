// DeparseExpression: a parse-tree expression back to SQL text, through libpg_query's deparser,
// so the catalog can keep a column's DEFAULT as text and bind it again at each INSERT.
// Thread safety: pure function.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <string>

#include "common/result.h"

namespace boyodb::sql::internal {

/// The SQL text of a whole parse tree, through libpg_query's deparser.
Result<std::string> DeparseTree(const PgQuery__ParseResult& tree);

/// The SQL text of `expr` ("now()", "'x'::text", "1 + 2"), as PostgreSQL prints it.
Result<std::string> DeparseExpression(PgQuery__Node* expr);

}  // namespace boyodb::sql::internal
