// NativeListener: serves native-protocol connections accepted by a TcpAcceptor, each with a
// coroutine (docs/formats/native_protocol.md): read a frame, run the request on the
// RequestRunner (never on an I/O thread), write the response and any binary result frames.
// A frame over the size limit gets an error response and the connection is closed (its bytes
// cannot be skipped safely); a frame that is not a valid request gets an error response and the
// connection goes on.
// Thread safety: Start and Stop from the owner's thread. The io_context must be run by one
// thread: connections and Stop's closing of their sockets are serialized by it.
#pragma once

#include <utility>  // before Boost.Asio: its awaitable.hpp needs it with g++ 12

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "engine/database.h"
#include "server/connection_stream.h"
#include "server/native/native_session.h"
#include "server/request_runner.h"
#include "server/server_metrics.h"
#include "server/tcp_acceptor.h"
#include "sql/function/function_api.h"

namespace boyodb::server::native {

class NativeListener {
 public:
  /// Binds `endpoint` (port 0 picks a free one) and starts accepting. An empty
  /// settings.node_address becomes the bound address. `io`, `runner`, `database`, `functions`
  /// and `metrics` must outlive the listener. 58000 naming the address when it cannot be bound.
  static Result<std::unique_ptr<NativeListener>> Start(
      boost::asio::io_context& io, RequestRunner& runner,
      const boost::asio::ip::tcp::endpoint& endpoint, engine::Database& database,
      const sql::FunctionCatalog& functions, Authenticator& authenticator, ServerMetrics& metrics,
      NativeSettings settings, std::shared_ptr<boost::asio::ssl::context> tls_context = nullptr);

  /// The address it listens on, with the port it bound.
  boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_->local_endpoint(); }
  /// See TcpAcceptor::set_connection_limiter.
  void set_connection_limiter(RateLimiter* limiter) { acceptor_->set_connection_limiter(limiter); }
  /// Connections idle (waiting for their client) this long are ended; zero: never. Set before
  /// the io_context runs.
  void set_idle_timeout(std::chrono::seconds timeout) { idle_timeout_ = timeout; }

  /// Stops accepting and closes every connection; a request already running finishes first
  /// (what it wrote stays written), its response goes nowhere. Returns once no connection's
  /// coroutine remains.
  void Stop() { acceptor_->Stop(); }

 private:
  using Socket = TcpAcceptor::Socket;

  NativeListener(RequestRunner& runner, engine::Database& database,
                 const sql::FunctionCatalog& functions, Authenticator& authenticator,
                 ServerMetrics& metrics, NativeSettings settings);
  boost::asio::awaitable<void> Serve(std::shared_ptr<Socket> socket);
  // Frame I/O that counts bytes; false when the connection is done.
  boost::asio::awaitable<bool> WriteFrame(ConnectionStream& stream, std::string_view payload);
  /// The payloads as consecutive frames, in one write.
  boost::asio::awaitable<bool> WriteFrames(ConnectionStream& stream,
                                           std::vector<std::string_view> payloads);
  boost::asio::awaitable<bool> ReadFrame(ConnectionStream& stream, std::string* payload);

  RequestRunner& runner_;
  engine::Database& database_;
  const sql::FunctionCatalog& functions_;
  Authenticator& authenticator_;
  ServerMetrics& metrics_;
  NativeSettings settings_;  // node_address is filled in once bound
  // Null: plain TCP; set: every connection starts with a TLS handshake.
  std::shared_ptr<boost::asio::ssl::context> tls_context_;
  std::chrono::seconds idle_timeout_{0};
  std::unique_ptr<TcpAcceptor> acceptor_;
};

}  // namespace boyodb::server::native
