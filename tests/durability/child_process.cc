#include "tests/durability/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "tests/support/subprocess.h"

namespace boyodb::durability {

std::string ChildBinaryPath() {
  const char* binary_dir = std::getenv("BOYO_BINARY_DIR");
  const std::string dir = binary_dir != nullptr ? binary_dir : BOYO_DURABILITY_BINARY_DIR;
  return dir + "/boyodb_durability_child";
}

std::optional<ChildProcess> ChildProcess::Start(const std::string& binary,
                                                const std::vector<std::string>& args,
                                                std::string* error) {
  pid_t pid = -1;
  int read_fd = -1;
  if (!testing::SpawnWithStdoutPipe(binary, args, &pid, &read_fd, error)) return std::nullopt;
  return ChildProcess(pid, read_fd);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_),
      read_fd_(other.read_fd_),
      pending_(std::move(other.pending_)),
      events_(std::move(other.events_)),
      bad_lines_(std::move(other.bad_lines_)) {
  other.pid_ = -1;
  other.read_fd_ = -1;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    Reap();
  }
  if (read_fd_ >= 0) ::close(read_fd_);
}

bool ChildProcess::ReadAvailable() {
  char buffer[4096];
  while (true) {
    const ssize_t n = ::read(read_fd_, buffer, sizeof(buffer));
    if (n > 0) {
      pending_.append(buffer, static_cast<size_t>(n));
      ParseLines();
      return true;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    return false;
  }
}

void ChildProcess::ParseLines() {
  size_t start = 0;
  while (true) {
    const size_t newline = pending_.find('\n', start);
    if (newline == std::string::npos) break;
    const std::string line = pending_.substr(start, newline - start);
    start = newline + 1;
    std::istringstream words(line);
    std::string word;
    words >> word;
    ChildEvent event;
    if (word == "OPENED") {
      event.kind = ChildEvent::Kind::kOpened;
    } else if (word == "BEGIN" || word == "ACK") {
      event.kind = word == "BEGIN" ? ChildEvent::Kind::kBegin : ChildEvent::Kind::kAck;
      if (!(words >> event.batch_id >> event.rows)) {
        bad_lines_.push_back(line);
        continue;
      }
    } else {
      bad_lines_.push_back(line);
      continue;
    }
    events_.push_back(event);
  }
  pending_.erase(0, start);
}

bool ChildProcess::ReadUntil(std::chrono::steady_clock::time_point deadline) {
  while (true) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return true;
    const int timeout_ms =
        static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count());
    pollfd poll_fd{read_fd_, POLLIN, 0};
    const int ready = ::poll(&poll_fd, 1, timeout_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;  // timed out: the loop sees the deadline
    if (!ReadAvailable()) return false;
  }
}

int ChildProcess::Reap() {
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  return status;
}

int ChildProcess::Kill() {
  ::kill(pid_, SIGKILL);
  const int status = Reap();
  // The pipe keeps whatever the child wrote before it died; a partial last line is dropped.
  while (ReadAvailable()) {
  }
  return status;
}

int ChildProcess::Wait() {
  while (ReadAvailable()) {
  }
  return Reap();
}

}  // namespace boyodb::durability
