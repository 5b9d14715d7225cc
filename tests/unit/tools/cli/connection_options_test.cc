// Checking where boyodb-cli connects: a host, a port in range, a user, a client certificate
// with its key; and the address as the banner shows it.
#include "tools/cli/connection_options.h"

#include <gtest/gtest.h>

namespace boyodb::tools::cli {
namespace {

TEST(ConnectionOptionsTest, DefaultsAreTheLocalServerAsAdmin) {
  const ConnectionOptions options;
  EXPECT_TRUE(options.Validate().ok());
  EXPECT_EQ(options.Address(), "127.0.0.1:8765");
  EXPECT_EQ(options.user, "admin");
  EXPECT_FALSE(options.tls.in_use());
}

TEST(ConnectionOptionsTest, InvalidOptionsSayWhatIsWrong) {
  ConnectionOptions no_host;
  no_host.host = "";
  EXPECT_EQ(no_host.Validate().message(), "the server's host name must not be empty");
  ConnectionOptions bad_port;
  bad_port.port = 70000;
  EXPECT_EQ(bad_port.Validate().sqlstate(), "22023");
  EXPECT_EQ(bad_port.Validate().message(), "invalid port 70000: it must be 1 to 65535");
  ConnectionOptions no_user;
  no_user.user = "";
  EXPECT_EQ(no_user.Validate().message(), "the user name must not be empty");
  ConnectionOptions cert_only;
  cert_only.tls.cert_file = "client.pem";
  EXPECT_EQ(cert_only.Validate().message(),
            "a TLS client certificate needs both --tls-cert and --tls-key, got only --tls-cert");
  ConnectionOptions key_only;
  key_only.tls.key_file = "client.key";
  EXPECT_EQ(key_only.Validate().message(),
            "a TLS client certificate needs both --tls-cert and --tls-key, got only --tls-key");
}

TEST(ConnectionOptionsTest, AnyTlsFileTurnsTlsOn) {
  ConnectionOptions options;
  options.tls.ca_file = "ca.pem";
  EXPECT_TRUE(options.tls.in_use());
  options.host = "::1";
  EXPECT_EQ(options.Address(), "[::1]:8765");
}

}  // namespace
}  // namespace boyodb::tools::cli
