// Structured logging to standard error through spdlog. Standard output is left to programs
// (boyodb-cli --jsonl writes only answers there).
// Thread safety: safe from any thread.
#pragma once

#include <spdlog/spdlog.h>

namespace boyodb::log {

template <typename... Args>
void Info(spdlog::format_string_t<Args...> format, Args&&... args) {
  spdlog::info(format, std::forward<Args>(args)...);
}
template <typename... Args>
void Warn(spdlog::format_string_t<Args...> format, Args&&... args) {
  spdlog::warn(format, std::forward<Args>(args)...);
}
template <typename... Args>
void Error(spdlog::format_string_t<Args...> format, Args&&... args) {
  spdlog::error(format, std::forward<Args>(args)...);
}
template <typename... Args>
void Debug(spdlog::format_string_t<Args...> format, Args&&... args) {
  spdlog::debug(format, std::forward<Args>(args)...);
}

/// Sends all log output to standard error at the given level ("debug", "info", "warn", "error",
/// "off"); unknown names keep the current level.
void InitToStderr(std::string_view level);

}  // namespace boyodb::log
