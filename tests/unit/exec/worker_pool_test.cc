#include "exec/pipeline/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace boyodb::exec {
namespace {

// Runs `tasks` tasks on `threads` threads and checks that each ran exactly once.
void ExpectEachTaskOnce(int threads, size_t tasks) {
  std::vector<std::atomic<int>> runs(tasks);
  RunInParallel(threads, tasks, [&](size_t t) { runs[t].fetch_add(1); });
  for (size_t t = 0; t < tasks; ++t) EXPECT_EQ(runs[t].load(), 1) << "task " << t;
}

// With the idle spin set to `spin`, for the test's duration.
class WorkerPoolTest : public ::testing::TestWithParam<std::chrono::microseconds> {
 protected:
  void SetUp() override { SetIdleSpin(GetParam()); }
  void TearDown() override { SetIdleSpin(kDefaultIdleSpin); }
};

TEST_P(WorkerPoolTest, RunsEachTaskOnceOnAnyThreadCount) {
  for (const int threads : {1, 2, 3, 8}) {
    for (const size_t tasks : {size_t{0}, size_t{1}, size_t{2}, size_t{7}, size_t{1000}}) {
      ExpectEachTaskOnce(threads, tasks);
    }
  }
}

// The workers that ran out of work poll for a while, then sleep: requests that come after a
// pause longer than the spin find them asleep and must wake them, those before find them
// polling. Both must be served.
TEST_P(WorkerPoolTest, ServesRequestsAfterPausesShorterAndLongerThanTheSpin) {
  for (const auto pause : {std::chrono::milliseconds(0), std::chrono::milliseconds(2),
                           std::chrono::milliseconds(40)}) {
    std::this_thread::sleep_for(pause);
    ExpectEachTaskOnce(4, 64);
  }
}

// A task that asks for helpers of its own (a subquery run by a driver) neither deadlocks nor
// loses tasks, while the outer call's caller waits (polling, then sleeping) for its helpers.
TEST_P(WorkerPoolTest, NestedCallsComplete) {
  std::atomic<int> inner_runs{0};
  RunInParallel(3, 6,
                [&](size_t) { RunInParallel(2, 10, [&](size_t) { inner_runs.fetch_add(1); }); });
  EXPECT_EQ(inner_runs.load(), 60);
}

// A helper still busy when the caller runs out of tasks is waited for: no task's effect may
// be missing when RunInParallel returns.
TEST_P(WorkerPoolTest, ReturnsOnlyAfterSlowHelpersFinish) {
  std::atomic<int> finished{0};
  RunInParallel(2, 2, [&](size_t t) {
    if (t == 1) std::this_thread::sleep_for(std::chrono::milliseconds(30));
    finished.fetch_add(1);
  });
  EXPECT_EQ(finished.load(), 2);
}

INSTANTIATE_TEST_SUITE_P(Spins, WorkerPoolTest,
                         ::testing::Values(std::chrono::microseconds(0),
                                           std::chrono::microseconds(5'000), kDefaultIdleSpin),
                         [](const ::testing::TestParamInfo<std::chrono::microseconds>& info) {
                           return "spin" + std::to_string(info.param.count()) + "us";
                         });

}  // namespace
}  // namespace boyodb::exec
