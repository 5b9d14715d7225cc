#include "tools/cli/shell.h"

#include <editline/readline.h>

#include <fmt/format.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "tools/cli/statement_splitter.h"

namespace boyodb::tools::cli {
namespace {

constexpr std::string_view kHelp = R"(General
  \q                     quit (also: quit, exit)
  \?                     show this help (also: help)
  \timing [on|off]       toggle printing how long each command took

Catalog
  \l                     list databases
  \dt [DB]               list tables with their row and segment counts
  \d [DB.]TABLE          describe a table: columns, codec, sort key, segments
  \c [DB]                use DB for unqualified table names (show the current one)

Storage
  \flush                 write every memtable to segments
  \verify                re-read every segment and check its checksum and index

Commands (end with ';'; names may be DB.TABLE, or TABLE after \c DB)
  create database [if not exists] NAME
  drop database [if exists] NAME
  create table [if not exists] DB.T (COL TYPE [NOT NULL], ...)
      [with codec=lz4|zstd|snappy|none, order_by=(COL, ...)]
  drop table [if exists] DB.T
  truncate DB.T
  insert into DB.T [(COL, ...)] values (LITERAL, ...), ...
      literals: 42, -1.5, 'text', '2024-01-31', '2024-01-31 12:00:00', true, false, NULL
  select * | COL, ... | count(*) from DB.T
      [where COL OP LITERAL [and ...]] [limit N]
      OP: = <> != < <= > >=, or COL is [not] null

This command language is a stop-gap until the SQL engine lands.
)";

std::string Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const size_t last = text.find_last_not_of(" \t\r\n;");
  return last < first ? "" : std::string(text.substr(first, last - first + 1));
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

Shell::Shell(engine::Database& database, std::ostream& out, std::ostream& err)
    : commands_(database), out_(out), err_(err) {}

void Shell::PrintHelp() { out_ << kHelp; }

bool Shell::RunShellCommand(std::string_view text) {
  const std::string command = Lower(Trim(text));
  if (command == "\\q" || command == "quit" || command == "exit") {
    quit_ = true;
    return true;
  }
  if (command == "\\?" || command == "help") {
    PrintHelp();
    return true;
  }
  if (command.rfind("\\timing", 0) == 0) {
    const std::string argument = Trim(command.substr(7));
    if (argument == "on") {
      timing_ = true;
    } else if (argument == "off") {
      timing_ = false;
    } else {
      timing_ = !timing_;
    }
    out_ << "Timing is " << (timing_ ? "on." : "off.") << '\n';
    return true;
  }
  return false;
}

bool Shell::RunOne(std::string_view text, const std::string& location) {
  if (RunShellCommand(text)) return true;
  const auto start = std::chrono::steady_clock::now();
  const Status status = commands_.Execute(text, out_);
  const double millis =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!status.ok()) {
    out_.flush();
    err_ << location << "ERROR:  " << status.FullMessage() << '\n'
         << "SQLSTATE: " << status.sqlstate() << '\n';
    err_.flush();
    return false;
  }
  if (timing_) out_ << fmt::format("Time: {:.3f} ms", millis) << '\n';
  out_.flush();
  return true;
}

bool Shell::RunText(std::string_view text) {
  StatementSplitter splitter;
  int line_number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t newline = text.find('\n', start);
    const size_t end = newline == std::string_view::npos ? text.size() : newline;
    splitter.AddLine(text.substr(start, end - start), ++line_number);
    start = end + 1;
  }
  std::vector<Statement> statements = splitter.TakeComplete();
  if (std::optional<Statement> rest = splitter.TakeRest()) statements.push_back(std::move(*rest));
  for (const Statement& statement : statements) {
    if (!RunOne(statement.text, "")) return false;
    if (quit_) break;
  }
  return true;
}

bool Shell::RunStream(std::istream& in, std::string_view source) {
  StatementSplitter splitter;
  std::string line;
  int line_number = 0;
  auto run = [&](const Statement& statement) {
    const std::string location =
        source.empty() ? "" : fmt::format("{}:{}: ", source, statement.line);
    return RunOne(statement.text, location);
  };
  while (!quit_ && std::getline(in, line)) {
    splitter.AddLine(line, ++line_number);
    for (const Statement& statement : splitter.TakeComplete()) {
      if (!run(statement)) return false;
      if (quit_) return true;
    }
  }
  if (quit_) return true;
  if (std::optional<Statement> rest = splitter.TakeRest()) return run(*rest);
  return true;
}

std::string Shell::Prompt(bool continuation) const {
  const std::string name = commands_.current_database().value_or("boyodb");
  return name + (continuation ? "-> " : "=> ");
}

void Shell::RunInteractive(const std::string& history_path) {
  using_history();
  stifle_history(2000);
  if (!history_path.empty()) read_history(history_path.c_str());

  out_ << "boyodb-cli: embedded database. Type \\? for help, \\q to quit.\n\n";
  out_.flush();
  StatementSplitter splitter;
  int line_number = 0;
  while (!quit_) {
    char* raw = readline(Prompt(splitter.in_statement()).c_str());
    if (raw == nullptr) {  // end of input (Ctrl-D)
      out_ << '\n';
      break;
    }
    const std::string line(raw);
    std::free(raw);
    if (!Trim(line).empty()) add_history(line.c_str());
    splitter.AddLine(line, ++line_number);
    for (const Statement& statement : splitter.TakeComplete()) {
      RunOne(statement.text, "");
      if (quit_) break;
    }
  }
  if (!history_path.empty()) write_history(history_path.c_str());
}

}  // namespace boyodb::tools::cli
