// The machine mode of boyodb-cli (`--jsonl`): one JSON request per line on stdin, one JSON
// answer per line on stdout, as ../shared/slt/README.md specifies; used by test runners.
// Every request runs in autocommit; errors are answers, never exits.
// Thread safety: one mode per process.
#pragma once

#include <iosfwd>

#include "engine/session.h"

namespace boyodb::tools::cli {

/// Serves requests from `in` until it closes. Returns 0.
int RunJsonl(engine::Session& session, std::istream& in, std::ostream& out);

/// The answer line (without newline) for one SQL text.
std::string AnswerJson(engine::Session& session, std::string_view sql);

}  // namespace boyodb::tools::cli
