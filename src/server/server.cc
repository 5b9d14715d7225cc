#include "server/server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <csignal>
#include <cstdlib>

#include "common/logging.h"
#include "server/admin_bootstrap.h"
#include "server/endpoint.h"

namespace boyodb::server {

namespace asio = boost::asio;

Server::~Server() { (void)Shutdown(); }

Result<std::unique_ptr<Server>> Server::Start(ServerConfig config,
                                              const sql::FunctionCatalog& functions) {
  BOYO_ASSIGN_OR_RETURN(const asio::ip::tcp::endpoint native_endpoint,
                        ParseEndpoint(config.native_address));
  std::optional<asio::ip::tcp::endpoint> http_endpoint;
  if (!config.http_address.empty()) {
    BOYO_ASSIGN_OR_RETURN(http_endpoint, ParseEndpoint(config.http_address));
  }
  std::optional<asio::ip::tcp::endpoint> pg_endpoint;
  if (!config.pg_address.empty()) {
    BOYO_ASSIGN_OR_RETURN(pg_endpoint, ParseEndpoint(config.pg_address));
  }
  std::shared_ptr<asio::ssl::context> tls_context;
  if (config.tls.enabled()) {
    BOYO_ASSIGN_OR_RETURN(tls_context, tls::MakeServerContext(config.tls));
  }
  std::unique_ptr<Server> server(new Server(std::move(config)));
  const ServerConfig& settings = server->config_;
  BOYO_ASSIGN_OR_RETURN(server->database_, engine::Database::Open(settings.data_dir));
  for (const Status& problem : server->database_->open_report().problems) {
    log::Warn("event=open_problem message=\"{}\"", problem.FullMessage());
  }
  const char* admin_password = std::getenv(kAdminPasswordVariable);
  BOYO_ASSIGN_OR_RETURN(
      const std::string password_file,
      BootstrapAdmin(
          *server->database_, settings.data_dir,
          admin_password == nullptr ? std::nullopt : std::optional<std::string>(admin_password),
          settings.password_policy));
  if (!password_file.empty()) server->admin_password_file_ = password_file;
  BOYO_RETURN_IF_ERROR(EnsureBuiltinRoles(*server->database_));
  server->runner_ = std::make_unique<RequestRunner>(settings.max_running_requests);
  server->metrics_ = std::make_unique<ServerMetrics>(*server->database_);
  server->authenticator_ =
      std::make_unique<Authenticator>(*server->database_, settings.login_policy);
  // From here on a failure shuts down what started (the destructor's Shutdown).
  native::NativeSettings native_settings;
  native_settings.max_frame_bytes = settings.max_request_bytes;
  native_settings.max_decompressed_bytes = settings.max_decompressed_bytes;
  native_settings.password_policy = settings.password_policy;
  BOYO_ASSIGN_OR_RETURN(server->native_, native::NativeListener::Start(
                                             server->io_, *server->runner_, native_endpoint,
                                             *server->database_, functions, *server->authenticator_,
                                             *server->metrics_, native_settings, tls_context));
  server->native_->set_idle_timeout(settings.idle_session_timeout);
  if (settings.connections_per_second > 0) {
    server->native_->set_connection_limiter(&server->connection_limiter_);
  }
  if (http_endpoint) {
    server->http_handler_ =
        std::make_unique<http::HttpHandler>(*server->database_, functions, *server->authenticator_,
                                            *server->metrics_, settings.password_policy);
    BOYO_ASSIGN_OR_RETURN(server->http_,
                          http::HttpListener::Start(server->io_, *server->runner_, *http_endpoint,
                                                    *server->http_handler_, *server->metrics_,
                                                    settings.max_request_bytes, tls_context));
    server->http_->set_idle_timeout(settings.idle_session_timeout);
    if (settings.connections_per_second > 0) {
      server->http_->set_connection_limiter(&server->connection_limiter_);
    }
  }
  if (pg_endpoint) {
    BOYO_ASSIGN_OR_RETURN(
        server->pgwire_,
        pgwire::PgwireListener::Start(server->io_, *server->runner_, *pg_endpoint,
                                      *server->database_, functions, *server->authenticator_,
                                      *server->metrics_, settings.password_policy, tls_context));
    server->pgwire_->set_idle_timeout(settings.idle_session_timeout);
    if (settings.connections_per_second > 0) {
      server->pgwire_->set_connection_limiter(&server->connection_limiter_);
    }
  }
  if (settings.handle_signals) {
    server->signals_ = std::make_unique<asio::signal_set>(server->io_, SIGTERM, SIGINT);
    Server* self = server.get();
    server->signals_->async_wait([self](const boost::system::error_code& error, int signal) {
      if (error) return;
      log::Info("event=signal signal={}", signal);
      self->RequestShutdown();
    });
  }
  server->io_thread_ = std::thread([self = server.get()] {
    // The work guard keeps run() going while no connection is open.
    auto guard = asio::make_work_guard(self->io_);
    self->io_.run();
  });
  return server;
}

std::string Server::native_address() const { return EndpointToString(native_->local_endpoint()); }

std::string Server::pg_address() const {
  return pgwire_ == nullptr ? "" : EndpointToString(pgwire_->local_endpoint());
}

std::string Server::http_address() const {
  return http_ == nullptr ? "" : EndpointToString(http_->local_endpoint());
}

void Server::RequestShutdown() {
  std::lock_guard lock(mutex_);
  shutdown_wanted_ = true;
  shutdown_requested_.notify_all();
}

Status Server::RunUntilShutdown() {
  {
    std::unique_lock lock(mutex_);
    shutdown_requested_.wait(lock, [this] { return shutdown_wanted_; });
  }
  return Shutdown();
}

Status Server::Shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (shut_down_) return Status::OK();
    shut_down_ = true;
  }
  log::Info("event=shutdown_started");
  // Connections end first; each one's running request finishes before its coroutine does.
  // The I/O thread must be running for that, so a server that failed to start runs it here.
  if (!io_thread_.joinable() && (native_ != nullptr || http_ != nullptr || pgwire_ != nullptr)) {
    io_thread_ = std::thread([this] { io_.run(); });
  }
  if (native_ != nullptr) native_->Stop();
  if (http_ != nullptr) http_->Stop();
  if (pgwire_ != nullptr) pgwire_->Stop();
  if (signals_ != nullptr) {
    asio::post(io_, [this] {
      boost::system::error_code ignored;
      signals_->cancel(ignored);
    });
  }
  io_.stop();
  if (io_thread_.joinable()) io_thread_.join();
  native_.reset();
  http_.reset();
  pgwire_.reset();
  http_handler_.reset();
  runner_.reset();
  if (database_ == nullptr) return Status::OK();
  const Status closed = database_->Close();
  if (closed.ok()) {
    log::Info("event=shutdown_finished");
  } else {
    log::Error("event=shutdown_failed message=\"{}\"", closed.FullMessage());
  }
  return closed;
}

}  // namespace boyodb::server
