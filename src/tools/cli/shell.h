// Shell: boyodb-cli's psql-like SQL shell over a SqlConnection (an embedded database or a
// server). Reads input from -c text, a file, a pipe or the terminal (libedit line editing and
// history), splits it into statements as psql does, runs SQL through the connection and prints
// each result in the chosen format
// (aligned tables, CSV, TSV, JSON; command tags for statements without rows) on `out`. Errors go
// to `err` psql-style: "ERROR:  message", the statement line with a caret under the error's
// position, then "SQLSTATE: XXXXX". Backslash commands are MetaCommands'. COPY ... FROM STDIN
// reads the input lines after the statement up to "\." and TO STDOUT writes to `out`, as psql
// does (ShellCopyClient).
// Thread safety: not thread-safe; one shell per terminal.
#pragma once

#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "engine/database.h"
#include "engine/session.h"
#include "tools/cli/meta_commands.h"
#include "tools/cli/shell_copy_client.h"
#include "tools/cli/sql_connection.h"
#include "tools/cli/statement_splitter.h"

namespace boyodb::tools::cli {

class Shell {
 public:
  /// `connection`, `out` and `err` must outlive the shell, which installs its COPY client in
  /// the connection.
  Shell(SqlConnection& connection, std::ostream& out, std::ostream& err,
        ShellSettings settings = {});
  /// A shell over an embedded database: `database`, `session` (already Init()ed, over
  /// `database`), `out` and `err` must outlive it.
  Shell(engine::Database& database, engine::Session& session, std::ostream& out, std::ostream& err,
        ShellSettings settings = {});
  ~Shell();
  Shell(const Shell&) = delete;
  Shell& operator=(const Shell&) = delete;

  /// Runs `text` as given to -c: one backslash command, or SQL statements separated by ';'
  /// (the last one needs none). Stops at the first failing one and returns false; true when
  /// all succeeded.
  bool RunText(std::string_view text);
  /// Runs the input read from `in` until its end or \q, stopping at the first failing command
  /// (psql's ON_ERROR_STOP). `source` names the input in error messages ("file.sql:3: "); empty
  /// for none. Returns false when a command failed.
  bool RunStream(std::istream& in, std::string_view source);
  /// Reads from the terminal with line editing until end of input or \q, going on after
  /// errors. History is loaded from and saved to `history_path` unless it is empty.
  void RunInteractive(const std::string& history_path);

  /// psql's prompt for the next line: "default=> " when `splitter` holds no statement,
  /// "default-> " (or ', ", $, *, ( for an open quote, comment or parenthesis) while one goes
  /// on; "=*" instead of "=" inside a transaction block.
  std::string Prompt(const StatementSplitter& splitter) const;

  /// True once \q was run.
  bool quit() const { return meta_commands_.quit(); }
  const ShellSettings& settings() const { return settings_; }

 private:
  // Feeds one input line and runs what it completes; false at the first failure when
  // `stop_on_error`. psql's words quit, exit and help count as commands on an empty buffer.
  bool AddLine(StatementSplitter& splitter, std::string_view line, int line_number,
               std::string_view source, bool stop_on_error);
  // Runs one complete command; `location` prefixes error messages ("file.sql:3: ").
  bool RunOne(const Statement& statement, std::string_view source);
  bool RunSql(const Statement& statement, const std::string& location);

  // `owned` is the embedded constructor's connection; `borrowed` the caller's.
  Shell(std::unique_ptr<SqlConnection> owned, SqlConnection* borrowed, std::ostream& out,
        std::ostream& err, ShellSettings settings);

  std::unique_ptr<SqlConnection> owned_connection_;
  SqlConnection& connection_;
  std::ostream& out_;
  std::ostream& err_;
  ShellSettings settings_;
  MetaCommands meta_commands_;
  ShellCopyClient copy_client_;
};

/// psql's \timing line: "Time: 0.512 ms", and past a second also the duration as
/// "(mm:ss.fff)", "(hh:mm:ss.fff)" or "(d d hh:mm:ss.fff)".
std::string FormatTiming(double milliseconds);

}  // namespace boyodb::tools::cli
