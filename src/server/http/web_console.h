// The HTTP listener's small web console (ARCHITECTURE.md section 5): a page at GET / where a
// user types SQL, logs in with a BoyoDB user and password, and sees the result as a table or
// the error with its SQLSTATE. The page's script calls POST /query with HTTP Basic
// authentication, as any client does; the files themselves hold no data and need no login.
// Thread safety: immutable constants.
#pragma once

#include <string_view>

namespace boyodb::server::http {

struct ConsoleFile {
  std::string_view content_type;
  std::string_view body;
};

/// The console's file at `path` ("/", "/console.js", "/console.css"), or null.
const ConsoleFile* FindConsoleFile(std::string_view path);

/// The Content-Security-Policy the console's files are served with: only the console's own
/// script and style, no framing.
inline constexpr std::string_view kConsoleContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

}  // namespace boyodb::server::http
