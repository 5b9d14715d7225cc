// EngineProcess against a real child: a small /bin/sh engine written by the test answers fixed
// JSON lines, sleeps, crashes or misbehaves on request. Covers answers, the data directory and
// SLT_DIR, timeouts that kill the whole process group, restarts on the same directory, protocol
// errors, giving up after the restart limit, and closing.
#include "tools/slt/engine_process.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "tests/support/temp_dir.h"

namespace boyodb::tools::slt {
namespace {

// Each start appends a line to $1/starts, so `starts` tells how often the engine started on
// this directory. SLEEP leaves a background process whose pid it writes to $1/bg.pid.
constexpr const char* kEngineScript = R"(#!/bin/sh
echo start >> "$1/starts"
while IFS= read -r line; do
  case "$line" in
    *'"sql":"starts"'*)
      n=$(grep -c . "$1/starts")
      echo "{\"ok\":true,\"columns\":[\"n\"],\"types\":[\"BIGINT\"],\"rows\":[[$n]]}";;
    *'"sql":"dir"'*) echo "{\"ok\":true,\"columns\":[\"d\"],\"rows\":[[\"$SLT_DIR\"]]}";;
    *SLEEP*) sleep 300 & echo $! > "$1/bg.pid"; sleep 300;;
    *CRASH*) exit 3;;
    *GARBAGE*) echo 'this is not json';;
    *TWOLINES*) printf '%s\n%s\n' '{"ok":true}' '{"ok":true}';;
    *BLANKFIRST*) printf '\n  \n%s\n' '{"ok":false,"error":"after blank lines"}';;
    *) echo '{"ok":true,"columns":[],"types":[],"rows":[]}';;
  esac
done
)";

class SltEngineProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_.Join("engine.sh")) << kEngineScript;
    options_.command = "/bin/sh " + dir_.Join("engine.sh") + " {dir}";
    options_.timeout_seconds = 10;
  }

  std::unique_ptr<EngineProcess> Start() {
    auto engine = EngineProcess::Start(options_, dir_.path());
    EXPECT_TRUE(engine.ok()) << engine.error().ToString();
    return engine.ok() ? std::move(engine).value() : nullptr;
  }

  // The number in the engine's answer to `starts`.
  static std::int64_t Starts(EngineProcess& engine) {
    const RunOutcome outcome = engine.Run("starts");
    EXPECT_EQ(outcome.kind, RunOutcome::Kind::kAnswered) << outcome.problem;
    if (outcome.answer.rows.size() != 1) return -1;
    return std::get<std::int64_t>(outcome.answer.rows[0][0]);
  }

  testing::TempDir dir_;
  EngineOptions options_;
};

// True while pid is a live process (not a zombie) on this machine.
bool IsAlive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  const std::string content((std::istreambuf_iterator<char>(stat)),
                            std::istreambuf_iterator<char>());
  if (content.empty()) return false;
  const size_t paren = content.rfind(')');
  return paren == std::string::npos || content.substr(paren + 2, 1) != "Z";
}

TEST_F(SltEngineProcessTest, AnswersEachRequest) {
  std::unique_ptr<EngineProcess> engine = Start();
  ASSERT_NE(engine, nullptr);
  const RunOutcome ok = engine->Run("CREATE TABLE t1(a INTEGER)");
  EXPECT_EQ(ok.kind, RunOutcome::Kind::kAnswered);
  EXPECT_TRUE(ok.answer.ok);
  const RunOutcome blank_lines_first = engine->Run("BLANKFIRST");
  EXPECT_EQ(blank_lines_first.kind, RunOutcome::Kind::kAnswered);
  EXPECT_FALSE(blank_lines_first.answer.ok);
  EXPECT_EQ(blank_lines_first.answer.error, "after blank lines");
  EXPECT_EQ(Starts(*engine), 1);
  EXPECT_EQ(engine->num_restarts(), 0);
}

TEST_F(SltEngineProcessTest, DirectoryReplacesPlaceholderAndIsInTheEnvironment) {
  std::unique_ptr<EngineProcess> engine = Start();
  ASSERT_NE(engine, nullptr);
  const RunOutcome outcome = engine->Run("dir");
  ASSERT_EQ(outcome.kind, RunOutcome::Kind::kAnswered);
  ASSERT_EQ(outcome.answer.rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(outcome.answer.rows[0][0]), dir_.path());
  // `{dir}` went to the script as $1: its start was recorded there.
  EXPECT_TRUE(std::ifstream(dir_.Join("starts")).good());
}

TEST_F(SltEngineProcessTest, TimeoutKillsTheWholeProcessGroupAndRestarts) {
  options_.timeout_seconds = 1;
  std::unique_ptr<EngineProcess> engine = Start();
  ASSERT_NE(engine, nullptr);
  const pid_t first_pid = engine->pid();
  const RunOutcome outcome = engine->Run("SLEEP");
  EXPECT_EQ(outcome.kind, RunOutcome::Kind::kLost);
  EXPECT_EQ(outcome.problem, "timeout after 1s (engine restarted)");
  EXPECT_EQ(engine->num_restarts(), 1);
  EXPECT_NE(engine->pid(), first_pid);
  pid_t background = 0;
  std::ifstream(dir_.Join("bg.pid")) >> background;
  ASSERT_GT(background, 0);
  // SIGKILL went to the group; the orphan is reaped by init, which can take a moment.
  for (int i = 0; i < 500 && IsAlive(background); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_FALSE(IsAlive(background));
  EXPECT_EQ(Starts(*engine), 2);  // restarted on the same directory
}

TEST_F(SltEngineProcessTest, CrashIsLostAndRestartsOnTheSameDirectory) {
  std::unique_ptr<EngineProcess> engine = Start();
  ASSERT_NE(engine, nullptr);
  const RunOutcome outcome = engine->Run("CRASH");
  EXPECT_EQ(outcome.kind, RunOutcome::Kind::kLost);
  EXPECT_EQ(outcome.problem, "the engine process has exited (exit status 3) (engine restarted)");
  EXPECT_EQ(Starts(*engine), 2);
}

TEST_F(SltEngineProcessTest, ProtocolErrorsLoseTheEngine) {
  std::unique_ptr<EngineProcess> engine = Start();
  ASSERT_NE(engine, nullptr);
  const RunOutcome garbage = engine->Run("GARBAGE");
  EXPECT_EQ(garbage.kind, RunOutcome::Kind::kLost);
  EXPECT_EQ(garbage.problem, "not a JSON line: this is not json (engine restarted)");
  const RunOutcome two_lines = engine->Run("TWOLINES");
  EXPECT_EQ(two_lines.kind, RunOutcome::Kind::kLost);
  EXPECT_EQ(two_lines.problem, "more than one line in answer to one request (engine restarted)");
  EXPECT_EQ(Starts(*engine), 3);
}

TEST_F(SltEngineProcessTest, GivesUpAfterTheRestartLimit) {
  options_.max_restarts = 2;
  std::unique_ptr<EngineProcess> engine = Start();
  ASSERT_NE(engine, nullptr);
  EXPECT_EQ(engine->Run("CRASH").kind, RunOutcome::Kind::kLost);
  EXPECT_EQ(engine->Run("CRASH").kind, RunOutcome::Kind::kLost);
  const RunOutcome third = engine->Run("CRASH");
  EXPECT_EQ(third.kind, RunOutcome::Kind::kGaveUp);
  EXPECT_EQ(third.problem,
            "the engine process has exited (exit status 3); gave up after 2 restarts");
  EXPECT_EQ(engine->Run("x").kind, RunOutcome::Kind::kGaveUp);
  EXPECT_EQ(engine->pid(), -1);
}

TEST_F(SltEngineProcessTest, CloseEndsTheProcess) {
  std::unique_ptr<EngineProcess> engine = Start();
  ASSERT_NE(engine, nullptr);
  const pid_t pid = engine->pid();
  ASSERT_GT(pid, 0);
  engine->Close();
  EXPECT_EQ(engine->pid(), -1);
  EXPECT_FALSE(IsAlive(pid));
  engine->Close();  // idempotent
}

TEST_F(SltEngineProcessTest, OptionsAreValidated) {
  EngineOptions options;
  EXPECT_FALSE(options.Validate().ok());
  EXPECT_FALSE(EngineProcess::Start(options, dir_.path()).ok());
  options.command = "true";
  EXPECT_TRUE(options.Validate().ok());
  options.timeout_seconds = -1;
  EXPECT_FALSE(options.Validate().ok());
  options.timeout_seconds = 0;
  options.max_restarts = -1;
  EXPECT_FALSE(options.Validate().ok());
}

}  // namespace
}  // namespace boyodb::tools::slt
