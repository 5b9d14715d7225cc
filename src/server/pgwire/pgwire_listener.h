// PgwireListener: PostgreSQL's wire protocol v3 (ARCHITECTURE.md section 5) on connections
// accepted by a TcpAcceptor, so psql, psycopg2 and node-postgres connect unchanged:
// startup (SSLRequest starts TLS when the server has a certificate, and TLS is then required;
// GSSENCRequest is answered 'N'), SCRAM-SHA-256 authentication against the user's stored
// verifier (an unknown user goes through the same exchange and fails the same way),
// ParameterStatus and BackendKeyData, then the simple and extended query protocols, each
// message run by a PgwireSession on the RequestRunner; COPY FROM STDIN and TO STDOUT.
// Thread safety: Start and Stop from the owner's thread; the io_context is run by one thread.
#pragma once

#include <utility>  // before Boost.Asio: its awaitable.hpp needs it with g++ 12

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "common/result.h"
#include "engine/database.h"
#include "server/authenticator.h"
#include "server/connection_stream.h"
#include "server/pgwire/copy_in_buffer.h"
#include "server/pgwire/pgwire_session.h"
#include "server/request_runner.h"
#include "server/server_metrics.h"
#include "server/tcp_acceptor.h"
#include "sql/function/function_api.h"

namespace boyodb::server::pgwire {

class PgwireListener {
 public:
  /// Binds `endpoint` and starts accepting. `io`, `runner`, `database`, `functions` and
  /// `metrics` must outlive the listener. 58000 when it cannot be bound.
  static Result<std::unique_ptr<PgwireListener>> Start(
      boost::asio::io_context& io, RequestRunner& runner,
      const boost::asio::ip::tcp::endpoint& endpoint, engine::Database& database,
      const sql::FunctionCatalog& functions, Authenticator& authenticator, ServerMetrics& metrics,
      security::PasswordPolicy password_policy,
      std::shared_ptr<boost::asio::ssl::context> tls_context = nullptr);

  boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_->local_endpoint(); }
  /// See TcpAcceptor::set_connection_limiter.
  void set_connection_limiter(RateLimiter* limiter) { acceptor_->set_connection_limiter(limiter); }
  /// Connections idle (waiting for their client) this long are ended; zero: never. Set before
  /// the io_context runs.
  void set_idle_timeout(std::chrono::seconds timeout) { idle_timeout_ = timeout; }
  /// Stops accepting and closes every connection (a running query finishes first).
  void Stop() { acceptor_->Stop(); }

 private:
  class Connection;

  PgwireListener(RequestRunner& runner, engine::Database& database,
                 const sql::FunctionCatalog& functions, Authenticator& authenticator,
                 ServerMetrics& metrics, security::PasswordPolicy password_policy,
                 std::string mock_secret)
      : runner_(runner),
        database_(database),
        functions_(functions),
        authenticator_(authenticator),
        metrics_(metrics),
        password_policy_(password_policy),
        mock_secret_(std::move(mock_secret)) {}
  boost::asio::awaitable<void> Serve(std::shared_ptr<TcpAcceptor::Socket> socket);
  // Runs a session call on the RequestRunner, turning an exception into an error answer.
  boost::asio::awaitable<PgwireSession::QueryStep> RunGuarded(
      std::function<PgwireSession::QueryStep()> work, bool* ok);
  // Reads COPY FROM STDIN's data into `data` up to CopyDone (true) or CopyFail or a failure to
  // keep the data (false, with `failure` the error the COPY fails with: 57014 for CopyFail,
  // 53100 when the disk is full, 08P01 for another message); nullopt when the connection ended.
  boost::asio::awaitable<std::optional<bool>> ReceiveCopyData(Connection& connection,
                                                              CopyInBuffer* data, Status* failure);

  RequestRunner& runner_;
  engine::Database& database_;
  const sql::FunctionCatalog& functions_;
  Authenticator& authenticator_;
  ServerMetrics& metrics_;
  const security::PasswordPolicy password_policy_;
  // The secret behind unknown users' mock SCRAM salts (random per process).
  const std::string mock_secret_;
  // Null: SSLRequest is declined; set: TLS is offered and required.
  std::shared_ptr<boost::asio::ssl::context> tls_context_;
  std::chrono::seconds idle_timeout_{0};
  // The running connections by their BackendKeyData (process id, secret key): a
  // CancelRequest naming one sets its flag. Only the I/O thread touches the map.
  std::map<std::pair<int32_t, int32_t>, std::shared_ptr<std::atomic<bool>>> cancel_targets_;
  std::unique_ptr<TcpAcceptor> acceptor_;
};

}  // namespace boyodb::server::pgwire
