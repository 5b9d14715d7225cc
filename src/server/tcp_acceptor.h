// TcpAcceptor: accepts TCP connections on one endpoint and runs a protocol's coroutine for
// each, keeping track of them so Stop can close them all and wait until every coroutine is
// done. The listeners of each protocol (native, HTTP, PostgreSQL) are built on it.
// Thread safety: Start and Stop from the owner's thread. The io_context must be run by one
// thread: connections and Stop's closing of their sockets are serialized by it.
#pragma once

#include <utility>  // before Boost.Asio: its awaitable.hpp needs it with g++ 12

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "common/result.h"
#include "server/rate_limiter.h"

namespace boyodb::server {

class TcpAcceptor {
 public:
  using Socket = boost::asio::ip::tcp::socket;
  /// Serves one connection until it ends; the acceptor closes the socket afterwards.
  using ServeFunction = std::function<boost::asio::awaitable<void>(std::shared_ptr<Socket>)>;

  /// Binds `endpoint` (port 0 picks a free one) and starts accepting; `protocol` names the
  /// listener in logs. `io` must outlive the acceptor. 58000 naming the address when it cannot
  /// be bound.
  static Result<std::unique_ptr<TcpAcceptor>> Start(boost::asio::io_context& io,
                                                    const boost::asio::ip::tcp::endpoint& endpoint,
                                                    std::string protocol, ServeFunction serve);
  /// Stops, if Stop was not called.
  ~TcpAcceptor();

  /// The address it listens on, with the port it bound.
  boost::asio::ip::tcp::endpoint local_endpoint() const { return local_endpoint_; }

  /// New connections from one client address beyond `limiter`'s rate are closed at once
  /// (null: no limit). Set before the io_context runs; `limiter` must outlive the acceptor.
  void set_connection_limiter(RateLimiter* limiter) { connection_limiter_ = limiter; }

  /// Stops accepting and closes every connection's socket; returns once no connection's
  /// coroutine remains (a request already running finishes first).
  void Stop();

 private:
  TcpAcceptor(boost::asio::io_context& io, std::string protocol, ServeFunction serve);
  boost::asio::awaitable<void> Accept();
  // False once Stop began: the connection is closed instead of served.
  bool Track(const std::shared_ptr<Socket>& socket);
  void Untrack(const std::shared_ptr<Socket>& socket);
  void AcceptEnded();

  boost::asio::io_context& io_;
  const std::string protocol_;
  const ServeFunction serve_;
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  RateLimiter* connection_limiter_ = nullptr;
  boost::asio::ip::tcp::endpoint local_endpoint_;

  std::mutex mutex_;
  std::condition_variable all_closed_;
  std::set<std::shared_ptr<Socket>> connections_;
  bool accepting_ = true;
  bool accept_running_ = false;
};

}  // namespace boyodb::server
