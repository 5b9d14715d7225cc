#include "tools/cli/connection_options.h"

#include "common/sqlstate.h"

namespace boyodb::tools::cli {
namespace {

Status InvalidOption(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue, std::move(message));
}

}  // namespace

Status ConnectionOptions::Validate() const {
  if (host.empty()) return InvalidOption("the server's host name must not be empty");
  if (port < 1 || port > 65535) {
    return InvalidOption("invalid port " + std::to_string(port) + ": it must be 1 to 65535");
  }
  if (user.empty()) return InvalidOption("the user name must not be empty");
  if (tls.cert_file.empty() != tls.key_file.empty()) {
    return InvalidOption("a TLS client certificate needs both --tls-cert and --tls-key, got only " +
                         std::string(tls.cert_file.empty() ? "--tls-key" : "--tls-cert"));
  }
  return Status::OK();
}

std::string ConnectionOptions::Address() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace boyodb::tools::cli
