// The boyodb-cli program itself: -c and -f on a temporary data directory, answers on stdout,
// psql-style errors on stderr, exit status 1 on error, data kept between runs.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace boyodb::tools::cli {
namespace {

struct Outcome {
  int exit_status = -1;
  std::string out;
  std::string err;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

class CliBinaryTest : public ::testing::Test {
 protected:
  Outcome RunCli(const std::vector<std::string>& args) {
    const char* binary_dir = std::getenv("BOYO_BINARY_DIR");
    std::string command =
        Quote(std::string(binary_dir != nullptr ? binary_dir : BOYO_CLI_BINARY_DIR) +
              "/boyodb-cli") +
        " --history '' --embedded " + Quote(dir_.Join("data"));
    for (const std::string& arg : args) command += " " + Quote(arg);
    command += " </dev/null >" + Quote(dir_.Join("out")) + " 2>" + Quote(dir_.Join("err"));
    Outcome outcome;
    const int status = std::system(command.c_str());
    outcome.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    outcome.out = ReadFile(dir_.Join("out"));
    outcome.err = ReadFile(dir_.Join("err"));
    return outcome;
  }

  testing::TempDir dir_;
};

TEST_F(CliBinaryTest, CommandsRunWithDashCAndDataSurvivesBetweenRuns) {
  Outcome created = RunCli({"-c", "create database shop", "-c",
                            "create table shop.t (id BIGINT NOT NULL, name TEXT)", "-c",
                            "insert into shop.t values (1, 'one'), (2, 'two')"});
  EXPECT_EQ(created.exit_status, 0) << created.err;
  EXPECT_EQ(created.out, "CREATE DATABASE\nCREATE TABLE\nINSERT 0 2\n");
  EXPECT_EQ(created.err, "");

  Outcome selected = RunCli({"-c", "select * from shop.t where id > 1"});
  EXPECT_EQ(selected.exit_status, 0) << selected.err;
  EXPECT_EQ(selected.out, " id | name\n----+------\n  2 | two\n(1 row)\n\n");

  Outcome described = RunCli({"-c", "\\d shop.t"});
  EXPECT_EQ(described.exit_status, 0) << described.err;
  EXPECT_NE(described.out.find(" id     | BIGINT | not null"), std::string::npos) << described.out;
  EXPECT_NE(described.out.find("Rows: 2"), std::string::npos) << described.out;
}

TEST_F(CliBinaryTest, AnErrorPrintsErrorAndSqlStateOnStderrAndExitsWithOne) {
  Outcome failed = RunCli({"-c", "select * from nowhere.t"});
  EXPECT_EQ(failed.exit_status, 1);
  EXPECT_EQ(failed.out, "");
  EXPECT_EQ(failed.err.rfind("ERROR:  ", 0), 0u) << failed.err;
  EXPECT_NE(failed.err.find("SQLSTATE: 3D000"), std::string::npos) << failed.err;
}

TEST_F(CliBinaryTest, DashFRunsAFileAndStopsAtTheFirstErrorNamingTheLine) {
  {
    std::ofstream script(dir_.Join("script.sql"));
    script << "create database d;\n"
              "create table d.t (a INTEGER,\n"
              "                  b TEXT);\n"
              "insert into d.t values (1, 'x');\n"
              "\\timing off\n"
              "insert into d.t values ('oops', 'y');\n"
              "insert into d.t values (3, 'z');\n";
  }
  Outcome outcome = RunCli({"-f", dir_.Join("script.sql")});
  EXPECT_EQ(outcome.exit_status, 1);
  EXPECT_EQ(outcome.out, "CREATE DATABASE\nCREATE TABLE\nINSERT 0 1\nTiming is off.\n");
  EXPECT_NE(outcome.err.find("script.sql:6: ERROR:  invalid input syntax for type integer"),
            std::string::npos)
      << outcome.err;
  EXPECT_NE(outcome.err.find("SQLSTATE: 22P02"), std::string::npos) << outcome.err;

  Outcome counted = RunCli({"-c", "select count(*) from d.t"});
  EXPECT_EQ(counted.out, " count\n-------\n     1\n(1 row)\n\n");
}

TEST_F(CliBinaryTest, HelpListsTheCommands) {
  Outcome help = RunCli({"-c", "\\?"});
  EXPECT_EQ(help.exit_status, 0);
  EXPECT_NE(help.out.find("\\dt [DB]"), std::string::npos) << help.out;
}

}  // namespace
}  // namespace boyodb::tools::cli
