#include "common/logging.h"

#include <spdlog/sinks/stdout_sinks.h>

namespace boyodb::log {

void InitToStderr(std::string_view level) {
  auto logger = spdlog::stderr_logger_mt("boyodb");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  const auto parsed = spdlog::level::from_str(std::string(level));
  if (parsed != spdlog::level::off || level == "off") spdlog::set_level(parsed);
}

}  // namespace boyodb::log
