// Starting programs from tests: a shell command whose output is collected, or a program whose
// stdout is a pipe the test reads (servers, crash-test children).
// Thread safety: pure functions.
#pragma once

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

namespace boyodb::testing {

/// Runs `command` with /bin/sh; returns its exit code (-1 when it did not exit normally) and
/// its stdout.
std::pair<int, std::string> RunCommand(const std::string& command);

/// `text` in single quotes for /bin/sh, each ' written as '\''.
std::string ShellQuote(const std::string& text);

/// The whole contents of the file at `path` ("" when it cannot be read).
std::string ReadFileContents(const std::string& path);

/// Starts `binary` with `args` (argv[1..]), its stdout a pipe whose read end (close-on-exec)
/// goes to *read_fd and stderr inherited. False, with *error saying why, when it cannot start.
bool SpawnWithStdoutPipe(const std::string& binary, const std::vector<std::string>& args,
                         pid_t* pid, int* read_fd, std::string* error);

}  // namespace boyodb::testing
