// The machine mode of boyodb-cli (`--jsonl`): one JSON request per line on stdin, one JSON
// answer per line on stdout, as ../shared/slt/README.md specifies; used by test runners.
// Every request runs in autocommit; errors are answers, never exits.
// Thread safety: one mode per process.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "engine/session.h"
#include "tools/cli/sql_connection.h"

namespace boyodb::tools::cli {

/// Serves requests from `in` until it closes, running them on `connection` (an embedded
/// database or a server). Returns 0.
int RunJsonl(SqlConnection& connection, std::istream& in, std::ostream& out);

/// The answer line (without newline) for one SQL text run on `connection`.
std::string AnswerJson(SqlConnection& connection, std::string_view sql);
/// The same, run directly on an embedded session.
std::string AnswerJson(engine::Session& session, std::string_view sql);

}  // namespace boyodb::tools::cli
