#include "server/pgwire/pgwire_listener.h"

#include <openssl/rand.h>

#include <array>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <exception>
#include <variant>

#include <fmt/format.h>

#include "common/logging.h"
#include "common/sqlstate.h"
#include "common/version.h"
#include "security/scram_sha256.h"
#include "server/endpoint.h"
#include "server/idle_timer.h"
#include "server/pgwire/backend_messages.h"
#include "server/pgwire/copy_in_buffer.h"
#include "server/pgwire/frontend_messages.h"
#include "server/pgwire/pgwire_session.h"

namespace boyodb::server::pgwire {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;

std::string RandomBytes(size_t count) {
  std::string bytes(count, '\0');
  // A failing generator leaves zeros: the mock secret and backend keys are then predictable,
  // which weakens only the hiding of which users exist and the secrecy of backend keys.
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    log::Warn("event=random_failed what=pgwire");
  }
  return bytes;
}

int32_t RandomInt32() {
  const std::string bytes = RandomBytes(4);
  int32_t value = 0;
  for (const char byte : bytes) value = (value << 8) | static_cast<uint8_t>(byte);
  return value & 0x7FFFFFFF;
}

}  // namespace

// One connection's byte stream: reads into a MessageReader and writes what a MessageWriter
// built, counting bytes for the metrics.
class PgwireListener::Connection {
 public:
  Connection(ConnectionStream& stream, ServerMetrics& metrics)
      : stream_(stream), metrics_(metrics) {}

  MessageReader& reader() { return reader_; }

  // The next startup packet; nullopt when the client went away.
  asio::awaitable<Result<std::optional<StartupPacket>>> NextStartupPacket() {
    while (true) {
      Result<std::optional<StartupPacket>> packet = reader_.NextStartupPacket();
      if (!packet.ok() || packet->has_value()) co_return packet;
      if (!co_await ReadMore()) co_return std::optional<StartupPacket>();
    }
  }

  // The next typed message; nullopt when the client went away.
  asio::awaitable<Result<std::optional<RawMessage>>> NextMessage() {
    while (true) {
      Result<std::optional<RawMessage>> message = reader_.NextMessage();
      if (!message.ok() || message->has_value()) co_return message;
      if (!co_await ReadMore()) co_return std::optional<RawMessage>();
    }
  }

  asio::awaitable<bool> Send(std::string_view bytes) {
    error_code error;
    co_await asio::async_write(stream_, asio::buffer(bytes),
                               asio::redirect_error(asio::use_awaitable, error));
    if (!error) metrics_.BytesSent(Protocol::kPgwire, bytes.size());
    co_return !error;
  }

  // Sends a FATAL error; the caller then closes the connection.
  asio::awaitable<void> SendFatal(const Status& status) {
    MessageWriter out;
    out.WriteErrorResponse(ErrorFields::FromStatus(status, Severity::kFatal));
    co_await Send(out.data());
  }

 private:
  asio::awaitable<bool> ReadMore() {
    std::array<char, 16384> buffer;
    error_code error;
    const size_t read = co_await stream_.async_read_some(
        asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, error));
    if (error) co_return false;
    metrics_.BytesReceived(Protocol::kPgwire, read);
    reader_.Feed(std::string_view(buffer.data(), read));
    co_return true;
  }

  ConnectionStream& stream_;
  ServerMetrics& metrics_;
  MessageReader reader_;
};

Result<std::unique_ptr<PgwireListener>> PgwireListener::Start(
    asio::io_context& io, RequestRunner& runner, const asio::ip::tcp::endpoint& endpoint,
    engine::Database& database, const sql::FunctionCatalog& functions, Authenticator& authenticator,
    ServerMetrics& metrics, security::PasswordPolicy password_policy,
    std::shared_ptr<asio::ssl::context> tls_context) {
  std::unique_ptr<PgwireListener> listener(new PgwireListener(
      runner, database, functions, authenticator, metrics, password_policy, RandomBytes(32)));
  listener->tls_context_ = std::move(tls_context);
  PgwireListener* self = listener.get();
  BOYO_ASSIGN_OR_RETURN(listener->acceptor_,
                        TcpAcceptor::Start(io, endpoint, "pgwire", [self](auto socket) {
                          return self->Serve(std::move(socket));
                        }));
  return listener;
}

asio::awaitable<PgwireSession::QueryStep> PgwireListener::RunGuarded(
    std::function<PgwireSession::QueryStep()> work, bool* ok) {
  co_return co_await runner_.Run<PgwireSession::QueryStep>([&work, ok] {
    try {
      return work();
    } catch (const std::exception& e) {
      // The last resort: reaching it is a bug, but the connection and the server go on.
      log::Error("event=request_exception protocol=pgwire what=\"{}\"", e.what());
      MessageWriter failed;
      failed.WriteErrorResponse(ErrorFields::FromStatus(
          Status::Internal(std::string("query failed unexpectedly: ") + e.what())));
      failed.WriteReadyForQuery(TransactionStatus::kIdle);
      *ok = false;
      return PgwireSession::QueryStep{failed.TakeData(), false};
    }
  });
}

asio::awaitable<std::optional<bool>> PgwireListener::ReceiveCopyData(Connection& connection,
                                                                     CopyInBuffer* data,
                                                                     Status* failure) {
  while (true) {
    Result<std::optional<RawMessage>> message = co_await connection.NextMessage();
    if (!message.ok()) {
      co_await connection.SendFatal(message.status());
      co_return std::nullopt;
    }
    if (!message->has_value() || (*message)->type == 'X') co_return std::nullopt;
    const RawMessage& raw = **message;
    switch (raw.type) {
      case 'd':  // CopyData: its body is the data
        // Once the data cannot be kept (disk full), the rest is read and dropped.
        if (failure->ok()) *failure = data->Append(raw.body);
        break;
      case 'c':  // CopyDone
        co_return failure->ok();
      case 'f': {  // CopyFail
        Result<FrontendMessage> decoded = DecodeFrontendMessage(raw);
        *failure = Status(StatusCode::kCancelled, sqlstate::kQueryCanceled,
                          "COPY from stdin failed: " +
                              (decoded.ok() ? std::get<CopyFailMessage>(*decoded).error_message
                                            : std::string("malformed CopyFail message")));
        co_return false;
      }
      case 'H':
      case 'S':
        break;  // ignored during COPY, as PostgreSQL does
      default:
        *failure = Status(
            StatusCode::kInvalidArgument, sqlstate::kProtocolViolation,
            "unexpected message type 0x" +
                fmt::format("{:02X}", static_cast<unsigned>(static_cast<unsigned char>(raw.type))) +
                " during COPY from stdin");
        co_return false;
    }
  }
}

asio::awaitable<void> PgwireListener::Serve(std::shared_ptr<TcpAcceptor::Socket> socket) {
  metrics_.ConnectionOpened(Protocol::kPgwire);
  ConnectionStream stream(socket);
  Connection connection(stream, metrics_);
  IdleTimer idle(socket, idle_timeout_);
  // Startup: an SSLRequest starts TLS when the server has it (and then it is required: a
  // startup packet over plain TCP is refused); GSS encryption is declined; a cancel request
  // (not supported yet) just closes its connection.
  std::optional<StartupMessage> startup;
  while (!startup) {
    Result<std::optional<StartupPacket>> packet = co_await connection.NextStartupPacket();
    if (!packet.ok()) {
      co_await connection.SendFatal(packet.status());
      break;
    }
    if (!packet->has_value()) break;
    if (std::holds_alternative<SslRequest>(**packet) ||
        std::holds_alternative<GssEncRequest>(**packet)) {
      const bool start_tls = std::holds_alternative<SslRequest>(**packet) &&
                             tls_context_ != nullptr && !stream.is_tls();
      MessageWriter out;
      out.WriteSslRequestAnswer(start_tls);
      if (!co_await connection.Send(out.data())) break;
      if (start_tls) {
        const error_code handshake = co_await stream.StartTls(*tls_context_);
        if (handshake) {
          log::Info("event=tls_handshake_failed protocol=pgwire reason=\"{}\"",
                    handshake.message());
          break;
        }
      }
      continue;
    }
    if (const auto* cancel = std::get_if<CancelRequest>(&**packet)) {
      // As PostgreSQL: no answer either way, and the connection that asked closes.
      const auto found = cancel_targets_.find({cancel->process_id, cancel->secret_key});
      if (found != cancel_targets_.end()) {
        found->second->store(true);
        log::Info("event=cancel_request protocol=pgwire process_id={}", cancel->process_id);
      }
      break;
    }
    if (tls_context_ != nullptr && !stream.is_tls()) {
      co_await connection.SendFatal(Status(StatusCode::kInvalidArgument,
                                           sqlstate::kInvalidAuthorizationSpecification,
                                           "this server accepts only TLS connections (use "
                                           "sslmode=require or stronger)"));
      break;
    }
    startup = std::get<StartupMessage>(std::move(**packet));
  }
  std::unique_ptr<PgwireSession> session;
  auto cancelled = std::make_shared<std::atomic<bool>>(false);
  std::pair<int32_t, int32_t> backend_key;
  if (startup) {
    error_code peer_error;
    const auto peer_endpoint = socket->remote_endpoint(peer_error);
    const std::string peer = peer_error ? std::string("unknown") : EndpointToString(peer_endpoint);
    const std::string peer_address =
        peer_error ? std::string("unknown") : peer_endpoint.address().to_string();
    MessageWriter out;
    if (startup->minor_version > 0 || !startup->protocol_options.empty()) {
      std::vector<std::string> options;
      for (const auto& option : startup->protocol_options) options.push_back(option.first);
      out.WriteNegotiateProtocolVersion(kProtocolVersion30, options);
    }
    // SCRAM-SHA-256 against the stored verifier; an unknown user, a role without a password
    // or one that may not log in gets a mock verifier and fails like a wrong password.
    const std::optional<engine::UserInfo> user = database_.FindUser(startup->user);
    Result<security::ScramServer> scram = Status::Internal("no SCRAM exchange");
    if (user && user->login && !user->scram_verifier.empty()) {
      Result<security::ScramVerifier> verifier = security::ParseScramVerifier(user->scram_verifier);
      if (verifier.ok()) scram = security::ScramServer(user->name, std::move(*verifier));
    }
    if (!scram.ok()) scram = security::ScramServer::ForUnknownUser(startup->user, mock_secret_);
    Status authenticated = scram.status();
    if (authenticated.ok()) authenticated = authenticator_.AdmitLogin(peer_address);
    if (authenticated.ok()) authenticated = authenticator_.CheckNotLocked(startup->user);
    if (authenticated.ok()) {
      const std::array<std::string_view, 1> mechanisms = {security::kScramSha256MechanismName};
      out.WriteAuthenticationSasl(mechanisms);
      connection.reader().set_max_message_length(kMaxAuthenticationMessageLength);
      authenticated = co_await connection.Send(out.TakeData())
                          ? Status::OK()
                          : Status(StatusCode::kIOError, sqlstate::kIoError, "connection lost");
    }
    // Two rounds: client-first -> server-first, client-final -> server-final.
    for (int round = 0; round < 2 && authenticated.ok(); ++round) {
      Result<std::optional<RawMessage>> message = co_await connection.NextMessage();
      if (!message.ok() || !message->has_value()) {
        authenticated = message.ok()
                            ? Status(StatusCode::kIOError, sqlstate::kIoError, "connection lost")
                            : message.status();
        break;
      }
      if ((*message)->type != 'p') {
        authenticated =
            Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation,
                   "expected SASL response, got message type " + std::string(1, (*message)->type));
        break;
      }
      Result<std::string> answer = std::string();
      if (round == 0) {
        Result<SaslInitialResponseMessage> initial = DecodeSaslInitialResponse((*message)->body);
        if (!initial.ok()) {
          answer = initial.status();
        } else if (initial->mechanism != security::kScramSha256MechanismName) {
          answer = Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation,
                          "client selected an invalid SASL authentication mechanism");
        } else {
          // A client that sends no initial response with SASLInitialResponse is refused:
          // PostgreSQL's SCRAM needs client-first there.
          answer = initial->initial_response
                       ? scram->HandleClientFirst(*initial->initial_response)
                       : Result<std::string>(Status(StatusCode::kInvalidArgument,
                                                    sqlstate::kProtocolViolation,
                                                    "malformed SCRAM message: empty message"));
        }
      } else {
        Result<SaslResponseMessage> response = DecodeSaslResponse((*message)->body);
        answer = response.ok() ? scram->HandleClientFinal(response->data)
                               : Result<std::string>(response.status());
      }
      if (!answer.ok()) {
        authenticated = answer.status();
        break;
      }
      if (round == 0) {
        out.WriteAuthenticationSaslContinue(*answer);
      } else {
        out.WriteAuthenticationSaslFinal(*answer);
        out.WriteAuthenticationOk();
      }
      if (!co_await connection.Send(out.TakeData())) {
        authenticated = Status(StatusCode::kIOError, sqlstate::kIoError, "connection lost");
      }
    }
    if (scram.ok() && scram->authenticated()) {
      authenticator_.RecordSuccess(startup->user);
    } else if (authenticated.sqlstate() == sqlstate::kInvalidPassword) {
      authenticator_.RecordFailure(startup->user);
    }
    if (authenticated.ok()) {
      connection.reader().set_max_message_length(kDefaultMaxMessageLength);
      session = std::make_unique<PgwireSession>(database_, functions_, &metrics_);
      session->LimitRequests(&authenticator_);
      const Status started = co_await runner_.Run<Status>([this, &session, &startup] {
        return session->Start(startup->user, startup->database, password_policy_);
      });
      if (!started.ok()) {
        co_await connection.SendFatal(started);
        session.reset();
      }
    } else {
      log::Info("event=login_failed protocol=pgwire peer={} user=\"{}\" code={}", peer,
                startup->user, authenticated.sqlstate());
      if (authenticated.code() != StatusCode::kIOError)
        co_await connection.SendFatal(authenticated);
    }
    if (session != nullptr) {
      log::Info("event=connection_opened protocol=pgwire peer={} user=\"{}\"", peer, startup->user);
      out.WriteParameterStatus("server_version", kPostgresVersion);
      out.WriteParameterStatus("server_encoding", "UTF8");
      out.WriteParameterStatus("client_encoding", "UTF8");
      out.WriteParameterStatus("DateStyle", "ISO, MDY");
      out.WriteParameterStatus("IntervalStyle", "postgres");
      out.WriteParameterStatus("TimeZone", session->time_zone());
      out.WriteParameterStatus("integer_datetimes", "on");
      out.WriteParameterStatus("standard_conforming_strings", "on");
      out.WriteParameterStatus("is_superuser", user && user->superuser ? "on" : "off");
      out.WriteParameterStatus("session_authorization", startup->user);
      out.WriteParameterStatus("application_name", "");
      // The key a CancelRequest must name; random, so another client cannot guess it.
      backend_key = {RandomInt32(), RandomInt32()};
      cancel_targets_[backend_key] = cancelled;
      session->SetCancelFlag(cancelled.get());
      out.WriteBackendKeyData(backend_key.first, backend_key.second);
      out.WriteReadyForQuery(TransactionStatus::kIdle);
      if (!co_await connection.Send(out.TakeData())) session.reset();
    }
  }
  // Messages until Terminate or the connection ends.
  while (session != nullptr) {
    Result<std::optional<RawMessage>> message = co_await connection.NextMessage();
    if (!message.ok()) {
      co_await connection.SendFatal(message.status());
      break;
    }
    if (!message->has_value() || (*message)->type == 'X') break;
    idle.Busy();
    // A cancel request stops the request running when it arrives, not a later one.
    cancelled->store(false);
    const RawMessage& raw = **message;
    // COPY data after a COPY ended (by an error, say) is dropped, as PostgreSQL drops it.
    if (raw.type == 'd' || raw.type == 'c' || raw.type == 'f') continue;
    const auto start = std::chrono::steady_clock::now();
    Result<FrontendMessage> decoded = DecodeFrontendMessage(raw);
    PgwireSession::QueryStep step;
    bool ok = decoded.ok();
    if (!decoded.ok()) {
      // The stream is still in sync (framing is checked by the reader): answer and go on.
      MessageWriter out;
      out.WriteErrorResponse(ErrorFields::FromStatus(decoded.status()));
      if (raw.type == 'Q' || raw.type == 'F') out.WriteReadyForQuery(session->transaction_status());
      step.reply = out.TakeData();
    } else {
      const bool simple = raw.type == 'Q';
      step = co_await RunGuarded(
          [&session, &decoded, simple, &ok] {
            if (simple) return session->SimpleQuery(std::get<QueryMessage>(*decoded).sql, &ok);
            return PgwireSession::QueryStep{session->ExtendedQuery(*decoded, &ok), false};
          },
          &ok);
    }
    bool connected = step.reply.empty() || co_await connection.Send(step.reply);
    // COPY FROM STDIN: the client's CopyData up to CopyDone or CopyFail, then the COPY runs.
    while (connected && step.awaiting_copy_data) {
      CopyInBuffer data;
      Status failure;
      const std::optional<bool> received = co_await ReceiveCopyData(connection, &data, &failure);
      if (!received) {
        connected = false;
        break;
      }
      step = co_await RunGuarded(
          [&session, &data, &failure, &received, &ok] {
            return session->FinishCopyIn(*received ? &data : nullptr, failure, &ok);
          },
          &ok);
      connected = co_await connection.Send(step.reply);
    }
    // A request is a Query message or an extended-protocol message that does work.
    if (raw.type == 'Q' || raw.type == 'E' || !ok) {
      metrics_.RequestDone(
          Protocol::kPgwire,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), ok);
    }
    if (!connected) break;
    idle.Idle();
  }
  if (idle.expired()) {
    log::Info("event=idle_timeout protocol=pgwire");
    co_await connection.SendFatal(IdleSessionTimeout());
  }
  if (const auto found = cancel_targets_.find(backend_key);
      found != cancel_targets_.end() && found->second == cancelled) {
    cancel_targets_.erase(found);
  }
  if (session != nullptr) {
    co_await runner_.Run<bool>([&session] {
      session.reset();
      return true;
    });
  }
  metrics_.ConnectionClosed(Protocol::kPgwire);
}

}  // namespace boyodb::server::pgwire
