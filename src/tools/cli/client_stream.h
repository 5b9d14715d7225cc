// ClientStream: boyodb-cli's byte stream to a server: a TCP connection, or TLS over it (OpenSSL,
// TLS 1.3 only; the server's certificate verified against the given CA file or the system's CA
// store and matched to the host name or IP address; an optional client certificate for mutual
// TLS). Blocking reads and writes; a peer that goes away is an error, never SIGPIPE.
// Thread safety: one stream per thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "common/result.h"
#include "tools/cli/connection_options.h"

namespace boyodb::tools::cli {

// PostgreSQL's connection-exception SQLSTATEs (class 08), which only a client reports.
inline constexpr std::string_view kSqlStateUnableToConnect = "08001";
inline constexpr std::string_view kSqlStateConnectionFailure = "08006";

class ClientStream {
 public:
  virtual ~ClientStream() = default;

  /// Connects to options.host:options.port (every address the name resolves to, in turn),
  /// then, when options.tls.in_use(), completes the TLS handshake. 08001 saying why: the name
  /// does not resolve, the connection is refused, a TLS file cannot be loaded, or the server's
  /// certificate fails verification (with OpenSSL's reason, e.g. "hostname mismatch").
  static Result<std::unique_ptr<ClientStream>> Connect(const ConnectionOptions& options);

  /// Writes all of `bytes`. 08006 when the connection is lost.
  virtual Status WriteAll(std::string_view bytes) = 0;
  /// Reads up to `n` bytes (at least one unless the stream ended) into `out`; 0 when the server
  /// closed the connection. 08006 when the connection fails (a TLS alert, a reset).
  virtual Result<size_t> ReadSome(char* out, size_t n) = 0;
};

/// Reads exactly `n` bytes; 08006 ("server closed the connection unexpectedly") when the stream
/// ends first.
Status ReadExactly(ClientStream& stream, char* out, size_t n);

}  // namespace boyodb::tools::cli
