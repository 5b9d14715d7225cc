// ConnectionStream: one accepted connection's bytes, over plain TCP or, once StartTls has
// run, over TLS on that socket. It is an Asio AsyncStream (async_read_some, async_write_some,
// get_executor), so asio::async_read/async_write and Beast's HTTP functions work on it
// unchanged whichever transport it is.
// Thread safety: as the socket's: used by the connection's coroutine only.
#pragma once

#include <utility>  // before Boost.Asio: its awaitable.hpp needs it with g++ 12

#include <boost/asio/awaitable.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>
#include <string>

#include "server/tcp_acceptor.h"

namespace boyodb::server {

class ConnectionStream {
 public:
  using Socket = TcpAcceptor::Socket;
  using executor_type = Socket::executor_type;

  explicit ConnectionStream(std::shared_ptr<Socket> socket) : socket_(std::move(socket)) {}

  executor_type get_executor() { return socket_->get_executor(); }
  Socket& socket() { return *socket_; }
  bool is_tls() const { return tls_ != nullptr; }

  /// Runs the server side of a TLS handshake with `context`; afterwards every read and write
  /// goes through TLS. The error (a client that does not speak TLS 1.3, or without a valid
  /// certificate under mutual TLS) leaves the connection to be closed.
  boost::asio::awaitable<boost::system::error_code> StartTls(boost::asio::ssl::context& context) {
    tls_ = std::make_unique<boost::asio::ssl::stream<Socket&>>(*socket_, context);
    boost::system::error_code error;
    co_await tls_->async_handshake(boost::asio::ssl::stream_base::server,
                                   boost::asio::redirect_error(boost::asio::use_awaitable, error));
    co_return error;
  }

  template <typename MutableBufferSequence, typename Token>
  auto async_read_some(const MutableBufferSequence& buffers, Token&& token) {
    if (tls_ != nullptr) return tls_->async_read_some(buffers, std::forward<Token>(token));
    return socket_->async_read_some(buffers, std::forward<Token>(token));
  }

  template <typename ConstBufferSequence, typename Token>
  auto async_write_some(const ConstBufferSequence& buffers, Token&& token) {
    if (tls_ != nullptr) return tls_->async_write_some(buffers, std::forward<Token>(token));
    return socket_->async_write_some(buffers, std::forward<Token>(token));
  }

 private:
  std::shared_ptr<Socket> socket_;
  std::unique_ptr<boost::asio::ssl::stream<Socket&>> tls_;
};

}  // namespace boyodb::server
