// JSON bodies that the native protocol and HTTP share: errors with their SQLSTATE, and JSON text
// that cannot throw on strings a client sent (invalid UTF-8 becomes U+FFFD).
// Thread safety: pure functions.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace boyodb::server {

/// {"status":"error","code":SQLSTATE,"message":...[,"position":N][,"context":[...]]}.
nlohmann::json ErrorJson(const Status& status);

/// Compact JSON text, never throwing.
std::string DumpJson(const nlohmann::json& value);

}  // namespace boyodb::server
