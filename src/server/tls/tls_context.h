// The server's TLS configuration: a certificate and key for every listener, TLS 1.3 only, and
// with a client CA, mutual TLS (a client without a certificate that CA signed is refused in
// the handshake). Built once at start; every connection's stream shares it.
// Thread safety: the context is read-only once made, which OpenSSL allows across threads.
#pragma once

#include <utility>  // before Boost.Asio: its awaitable.hpp needs it with g++ 12

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

#include "common/result.h"

namespace boyodb::server::tls {

struct TlsSettings {
  /// PEM certificate chain (the server's certificate first) and its PEM private key. Both
  /// empty: no TLS.
  std::string cert_file;
  std::string key_file;
  /// PEM CA certificates; set: clients must present a certificate one of them signed.
  std::string client_ca_file;

  bool enabled() const { return !cert_file.empty() || !key_file.empty(); }
  bool mutual() const { return !client_ca_file.empty(); }
};

/// The server side's context for `settings` (requires enabled()). 22023 when only one of
/// certificate and key is given; 58000 naming the file and OpenSSL's reason when one cannot be
/// read or the key does not match the certificate.
Result<std::shared_ptr<boost::asio::ssl::context>> MakeServerContext(const TlsSettings& settings);

}  // namespace boyodb::server::tls
