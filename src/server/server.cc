#include "server/server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <csignal>

#include "common/logging.h"
#include "server/endpoint.h"

namespace boyodb::server {

namespace asio = boost::asio;

Server::Server(ServerConfig config) : config_(std::move(config)) {}

Server::~Server() { (void)Shutdown(); }

Result<std::unique_ptr<Server>> Server::Start(ServerConfig config,
                                              const sql::FunctionCatalog& functions) {
  BOYO_ASSIGN_OR_RETURN(const asio::ip::tcp::endpoint native_endpoint,
                        ParseEndpoint(config.native_address));
  std::unique_ptr<Server> server(new Server(std::move(config)));
  const ServerConfig& settings = server->config_;
  BOYO_ASSIGN_OR_RETURN(server->database_, engine::Database::Open(settings.data_dir));
  for (const Status& problem : server->database_->open_report().problems) {
    log::Warn("event=open_problem message=\"{}\"", problem.FullMessage());
  }
  server->runner_ = std::make_unique<RequestRunner>(settings.max_running_requests);
  native::NativeSettings native_settings;
  native_settings.max_frame_bytes = settings.max_frame_bytes;
  native_settings.max_decompressed_bytes = settings.max_decompressed_bytes;
  Result<std::unique_ptr<native::NativeListener>> native =
      native::NativeListener::Start(server->io_, *server->runner_, native_endpoint,
                                    *server->database_, functions, native_settings);
  if (!native.ok()) {
    (void)server->database_->Close();
    server->shut_down_ = true;
    return native.status();
  }
  server->native_ = std::move(*native);
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
  if (native_ != nullptr) native_->Stop();
  if (signals_ != nullptr) {
    asio::post(io_, [this] {
      boost::system::error_code ignored;
      signals_->cancel(ignored);
    });
  }
  io_.stop();
  if (io_thread_.joinable()) io_thread_.join();
  native_.reset();
  runner_.reset();
  const Status closed = database_->Close();
  if (closed.ok()) {
    log::Info("event=shutdown_finished");
  } else {
    log::Error("event=shutdown_failed message=\"{}\"", closed.FullMessage());
  }
  return closed;
}

}  // namespace boyodb::server
