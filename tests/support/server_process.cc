#include "tests/support/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "tests/support/subprocess.h"

namespace boyodb::testing {
namespace {

// Reads stdout until the lines "native HOST:PORT" and "http HOST:PORT" have arrived or the
// deadline passes.
bool ReadAddresses(int fd, std::chrono::steady_clock::time_point deadline, std::string* host,
                   int* native_port, int* http_port, int* pg_port) {
  std::string pending;
  while (std::chrono::steady_clock::now() < deadline &&
         (*native_port == 0 || *http_port == 0 || *pg_port == 0)) {
    pollfd poll_fd{fd, POLLIN, 0};
    const int ready = ::poll(&poll_fd, 1, 100);
    if (ready < 0 && errno != EINTR) return false;
    if (ready <= 0) continue;
    char buffer[512];
    const ssize_t n = ::read(fd, buffer, sizeof(buffer));
    if (n <= 0) return false;  // the server exited before listening
    pending.append(buffer, static_cast<size_t>(n));
    size_t newline;
    while ((newline = pending.find('\n')) != std::string::npos) {
      const std::string line = pending.substr(0, newline);
      pending.erase(0, newline + 1);
      const size_t space = line.find(' ');
      const size_t colon = line.rfind(':');
      if (space == std::string::npos || colon == std::string::npos) return false;
      const int port = std::atoi(line.c_str() + colon + 1);
      if (line.rfind("native ", 0) == 0) {
        *host = line.substr(space + 1, colon - space - 1);
        *native_port = port;
      } else if (line.rfind("http ", 0) == 0) {
        *http_port = port;
      } else if (line.rfind("pgwire ", 0) == 0) {
        *pg_port = port;
      }
    }
  }
  return *native_port > 0 && *http_port > 0 && *pg_port > 0;
}

int WaitWithDeadline(pid_t pid, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0 && errno != EINTR) return -1;
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return status;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

std::string BuiltProgram(const std::string& name, const std::string& fallback_dir) {
  const char* binary_dir = std::getenv("BOYO_BINARY_DIR");
  return (binary_dir != nullptr ? std::string(binary_dir) : fallback_dir) + "/" + name;
}

std::optional<ServerProcess> ServerProcess::Start(const std::string& binary,
                                                  const std::string& data_dir,
                                                  const std::vector<std::string>& extra_args,
                                                  std::string* error) {
  std::vector<std::string> all_args = {data_dir,    "127.0.0.1:0", "--http-addr", "127.0.0.1:0",
                                       "--pg-addr", "127.0.0.1:0", "--log-level", "warn"};
  all_args.insert(all_args.end(), extra_args.begin(), extra_args.end());
  pid_t pid = -1;
  int read_fd = -1;
  if (!SpawnWithStdoutPipe(binary, all_args, &pid, &read_fd, error)) return std::nullopt;
  ServerProcess server(pid, read_fd);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  if (!ReadAddresses(server.stdout_fd_, deadline, &server.host_, &server.native_port_,
                     &server.http_port_, &server.pg_port_)) {
    *error = "boyodb-server did not report its address (see its stderr above)";
    return std::nullopt;
  }
  return server;
}

ServerProcess::ServerProcess(ServerProcess&& other) noexcept
    : pid_(other.pid_),
      stdout_fd_(other.stdout_fd_),
      host_(std::move(other.host_)),
      native_port_(other.native_port_),
      http_port_(other.http_port_),
      pg_port_(other.pg_port_) {
  other.pid_ = -1;
  other.stdout_fd_ = -1;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

int ServerProcess::Terminate() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  const int status = WaitWithDeadline(pid_, std::chrono::seconds(120));
  pid_ = -1;
  return status;
}

}  // namespace boyodb::testing
