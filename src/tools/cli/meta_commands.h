// MetaCommands: the shell's backslash commands, psql's where BoyoDB has the same thing (\q, \?,
// \timing, \pset format, \l, \d, \dt, \dv, \di, \c) plus storage administration (\flush,
// \verify). Answers go to `out`; errors and psql's informational complaints ("Did not find any
// relations.") to `err`. The catalog commands read the catalog with SQL, so they work over a
// server connection too; the storage commands act on the database in this process and fail
// with 0A000 over a server connection; \c runs SET search_path.
// Thread safety: not thread-safe; one shell uses it.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "tools/cli/describe_commands.h"
#include "tools/cli/result_printer.h"
#include "tools/cli/sql_connection.h"

namespace boyodb::tools::cli {

/// What the user can change from inside the shell.
struct ShellSettings {
  OutputFormat format = OutputFormat::kAligned;
  /// \timing: print "Time: 1.234 ms" after each statement.
  bool timing = false;
};

class MetaCommands {
 public:
  /// Everything passed must outlive the commands; `settings` is changed by \pset and \timing.
  MetaCommands(SqlConnection& connection, ShellSettings& settings, std::ostream& out,
               std::ostream& err);

  /// Runs one backslash command ("\dt shop"), or one of psql's words quit, exit and help.
  /// Returns false when it failed, after printing why on `err` (psql's messages: "invalid
  /// command \x", "Did not find any relation named "t".", or ERROR/SQLSTATE for a database
  /// error).
  bool Run(std::string_view line);

  /// True once \q (or quit, exit) ran.
  bool quit() const { return quit_; }

 private:
  bool Timing(const std::vector<std::string>& arguments);
  bool Pset(const std::vector<std::string>& arguments);
  bool Connect(const std::vector<std::string>& arguments);
  bool Describe(const std::vector<std::string>& arguments);
  bool Flush();
  bool Verify();
  /// Runs `command` (a catalog or storage command, `name` as the user typed it) when the
  /// database is in this process; over a server connection prints the 0A000 error instead.
  template <typename Command>
  bool Local(std::string_view name, Command command);
  /// Prints a database error the shell's way (ERROR/SQLSTATE) and returns false; true for OK.
  bool Check(const Status& status);
  /// The database a listing command names, or the current one.
  std::string DatabaseArgument(const std::vector<std::string>& arguments) const;

  SqlConnection& connection_;
  Describer describer_;
  ShellSettings& settings_;
  std::ostream& out_;
  std::ostream& err_;
  bool quit_ = false;
};

}  // namespace boyodb::tools::cli
