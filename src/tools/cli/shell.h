// Shell: the boyodb-cli read-eval-print loop over an embedded database. Reads commands from -c
// text, a file, a pipe or the terminal (libedit line editing and history), runs them through
// AdminCommands, and prints answers to `out` and errors psql-style ("ERROR:  ..." then
// "SQLSTATE: ...") to `err`. Shell-level commands: \q, \?, \timing.
// Thread safety: not thread-safe; one shell per terminal.
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include "engine/database.h"
#include "tools/cli/admin_commands.h"

namespace boyodb::tools::cli {

class Shell {
 public:
  /// `database`, `out` and `err` must outlive the shell.
  Shell(engine::Database& database, std::ostream& out, std::ostream& err);

  /// Runs the commands in `text` (as given to -c: one backslash command, or statements
  /// separated by ';', the last one needing none). Stops at the first failing command and
  /// returns false; true when all succeeded.
  bool RunText(std::string_view text);
  /// Runs the commands read from `in` until its end or \q, stopping at the first failing one
  /// (psql's ON_ERROR_STOP). `source` names the input in error messages ("file.sql"); empty
  /// for none. Returns false when a command failed.
  bool RunStream(std::istream& in, std::string_view source);
  /// Reads commands from the terminal with line editing until end of input or \q, continuing
  /// after errors. History is loaded from and saved to `history_path` unless it is empty.
  void RunInteractive(const std::string& history_path);

  /// True once \q was run.
  bool quit() const { return quit_; }

 private:
  // Runs one complete command; `location` prefixes error messages ("file.sql:3: ").
  bool RunOne(std::string_view text, const std::string& location);
  // \q, \?, \timing and their word forms; true when `text` was one of them.
  bool RunShellCommand(std::string_view text);
  void PrintHelp();
  std::string Prompt(bool continuation) const;

  AdminCommands commands_;
  std::ostream& out_;
  std::ostream& err_;
  bool timing_ = false;
  bool quit_ = false;
};

}  // namespace boyodb::tools::cli
