// boyodb-cli: the command-line client. Until the server lands it opens a data directory
// in-process (--embedded DIR) and offers a psql-like SQL shell over it (shell.h): interactive
// with line editing and history, or running -c SQL / -f FILE / piped input, printing results
// aligned, as CSV, TSV or JSON. --jsonl is the machine mode test runners use (jsonl_mode.h).
// Answers go to stdout; errors, warnings and logs go to stderr.
//
// Exit status: 0 when every command succeeded, 1 when a command failed (-c, -f and piped input
// stop at the first failure), 2 when the data directory could not be opened or closed cleanly.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "common/logging.h"
#include "engine/database.h"
#include "engine/session.h"
#include "functions/function_registry.h"
#include "tools/cli/error_display.h"
#include "tools/cli/jsonl_mode.h"
#include "tools/cli/shell.h"

namespace {

void PrintError(const boyodb::Status& status) {
  boyodb::tools::cli::PrintError(status, "", "", std::cerr);
}

std::string DefaultHistoryPath() {
  const char* home = std::getenv("HOME");
  return home == nullptr ? "" : std::string(home) + "/.boyodb_history";
}

// Runs the shell the way the arguments ask; false when a command failed.
bool RunShell(boyodb::tools::cli::Shell& shell, const std::vector<std::string>& commands,
              const std::string& file, const std::string& history_path) {
  for (const std::string& command : commands) {
    if (!shell.RunText(command)) return false;
    if (shell.quit()) return true;
  }
  if (!file.empty()) {
    if (file == "-") return shell.RunStream(std::cin, "<stdin>");
    std::ifstream in(file);
    if (!in) {
      std::cerr << "ERROR:  could not open file \"" << file << "\" for reading\n";
      return false;
    }
    return shell.RunStream(in, file);
  }
  if (!commands.empty()) return true;
  // Piped input runs like -f - (psql names it <stdin> in messages too).
  if (!::isatty(STDIN_FILENO)) return shell.RunStream(std::cin, "<stdin>");
  shell.RunInteractive(history_path);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"boyodb-cli: BoyoDB's SQL shell", "boyodb-cli"};
  std::string data_dir;
  std::vector<std::string> commands;
  std::string file;
  std::string log_level = "warn";
  std::string history_path = DefaultHistoryPath();
  std::string format = "aligned";
  app.add_option("--embedded", data_dir, "Open this data directory in-process (created if missing)")
      ->required();
  app.add_option("-c,--command", commands,
                 "Run this SQL or backslash command and exit (repeatable; stops at the first "
                 "error)");
  app.add_option("-f,--file", file,
                 "Run the SQL in this file and exit, stopping at the first error ('-' reads "
                 "stdin)");
  auto* format_option =
      app.add_option("--format", format, "Output format: aligned, csv, tsv or json")
          ->check(CLI::IsMember({"aligned", "csv", "tsv", "json"}))
          ->capture_default_str();
  bool csv = false;
  bool tsv = false;
  bool json = false;
  auto* csv_flag = app.add_flag("--csv", csv, "Same as --format csv");
  auto* tsv_flag = app.add_flag("--tsv", tsv, "Same as --format tsv");
  auto* json_flag = app.add_flag("--json", json, "Same as --format json (one object per row)");
  for (CLI::Option* flag : {csv_flag, tsv_flag, json_flag}) {
    flag->excludes(format_option);
    for (CLI::Option* other : {csv_flag, tsv_flag, json_flag}) {
      if (other != flag) flag->excludes(other);
    }
  }
  app.add_option("--log-level", log_level, "debug, info, warn, error or off (logs go to stderr)")
      ->capture_default_str();
  app.add_option("--history", history_path, "Line-editing history file (empty: none)")
      ->capture_default_str();
  bool jsonl = false;
  app.add_flag("--jsonl", jsonl,
               "Machine mode: one JSON request {\"sql\": ...} per line on stdin, one JSON answer "
               "per line on stdout");
  CLI11_PARSE(app, argc, argv);
  if (csv) format = "csv";
  if (tsv) format = "tsv";
  if (json) format = "json";

  boyodb::log::InitToStderr(log_level);
  auto opened = boyodb::engine::Database::Open(data_dir);
  if (!opened.ok()) {
    PrintError(opened.error().WithContext("opening data directory " + data_dir));
    return 2;
  }
  std::unique_ptr<boyodb::engine::Database> database = std::move(opened).value();
  for (const boyodb::Status& problem : database->open_report().problems) {
    std::cerr << "WARNING:  " << problem.FullMessage() << '\n';
  }

  int code = 0;
  {
    boyodb::engine::Session session(*database, boyodb::functions::FunctionRegistry::Builtins());
    const boyodb::Status init = session.Init();
    if (!init.ok()) {
      PrintError(init);
      return 2;
    }
    if (jsonl) {
      code = boyodb::tools::cli::RunJsonl(session, std::cin, std::cout);
    } else {
      boyodb::tools::cli::ShellSettings settings;
      settings.format = *boyodb::tools::cli::ParseOutputFormat(format);
      boyodb::tools::cli::Shell shell(*database, session, std::cout, std::cerr, settings);
      code = RunShell(shell, commands, file, history_path) ? 0 : 1;
    }
  }

  const boyodb::Status closed = database->Close();
  if (!closed.ok()) {
    PrintError(closed.WithContext("closing data directory " + data_dir));
    return 2;
  }
  return code;
}
