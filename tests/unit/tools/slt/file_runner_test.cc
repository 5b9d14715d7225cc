// RunFile end to end: a .test file run against a small /bin/sh engine written by the test,
// counting passing, failing and skipped records, a timeout, a crash with a restart on the same
// directory, giving up after five restarts, and an engine that cannot start.
#include "tools/slt/file_runner.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/temp_dir.h"

namespace boyodb::tools::slt {
namespace {

// Each start appends a line to $1/starts; `starts` answers how many there were.
constexpr const char* kEngineScript = R"(#!/bin/sh
echo start >> "$1/starts"
while IFS= read -r line; do
  case "$line" in
    *'"sql":"starts"'*)
      n=$(grep -c . "$1/starts")
      echo "{\"ok\":true,\"columns\":[\"n\"],\"types\":[\"BIGINT\"],\"rows\":[[$n]]}";;
    *SLEEP*) sleep 300;;
    *CRASH*) exit 3;;
    *TOUCH*) p=${line#*TOUCH }; p=${p%%\"*}; : > "$p" && echo '{"ok":true,"columns":[],"types":[],"rows":[]}';;
    *EXISTS*) p=${line#*EXISTS }; p=${p%%\"*}
      if [ -f "$p" ]; then echo '{"ok":true,"columns":[],"types":[],"rows":[]}';
      else echo '{"ok":false,"error":"missing","code":"58P01"}'; fi;;
    *BAD*) echo '{"ok":false,"error":"bad","code":"42000"}';;
    *NAN*) echo '{"ok":true,"columns":["x","y"],"rows":[[NaN,-Infinity]]}';;
    *ROWS*) printf '%s\n' '{"ok":true,"columns":["a","b"],"rows":[[2,"x"],[1,"\u00e9"],[10,""]]}';;
    *) echo '{"ok":true,"columns":[],"types":[],"rows":[]}';;
  esac
done
)";

class SltFileRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_.Join("engine.sh")) << kEngineScript;
    options_.engine.command = "/bin/sh " + dir_.Join("engine.sh") + " {dir}";
    options_.engine.timeout_seconds = 10;
    options_.engine_names = {"boyodb", "postgresql"};
    options_.max_failures_kept = 100;
  }

  FileResult RunScriptText(const std::string& script) {
    const std::string path = dir_.Join("script.test");
    std::ofstream(path) << script;
    return RunFile(path, options_);
  }

  testing::TempDir dir_;
  FileRunOptions options_;
};

void ExpectCounts(const FileResult& file, std::int64_t passed, std::int64_t failed,
                  std::int64_t skipped) {
  EXPECT_EQ(file.result.num_passed, passed);
  EXPECT_EQ(file.result.num_failed, failed);
  EXPECT_EQ(file.result.num_skipped, skipped);
}

TEST_F(SltFileRunnerTest, TestDirIsOneWritableDirectoryPerFile) {
  // The second record finds the file the first one wrote in the same __TEST_DIR__.
  const FileResult file = RunScriptText(
      "statement ok\nTOUCH __TEST_DIR__/made\n\n"
      "statement ok\nEXISTS __TEST_DIR__/made\n\n"
      "statement error\nEXISTS __TEST_DIR__/never_made\n");
  ExpectCounts(file, 3, 0, 0);
}

TEST_F(SltFileRunnerTest, PassingFailingAndSkippedRecords) {
  const FileResult file = RunScriptText(
      "# a comment\n"
      "statement ok\nCREATE TABLE t1(a INTEGER)\n\n"
      "statement error\nBAD\n\n"
      "statement ok\nBAD\n\n"
      "query IT rowsort\nROWS\n----\n1\n@@\n10\n(empty)\n2\nx\n\n"
      "query IT nosort\nROWS\n----\n1\n@@\n10\n(empty)\n2\nx\n\n"
      "query RT\nNAN\n----\nNaN\n-Inf\n\n"
      "skipif postgresql\nstatement ok\nX\n\n"
      "query I\nstarts\n----\n1\n");
  EXPECT_EQ(file.path, dir_.Join("script.test"));
  ExpectCounts(file, 5, 2, 1);
  ASSERT_EQ(file.result.failures.size(), 2u);
  EXPECT_EQ(file.result.failures[0].line_no, 8);
  EXPECT_EQ(file.result.failures[0].why, "failed: bad");
  EXPECT_EQ(file.result.failures[1].why, "wrong result");
}

TEST_F(SltFileRunnerTest, EveryFileGetsANewDirectory) {
  ExpectCounts(RunScriptText("query I\nstarts\n----\n1\n"), 1, 0, 0);
  ExpectCounts(RunScriptText("query I\nstarts\n----\n1\n"), 1, 0, 0);
}

TEST_F(SltFileRunnerTest, TimeoutFailsTheRecordAndTheEngineGoesOnInTheSameDirectory) {
  options_.engine.timeout_seconds = 1;
  const FileResult file = RunScriptText("statement ok\nSLEEP\n\nquery I\nstarts\n----\n2\n");
  ExpectCounts(file, 1, 1, 0);
  ASSERT_EQ(file.result.failures.size(), 1u);
  EXPECT_EQ(file.result.failures[0].why, "timeout after 1s (engine restarted)");
}

TEST_F(SltFileRunnerTest, CrashFailsTheRecordAndTheEngineRestarts) {
  const FileResult file =
      RunScriptText("statement error\nCRASH\n\nquery I\nstarts\n----\n2\n\nstatement ok\nX\n");
  ExpectCounts(file, 2, 1, 0);
  ASSERT_EQ(file.result.failures.size(), 1u);
  EXPECT_EQ(file.result.failures[0].why,
            "the engine process has exited (exit status 3) (engine restarted)");
}

TEST_F(SltFileRunnerTest, GivesUpOnTheFileAfterFiveRestarts) {
  std::string script = "statement ok\nX\n\n";
  for (int i = 0; i < 7; ++i) script += "statement ok\nCRASH\n\n";
  script += "statement ok\nX\n";
  const FileResult file = RunScriptText(script);
  // Five losses restart the engine; the sixth gives up on the rest of the file.
  ExpectCounts(file, 1, 6, 0);
  ASSERT_FALSE(file.result.notes.empty());
  EXPECT_EQ(file.result.notes.back(),
            "aborted: the engine process has exited (exit status 3); gave up after 5 restarts");
}

TEST_F(SltFileRunnerTest, EngineThatCannotStartCountsOneFailure) {
  options_.engine.command.clear();
  const FileResult file = RunScriptText("statement ok\nX\n\nstatement ok\nY\n");
  ExpectCounts(file, 0, 1, 0);
  ASSERT_EQ(file.result.notes.size(), 1u);
  EXPECT_EQ(file.result.notes[0], "not run: engine command is empty");
}

TEST_F(SltFileRunnerTest, UnreadableFileCountsOneFailure) {
  const FileResult file = RunFile(dir_.Join("missing.test"), options_);
  ExpectCounts(file, 0, 1, 0);
  ASSERT_EQ(file.result.notes.size(), 1u);
  EXPECT_NE(file.result.notes[0].find("not run: could not open file"), std::string::npos);
}

}  // namespace
}  // namespace boyodb::tools::slt
