// ConnectionOptions: where boyodb-cli connects and as whom: the server's native protocol address,
// the login, the database to start in, and TLS (TLS 1.3, the server certificate checked against
// a CA and the host name or IP address, optionally a client certificate for mutual TLS).
// Thread safety: plain values.
#pragma once

#include <string>

#include "common/status.h"

namespace boyodb::tools::cli {

inline constexpr std::string_view kDefaultHost = "127.0.0.1";
inline constexpr int kDefaultPort = 8765;
inline constexpr std::string_view kDefaultUser = "admin";

struct TlsOptions {
  /// Use TLS. Implied by any of the files below.
  bool enabled = false;
  /// PEM CA certificates the server's certificate must chain to; empty: the system's CA store.
  std::string ca_file;
  /// PEM client certificate chain and its PEM private key, for servers that require mutual
  /// TLS; both or neither.
  std::string cert_file;
  std::string key_file;

  bool in_use() const {
    return enabled || !ca_file.empty() || !cert_file.empty() || !key_file.empty();
  }
};

struct ConnectionOptions {
  std::string host = std::string(kDefaultHost);
  int port = kDefaultPort;
  std::string user = std::string(kDefaultUser);
  std::string password;
  /// The database to start in; empty: the server's default.
  std::string database;
  TlsOptions tls;

  /// 22023 for an empty host or user, a port outside 1..65535, or a client certificate
  /// without its key (or a key without its certificate).
  Status Validate() const;
  /// "127.0.0.1:8765" ("[::1]:8765" for an IPv6 address).
  std::string Address() const;
};

}  // namespace boyodb::tools::cli
