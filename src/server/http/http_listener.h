// HttpListener: serves HTTP/1.1 (keep-alive) on connections accepted by a TcpAcceptor, with
// Boost.Beast on the server's I/O thread; each request is answered by an HttpHandler on the
// RequestRunner. A request whose body is over the limit gets 413 and the connection closes; a
// malformed request gets 400 and the connection closes.
// Thread safety: Start and Stop from the owner's thread; the io_context is run by one thread.
#pragma once

#include <utility>  // before Boost.Asio: its awaitable.hpp needs it with g++ 12

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <memory>

#include "common/result.h"
#include "server/connection_stream.h"
#include "server/http/http_handler.h"
#include "server/request_runner.h"
#include "server/server_metrics.h"
#include "server/tcp_acceptor.h"

namespace boyodb::server::http {

class HttpListener {
 public:
  /// Binds `endpoint` (port 0 picks a free one) and starts accepting. `io`, `runner`,
  /// `handler` and `metrics` must outlive the listener. 58000 when it cannot be bound.
  static Result<std::unique_ptr<HttpListener>> Start(
      boost::asio::io_context& io, RequestRunner& runner,
      const boost::asio::ip::tcp::endpoint& endpoint, HttpHandler& handler, ServerMetrics& metrics,
      uint64_t max_body_bytes, std::shared_ptr<boost::asio::ssl::context> tls_context = nullptr);

  boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_->local_endpoint(); }
  /// See TcpAcceptor::set_connection_limiter.
  void set_connection_limiter(RateLimiter* limiter) { acceptor_->set_connection_limiter(limiter); }
  /// Connections idle (waiting for their client) this long are ended; zero: never. Set before
  /// the io_context runs.
  void set_idle_timeout(std::chrono::seconds timeout) { idle_timeout_ = timeout; }
  /// Stops accepting and closes every connection (a running request finishes first).
  void Stop() { acceptor_->Stop(); }

 private:
  HttpListener(RequestRunner& runner, HttpHandler& handler, ServerMetrics& metrics,
               uint64_t max_body_bytes)
      : runner_(runner), handler_(handler), metrics_(metrics), max_body_bytes_(max_body_bytes) {}
  boost::asio::awaitable<void> Serve(std::shared_ptr<TcpAcceptor::Socket> socket);

  RequestRunner& runner_;
  HttpHandler& handler_;
  ServerMetrics& metrics_;
  const uint64_t max_body_bytes_;
  // Null: plain HTTP; set: HTTPS, every connection starts with a TLS handshake.
  std::shared_ptr<boost::asio::ssl::context> tls_context_;
  std::chrono::seconds idle_timeout_{0};
  std::unique_ptr<TcpAcceptor> acceptor_;
};

}  // namespace boyodb::server::http
