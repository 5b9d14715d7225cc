// ServerProcess: a boyodb-server started for a test on 127.0.0.1 with port 0 (the kernel picks
// a free port, which the server prints on stdout), stopped by its process id.
// Thread safety: one thread per ServerProcess.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace boyodb::testing {

/// The path of a program built beside the tests: $BOYO_BINARY_DIR (set by ctest) or `fallback`.
std::string BuiltProgram(const std::string& name, const std::string& fallback_dir);

class ServerProcess {
 public:
  /// Starts `binary DATA_DIR 127.0.0.1:0 --http-addr 127.0.0.1:0 --pg-addr 127.0.0.1:0
  /// extra_args...` and waits (up to 60 s) for the lines naming its three addresses. nullopt, with
  /// *error saying why, when it does not come up.
  static std::optional<ServerProcess> Start(const std::string& binary, const std::string& data_dir,
                                            const std::vector<std::string>& extra_args,
                                            std::string* error);
  ServerProcess(ServerProcess&& other) noexcept;
  ServerProcess& operator=(ServerProcess&&) = delete;
  ServerProcess(const ServerProcess&) = delete;
  /// Kills (SIGKILL) and reaps the server if it is still running.
  ~ServerProcess();

  const std::string& host() const { return host_; }
  int native_port() const { return native_port_; }
  int http_port() const { return http_port_; }
  int pg_port() const { return pg_port_; }
  pid_t pid() const { return pid_; }

  /// Sends SIGTERM and waits (up to 120 s, then SIGKILL) for the exit; returns the exit status
  /// as waitpid gives it.
  int Terminate();

 private:
  ServerProcess(pid_t pid, int stdout_fd) : pid_(pid), stdout_fd_(stdout_fd) {}

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string host_;
  int native_port_ = 0;
  int http_port_ = 0;
  int pg_port_ = 0;
};

}  // namespace boyodb::testing
