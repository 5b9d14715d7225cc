// The boyodb-cli program itself on a temporary data directory: -c, -f, piped input and the
// output format flags, answers on stdout, psql-style errors on stderr, exit status 1 when a
// command fails and 2 when the directory cannot be opened, data kept between runs.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace boyodb::tools::cli {
namespace {

struct Outcome {
  int exit_status = -1;
  std::string out;
  std::string err;
};

class CliBinaryTest : public ::testing::Test {
 protected:
  // Runs boyodb-cli on the test's data directory with `stdin_text` as its (piped) input.
  Outcome RunCli(const std::vector<std::string>& args, const std::string& stdin_text = "") {
    {
      std::ofstream in(dir_.Join("in"));
      in << stdin_text;
    }
    const char* binary_dir = std::getenv("BOYO_BINARY_DIR");
    std::string command =
        testing::ShellQuote(std::string(binary_dir != nullptr ? binary_dir : BOYO_CLI_BINARY_DIR) +
                            "/boyodb-cli") +
        " --history '' --embedded " + testing::ShellQuote(dir_.Join("data"));
    for (const std::string& arg : args) command += " " + testing::ShellQuote(arg);
    command += " <" + testing::ShellQuote(dir_.Join("in")) + " >" +
               testing::ShellQuote(dir_.Join("out")) + " 2>" +
               testing::ShellQuote(dir_.Join("err"));
    Outcome outcome;
    const int status = std::system(command.c_str());
    outcome.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    outcome.out = testing::ReadFileContents(dir_.Join("out"));
    outcome.err = testing::ReadFileContents(dir_.Join("err"));
    return outcome;
  }

  testing::TempDir dir_;
};

TEST_F(CliBinaryTest, SqlRunsWithDashCAndDataSurvivesBetweenRuns) {
  Outcome created = RunCli({"-c", "CREATE DATABASE shop", "-c",
                            "CREATE TABLE shop.t (id bigint NOT NULL, name text)", "-c",
                            "INSERT INTO shop.t VALUES (1, 'one'), (2, 'two')"});
  EXPECT_EQ(created.exit_status, 0) << created.err;
  EXPECT_EQ(created.out, "CREATE DATABASE\nCREATE TABLE\nINSERT 0 2\n");
  EXPECT_EQ(created.err, "");

  Outcome selected = RunCli({"-c", "SELECT * FROM shop.t WHERE id > 1"});
  EXPECT_EQ(selected.exit_status, 0) << selected.err;
  EXPECT_EQ(selected.out, " id | name \n----+------\n  2 | two\n(1 row)\n\n");

  Outcome described = RunCli({"-c", "\\d shop.t"});
  EXPECT_EQ(described.exit_status, 0) << described.err;
  EXPECT_NE(described.out.find(" id     | bigint | not null | \n"), std::string::npos)
      << described.out;
  EXPECT_NE(described.out.find("Rows: 2 ("), std::string::npos) << described.out;
}

TEST_F(CliBinaryTest, AnErrorPrintsErrorLineCaretAndSqlStateOnStderrAndExitsWithOne) {
  Outcome failed = RunCli({"-c", "SELECT * FROM nowhere.t"});
  EXPECT_EQ(failed.exit_status, 1);
  EXPECT_EQ(failed.out, "");
  EXPECT_EQ(failed.err,
            "ERROR:  schema \"nowhere\" does not exist\n"
            "LINE 1: SELECT * FROM nowhere.t\n"
            "                      ^\n"
            "SQLSTATE: 3F000\n");
}

TEST_F(CliBinaryTest, DashCStopsAtTheFirstFailingCommand) {
  Outcome outcome = RunCli({"-c", "SELECT 1 AS a", "-c", "\\nonsense", "-c", "SELECT 2 AS b"});
  EXPECT_EQ(outcome.exit_status, 1);
  EXPECT_EQ(outcome.out, " a \n---\n 1\n(1 row)\n\n");
  EXPECT_EQ(outcome.err, "invalid command \\nonsense\nTry \\? for help.\n");
}

TEST_F(CliBinaryTest, DashFRunsAFileAndStopsAtTheFirstErrorNamingTheLine) {
  {
    std::ofstream script(dir_.Join("script.sql"));
    script << "CREATE DATABASE d;\n"
              "CREATE TABLE d.t (a integer,\n"
              "                  b text);\n"
              "INSERT INTO d.t VALUES (1, 'x');\n"
              "\\timing off\n"
              "INSERT INTO d.t VALUES ('oops', 'y');\n"
              "INSERT INTO d.t VALUES (3, 'z');\n";
  }
  Outcome outcome = RunCli({"-f", dir_.Join("script.sql")});
  EXPECT_EQ(outcome.exit_status, 1);
  EXPECT_EQ(outcome.out, "CREATE DATABASE\nCREATE TABLE\nINSERT 0 1\nTiming is off.\n");
  EXPECT_EQ(outcome.err, dir_.Join("script.sql") +
                             ":6: ERROR:  invalid input syntax for type integer: \"oops\"\n"
                             "LINE 1: INSERT INTO d.t VALUES ('oops', 'y')\n"
                             "                                ^\n"
                             "SQLSTATE: 22P02\n");

  Outcome counted = RunCli({"-c", "SELECT count(*) FROM d.t"});
  EXPECT_EQ(counted.out, " count \n-------\n     1\n(1 row)\n\n");
}

TEST_F(CliBinaryTest, PipedInputRunsLikeAFile) {
  Outcome outcome = RunCli({}, "SELECT 1 AS a;\nSELECT nope;\nSELECT 2 AS b;\n");
  EXPECT_EQ(outcome.exit_status, 1);
  EXPECT_EQ(outcome.out, " a \n---\n 1\n(1 row)\n\n");
  EXPECT_EQ(outcome.err,
            "<stdin>:2: ERROR:  column \"nope\" does not exist\n"
            "LINE 1: SELECT nope\n"
            "               ^\n"
            "SQLSTATE: 42703\n");

  outcome = RunCli({"-f", "-"}, "SELECT 3 AS c\n");
  EXPECT_EQ(outcome.exit_status, 0) << outcome.err;
  EXPECT_EQ(outcome.out, " c \n---\n 3\n(1 row)\n\n");
}

TEST_F(CliBinaryTest, OutputFormatFlags) {
  const std::string query = "SELECT 1 AS n, 'a,b' AS s, NULL::text AS z";
  EXPECT_EQ(RunCli({"--csv", "-c", query}).out, "n,s,z\n1,\"a,b\",\n");
  EXPECT_EQ(RunCli({"--tsv", "-c", query}).out, "n\ts\tz\n1\ta,b\t\n");
  EXPECT_EQ(RunCli({"--json", "-c", query}).out, "{\"n\":1,\"s\":\"a,b\",\"z\":null}\n");
  EXPECT_EQ(RunCli({"--format", "csv", "-c", query}).out, "n,s,z\n1,\"a,b\",\n");
  EXPECT_EQ(RunCli({"--format", "aligned", "-c", query}).out,
            " n |  s  | z \n---+-----+---\n 1 | a,b | \n(1 row)\n\n");
  // Conflicting or unknown formats are usage errors.
  EXPECT_NE(RunCli({"--csv", "--json", "-c", query}).exit_status, 0);
  EXPECT_NE(RunCli({"--format", "html", "-c", query}).exit_status, 0);
}

TEST_F(CliBinaryTest, BackslashQEndsTheRunSuccessfully) {
  Outcome outcome = RunCli({"-c", "\\q", "-c", "SELECT nope"});
  EXPECT_EQ(outcome.exit_status, 0) << outcome.err;
  EXPECT_EQ(outcome.out, "");
}

TEST_F(CliBinaryTest, HelpListsTheCommands) {
  Outcome help = RunCli({"-c", "\\?"});
  EXPECT_EQ(help.exit_status, 0);
  EXPECT_NE(help.out.find("\\dt [DB]"), std::string::npos) << help.out;
}

TEST_F(CliBinaryTest, JsonlModeIsUnchanged) {
  Outcome outcome =
      RunCli({"--jsonl"}, "{\"sql\": \"SELECT 1 + 1 AS two\"}\n{\"sql\": \"SELECT nope\"}\n");
  EXPECT_EQ(outcome.exit_status, 0) << outcome.err;
  EXPECT_EQ(outcome.out,
            "{\"ok\": true, \"columns\": [\"two\"], \"types\": [\"INTEGER\"], \"rows\": [[2]]}\n"
            "{\"ok\": false, \"error\": \"column \\\"nope\\\" does not exist (at character 8)\", "
            "\"code\": \"42703\"}\n");
}

TEST_F(CliBinaryTest, AnUnopenableDataDirectoryExitsWithTwo) {
  {
    std::ofstream not_a_directory(dir_.Join("data"));
    not_a_directory << "x";
  }
  Outcome outcome = RunCli({"-c", "SELECT 1"});
  EXPECT_EQ(outcome.exit_status, 2);
  EXPECT_EQ(outcome.err.rfind("ERROR:  ", 0), 0u) << outcome.err;
}

TEST_F(CliBinaryTest, DashDStartsInThatDatabase) {
  ASSERT_EQ(RunCli({"-c", "CREATE DATABASE shop"}).exit_status, 0);
  Outcome started = RunCli({"-d", "shop", "--csv", "-c", "SELECT current_schema()"});
  EXPECT_EQ(started.exit_status, 0) << started.err;
  EXPECT_EQ(started.out, "current_schema\nshop\n");
  Outcome missing = RunCli({"-d", "nope", "-c", "SELECT 1"});
  EXPECT_EQ(missing.exit_status, 2);
  EXPECT_EQ(missing.err, "ERROR:  schema \"nope\" does not exist\nSQLSTATE: 3F000\n");
}

TEST_F(CliBinaryTest, EmbeddedAndServerFlagsExcludeEachOther) {
  Outcome outcome = RunCli({"--host", "127.0.0.1", "-c", "SELECT 1"});
  EXPECT_NE(outcome.exit_status, 0);
  EXPECT_NE(outcome.err.find("--embedded excludes --host"), std::string::npos) << outcome.err;
}

}  // namespace
}  // namespace boyodb::tools::cli
