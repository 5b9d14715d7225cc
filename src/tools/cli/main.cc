// boyodb-cli: the command-line client. Until the server lands it only opens a data directory
// in-process (--embedded DIR) and offers an admin shell over the embedded API (shell.h).
// Answers go to stdout; errors, warnings and logs go to stderr.
//
// Exit status: 0 when every command succeeded, 1 when a command failed (-c, -f, piped input),
// 2 when the data directory could not be opened or closed cleanly.
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
#include "tools/cli/jsonl_mode.h"
#include "tools/cli/shell.h"

namespace {

void PrintError(const boyodb::Status& status) {
  std::cerr << "ERROR:  " << status.FullMessage() << '\n'
            << "SQLSTATE: " << status.sqlstate() << '\n';
}

std::string DefaultHistoryPath() {
  const char* home = std::getenv("HOME");
  return home == nullptr ? "" : std::string(home) + "/.boyodb_history";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"boyodb-cli: BoyoDB's command-line shell", "boyodb-cli"};
  std::string data_dir;
  std::vector<std::string> commands;
  std::string file;
  std::string log_level = "warn";
  std::string history_path = DefaultHistoryPath();
  app.add_option("--embedded", data_dir, "Open this data directory in-process (created if missing)")
      ->required();
  app.add_option("-c,--command", commands,
                 "Run this command and exit (repeatable; stops at the first error)");
  app.add_option("-f,--file", file, "Run the commands in this file and exit ('-' reads stdin)");
  app.add_option("--log-level", log_level, "debug, info, warn, error or off (logs go to stderr)")
      ->capture_default_str();
  app.add_option("--history", history_path, "Line-editing history file (empty: none)")
      ->capture_default_str();
  bool jsonl = false;
  app.add_flag("--jsonl", jsonl,
               "Machine mode: one JSON request {\"sql\": ...} per line on stdin, one JSON answer "
               "per line on stdout");
  CLI11_PARSE(app, argc, argv);

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

  if (jsonl) {
    boyodb::engine::Session session(*database, boyodb::functions::FunctionRegistry::Builtins());
    const boyodb::Status init = session.Init();
    if (!init.ok()) {
      PrintError(init);
      return 2;
    }
    const int code = boyodb::tools::cli::RunJsonl(session, std::cin, std::cout);
    const boyodb::Status closed = database->Close();
    if (!closed.ok()) {
      PrintError(closed);
      return 2;
    }
    return code;
  }

  boyodb::tools::cli::Shell shell(*database, std::cout, std::cerr);
  bool ok = true;
  for (const std::string& command : commands) {
    if (!ok || shell.quit()) break;
    ok = shell.RunText(command);
  }
  if (ok && !shell.quit() && !file.empty()) {
    if (file == "-") {
      ok = shell.RunStream(std::cin, "<stdin>");
    } else {
      std::ifstream in(file);
      if (!in) {
        std::cerr << "ERROR:  could not open file \"" << file << "\" for reading\n";
        ok = false;
      } else {
        ok = shell.RunStream(in, file);
      }
    }
  } else if (commands.empty() && file.empty()) {
    if (::isatty(STDIN_FILENO)) {
      shell.RunInteractive(history_path);
    } else {
      ok = shell.RunStream(std::cin, "");
    }
  }

  const boyodb::Status closed = database->Close();
  if (!closed.ok()) {
    PrintError(closed.WithContext("closing data directory " + data_dir));
    return 2;
  }
  return ok ? 0 : 1;
}
