// Where boyodb-cli finds the password of a server login, in order: the BOYODB_PASSWORD
// environment variable, a password file (--password-file), or a prompt on the terminal with echo
// off when standard input is one. Never from the command line, where other users could read it.
// Thread safety: reads the process's standard input and terminal; call from the main thread.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace boyodb::tools::cli {

/// The name of the environment variable holding the password.
inline constexpr std::string_view kPasswordEnvironmentVariable = "BOYODB_PASSWORD";

/// The first line of the file at `path`, without its line end (a file holding only the
/// password, as the server's first start writes DATA/admin_password). 58P01 when the file
/// cannot be read, 28000 when its first line is empty.
Result<std::string> ReadPasswordFile(const std::string& path);

/// Writes "Password for user USER: " to stderr and reads one line from standard input, a
/// terminal, with echo turned off (and back on afterwards). 28000 at the end of input.
Result<std::string> PromptPassword(std::string_view user);

/// The password: `from_environment` (the variable's value; nullptr when it is not set), else
/// the file `password_file` when not empty, else PromptPassword when standard input is a
/// terminal. 28000 "no password supplied" when there is none of them.
Result<std::string> FindPassword(const char* from_environment, const std::string& password_file,
                                 std::string_view user);

}  // namespace boyodb::tools::cli
