#include "server/endpoint.h"

#include <gtest/gtest.h>

namespace boyodb::server {
namespace {

TEST(EndpointTest, ParsesIpv4Ipv6AndLocalhost) {
  EXPECT_EQ(EndpointToString(*ParseEndpoint("0.0.0.0:8765")), "0.0.0.0:8765");
  EXPECT_EQ(EndpointToString(*ParseEndpoint("[::1]:5433")), "[::1]:5433");
  EXPECT_EQ(EndpointToString(*ParseEndpoint("localhost:0")), "127.0.0.1:0");
}

TEST(EndpointTest, RefusesWhatIsNotHostPort) {
  for (const char* text : {"127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:80x",
                           "example.com:80", ":80", "[::1:80"}) {
    const Result<boost::asio::ip::tcp::endpoint> parsed = ParseEndpoint(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.status().sqlstate(), "22023") << text;
    EXPECT_NE(parsed.status().message().find(std::string("\"") + text + "\""), std::string::npos);
  }
}

}  // namespace
}  // namespace boyodb::server
