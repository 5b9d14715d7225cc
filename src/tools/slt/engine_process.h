// EngineProcess: an engine under test run as a child process speaking the JSONL contract on its
// stdin/stdout (shared/slt/README.md; docs/testing/slt.md). It is started as `/bin/sh -c CMD`
// in its own process group, with {dir} in CMD replaced by the file's data directory; a request
// that times out, finds the process dead, gets a line that is not JSON or two lines, kills the
// whole group and starts the command again on the same directory, up to a restart limit.
// Thread safety: not thread-safe; one per script run. Distinct objects may run in distinct
// threads (their pipes are close-on-exec, so one child never holds another's pipe).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/status.h"
#include "tools/slt/engine.h"

namespace boyodb::tools::slt {

struct EngineOptions {
  /// The shell command; every `{dir}` becomes the data directory, as is (not quoted). The
  /// directory is also in the environment as SLT_DIR.
  std::string command;
  /// Seconds one request may take, writing it included; 0 means no limit. Default 30.
  double timeout_seconds = 30;
  /// Restarts allowed for one file; the next loss gives up. Default 5.
  int max_restarts = 5;
  /// The engine's stderr is appended to this file; empty (the default) discards it.
  std::string engine_log;

  /// Requires a non-empty command, timeout_seconds >= 0 and max_restarts >= 0.
  Status Validate() const;
};

class EngineProcess final : public Engine {
 public:
  using Clock = std::chrono::steady_clock;
  /// When the current request must be answered by; nullopt for no limit.
  using Deadline = std::optional<Clock::time_point>;

  /// Starts the command on directory (which must exist). Ignores SIGPIPE in this process (a
  /// write to a dead engine must fail with EPIPE, not kill the runner); the child gets the
  /// default disposition back. Returns an IOError when the pipes or the process cannot be made.
  static Result<std::unique_ptr<EngineProcess>> Start(EngineOptions options, std::string directory);

  /// Kills the process group if it is still running (Close() ends it gently first).
  ~EngineProcess() override;
  EngineProcess(const EngineProcess&) = delete;
  EngineProcess& operator=(const EngineProcess&) = delete;

  RunOutcome Run(std::string_view sql) override;

  /// Closes the engine's stdin, waits up to 10 s for it to exit, then kills what is left of its
  /// process group. Idempotent.
  void Close();

  int num_restarts() const { return num_restarts_; }
  /// The current process's id (and process group), or -1 when none is running.
  pid_t pid() const { return pid_; }

 private:
  EngineProcess(EngineOptions options, std::string directory);

  Status Spawn();
  // Kills the process group and reaps the process; closes the pipes.
  void Kill();
  // Kill(), then restart (or give up when over the limit); the outcome for the lost record.
  RunOutcome Lose(std::string why);
  // The steps of Run; each returns what went wrong (the engine is then lost), or nullopt.
  std::optional<std::string> DrainPendingOutput();
  std::optional<std::string> WriteRequest(std::string_view request, const Deadline& deadline);
  // Reads the next non-blank line into line.
  std::optional<std::string> ReadAnswerLine(const Deadline& deadline, std::string& line);
  std::string TimeoutText() const;
  // "exit status 3", "killed by signal 9" or "still running", without reaping it.
  std::string ExitDescription() const;

  const EngineOptions options_;
  const std::string directory_;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;   // our write end of the engine's stdin
  int stdout_fd_ = -1;  // our read end of the engine's stdout
  std::string buffer_;  // bytes read from stdout and not yet used
  int num_restarts_ = 0;
  bool gave_up_ = false;
};

}  // namespace boyodb::tools::slt
