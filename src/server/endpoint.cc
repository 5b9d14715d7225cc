#include "server/endpoint.h"

#include <charconv>

#include "common/sqlstate.h"

namespace boyodb::server {

namespace asio = boost::asio;

Result<asio::ip::tcp::endpoint> ParseEndpoint(std::string_view text) {
  const auto invalid = [text](std::string_view why) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                  "invalid listen address \"" + std::string(text) + "\": " + std::string(why));
  };
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return invalid("expected HOST:PORT");
  std::string_view host = text.substr(0, colon);
  const std::string_view port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned port = 0;
  const auto [end, error] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || error != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    return invalid("the port must be a number from 0 to 65535");
  }
  if (host == "localhost") host = "127.0.0.1";
  boost::system::error_code parse_error;
  const asio::ip::address address = asio::ip::make_address(std::string(host), parse_error);
  if (parse_error) return invalid("the host must be an IP address or localhost");
  return asio::ip::tcp::endpoint(address, static_cast<uint16_t>(port));
}

std::string EndpointToString(const asio::ip::tcp::endpoint& endpoint) {
  const std::string address = endpoint.address().to_string();
  return (endpoint.address().is_v6() ? "[" + address + "]" : address) + ":" +
         std::to_string(endpoint.port());
}

}  // namespace boyodb::server
