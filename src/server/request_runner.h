// RequestRunner: runs clients' requests, which block (a statement reads segments, waits for a
// row lock, fsyncs the WAL), off the I/O threads. An idle thread takes the next request and a
// new thread starts when none is idle, up to a limit, so a request waiting for a lock never
// holds back the request (another connection's COMMIT, say) that would release it.
// Thread safety: Post and Run may be called from any thread.
#pragma once

#include <utility>  // before Boost.Asio: its awaitable.hpp needs it with g++ 12

#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace boyodb::server {

class RequestRunner {
 public:
  /// At most `max_threads` threads (at least 1) run requests at once; more wait in order.
  explicit RequestRunner(size_t max_threads);
  /// Runs what was posted, then joins the threads.
  ~RequestRunner();
  RequestRunner(const RequestRunner&) = delete;
  RequestRunner& operator=(const RequestRunner&) = delete;

  void Post(std::function<void()> task);

  /// Runs `work` on a runner thread; the calling coroutine resumes on its own executor with
  /// the result.
  template <typename T, typename Work>
  boost::asio::awaitable<T> Run(Work work) {
    auto executor = co_await boost::asio::this_coro::executor;
    co_return co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(T)>(
        [this, executor](auto handler, Work work) {
          // std::function needs a copyable task; the handler is move-only, so it is shared.
          auto shared_handler = std::make_shared<decltype(handler)>(std::move(handler));
          auto shared_work = std::make_shared<Work>(std::move(work));
          Post([executor, shared_handler, shared_work] {
            auto result = std::make_shared<T>((*shared_work)());
            boost::asio::post(executor, [shared_handler, result] {
              std::move (*shared_handler)(std::move(*result));
            });
          });
        },
        boost::asio::use_awaitable, std::move(work));
  }

  /// Threads started so far (tests).
  size_t num_threads() const;

 private:
  void Loop();

  const size_t max_threads_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace boyodb::server
