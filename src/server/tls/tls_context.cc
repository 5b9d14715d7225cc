#include "server/tls/tls_context.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "common/sqlstate.h"

namespace boyodb::server::tls {
namespace {

namespace ssl = boost::asio::ssl;

// OpenSSL's reason for the last failure, e.g. "no start line" for a file that is not PEM.
std::string OpenSslReason(const boost::system::error_code& error) {
  std::string reason = error.message();
  ERR_clear_error();
  return reason;
}

Status FileError(const std::string& what, const std::string& file,
                 const boost::system::error_code& error) {
  return Status(StatusCode::kIOError, sqlstate::kIoError,
                "could not load TLS " + what + " \"" + file + "\": " + OpenSslReason(error));
}

}  // namespace

Result<std::shared_ptr<ssl::context>> MakeServerContext(const TlsSettings& settings) {
  if (settings.cert_file.empty() || settings.key_file.empty()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                  "TLS needs both a certificate (--tls-cert) and its key (--tls-key)");
  }
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  // TLS 1.3 only: every client we ship or test (libpq, Python, Node, Go) speaks it, and it
  // drops the older versions' weak ciphers and renegotiation.
  SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_3_VERSION);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_compression);
  boost::system::error_code error;
  context->use_certificate_chain_file(settings.cert_file, error);
  if (error) return FileError("certificate", settings.cert_file, error);
  context->use_private_key_file(settings.key_file, ssl::context::pem, error);
  if (error) return FileError("key", settings.key_file, error);
  if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
    ERR_clear_error();
    return Status(StatusCode::kIOError, sqlstate::kIoError,
                  "TLS key \"" + settings.key_file + "\" does not match certificate \"" +
                      settings.cert_file + "\"");
  }
  if (settings.mutual()) {
    context->load_verify_file(settings.client_ca_file, error);
    if (error) return FileError("client CA", settings.client_ca_file, error);
    context->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
  }
  return context;
}

}  // namespace boyodb::server::tls
