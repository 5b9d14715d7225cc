#include "tools/cli/shell.h"

#include <editline/readline.h>

#include <fmt/format.h>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>

#include "tools/cli/embedded_connection.h"
#include "tools/cli/error_display.h"
#include "tools/cli/result_printer.h"

namespace boyodb::tools::cli {
namespace {

std::string_view Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// psql reads these words, alone on a line that starts a statement, as commands.
bool IsCommandWord(std::string_view line) {
  std::string word(Trim(line));
  if (!word.empty() && word.back() == ';') word.pop_back();
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word == "quit" || word == "exit" || word == "help";
}

}  // namespace

std::string FormatTiming(double milliseconds) {
  if (milliseconds < 1000.0) return fmt::format("Time: {:.3f} ms", milliseconds);
  double seconds = milliseconds / 1000.0;
  double minutes = std::floor(seconds / 60.0);
  seconds -= 60.0 * minutes;
  if (minutes < 60.0) {
    return fmt::format("Time: {:.3f} ms ({:02d}:{:06.3f})", milliseconds, static_cast<int>(minutes),
                       seconds);
  }
  double hours = std::floor(minutes / 60.0);
  minutes -= 60.0 * hours;
  if (hours < 24.0) {
    return fmt::format("Time: {:.3f} ms ({:02d}:{:02d}:{:06.3f})", milliseconds,
                       static_cast<int>(hours), static_cast<int>(minutes), seconds);
  }
  const double days = std::floor(hours / 24.0);
  hours -= 24.0 * days;
  return fmt::format("Time: {:.3f} ms ({:.0f} d {:02d}:{:02d}:{:06.3f})", milliseconds, days,
                     static_cast<int>(hours), static_cast<int>(minutes), seconds);
}

Shell::Shell(SqlConnection& connection, std::ostream& out, std::ostream& err,
             ShellSettings settings)
    : Shell(nullptr, &connection, out, err, settings) {}

Shell::Shell(engine::Database& database, engine::Session& session, std::ostream& out,
             std::ostream& err, ShellSettings settings)
    : Shell(std::make_unique<EmbeddedConnection>(database, session), nullptr, out, err, settings) {}

Shell::Shell(std::unique_ptr<SqlConnection> owned, SqlConnection* borrowed, std::ostream& out,
             std::ostream& err, ShellSettings settings)
    : owned_connection_(std::move(owned)),
      connection_(borrowed != nullptr ? *borrowed : *owned_connection_),
      out_(out),
      err_(err),
      settings_(settings),
      meta_commands_(connection_, settings_, out, err),
      copy_client_(out) {
  connection_.SetCopyClient(&copy_client_);
}

Shell::~Shell() { connection_.SetCopyClient(nullptr); }

bool Shell::RunSql(const Statement& statement, const std::string& location) {
  const auto start = std::chrono::steady_clock::now();
  Result<std::vector<engine::StatementResult>> results = connection_.Execute(statement.text);
  copy_client_.FinishStatement();
  const double milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!results.ok()) {
    out_.flush();
    PrintError(results.status(), statement.text, location, err_);
    return false;
  }
  for (const engine::StatementResult& result : *results) {
    PrintResult(result, settings_.format, out_);
  }
  if (settings_.timing) out_ << FormatTiming(milliseconds) << '\n';
  out_.flush();
  return true;
}

bool Shell::RunOne(const Statement& statement, std::string_view source) {
  if (statement.text.starts_with('\\')) return meta_commands_.Run(statement.text);
  const std::string location = source.empty() ? "" : fmt::format("{}:{}: ", source, statement.line);
  return RunSql(statement, location);
}

bool Shell::AddLine(StatementSplitter& splitter, std::string_view line, int line_number,
                    std::string_view source, bool stop_on_error) {
  if (!splitter.in_statement() && IsCommandWord(line)) {
    return meta_commands_.Run(line) || !stop_on_error;
  }
  splitter.AddLine(line, line_number);
  bool ok = true;
  for (const Statement& statement : splitter.TakeComplete()) {
    if (!RunOne(statement, source)) {
      ok = false;
      if (stop_on_error) break;
    }
    if (quit()) break;
  }
  return ok || !stop_on_error;
}

bool Shell::RunText(std::string_view text) {
  // As with psql -c, COPY FROM STDIN reads the program's standard input.
  copy_client_.SetLineSource(
      [](std::string* line) { return static_cast<bool>(std::getline(std::cin, *line)); });
  StatementSplitter splitter;
  int line_number = 0;
  size_t start = 0;
  while (start <= text.size() && !quit()) {
    const size_t newline = text.find('\n', start);
    const size_t end = newline == std::string_view::npos ? text.size() : newline;
    if (!AddLine(splitter, text.substr(start, end - start), ++line_number, "", true)) {
      return false;
    }
    start = end + 1;
  }
  if (quit()) return true;
  if (std::optional<Statement> rest = splitter.TakeRest()) return RunOne(*rest, "");
  return true;
}

bool Shell::RunStream(std::istream& in, std::string_view source) {
  StatementSplitter splitter;
  std::string line;
  int line_number = 0;
  // COPY FROM STDIN reads the lines after the statement from the same input.
  copy_client_.SetLineSource([&in, &line_number](std::string* data) {
    if (!std::getline(in, *data)) return false;
    ++line_number;
    return true;
  });
  // The source refers to this call's locals.
  struct ClearSource {
    ShellCopyClient& client;
    ~ClearSource() { client.SetLineSource(nullptr); }
  } clear_source{copy_client_};
  while (!quit() && std::getline(in, line)) {
    if (!AddLine(splitter, line, ++line_number, source, true)) return false;
  }
  if (quit()) return true;
  if (std::optional<Statement> rest = splitter.TakeRest()) return RunOne(*rest, source);
  return true;
}

std::string Shell::Prompt(const StatementSplitter& splitter) const {
  const char mark = splitter.in_statement() ? splitter.continuation_mark() : '=';
  return fmt::format("{}{}{}> ", connection_.current_database(), mark,
                     connection_.in_transaction() ? "*" : "");
}

void Shell::RunInteractive(const std::string& history_path) {
  using_history();
  stifle_history(2000);
  if (!history_path.empty()) read_history(history_path.c_str());

  out_ << "boyodb-cli: " << connection_.Description() << ". Type \\? for help, \\q to quit.\n\n";
  out_.flush();
  StatementSplitter splitter;
  int line_number = 0;
  copy_client_.SetLineSource([this](std::string* data) {
    char* raw = readline(">> ");
    if (raw == nullptr) return false;
    *data = raw;
    std::free(raw);
    return true;
  });
  while (!quit()) {
    char* raw = readline(Prompt(splitter).c_str());
    if (raw == nullptr) {  // end of input (Ctrl-D)
      out_ << '\n';
      break;
    }
    const std::string line(raw);
    std::free(raw);
    if (!Trim(line).empty()) add_history(line.c_str());
    AddLine(splitter, line, ++line_number, "", /*stop_on_error=*/false);
  }
  if (!history_path.empty()) write_history(history_path.c_str());
}

}  // namespace boyodb::tools::cli
