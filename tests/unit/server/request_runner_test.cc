#include "server/request_runner.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>

namespace boyodb::server {
namespace {

namespace asio = boost::asio;

TEST(RequestRunnerTest, RunResumesTheCoroutineOnItsOwnThreadWithTheResult) {
  asio::io_context io(1);
  RequestRunner runner(4);
  std::thread::id io_thread;
  std::thread::id work_thread;
  std::thread::id resumed_thread;
  int result = 0;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        io_thread = std::this_thread::get_id();
        result = co_await runner.Run<int>([&] {
          work_thread = std::this_thread::get_id();
          return 6 * 7;
        });
        resumed_thread = std::this_thread::get_id();
      },
      asio::detached);
  io.run();
  EXPECT_EQ(result, 42);
  EXPECT_NE(work_thread, io_thread);
  EXPECT_EQ(resumed_thread, io_thread);
}

TEST(RequestRunnerTest, ABlockedTaskDoesNotHoldUpTheNextOne) {
  RequestRunner runner(8);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> second_ran;
  runner.Post([released] { released.wait(); });
  runner.Post([&second_ran] { second_ran.set_value(); });
  // The second task runs while the first still blocks: a thread was added for it.
  EXPECT_EQ(second_ran.get_future().wait_for(std::chrono::seconds(30)), std::future_status::ready);
  EXPECT_EQ(runner.num_threads(), 2u);
  release.set_value();
}

TEST(RequestRunnerTest, NeverStartsMoreThreadsThanItsLimit) {
  std::atomic<int> done = 0;
  {
    RequestRunner runner(2);
    for (int i = 0; i < 50; ++i) runner.Post([&done] { ++done; });
    EXPECT_LE(runner.num_threads(), 2u);
  }  // the destructor runs what is queued
  EXPECT_EQ(done, 50);
}

}  // namespace
}  // namespace boyodb::server
