// NativeListener: accepts native-protocol connections on one TCP endpoint and serves each with
// a coroutine (docs/formats/native_protocol.md): read a frame, run the request on the
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
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "common/result.h"
#include "engine/database.h"
#include "server/native/native_session.h"
#include "server/request_runner.h"
#include "sql/function/function_api.h"

namespace boyodb::server::native {

class NativeListener {
 public:
  /// Binds `endpoint` (port 0 picks a free one) and starts accepting. An empty
  /// settings.node_address becomes the bound address. `io`, `runner`,
  /// `database` and `functions` must outlive the listener. 58000 naming the address when it
  /// cannot be bound.
  static Result<std::unique_ptr<NativeListener>> Start(
      boost::asio::io_context& io, RequestRunner& runner,
      const boost::asio::ip::tcp::endpoint& endpoint, engine::Database& database,
      const sql::FunctionCatalog& functions, NativeSettings settings);
  ~NativeListener();

  /// The address it listens on, with the port it bound.
  boost::asio::ip::tcp::endpoint local_endpoint() const { return local_endpoint_; }

  /// Stops accepting and closes every connection; a request already running finishes first
  /// (what it wrote stays written), its response goes nowhere. Returns once no connection's
  /// coroutine remains.
  void Stop();

 private:
  using Socket = boost::asio::ip::tcp::socket;

  NativeListener(boost::asio::io_context& io, RequestRunner& runner, engine::Database& database,
                 const sql::FunctionCatalog& functions, NativeSettings settings);
  boost::asio::awaitable<void> Accept();
  boost::asio::awaitable<void> Serve(std::shared_ptr<Socket> socket);
  /// False once Stop began: the connection is closed instead of served.
  bool Track(const std::shared_ptr<Socket>& socket);
  void Untrack(const std::shared_ptr<Socket>& socket);
  /// Called as the accept loop ends.
  void AcceptEnded();

  boost::asio::io_context& io_;
  RequestRunner& runner_;
  engine::Database& database_;
  const sql::FunctionCatalog& functions_;
  NativeSettings settings_;  // node_address is filled in once bound
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  boost::asio::ip::tcp::endpoint local_endpoint_;

  std::mutex mutex_;
  std::condition_variable all_closed_;
  std::set<std::shared_ptr<Socket>> connections_;
  bool accepting_ = true;
  bool accept_running_ = false;
};

}  // namespace boyodb::server::native
