#include "server/native/native_listener.h"

#include <array>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/logging.h"
#include "server/endpoint.h"
#include "server/idle_timer.h"
#include "server/native/frame.h"
#include "server/native/native_request.h"
#include "server/result_frames.h"

namespace boyodb::server::native {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

NativeReply InternalErrorReply(const char* what, const nlohmann::json& id) {
  NativeReply reply;
  reply.response = NativeSession::ErrorResponse(
      Status::Internal(std::string("request failed unexpectedly: ") + what), id);
  reply.ok = false;
  return reply;
}

// A binary result's next pieces, taken at once up to kPieceBatchBytes: a small result then
// costs one hop to a runner thread and one write, where each piece cost a hop there and back
// and a write of its own (four of each for a one-row answer).
constexpr size_t kPieceBatchBytes = size_t{1} << 20;

struct PieceBatch {
  std::vector<std::string> payloads;  // frames in order; the stream's end is an empty one
  bool ended = false;                 // the end's empty frame is the last payload
  std::optional<Status> error;        // the stream failed after the payloads
};

PieceBatch NextPieces(ResultFrames& frames) {
  PieceBatch batch;
  size_t bytes = 0;
  while (bytes < kPieceBatchBytes) {
    Result<std::optional<std::string>> piece = frames.Next();
    if (!piece.ok()) {
      batch.error = piece.status();
      break;
    }
    if (!piece->has_value()) {
      batch.payloads.emplace_back();
      batch.ended = true;
      break;
    }
    bytes += (*piece)->size();
    batch.payloads.push_back(std::move(**piece));
  }
  return batch;
}

}  // namespace

NativeListener::NativeListener(RequestRunner& runner, engine::Database& database,
                               const sql::FunctionCatalog& functions, Authenticator& authenticator,
                               ServerMetrics& metrics, NativeSettings settings)
    : runner_(runner),
      database_(database),
      functions_(functions),
      authenticator_(authenticator),
      metrics_(metrics),
      settings_(std::move(settings)) {}

Result<std::unique_ptr<NativeListener>> NativeListener::Start(
    asio::io_context& io, RequestRunner& runner, const tcp::endpoint& endpoint,
    engine::Database& database, const sql::FunctionCatalog& functions, Authenticator& authenticator,
    ServerMetrics& metrics, NativeSettings settings,
    std::shared_ptr<asio::ssl::context> tls_context) {
  std::unique_ptr<NativeListener> listener(
      new NativeListener(runner, database, functions, authenticator, metrics, std::move(settings)));
  listener->tls_context_ = std::move(tls_context);
  NativeListener* self = listener.get();
  BOYO_ASSIGN_OR_RETURN(listener->acceptor_,
                        TcpAcceptor::Start(io, endpoint, "native", [self](auto socket) {
                          return self->Serve(std::move(socket));
                        }));
  if (listener->settings_.node_address.empty()) {
    listener->settings_.node_address = EndpointToString(listener->local_endpoint());
  }
  return listener;
}

asio::awaitable<bool> NativeListener::WriteFrame(ConnectionStream& stream,
                                                 std::string_view payload) {
  std::vector<std::string_view> payloads(1, payload);
  co_return co_await WriteFrames(stream, std::move(payloads));
}

asio::awaitable<bool> NativeListener::WriteFrames(ConnectionStream& stream,
                                                  std::vector<std::string_view> payloads) {
  std::vector<std::array<char, kFrameHeaderBytes>> headers;
  headers.reserve(payloads.size());
  std::vector<asio::const_buffer> buffers;
  size_t bytes = 0;
  for (const std::string_view payload : payloads) {
    headers.push_back(EncodeFrameHeader(payload.size()));
    buffers.push_back(asio::buffer(headers.back()));
    buffers.push_back(asio::buffer(payload));
    bytes += kFrameHeaderBytes + payload.size();
  }
  error_code error;
  co_await asio::async_write(stream, buffers, asio::redirect_error(asio::use_awaitable, error));
  if (!error) metrics_.BytesSent(Protocol::kNative, bytes);
  co_return !error;
}

// Reads one frame's payload into `payload`. An error response for a frame over the limit is
// written here, and the connection ends (the frame's bytes cannot be skipped safely).
asio::awaitable<bool> NativeListener::ReadFrame(ConnectionStream& stream, std::string* payload) {
  std::array<char, kFrameHeaderBytes> header;
  error_code error;
  co_await asio::async_read(stream, asio::buffer(header),
                            asio::redirect_error(asio::use_awaitable, error));
  if (error) co_return false;
  const Result<uint32_t> size = DecodeFrameHeader(header, settings_.max_frame_bytes);
  if (!size.ok()) {
    co_await WriteFrame(stream, NativeSession::ErrorResponse(size.status(), nullptr));
    co_return false;
  }
  payload->assign(*size, '\0');
  co_await asio::async_read(stream, asio::buffer(*payload),
                            asio::redirect_error(asio::use_awaitable, error));
  if (!error) metrics_.BytesReceived(Protocol::kNative, header.size() + payload->size());
  co_return !error;
}

asio::awaitable<void> NativeListener::Serve(std::shared_ptr<Socket> socket) {
  error_code error;
  const tcp::endpoint peer_endpoint = socket->remote_endpoint(error);
  const std::string peer = error ? "unknown" : EndpointToString(peer_endpoint);
  const std::string peer_address = error ? "unknown" : peer_endpoint.address().to_string();
  ConnectionStream stream(socket);
  if (tls_context_ != nullptr) {
    const error_code handshake = co_await stream.StartTls(*tls_context_);
    if (handshake) {
      log::Info("event=tls_handshake_failed protocol=native peer={} reason=\"{}\"", peer,
                handshake.message());
      co_return;
    }
  }
  IdleTimer idle(socket, idle_timeout_);
  log::Info("event=connection_opened protocol=native peer={} tls={}", peer, stream.is_tls());
  metrics_.ConnectionOpened(Protocol::kNative);
  auto session =
      std::make_unique<NativeSession>(database_, functions_, &authenticator_, &metrics_, settings_);
  const Status init = co_await runner_.Run<Status>([&session] { return session->Init(); });
  if (!init.ok()) {
    co_await WriteFrame(stream, NativeSession::ErrorResponse(init, nullptr));
  }
  int64_t num_requests = 0;
  std::string payload;
  while (init.ok() && co_await ReadFrame(stream, &payload)) {
    idle.Busy();
    const auto start = std::chrono::steady_clock::now();
    nlohmann::json id;
    Result<NativeRequest> request = ParseNativeRequest(payload, &id);
    if (request.ok() && request->expects_data_frame()) {
      if (!co_await ReadFrame(stream, &request->data)) break;
    }
    NativeReply reply;
    PieceBatch pieces;
    if (request.ok() && request->op == NativeOp::kLogin) {
      const Status admitted = authenticator_.AdmitLogin(peer_address);
      if (!admitted.ok()) request = admitted;
    }
    if (!request.ok()) {
      reply.response = NativeSession::ErrorResponse(request.status(), id);
      reply.ok = false;
    } else {
      // The statement, and the first of a binary result's pieces, on a runner thread.
      reply = co_await runner_.Run<NativeReply>([&session, &request, &pieces] {
        try {
          NativeReply handled = session->Handle(*request);
          if (handled.frames != nullptr) pieces = NextPieces(*handled.frames);
          return handled;
        } catch (const std::exception& e) {
          log::Error("event=request_exception protocol=native what=\"{}\"", e.what());
          return InternalErrorReply(e.what(), request->id);
        }
      });
    }
    ++num_requests;
    // Binary rows: the IPC stream a piece per frame, then an empty frame; an error part way
    // ends the stream with an error response instead. Pieces go out as many at a time as
    // NextPieces took: a small result in one write with its response.
    std::vector<std::string_view> out{reply.response};
    bool connected = true;
    while (connected) {
      if (reply.frames == nullptr) {
        connected = co_await WriteFrames(stream, std::move(out));
        break;
      }
      for (const std::string& payload : pieces.payloads) out.push_back(payload);
      std::string error_response;
      if (pieces.error.has_value()) {
        error_response = NativeSession::ErrorResponse(*pieces.error, id);
        out.push_back(error_response);
        reply.ok = false;
      }
      connected = co_await WriteFrames(stream, std::move(out));
      out.clear();
      if (pieces.ended || pieces.error.has_value()) break;
      // Encoding batches is work for the runner too: the I/O thread only moves bytes.
      pieces = co_await runner_.Run<PieceBatch>([&reply] { return NextPieces(*reply.frames); });
    }
    metrics_.RequestDone(
        Protocol::kNative,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), reply.ok);
    if (!connected) break;
    idle.Idle();
  }
  if (idle.expired()) {
    log::Info("event=idle_timeout protocol=native peer={}", peer);
    co_await WriteFrame(stream, NativeSession::ErrorResponse(IdleSessionTimeout(), nullptr));
  }
  // The session's temporary tables are dropped as it goes, which writes: not on the I/O thread.
  co_await runner_.Run<bool>([&session] {
    session.reset();
    return true;
  });
  metrics_.ConnectionClosed(Protocol::kNative);
  log::Info("event=connection_closed protocol=native peer={} requests={}", peer, num_requests);
}

}  // namespace boyodb::server::native
