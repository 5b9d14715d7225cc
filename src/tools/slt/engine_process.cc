#include "tools/slt/engine_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace boyodb::tools::slt {
namespace {

using Clock = EngineProcess::Clock;
using Deadline = EngineProcess::Deadline;

constexpr std::chrono::seconds kCloseWait{10};
constexpr std::chrono::seconds kExitStatusWait{1};
constexpr size_t kReadChunk = 64 * 1024;

void IgnoreSigpipe() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction action = {};
    action.sa_handler = SIG_IGN;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGPIPE, &action, nullptr);
  });
}

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

bool IsBlank(std::string_view text) {
  for (const char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f') return false;
  }
  return true;
}

void CloseFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Milliseconds left before deadline for poll(): -1 without a deadline, 0 once it has passed.
int RemainingMs(const Deadline& deadline) {
  if (!deadline) return -1;
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now());
  if (left.count() <= 0) return 0;
  return static_cast<int>(std::min<std::chrono::milliseconds::rep>(left.count(), 1 << 30));
}

// Waits up to `wait` for pid to exit, without reaping it (so its process group id stays
// reserved until we kill the group). Returns true once it has exited.
bool WaitForExitNoReap(pid_t pid, std::chrono::milliseconds wait, siginfo_t* info) {
  const Clock::time_point end = Clock::now() + wait;
  auto pause = std::chrono::milliseconds(1);
  while (true) {
    siginfo_t local = {};
    const int waited = ::waitid(P_PID, static_cast<id_t>(pid), &local, WEXITED | WNOHANG | WNOWAIT);
    if (waited == 0 && local.si_pid == pid) {
      if (info != nullptr) *info = local;
      return true;
    }
    if (waited < 0 && errno == ECHILD) return true;
    if (Clock::now() >= end) return false;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(20));
  }
}

void Reap(pid_t pid) {
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

std::string FormatSeconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", seconds);
  return text;
}

}  // namespace

Status EngineOptions::Validate() const {
  if (command.empty()) return Status::InvalidArgument("engine command is empty");
  if (!(timeout_seconds >= 0) || !std::isfinite(timeout_seconds)) {
    return Status::InvalidArgument("timeout must be a number of seconds >= 0, got " +
                                   std::to_string(timeout_seconds));
  }
  if (max_restarts < 0) {
    return Status::InvalidArgument("restart limit must be >= 0, got " +
                                   std::to_string(max_restarts));
  }
  return Status::OK();
}

EngineProcess::EngineProcess(EngineOptions options, std::string directory)
    : options_(std::move(options)), directory_(std::move(directory)) {}

EngineProcess::~EngineProcess() { Kill(); }

Result<std::unique_ptr<EngineProcess>> EngineProcess::Start(EngineOptions options,
                                                            std::string directory) {
  BOYO_RETURN_IF_ERROR(options.Validate());
  IgnoreSigpipe();
  std::unique_ptr<EngineProcess> process(
      new EngineProcess(std::move(options), std::move(directory)));
  BOYO_RETURN_IF_ERROR(process->Spawn());
  return process;
}

Status EngineProcess::Spawn() {
  int in_pipe[2];
  int out_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0) return Status::FromErrno(errno, "pipe", directory_);
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    const int error = errno;
    ::close(in_pipe[0]);
    ::close(in_pipe[1]);
    return Status::FromErrno(error, "pipe", directory_);
  }
  const std::string err_path = options_.engine_log.empty() ? "/dev/null" : options_.engine_log;
  const int err_fd =
      options_.engine_log.empty()
          ? ::open(err_path.c_str(), O_WRONLY | O_CLOEXEC)
          : ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (err_fd < 0) {
    const int error = errno;
    for (const int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1]}) ::close(fd);
    return Status::FromErrno(error, "open", err_path);
  }

  // Everything the child needs is built before fork(): between fork() and exec() a child of a
  // multi-threaded process may only make async-signal-safe calls.
  std::string shell = "/bin/sh";
  std::string dash_c = "-c";
  std::string command = ReplaceAll(options_.command, "{dir}", directory_);
  std::vector<char*> argv = {shell.data(), dash_c.data(), command.data(), nullptr};
  std::vector<std::string> env_strings;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (std::string_view(*entry).starts_with("SLT_DIR=")) continue;
    env_strings.emplace_back(*entry);
  }
  env_strings.push_back("SLT_DIR=" + directory_);
  std::vector<char*> envp;
  for (std::string& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);

  const pid_t pid = ::fork();
  if (pid < 0) {
    const int error = errno;
    for (const int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_fd}) ::close(fd);
    return Status::FromErrno(error, "fork", options_.command);
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    // Copies above 2 first, so no dup2 below overwrites a descriptor still to be moved.
    const int child_in = ::fcntl(in_pipe[0], F_DUPFD_CLOEXEC, 3);
    const int child_out = ::fcntl(out_pipe[1], F_DUPFD_CLOEXEC, 3);
    const int child_err = ::fcntl(err_fd, F_DUPFD_CLOEXEC, 3);
    if (child_in < 0 || child_out < 0 || child_err < 0 || ::dup2(child_in, 0) < 0 ||
        ::dup2(child_out, 1) < 0 || ::dup2(child_err, 2) < 0) {
      ::_exit(127);
    }
    struct sigaction action = {};
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGPIPE, &action, nullptr);
    sigset_t no_signals;
    sigemptyset(&no_signals);
    ::sigprocmask(SIG_SETMASK, &no_signals, nullptr);
    ::execve(shell.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  // Also from this side, so the group exists before we might have to kill it.
  ::setpgid(pid, pid);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_fd);
  pid_ = pid;
  stdin_fd_ = in_pipe[1];
  stdout_fd_ = out_pipe[0];
  ::fcntl(stdin_fd_, F_SETFL, ::fcntl(stdin_fd_, F_GETFL) | O_NONBLOCK);
  ::fcntl(stdout_fd_, F_SETFL, ::fcntl(stdout_fd_, F_GETFL) | O_NONBLOCK);
  buffer_.clear();
  return Status::OK();
}

void EngineProcess::Kill() {
  if (pid_ > 0) {
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);  // in case it left its group
    Reap(pid_);
  }
  pid_ = -1;
  CloseFd(stdin_fd_);
  CloseFd(stdout_fd_);
  buffer_.clear();
}

void EngineProcess::Close() {
  if (pid_ <= 0) return;
  CloseFd(stdin_fd_);
  WaitForExitNoReap(pid_, kCloseWait, nullptr);
  // Whatever the engine left running in its group goes too; the unreaped leader keeps the
  // group id from being reused meanwhile.
  Kill();
}

std::string EngineProcess::ExitDescription() const {
  siginfo_t info = {};
  if (!WaitForExitNoReap(pid_, kExitStatusWait, &info) || info.si_pid != pid_) {
    return "still running";
  }
  if (info.si_code == CLD_EXITED) return "exit status " + std::to_string(info.si_status);
  return "killed by signal " + std::to_string(info.si_status);
}

RunOutcome EngineProcess::Lose(std::string why) {
  Kill();
  ++num_restarts_;
  RunOutcome outcome;
  outcome.kind = RunOutcome::Kind::kGaveUp;
  if (num_restarts_ > options_.max_restarts) {
    gave_up_ = true;
    outcome.problem =
        why + "; gave up after " + std::to_string(options_.max_restarts) + " restarts";
    return outcome;
  }
  const Status started = Spawn();
  if (!started.ok()) {
    gave_up_ = true;
    outcome.problem = why + "; cannot restart the engine: " + started.FullMessage();
    return outcome;
  }
  outcome.kind = RunOutcome::Kind::kLost;
  outcome.problem = why + " (engine restarted)";
  return outcome;
}

std::optional<std::string> EngineProcess::DrainPendingOutput() {
  // Output the engine wrote after its last answer was read is a second line for that request
  // (or its exit): the engine is lost before this request is sent.
  while (true) {
    struct pollfd pending = {stdout_fd_, POLLIN, 0};
    if (::poll(&pending, 1, 0) <= 0) break;
    char chunk[kReadChunk];
    const ssize_t n = ::read(stdout_fd_, chunk, sizeof(chunk));
    if (n > 0) {
      buffer_.append(chunk, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) break;
    return "the engine process has exited (" + ExitDescription() + ")";
  }
  if (!IsBlank(buffer_)) return "more than one line in answer to one request";
  buffer_.clear();
  return std::nullopt;
}

std::optional<std::string> EngineProcess::WriteRequest(std::string_view request,
                                                       const Deadline& deadline) {
  size_t written = 0;
  while (written < request.size()) {
    const ssize_t n = ::write(stdin_fd_, request.data() + written, request.size() - written);
    if (n > 0) {
      written += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      struct pollfd wait_for = {stdin_fd_, POLLOUT, 0};
      if (::poll(&wait_for, 1, RemainingMs(deadline)) == 0) return TimeoutText();
      continue;
    }
    return "the engine process has exited (" + ExitDescription() + ")";
  }
  return std::nullopt;
}

std::optional<std::string> EngineProcess::ReadAnswerLine(const Deadline& deadline,
                                                         std::string& line) {
  size_t scanned = 0;
  while (true) {
    const size_t newline = buffer_.find('\n', scanned);
    if (newline != std::string::npos) {
      line.assign(buffer_, 0, newline);
      buffer_.erase(0, newline + 1);
      scanned = 0;
      if (IsBlank(line)) continue;  // blank lines before the answer are ignored
      break;
    }
    scanned = buffer_.size();
    struct pollfd wait_for = {stdout_fd_, POLLIN, 0};
    const int ready = ::poll(&wait_for, 1, RemainingMs(deadline));
    if (ready == 0) return TimeoutText();
    if (ready < 0) continue;  // EINTR
    char chunk[kReadChunk];
    const ssize_t n = ::read(stdout_fd_, chunk, sizeof(chunk));
    if (n > 0) {
      buffer_.append(chunk, static_cast<size_t>(n));
    } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
      return "the engine process has exited (" + ExitDescription() + ")";
    }
  }
  if (!IsBlank(buffer_)) return "more than one line in answer to one request";
  return std::nullopt;
}

std::string EngineProcess::TimeoutText() const {
  return "timeout after " + FormatSeconds(options_.timeout_seconds) + "s";
}

RunOutcome EngineProcess::Run(std::string_view sql) {
  if (gave_up_ || pid_ <= 0) {
    RunOutcome outcome;
    outcome.kind = RunOutcome::Kind::kGaveUp;
    outcome.problem = "the engine is not running";
    return outcome;
  }
  Deadline deadline;
  if (options_.timeout_seconds > 0) {
    deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(options_.timeout_seconds));
  }
  if (std::optional<std::string> problem = DrainPendingOutput()) return Lose(*std::move(problem));
  if (std::optional<std::string> problem = WriteRequest(EncodeRequest(sql), deadline)) {
    return Lose(*std::move(problem));
  }
  std::string line;
  if (std::optional<std::string> problem = ReadAnswerLine(deadline, line)) {
    return Lose(*std::move(problem));
  }
  Result<EngineAnswer> answer = DecodeAnswer(line);
  if (!answer.ok()) return Lose(std::string(answer.error().message()));
  RunOutcome outcome;
  outcome.answer = std::move(answer).value();
  return outcome;
}

}  // namespace boyodb::tools::slt
