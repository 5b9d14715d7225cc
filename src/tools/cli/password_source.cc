#include "tools/cli/password_source.h"

#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "common/sqlstate.h"

namespace boyodb::tools::cli {
namespace {

Status NoPassword(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidAuthorizationSpecification,
                std::move(message));
}

void StripLineEnd(std::string* line) {
  if (!line->empty() && line->back() == '\r') line->pop_back();
}

// Turns the terminal's echo off for its lifetime, if standard input is a terminal.
class EchoOff {
 public:
  EchoOff() {
    if (::tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    // Keep ECHONL so the Enter key still moves to the next line.
    quiet.c_lflag |= ECHONL;
    active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

}  // namespace

Result<std::string> ReadPasswordFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    const int error = errno;
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedFile,
                  "could not open password file \"" + path +
                      "\": " + (error != 0 ? std::strerror(error) : "unreadable"));
  }
  std::string password;
  std::getline(in, password);
  StripLineEnd(&password);
  if (password.empty()) return NoPassword("password file \"" + path + "\" is empty");
  return password;
}

Result<std::string> PromptPassword(std::string_view user) {
  std::cerr << "Password for user " << user << ": ";
  std::cerr.flush();
  std::string password;
  bool read = false;
  {
    const EchoOff echo_off;
    read = static_cast<bool>(std::getline(std::cin, password));
  }
  if (!read) {
    std::cerr << '\n';
    return NoPassword("no password supplied");
  }
  StripLineEnd(&password);
  return password;
}

Result<std::string> FindPassword(const char* from_environment, const std::string& password_file,
                                 std::string_view user) {
  if (from_environment != nullptr) return std::string(from_environment);
  if (!password_file.empty()) return ReadPasswordFile(password_file);
  if (::isatty(STDIN_FILENO)) return PromptPassword(user);
  return NoPassword("no password supplied: set " + std::string(kPasswordEnvironmentVariable) +
                    ", pass --password-file FILE, or run on a terminal to be asked");
}

}  // namespace boyodb::tools::cli
