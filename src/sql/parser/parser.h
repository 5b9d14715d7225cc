// Parser: SQL text -> our AST, through PostgreSQL 15's own grammar (libpg_query). Syntax errors
// carry SQLSTATE 42601 and the position PostgreSQL reports; statements and clauses the engine
// does not support yet are refused here with 0A000 and their position.
// Thread safety: Parse may be called from any thread.
#pragma once

#include <string_view>
#include <vector>

#include "common/result.h"
#include "sql/ast/statement.h"

namespace boyodb::sql {

/// Parses one or more statements separated by semicolons. Positions in the AST and in errors are
/// 1-based byte offsets into `sql`.
Result<std::vector<ast::Statement>> Parse(std::string_view sql);

/// Turns a 1-based byte position into PostgreSQL's 1-based character position (UTF-8).
int32_t CharacterPosition(std::string_view sql, int32_t byte_position);

}  // namespace boyodb::sql
