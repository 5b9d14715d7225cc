// BoyoDB's own version, and the PostgreSQL version whose SQL and protocol it follows (what
// SHOW server_version and version() report, which drivers read to pick their features).
#pragma once

#include <string_view>

namespace boyodb {

inline constexpr std::string_view kBoyoVersion = "0.1.0";
inline constexpr std::string_view kPostgresVersion = "15.0";

}  // namespace boyodb
