// IdleTimer: ends a connection whose client has sent nothing for a set time while the server
// waited for it (PostgreSQL's idle_session_timeout, for every protocol). Time spent running a
// request does not count. When it fires it cancels the socket's pending read, so the
// connection's coroutine sees its client gone, can say why (expired()) and ends.
// Thread safety: everything on the io_context's one thread, as the connection's coroutine.
#pragma once

#include <utility>  // before Boost.Asio: its awaitable.hpp needs it with g++ 12

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

#include "common/result.h"
#include "server/tcp_acceptor.h"

namespace boyodb::server {

class IdleTimer {
 public:
  /// `timeout` of zero: never fires. Starts counting at once.
  IdleTimer(std::shared_ptr<TcpAcceptor::Socket> socket, std::chrono::seconds timeout);
  /// Stops watching (the connection ends).
  ~IdleTimer();
  IdleTimer(const IdleTimer&) = delete;
  IdleTimer& operator=(const IdleTimer&) = delete;

  /// A request arrived: not idle until Idle().
  void Busy();
  /// The server waits for the client again: the timeout starts now.
  void Idle();
  /// True once the timeout ended the connection.
  bool expired() const;

 private:
  struct State;
  static boost::asio::awaitable<void> Watch(std::shared_ptr<State> state);
  std::shared_ptr<State> state_;
};

/// 57P05 "terminating connection due to idle-session timeout", PostgreSQL's farewell.
Status IdleSessionTimeout();

}  // namespace boyodb::server
