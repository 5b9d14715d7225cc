#include "server/native/native_listener.h"

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <exception>

#include "common/logging.h"
#include "common/sqlstate.h"
#include "server/endpoint.h"
#include "server/native/frame.h"
#include "server/native/native_request.h"

namespace boyodb::server::native {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

// Writes one frame; false when the connection failed.
asio::awaitable<bool> WriteFrame(tcp::socket& socket, std::string_view payload) {
  const auto header = EncodeFrameHeader(payload.size());
  const std::array<asio::const_buffer, 2> buffers = {asio::buffer(header), asio::buffer(payload)};
  error_code error;
  co_await asio::async_write(socket, buffers, asio::redirect_error(asio::use_awaitable, error));
  co_return !error;
}

// Reads one frame's payload into `payload`. An error response for a frame over the limit is
// written here. False when the connection is done (closed, failed, or that frame).
asio::awaitable<bool> ReadFrame(tcp::socket& socket, uint32_t max_frame_bytes,
                                std::string* payload) {
  std::array<char, kFrameHeaderBytes> header;
  error_code error;
  co_await asio::async_read(socket, asio::buffer(header),
                            asio::redirect_error(asio::use_awaitable, error));
  if (error) co_return false;
  const Result<uint32_t> size = DecodeFrameHeader(header, max_frame_bytes);
  if (!size.ok()) {
    co_await WriteFrame(socket, NativeSession::ErrorResponse(size.status(), nullptr));
    co_return false;
  }
  payload->assign(*size, '\0');
  co_await asio::async_read(socket, asio::buffer(*payload),
                            asio::redirect_error(asio::use_awaitable, error));
  co_return !error;
}

NativeReply InternalErrorReply(const char* what, const nlohmann::json& id) {
  return NativeReply{NativeSession::ErrorResponse(
                         Status::Internal(std::string("request failed unexpectedly: ") + what), id),
                     nullptr};
}

}  // namespace

NativeListener::NativeListener(asio::io_context& io, RequestRunner& runner,
                               engine::Database& database, const sql::FunctionCatalog& functions,
                               NativeSettings settings)
    : io_(io),
      runner_(runner),
      database_(database),
      functions_(functions),
      settings_(std::move(settings)) {}

NativeListener::~NativeListener() { Stop(); }

Result<std::unique_ptr<NativeListener>> NativeListener::Start(
    asio::io_context& io, RequestRunner& runner, const tcp::endpoint& endpoint,
    engine::Database& database, const sql::FunctionCatalog& functions, NativeSettings settings) {
  std::unique_ptr<NativeListener> listener(
      new NativeListener(io, runner, database, functions, std::move(settings)));
  auto acceptor = std::make_unique<tcp::acceptor>(io);
  error_code error;
  acceptor->open(endpoint.protocol(), error);
  if (!error) acceptor->set_option(tcp::acceptor::reuse_address(true), error);
  if (!error) acceptor->bind(endpoint, error);
  if (!error) acceptor->listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return Status(StatusCode::kIOError, sqlstate::kSystemError,
                  "could not listen on " + EndpointToString(endpoint) + ": " + error.message());
  }
  listener->local_endpoint_ = acceptor->local_endpoint();
  if (listener->settings_.node_address.empty()) {
    listener->settings_.node_address = EndpointToString(listener->local_endpoint_);
  }
  listener->acceptor_ = std::move(acceptor);
  listener->accept_running_ = true;
  NativeListener* self = listener.get();
  asio::co_spawn(self->acceptor_->get_executor(), self->Accept(),
                 [self](std::exception_ptr) { self->AcceptEnded(); });
  log::Info("event=listening protocol=native address={}",
            EndpointToString(listener->local_endpoint_));
  return listener;
}

void NativeListener::Stop() {
  std::unique_lock lock(mutex_);
  if (accepting_) {
    accepting_ = false;
    if (acceptor_ != nullptr) {
      asio::post(acceptor_->get_executor(), [this] {
        error_code ignored;
        acceptor_->close(ignored);
      });
    }
    for (const std::shared_ptr<Socket>& socket : connections_) {
      asio::post(socket->get_executor(), [socket] {
        error_code ignored;
        socket->shutdown(tcp::socket::shutdown_both, ignored);
        socket->close(ignored);
      });
    }
  }
  all_closed_.wait(lock, [this] { return connections_.empty() && !accept_running_; });
}

void NativeListener::AcceptEnded() {
  std::lock_guard lock(mutex_);
  accept_running_ = false;
  all_closed_.notify_all();
}

bool NativeListener::Track(const std::shared_ptr<Socket>& socket) {
  std::lock_guard lock(mutex_);
  if (!accepting_) return false;
  connections_.insert(socket);
  return true;
}

void NativeListener::Untrack(const std::shared_ptr<Socket>& socket) {
  std::lock_guard lock(mutex_);
  connections_.erase(socket);
  all_closed_.notify_all();
}

asio::awaitable<void> NativeListener::Accept() {
  while (true) {
    auto socket = std::make_shared<Socket>(io_);
    error_code error;
    co_await acceptor_->async_accept(*socket, asio::redirect_error(asio::use_awaitable, error));
    if (error) {
      if (error == asio::error::operation_aborted || !acceptor_->is_open()) co_return;
      // Out of file descriptors, say: the listener keeps going, as other clients may still be
      // served once connections close.
      log::Warn("event=accept_failed protocol=native error=\"{}\"", error.message());
      continue;
    }
    if (!Track(socket)) co_return;
    socket->set_option(tcp::no_delay(true), error);
    asio::co_spawn(socket->get_executor(), Serve(socket), [this, socket](std::exception_ptr e) {
      // Serve catches what a request throws; reaching here is a bug in the connection code.
      if (e) log::Error("event=connection_failed protocol=native");
      Untrack(socket);
    });
  }
}

asio::awaitable<void> NativeListener::Serve(std::shared_ptr<Socket> socket) {
  error_code error;
  const tcp::endpoint peer_endpoint = socket->remote_endpoint(error);
  const std::string peer = error ? "unknown" : EndpointToString(peer_endpoint);
  log::Info("event=connection_opened protocol=native peer={}", peer);
  auto session = std::make_unique<NativeSession>(database_, functions_, settings_);
  const Status init = co_await runner_.Run<Status>([&session] { return session->Init(); });
  if (!init.ok()) {
    co_await WriteFrame(*socket, NativeSession::ErrorResponse(init, nullptr));
  }
  int64_t num_requests = 0;
  std::string payload;
  while (init.ok() && co_await ReadFrame(*socket, settings_.max_frame_bytes, &payload)) {
    nlohmann::json id;
    Result<NativeRequest> request = ParseNativeRequest(payload, &id);
    if (request.ok() && request->expects_data_frame()) {
      if (!co_await ReadFrame(*socket, settings_.max_frame_bytes, &request->data)) break;
    }
    if (!request.ok()) {
      if (!co_await WriteFrame(*socket, NativeSession::ErrorResponse(request.status(), id))) break;
      continue;
    }
    ++num_requests;
    NativeReply reply = co_await runner_.Run<NativeReply>([&session, &request] {
      try {
        return session->Handle(*request);
      } catch (const std::exception& e) {
        log::Error("event=request_exception protocol=native what=\"{}\"", e.what());
        return InternalErrorReply(e.what(), request->id);
      }
    });
    if (!co_await WriteFrame(*socket, reply.response)) break;
    if (reply.frames == nullptr) continue;
    // Binary rows: the IPC stream a piece per frame, then an empty frame; an error part way
    // ends the stream with an error response instead.
    bool connected = true;
    while (connected) {
      // Encoding a batch is work for the runner too: the I/O thread only moves bytes.
      Result<std::optional<std::string>> piece =
          co_await runner_.Run<Result<std::optional<std::string>>>(
              [&reply] { return reply.frames->Next(); });
      if (!piece.ok()) {
        connected = co_await WriteFrame(*socket, NativeSession::ErrorResponse(piece.status(), id));
        break;
      }
      connected = co_await WriteFrame(*socket, piece->has_value() ? **piece : std::string_view());
      if (!piece->has_value()) break;
    }
    if (!connected) break;
  }
  // The session's temporary tables are dropped as it goes, which writes: not on an I/O thread.
  co_await runner_.Run<bool>([&session] {
    session.reset();
    return true;
  });
  error_code ignored;
  socket->close(ignored);
  log::Info("event=connection_closed protocol=native peer={} requests={}", peer, num_requests);
}

}  // namespace boyodb::server::native
