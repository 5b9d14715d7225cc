#include "server/tcp_acceptor.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>

#include "common/logging.h"
#include "common/sqlstate.h"
#include "server/endpoint.h"

namespace boyodb::server {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

TcpAcceptor::TcpAcceptor(asio::io_context& io, std::string protocol, ServeFunction serve)
    : io_(io), protocol_(std::move(protocol)), serve_(std::move(serve)) {}

TcpAcceptor::~TcpAcceptor() { Stop(); }

Result<std::unique_ptr<TcpAcceptor>> TcpAcceptor::Start(asio::io_context& io,
                                                        const tcp::endpoint& endpoint,
                                                        std::string protocol, ServeFunction serve) {
  std::unique_ptr<TcpAcceptor> self(new TcpAcceptor(io, std::move(protocol), std::move(serve)));
  auto acceptor = std::make_unique<tcp::acceptor>(io);
  error_code error;
  acceptor->open(endpoint.protocol(), error);
  if (!error) acceptor->set_option(tcp::acceptor::reuse_address(true), error);
  if (!error) acceptor->bind(endpoint, error);
  if (!error) acceptor->listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return Status(StatusCode::kIOError, sqlstate::kSystemError,
                  "could not listen on " + EndpointToString(endpoint) + " (" + self->protocol_ +
                      "): " + error.message());
  }
  self->local_endpoint_ = acceptor->local_endpoint();
  self->acceptor_ = std::move(acceptor);
  self->accept_running_ = true;
  TcpAcceptor* raw = self.get();
  asio::co_spawn(io, raw->Accept(), [raw](std::exception_ptr) { raw->AcceptEnded(); });
  log::Info("event=listening protocol={} address={}", self->protocol_,
            EndpointToString(self->local_endpoint_));
  return self;
}

void TcpAcceptor::Stop() {
  std::unique_lock lock(mutex_);
  if (accepting_) {
    accepting_ = false;
    if (acceptor_ != nullptr) {
      asio::post(io_, [this] {
        error_code ignored;
        acceptor_->close(ignored);
      });
    }
    for (const std::shared_ptr<Socket>& socket : connections_) {
      asio::post(io_, [socket] {
        error_code ignored;
        socket->shutdown(tcp::socket::shutdown_both, ignored);
        socket->close(ignored);
      });
    }
  }
  all_closed_.wait(lock, [this] { return connections_.empty() && !accept_running_; });
}

void TcpAcceptor::AcceptEnded() {
  std::lock_guard lock(mutex_);
  accept_running_ = false;
  all_closed_.notify_all();
}

bool TcpAcceptor::Track(const std::shared_ptr<Socket>& socket) {
  std::lock_guard lock(mutex_);
  if (!accepting_) return false;
  connections_.insert(socket);
  return true;
}

void TcpAcceptor::Untrack(const std::shared_ptr<Socket>& socket) {
  std::lock_guard lock(mutex_);
  connections_.erase(socket);
  all_closed_.notify_all();
}

asio::awaitable<void> TcpAcceptor::Accept() {
  while (true) {
    auto socket = std::make_shared<Socket>(io_);
    error_code error;
    co_await acceptor_->async_accept(*socket, asio::redirect_error(asio::use_awaitable, error));
    if (error) {
      if (error == asio::error::operation_aborted || !acceptor_->is_open()) co_return;
      // Out of file descriptors, say: the listener keeps going, as other clients may still be
      // served once connections close.
      log::Warn("event=accept_failed protocol={} error=\"{}\"", protocol_, error.message());
      continue;
    }
    if (connection_limiter_ != nullptr) {
      const tcp::endpoint peer = socket->remote_endpoint(error);
      const std::string address = error ? std::string("unknown") : peer.address().to_string();
      if (!connection_limiter_->Allow(address)) {
        log::Warn("event=connection_refused protocol={} peer={} reason=rate_limit", protocol_,
                  address);
        socket->close(error);
        continue;
      }
    }
    if (!Track(socket)) co_return;
    socket->set_option(tcp::no_delay(true), error);
    asio::co_spawn(io_, serve_(socket), [this, socket](std::exception_ptr e) {
      // Protocols catch what a request throws; reaching here is a bug in the connection code.
      if (e) log::Error("event=connection_failed protocol={}", protocol_);
      error_code ignored;
      socket->close(ignored);
      Untrack(socket);
    });
  }
}

}  // namespace boyodb::server
