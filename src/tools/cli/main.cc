// boyodb-cli: the command-line client. It connects to a boyodb-server over the native protocol
// (--host, --port, -U; TCP or TLS), or with --embedded DIR opens a data directory in-process,
// and offers a psql-like SQL shell (shell.h): interactive with line editing and history, or
// running -c SQL / -f FILE / piped input, printing results aligned, as CSV, TSV or JSON.
// --jsonl is the machine mode test runners use (jsonl_mode.h). Answers go to stdout; errors,
// warnings and logs go to stderr.
//
// Exit status: 0 when every command succeeded, 1 when a command failed (-c, -f and piped input
// stop at the first failure), 2 when the server could not be reached or the login failed, or
// the data directory could not be opened or closed cleanly.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "common/logging.h"
#include "engine/database.h"
#include "engine/session.h"
#include "functions/function_registry.h"
#include "tools/cli/connection_options.h"
#include "tools/cli/embedded_connection.h"
#include "tools/cli/error_display.h"
#include "tools/cli/identifiers.h"
#include "tools/cli/jsonl_mode.h"
#include "tools/cli/password_source.h"
#include "tools/cli/remote_connection.h"
#include "tools/cli/shell.h"

namespace {

namespace cli = boyodb::tools::cli;

// What to run once connected, from the command line.
struct Invocation {
  std::vector<std::string> commands;
  std::string file;
  std::string history_path;
  cli::OutputFormat format = cli::OutputFormat::kAligned;
  bool jsonl = false;
};

void PrintError(const boyodb::Status& status) { cli::PrintError(status, "", "", std::cerr); }

std::string DefaultHistoryPath() {
  const char* home = std::getenv("HOME");
  return home == nullptr ? "" : std::string(home) + "/.boyodb_history";
}

// Runs the shell the way the arguments ask; false when a command failed.
bool RunShell(cli::Shell& shell, const Invocation& run) {
  for (const std::string& command : run.commands) {
    if (!shell.RunText(command)) return false;
    if (shell.quit()) return true;
  }
  if (!run.file.empty()) {
    if (run.file == "-") return shell.RunStream(std::cin, "<stdin>");
    std::ifstream in(run.file);
    if (!in) {
      std::cerr << "ERROR:  could not open file \"" << run.file << "\" for reading\n";
      return false;
    }
    return shell.RunStream(in, run.file);
  }
  if (!run.commands.empty()) return true;
  // Piped input runs like -f - (psql names it <stdin> in messages too).
  if (!::isatty(STDIN_FILENO)) return shell.RunStream(std::cin, "<stdin>");
  shell.RunInteractive(run.history_path);
  return true;
}

// The exit status of running `run` on `connection`.
int RunOn(cli::SqlConnection& connection, const Invocation& run) {
  if (run.jsonl) return cli::RunJsonl(connection, std::cin, std::cout);
  cli::ShellSettings settings;
  settings.format = run.format;
  cli::Shell shell(connection, std::cout, std::cerr, settings);
  return RunShell(shell, run) ? 0 : 1;
}

int RunEmbedded(const std::string& data_dir, const std::string& start_database,
                const Invocation& run) {
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
    if (!start_database.empty()) {
      const boyodb::Status moved =
          session.Execute("SET search_path = " + cli::QuoteIdentifier(start_database)).status();
      if (!moved.ok()) {
        PrintError(moved);
        return 2;
      }
    }
    cli::EmbeddedConnection connection(*database, session);
    code = RunOn(connection, run);
  }

  const boyodb::Status closed = database->Close();
  if (!closed.ok()) {
    PrintError(closed.WithContext("closing data directory " + data_dir));
    return 2;
  }
  return code;
}

int RunRemote(cli::ConnectionOptions options, const std::string& password_file,
              const Invocation& run) {
  const char* from_environment = std::getenv(cli::kPasswordEnvironmentVariable.data());
  boyodb::Result<std::string> password =
      cli::FindPassword(from_environment, password_file, options.user);
  if (!password.ok()) {
    PrintError(password.status());
    return 2;
  }
  options.password = std::move(*password);
  auto connected = cli::RemoteConnection::Open(options);
  if (!connected.ok()) {
    PrintError(connected.status());
    return 2;
  }
  return RunOn(**connected, run);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "boyodb-cli: BoyoDB's SQL shell. Connects to a boyodb-server (default 127.0.0.1:8765, user "
      "admin; the password comes from BOYODB_PASSWORD, else --password-file, else a prompt on the "
      "terminal), or opens a data directory in-process with --embedded DIR.",
      "boyodb-cli"};
  // -h is --host, as in psql; help is --help only.
  app.set_help_flag("--help", "Print this help message and exit");
  std::string data_dir;
  cli::ConnectionOptions connection;
  std::string password_file;
  Invocation run;
  run.history_path = DefaultHistoryPath();
  std::string format = "aligned";

  auto* embedded = app.add_option("--embedded", data_dir,
                                  "Open this data directory in-process (created if missing) "
                                  "instead of connecting to a server");
  const std::vector<CLI::Option*> connection_options = {
      app.add_option("-h,--host", connection.host, "The server's host name or IP address")
          ->capture_default_str(),
      app.add_option("-p,--port", connection.port, "The server's native protocol port")
          ->check(CLI::Range(1, 65535))
          ->capture_default_str(),
      app.add_option("-U,--user", connection.user, "Log in as this user")->capture_default_str(),
      app.add_option("--password-file", password_file,
                     "Read the password from the first line of this file (when BOYODB_PASSWORD "
                     "is not set)"),
      app.add_flag("--tls", connection.tls.enabled,
                   "Connect with TLS 1.3, verifying the server's certificate against the "
                   "system's CA store (or --tls-ca) and its host name or IP address"),
      app.add_option("--tls-ca", connection.tls.ca_file,
                     "PEM CA certificates to verify the server's certificate with (implies "
                     "--tls)"),
      app.add_option("--tls-cert", connection.tls.cert_file,
                     "PEM client certificate for servers that require mutual TLS (implies "
                     "--tls; needs --tls-key)"),
      app.add_option("--tls-key", connection.tls.key_file, "PEM private key of --tls-cert"),
  };
  for (CLI::Option* option : connection_options) embedded->excludes(option);
  app.add_option("-d,--database", connection.database,
                 "Start in this database instead of \"default\"");
  app.add_option("-c,--command", run.commands,
                 "Run this SQL or backslash command and exit (repeatable; stops at the first "
                 "error)");
  app.add_option("-f,--file", run.file,
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
  std::string log_level = "warn";
  app.add_option("--log-level", log_level, "debug, info, warn, error or off (logs go to stderr)")
      ->capture_default_str();
  app.add_option("--history", run.history_path, "Line-editing history file (empty: none)")
      ->capture_default_str();
  app.add_flag("--jsonl", run.jsonl,
               "Machine mode: one JSON request {\"sql\": ...} per line on stdin, one JSON answer "
               "per line on stdout");
  CLI11_PARSE(app, argc, argv);
  if (csv) format = "csv";
  if (tsv) format = "tsv";
  if (json) format = "json";
  run.format = *cli::ParseOutputFormat(format);

  boyodb::log::InitToStderr(log_level);
  if (!embedded->empty()) return RunEmbedded(data_dir, connection.database, run);
  return RunRemote(std::move(connection), password_file, run);
}
