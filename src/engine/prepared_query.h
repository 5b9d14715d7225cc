// PreparedQuery: one statement as the extended query protocol keeps it between a Parse message
// and the Bind and Execute messages that run it: parsed once, with its parameters' types.
// Made by Session::PrepareQuery. Thread safety: immutable once made; copies share the tree.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/ast/statement.h"
#include "types/data_type.h"

namespace boyodb::engine {

struct PreparedQuery {
  /// The statement's SQL, as the client sent it.
  std::string text;
  /// Null for an empty query (only blanks and comments), which executes to nothing.
  std::shared_ptr<const sql::ast::Statement> statement;
  /// $1, $2, ...: declared in Parse or inferred from their use.
  std::vector<types::DataType> parameter_types;
};

}  // namespace boyodb::engine
