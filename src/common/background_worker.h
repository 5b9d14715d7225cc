// BackgroundWorker<T>: one long-lived thread that runs the tasks handed to it, one at a time,
// each giving a future T. Pipelines that overlap one stage with the next (COPY converting a
// block while the next is parsed, writing a segment while the next is gathered) use it
// instead of std::async, which starts a thread per task: the allocator gives each new thread
// an arena and a cache of its own, so the hundreds of MB one task freed did not serve the
// next, which faulted fresh pages in (a load of hits' 10 segments took 2.5 GB of new pages
// for 1.2 GB of data, most of its time in the kernel zeroing them).
// Thread safety: Run is called by one thread (the pipeline's owner), after the previous
// task's future was waited for.
#pragma once

#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <utility>

namespace boyodb {

template <typename T>
class BackgroundWorker {
 public:
  BackgroundWorker() = default;
  BackgroundWorker(const BackgroundWorker&) = delete;
  BackgroundWorker& operator=(const BackgroundWorker&) = delete;

  /// Waits for a running task, then stops the thread.
  ~BackgroundWorker() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
  }

  /// Runs `work` on the thread, which starts with the first task.
  template <typename Work>
  std::future<T> Run(Work work) {
    std::packaged_task<T()> task(std::move(work));
    std::future<T> result = task.get_future();
    {
      std::lock_guard lock(mutex_);
      task_ = std::move(task);
      if (!thread_.joinable()) thread_ = std::thread([this] { Loop(); });
    }
    wake_.notify_one();
    return result;
  }

 private:
  void Loop() {
    std::unique_lock lock(mutex_);
    while (true) {
      wake_.wait(lock, [this] { return stopping_ || task_.valid(); });
      if (!task_.valid()) return;  // stopping, nothing left to run
      std::packaged_task<T()> task = std::move(task_);
      lock.unlock();
      task();
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::packaged_task<T()> task_;  // guarded by mutex_
  bool stopping_ = false;         // guarded by mutex_
  std::thread thread_;
};

}  // namespace boyodb
