// Server: boyodb-server's process: one Database, the listeners (native, HTTP, PostgreSQL),
// the I/O thread they run on and the RequestRunner that runs requests. Shutdown is graceful:
// listeners stop and connections close, running requests finish, then the database closes,
// which flushes memtables to segments; nothing acknowledged is lost (it was in the WAL anyway).
// Thread safety: Start, RunUntilShutdown and Shutdown from one thread; RequestShutdown from
// any thread.
#pragma once

#include <utility>  // before Boost.Asio: its awaitable.hpp needs it with g++ 12

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/result.h"
#include "engine/database.h"
#include "security/password_hash.h"
#include "server/authenticator.h"
#include "server/http/http_handler.h"
#include "server/http/http_listener.h"
#include "server/native/native_listener.h"
#include "server/pgwire/pgwire_listener.h"
#include "server/request_runner.h"
#include "server/server_metrics.h"
#include "server/tls/tls_context.h"
#include "sql/function/function_api.h"

namespace boyodb::server {

struct ServerConfig {
  std::string data_dir;
  /// The native protocol's listen address (port 0: any free port).
  std::string native_address = "127.0.0.1:8765";
  /// HTTP's listen address; empty: no HTTP listener.
  std::string http_address = "127.0.0.1:8123";
  /// The PostgreSQL wire protocol's listen address; empty: none.
  std::string pg_address = "127.0.0.1:5433";
  /// Largest request a client may send: a native frame, an HTTP body.
  uint32_t max_request_bytes = uint32_t{64} << 20;
  /// Largest decompressed buffer or message of ingested Arrow IPC.
  uint64_t max_decompressed_bytes = uint64_t{1} << 30;
  /// Most requests running at once (one thread each; others wait).
  size_t max_running_requests = 256;
  /// Shut down on SIGTERM and SIGINT.
  bool handle_signals = true;
  /// What passwords the first admin's (from BOYODB_ADMIN_PASSWORD) and new users' must be.
  security::PasswordPolicy password_policy;
  /// Lockout after failed logins, and how long a password login is remembered.
  LoginPolicy login_policy;
  /// TLS on every listener (TLS 1.3; mutual with a client CA); off when no certificate.
  tls::TlsSettings tls;
  /// New connections per second from one client address, in bursts of twice that (0: no
  /// limit). Login and request rates are in login_policy.
  double connections_per_second = 0;
  /// Connections whose client sends nothing for this long are ended (0: never).
  std::chrono::seconds idle_session_timeout{3600};
};

class Server {
 public:
  /// Opens the data directory and starts listening. Errors: the database's (opening it), 22023
  /// for a bad address, 58000 when an address cannot be bound (nothing is left running).
  static Result<std::unique_ptr<Server>> Start(ServerConfig config,
                                               const sql::FunctionCatalog& functions);
  /// Shuts down if Shutdown was not called.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Where the native listener listens ("127.0.0.1:41234" when port 0 was asked for).
  std::string native_address() const;
  /// Where the HTTP listener listens; empty when there is none.
  std::string http_address() const;
  /// Where the PostgreSQL wire protocol listener listens; empty when there is none.
  std::string pg_address() const;
  /// The file holding the generated admin password, when this start created the admin user
  /// from it; empty otherwise.
  const std::string& admin_password_file() const { return admin_password_file_; }

  /// Blocks until SIGTERM, SIGINT or RequestShutdown, then shuts down.
  Status RunUntilShutdown();
  void RequestShutdown();
  /// Stops the listeners, waits for running requests, and closes the database. Its result is
  /// the database's Close.
  Status Shutdown();

 private:
  explicit Server(ServerConfig config)
      : config_(std::move(config)),
        connection_limiter_(config_.connections_per_second, 2 * config_.connections_per_second) {}

  const ServerConfig config_;
  std::string admin_password_file_;
  std::unique_ptr<engine::Database> database_;
  boost::asio::io_context io_{1};  // concurrency hint: one thread runs it
  std::unique_ptr<boost::asio::signal_set> signals_;
  std::unique_ptr<RequestRunner> runner_;
  std::unique_ptr<ServerMetrics> metrics_;
  std::unique_ptr<Authenticator> authenticator_;
  RateLimiter connection_limiter_{0, 1};
  std::unique_ptr<native::NativeListener> native_;
  std::unique_ptr<http::HttpHandler> http_handler_;
  std::unique_ptr<http::HttpListener> http_;
  std::unique_ptr<pgwire::PgwireListener> pgwire_;
  // The one thread running io_: network I/O only, as requests run on runner_.
  std::thread io_thread_;

  std::mutex mutex_;
  std::condition_variable shutdown_requested_;
  bool shutdown_wanted_ = false;
  bool shut_down_ = false;
};

}  // namespace boyodb::server
