// boyodb-server DATA [ADDR]: opens the data directory and serves the native protocol on ADDR
// (default 127.0.0.1:8765) and HTTP on --http-addr (default 127.0.0.1:8123) until SIGTERM or
// SIGINT, then shuts down gracefully (memtables
// flushed; nothing acknowledged is lost). Every setting is a flag, and --config FILE reads the
// same settings from a file (TOML/INI: `max-request-bytes = 1048576`). Logs are structured
// key=value lines on stderr; stdout gets one line per listener once it listens
// ("native 127.0.0.1:8765", "http 127.0.0.1:8123"), so a script that asked for port 0 learns
// the port.
//
// Exit status: 0 after a clean shutdown, 1 for bad arguments, 2 when the server could not start
// or the database did not close cleanly.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <string>

#include "common/logging.h"
#include "exec/pipeline/worker_pool.h"
#include "functions/function_registry.h"
#include "server/server.h"

int main(int argc, char** argv) {
  CLI::App app{"boyodb-server: BoyoDB's database server", "boyodb-server"};
  boyodb::server::ServerConfig config;
  std::string log_level = "info";
  app.set_config("--config", "", "Read settings from this file (TOML or INI; keys are flag names)");
  app.add_option("data", config.data_dir, "Data directory (created if missing)")->required();
  app.add_option("address", config.native_address,
                 "Native protocol address HOST:PORT (port 0: any free port)")
      ->capture_default_str();
  app.add_option("--http-addr", config.http_address,
                 "HTTP address HOST:PORT (POST /query, GET /health, GET /metrics); empty: none")
      ->capture_default_str();
  app.add_option("--pg-addr", config.pg_address,
                 "PostgreSQL wire protocol address HOST:PORT (psql, drivers); empty: none")
      ->capture_default_str();
  app.add_option("--max-request-bytes", config.max_request_bytes,
                 "Largest request a client may send (a native frame, an HTTP body)")
      ->capture_default_str();
  app.add_option("--max-decompressed-bytes", config.max_decompressed_bytes,
                 "Largest decompressed Arrow IPC buffer or message a client may ingest")
      ->capture_default_str();
  app.add_option("--max-running-requests", config.max_running_requests,
                 "Most requests running at once; more wait for a free slot")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--password-min-length", config.password_policy.min_length,
                 "Shortest password CREATE/ALTER USER accept")
      ->capture_default_str();
  app.add_option("--password-min-classes", config.password_policy.min_character_classes,
                 "Character classes (lower, upper, digits, others) a password must mix")
      ->check(CLI::Range(1, 4))
      ->capture_default_str();
  int lockout_seconds = static_cast<int>(config.login_policy.lockout.count());
  app.add_option("--login-max-failures", config.login_policy.max_failures,
                 "Failed logins in a row that lock a user out (0: never)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--login-lockout-seconds", lockout_seconds, "How long a locked user stays locked")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  int idle_seconds = static_cast<int>(config.idle_session_timeout.count());
  app.add_option("--idle-session-timeout", idle_seconds,
                 "End connections whose client sent nothing for this many seconds (0: never)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--max-connections-per-second", config.connections_per_second,
                 "New connections per second from one client address, in bursts of twice that "
                 "(0: no limit)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--max-login-attempts-per-minute", config.login_policy.login_attempts_per_minute,
                 "Login attempts per minute from one client address, native and PostgreSQL "
                 "protocols (0: no limit)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--max-requests-per-second", config.login_policy.requests_per_second,
                 "Requests (queries, ingests) per second of one user, on every protocol (0: no "
                 "limit)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--tls-cert", config.tls.cert_file,
                 "PEM certificate chain: every listener then speaks TLS 1.3 only")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-key", config.tls.key_file, "PEM private key of --tls-cert")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-client-ca", config.tls.client_ca_file,
                 "PEM CA certificates: clients must present a certificate one of them signed "
                 "(mutual TLS)")
      ->check(CLI::ExistingFile);
  int worker_spin_ms = static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(boyodb::exec::kDefaultIdleSpin)
          .count());
  app.add_option("--worker-spin-ms", worker_spin_ms,
                 "How long an idle query worker polls for work before it sleeps (0: sleeps at "
                 "once; polling spares the next query waking a halted processor)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--log-level", log_level, "debug, info, warn, error or off (logs go to stderr)")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  config.login_policy.lockout = std::chrono::seconds(lockout_seconds);
  config.idle_session_timeout = std::chrono::seconds(idle_seconds);
  boyodb::exec::SetIdleSpin(std::chrono::milliseconds(worker_spin_ms));

  boyodb::log::InitToStderr(log_level);
  auto started =
      boyodb::server::Server::Start(config, boyodb::functions::FunctionRegistry::Builtins());
  if (!started.ok()) {
    std::cerr << "boyodb-server: " << started.status().FullMessage() << '\n';
    return 2;
  }
  std::unique_ptr<boyodb::server::Server> server = std::move(started).value();
  if (!server->admin_password_file().empty()) {
    std::cerr << "boyodb-server: created user \"admin\"; its password is in "
              << server->admin_password_file() << " (readable by this account only)\n";
  }
  std::cout << "native " << server->native_address() << '\n';
  if (!server->http_address().empty()) std::cout << "http " << server->http_address() << '\n';
  if (!server->pg_address().empty()) std::cout << "pgwire " << server->pg_address() << '\n';
  std::cout.flush();
  const boyodb::Status closed = server->RunUntilShutdown();
  if (!closed.ok()) {
    std::cerr << "boyodb-server: " << closed.FullMessage() << '\n';
    return 2;
  }
  return 0;
}
