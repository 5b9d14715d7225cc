// Listen addresses as users write them: "127.0.0.1:8765", "0.0.0.0:8765", "[::1]:8765",
// "localhost:8765" (IP literals and localhost; names are not looked up).
// Thread safety: pure functions.
#pragma once

#include <utility>  // before Boost.Asio: its awaitable.hpp needs it with g++ 12

#include <boost/asio/ip/tcp.hpp>
#include <string>
#include <string_view>

#include "common/result.h"

namespace boyodb::server {

/// 22023 naming the text when it is not HOST:PORT with an IP address (or localhost) and a
/// port from 0 to 65535 (0: any free port).
Result<boost::asio::ip::tcp::endpoint> ParseEndpoint(std::string_view text);

/// "127.0.0.1:8765", "[::1]:8765".
std::string EndpointToString(const boost::asio::ip::tcp::endpoint& endpoint);

}  // namespace boyodb::server
