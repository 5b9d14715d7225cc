#include "tools/cli/meta_commands.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "common/sqlstate.h"
#include "tools/cli/error_display.h"
#include "tools/cli/identifiers.h"
#include "tools/cli/table_printer.h"

namespace boyodb::tools::cli {
namespace {

constexpr std::string_view kHelp = R"(General
  \q                     quit (also: quit, exit)
  \?                     show this help (also: help)
  \timing [on|off]       toggle printing how long each statement took

Query buffer
  Anything that is not a backslash command is SQL (PostgreSQL's dialect). A statement ends
  with ';' and may span lines; a line may hold several statements.

Formatting
  \pset format [aligned|csv|tsv|json]
                         show or set the output format (also --csv, --tsv, --json)

Informational (embedded databases only, for now)
  \l                     list databases
  \d                     list tables, views and sequences of the current database
  \d NAME                describe a table or view ([DB.]NAME): columns, indexes, codec,
                         sort key, rows and segments
  \dt [DB]               list tables with their row counts
  \dv [DB]               list views
  \ds [DB]               list sequences
  \di [DB]               list indexes

Connection
  \c [DB]                make DB the current database (SET search_path = DB); also \connect

Storage (embedded databases only)
  \flush                 write every memtable to segments
  \verify                re-read every segment and check its checksum and index

)";

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// psql splits a backslash command's arguments at blanks; a quoted name ("My Table") keeps its
// blanks and its quotes, which NameParts reads.
std::vector<std::string> SplitArguments(std::string_view text) {
  std::vector<std::string> arguments;
  size_t pos = 0;
  while (true) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos >= text.size()) break;
    std::string argument;
    bool quoted = false;
    for (; pos < text.size(); ++pos) {
      const char c = text[pos];
      if (!quoted && std::isspace(static_cast<unsigned char>(c))) break;
      if (c == '"') quoted = !quoted;
      argument += c;
    }
    arguments.push_back(std::move(argument));
  }
  return arguments;
}

std::optional<bool> ParseBoolean(std::string_view text) {
  const std::string value = Lower(text);
  if (value == "on" || value == "true" || value == "yes" || value == "1") return true;
  if (value == "off" || value == "false" || value == "no" || value == "0") return false;
  return std::nullopt;
}

}  // namespace

MetaCommands::MetaCommands(SqlConnection& connection, ShellSettings& settings, std::ostream& out,
                           std::ostream& err)
    : connection_(connection), describer_(connection), settings_(settings), out_(out), err_(err) {}

template <typename Command>
bool MetaCommands::Local(std::string_view name, Command command) {
  if (connection_.local_database() != nullptr) return command();
  return Check(Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      std::string(name) + " is not available over a server connection yet"));
}

bool MetaCommands::Check(const Status& status) {
  if (status.ok()) return true;
  out_.flush();
  PrintError(status, "", "", err_);
  return false;
}

std::string MetaCommands::DatabaseArgument(const std::vector<std::string>& arguments) const {
  return arguments.empty() ? connection_.current_database() : NameParts(arguments.front()).front();
}

bool MetaCommands::Run(std::string_view line) {
  std::vector<std::string> words = SplitArguments(line);
  if (words.empty()) return true;
  const std::string word = Lower(words.front());
  const std::vector<std::string> arguments(words.begin() + 1, words.end());
  // psql takes these words alone on a line (a trailing ';' allowed) as commands.
  if (word == "quit" || word == "exit" || word == "quit;" || word == "exit;") {
    quit_ = true;
    return true;
  }
  if (word == "help" || word == "help;") {
    out_ << kHelp;
    return true;
  }

  // "\d+" is accepted as "\d": the extra detail psql's '+' asks for is always shown.
  std::string command = word;
  if (command.size() > 2 && command.back() == '+') command.pop_back();
  bool ok = true;
  if (command == "\\q") {
    quit_ = true;
  } else if (command == "\\?") {
    out_ << kHelp;
  } else if (command == "\\timing") {
    ok = Timing(arguments);
  } else if (command == "\\pset") {
    ok = Pset(arguments);
  } else if (command == "\\c" || command == "\\connect") {
    ok = Connect(arguments);
  } else if (command == "\\l" || command == "\\list") {
    ok = Check(describer_.ListDatabases(out_));
  } else if (command == "\\d") {
    ok = Describe(arguments);
  } else if (command == "\\dt" || command == "\\dv" || command == "\\ds") {
    const RelationKinds kinds = {
        .tables = command == "\\dt", .views = command == "\\dv", .sequences = command == "\\ds"};
    ok = Check(describer_.ListRelations(DatabaseArgument(arguments), kinds, out_, err_));
  } else if (command == "\\di") {
    ok = Check(describer_.ListIndexes(DatabaseArgument(arguments), out_, err_));
  } else if (command == "\\flush") {
    ok = Local(word, [&] { return Flush(); });
  } else if (command == "\\verify") {
    ok = Local(word, [&] { return Verify(); });
  } else {
    err_ << "invalid command " << words.front() << "\nTry \\? for help.\n";
    ok = false;
  }
  out_.flush();
  err_.flush();
  return ok;
}

bool MetaCommands::Timing(const std::vector<std::string>& arguments) {
  if (arguments.empty()) {
    settings_.timing = !settings_.timing;
  } else if (const std::optional<bool> on = ParseBoolean(arguments.front())) {
    settings_.timing = *on;
  } else {
    err_ << "unrecognized value \"" << arguments.front()
         << "\" for \"\\timing\": Boolean expected\n";
    return false;
  }
  out_ << "Timing is " << (settings_.timing ? "on." : "off.") << '\n';
  return true;
}

bool MetaCommands::Pset(const std::vector<std::string>& arguments) {
  if (!arguments.empty() && Lower(arguments.front()) != "format") {
    err_ << "\\pset: unknown option: " << arguments.front() << '\n';
    return false;
  }
  if (arguments.size() >= 2) {
    const std::optional<OutputFormat> format = ParseOutputFormat(Lower(arguments[1]));
    if (!format) {
      err_ << "\\pset: allowed formats are aligned, csv, tsv, json\n";
      return false;
    }
    settings_.format = *format;
  }
  out_ << "Output format is " << OutputFormatName(settings_.format) << ".\n";
  return true;
}

bool MetaCommands::Connect(const std::vector<std::string>& arguments) {
  const std::string db = DatabaseArgument(arguments);
  const auto no_such_database = [&] {
    err_ << "\\connect: database \"" << db << "\" does not exist\nPrevious connection kept\n";
    return false;
  };
  if (const engine::Database* database = connection_.local_database()) {
    const std::vector<std::string> databases = database->ListDatabases();
    if (std::find(databases.begin(), databases.end(), db) == databases.end()) {
      return no_such_database();
    }
  }
  // The session's current database is the first schema of its search path.
  const std::string set = "SET search_path = " + QuoteIdentifier(db);
  Result<std::vector<engine::StatementResult>> results = connection_.Execute(set);
  if (!results.ok()) {
    // A server checks that the database exists when the search path changes.
    if (results.status().sqlstate() == sqlstate::kInvalidSchemaName) return no_such_database();
    return Check(results.status());
  }
  out_ << "You are now connected to database \"" << connection_.current_database() << "\".\n";
  return true;
}

bool MetaCommands::Describe(const std::vector<std::string>& arguments) {
  if (arguments.empty()) {
    return Check(describer_.ListRelations(connection_.current_database(),
                                          {.tables = true, .views = true, .sequences = true}, out_,
                                          err_));
  }
  std::vector<std::string> parts = NameParts(arguments.front());
  std::string db = parts.size() > 1 ? parts[parts.size() - 2] : connection_.current_database();
  if (db == "pg_temp") db = connection_.temp_database();
  // An unqualified name means the session's temporary table of that name first, as in SQL.
  if (parts.size() == 1 && !connection_.temp_database().empty()) {
    Result<bool> temporary = describer_.Describe(connection_.temp_database(), parts.back(), out_);
    if (!temporary.ok()) return Check(temporary.status());
    if (*temporary) return true;
  }
  Result<bool> found = describer_.Describe(db, parts.back(), out_);
  if (!found.ok()) return Check(found.status());
  if (!*found) {
    err_ << "Did not find any relation named \"" << arguments.front() << "\".\n";
    return false;
  }
  return true;
}

bool MetaCommands::Flush() {
  if (!Check(connection_.local_database()->Flush())) return false;
  out_ << "FLUSH\n";
  return true;
}

bool MetaCommands::Verify() {
  const engine::IntegrityReport report = connection_.local_database()->Verify();
  if (report.ok()) {
    out_ << "VERIFY: no problems found\n";
    return true;
  }
  TextTable problems;
  problems.AddColumn("SQLSTATE");
  problems.AddColumn("Problem");
  for (const Status& problem : report.problems) {
    problems.rows.push_back({std::string(problem.sqlstate()), problem.FullMessage()});
  }
  PrintTable(problems, out_);
  return Check(Status(StatusCode::kCorruption, sqlstate::kDataCorrupted,
                      "verify found " + std::to_string(report.problems.size()) +
                          (report.problems.size() == 1 ? " problem" : " problems")));
}

}  // namespace boyodb::tools::cli
