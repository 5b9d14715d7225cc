// ChildProcess: runs the durability child (ingest_child.cc) with its stdout on a pipe, reads
// its protocol lines, and kills it; shared by the durability tests.
// Thread safety: one thread per ChildProcess.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace boyodb::durability {

/// The path of boyodb_durability_child: $BOYO_BINARY_DIR (set by ctest) or the build
/// directory compiled in.
std::string ChildBinaryPath();

/// One protocol line of the child: OPENED, BEGIN <id> <rows> or ACK <id> <rows>.
struct ChildEvent {
  enum class Kind : uint8_t { kOpened, kBegin, kAck };
  Kind kind = Kind::kOpened;
  int64_t batch_id = 0;
  int64_t rows = 0;
};

class ChildProcess {
 public:
  /// Starts `binary` with `args` (argv[1..]); stdout is a pipe, stderr is inherited.
  /// Returns nullopt (and sets *error) when the process cannot be started.
  static std::optional<ChildProcess> Start(const std::string& binary,
                                           const std::vector<std::string>& args,
                                           std::string* error);
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&&) = delete;
  ChildProcess(const ChildProcess&) = delete;
  /// Kills and reaps the child if it is still running.
  ~ChildProcess();

  /// Reads protocol lines until `deadline` or until the child closes its stdout (exits).
  /// Returns false once the child's stdout is closed.
  bool ReadUntil(std::chrono::steady_clock::time_point deadline);
  /// Sends SIGKILL, reaps the child and reads what it wrote before dying. Returns the wait
  /// status (as waitpid gives it).
  int Kill();
  /// Waits for the child to exit by itself, reading its output; returns the wait status.
  int Wait();

  const std::vector<ChildEvent>& events() const { return events_; }
  /// True once the child printed OPENED.
  bool opened() const {
    return !events_.empty() && events_.front().kind == ChildEvent::Kind::kOpened;
  }
  /// Lines that were not protocol lines (a bug in the child).
  const std::vector<std::string>& bad_lines() const { return bad_lines_; }

 private:
  ChildProcess(pid_t pid, int read_fd) : pid_(pid), read_fd_(read_fd) {}
  // Reads what is available; false at end of file.
  bool ReadAvailable();
  void ParseLines();
  int Reap();

  pid_t pid_ = -1;
  int read_fd_ = -1;
  std::string pending_;  // bytes after the last complete line
  std::vector<ChildEvent> events_;
  std::vector<std::string> bad_lines_;
};

}  // namespace boyodb::durability
