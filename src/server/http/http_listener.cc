#include "server/http/http_listener.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <exception>

#include "common/logging.h"
#include "common/sqlstate.h"
#include "server/idle_timer.h"
#include "server/json_response.h"

namespace boyodb::server::http {
namespace {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;
using boost::system::error_code;

// Headers of one request may not exceed this (Beast's default is 8 KiB; long URLs with a
// ?query= need more).
constexpr uint32_t kMaxHeaderBytes = 64 * 1024;

HttpResponse ErrorReply(unsigned version, unsigned http_status, const Status& status) {
  HttpResponse response(static_cast<beast_http::status>(http_status), version);
  response.set(beast_http::field::content_type, "application/json");
  response.body() = DumpJson(ErrorJson(status));
  return response;
}

}  // namespace

Result<std::unique_ptr<HttpListener>> HttpListener::Start(
    asio::io_context& io, RequestRunner& runner, const asio::ip::tcp::endpoint& endpoint,
    HttpHandler& handler, ServerMetrics& metrics, uint64_t max_body_bytes,
    std::shared_ptr<asio::ssl::context> tls_context) {
  std::unique_ptr<HttpListener> listener(
      new HttpListener(runner, handler, metrics, max_body_bytes));
  listener->tls_context_ = std::move(tls_context);
  HttpListener* self = listener.get();
  BOYO_ASSIGN_OR_RETURN(listener->acceptor_,
                        TcpAcceptor::Start(io, endpoint, "http", [self](auto socket) {
                          return self->Serve(std::move(socket));
                        }));
  return listener;
}

asio::awaitable<void> HttpListener::Serve(std::shared_ptr<TcpAcceptor::Socket> socket) {
  ConnectionStream stream(socket);
  if (tls_context_ != nullptr) {
    const error_code handshake = co_await stream.StartTls(*tls_context_);
    if (handshake) {
      error_code ignored;
      const auto peer = socket->remote_endpoint(ignored);
      log::Info("event=tls_handshake_failed protocol=http peer={}:{} reason=\"{}\"",
                peer.address().to_string(), peer.port(), handshake.message());
      co_return;
    }
  }
  metrics_.ConnectionOpened(Protocol::kHttp);
  IdleTimer idle(socket, idle_timeout_);
  boost::beast::flat_buffer buffer;
  while (true) {
    beast_http::request_parser<beast_http::string_body> parser;
    parser.body_limit(max_body_bytes_);
    parser.header_limit(kMaxHeaderBytes);
    error_code error;
    const size_t received = co_await beast_http::async_read(
        stream, buffer, parser, asio::redirect_error(asio::use_awaitable, error));
    if (error == beast_http::error::end_of_stream || error == asio::error::eof ||
        error == asio::error::operation_aborted || error == asio::error::connection_reset) {
      break;
    }
    if (error) {
      // The stream cannot be trusted past a bad request: answer and close.
      const bool too_large =
          error == beast_http::error::body_limit || error == beast_http::error::header_limit;
      HttpResponse response =
          too_large
              ? ErrorReply(11, 413,
                           Status(StatusCode::kResourceExhausted, sqlstate::kProgramLimitExceeded,
                                  "request exceeds the limit of " +
                                      std::to_string(max_body_bytes_) + " body bytes"))
              : ErrorReply(11, 400,
                           Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation,
                                  "malformed HTTP request: " + error.message()));
      response.keep_alive(false);
      response.prepare_payload();
      co_await beast_http::async_write(stream, response,
                                       asio::redirect_error(asio::use_awaitable, error));
      metrics_.RequestDone(Protocol::kHttp, 0, false);
      break;
    }
    idle.Busy();
    metrics_.BytesReceived(Protocol::kHttp, received);
    const auto start = std::chrono::steady_clock::now();
    HttpRequest request = parser.release();
    HttpResponse response = co_await runner_.Run<HttpResponse>([this, &request] {
      try {
        return handler_.Handle(request);
      } catch (const std::exception& e) {
        log::Error("event=request_exception protocol=http what=\"{}\"", e.what());
        return ErrorReply(
            request.version(), 500,
            Status::Internal(std::string("request failed unexpectedly: ") + e.what()));
      }
    });
    response.keep_alive(request.keep_alive());
    response.prepare_payload();
    const size_t sent = co_await beast_http::async_write(
        stream, response, asio::redirect_error(asio::use_awaitable, error));
    metrics_.BytesSent(Protocol::kHttp, sent);
    metrics_.RequestDone(
        Protocol::kHttp,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
        response.result_int() < 400);
    if (error || !response.keep_alive()) break;
    idle.Idle();
  }
  error_code ignored;
  socket->shutdown(TcpAcceptor::Socket::shutdown_send, ignored);
  metrics_.ConnectionClosed(Protocol::kHttp);
}

}  // namespace boyodb::server::http
