#include "server/request_runner.h"

#include <algorithm>

namespace boyodb::server {

RequestRunner::RequestRunner(size_t max_threads) : max_threads_(std::max<size_t>(max_threads, 1)) {}

RequestRunner::~RequestRunner() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

void RequestRunner::Post(std::function<void()> task) {
  std::lock_guard lock(mutex_);
  queue_.push_back(std::move(task));
  if (idle_ >= queue_.size() || threads_.size() >= max_threads_) {
    wake_.notify_one();
    return;
  }
  threads_.emplace_back([this] { Loop(); });
}

size_t RequestRunner::num_threads() const {
  std::lock_guard lock(mutex_);
  return threads_.size();
}

void RequestRunner::Loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    ++idle_;
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    --idle_;
    if (queue_.empty()) return;  // stopping, and nothing left to run
    std::function<void()> task = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    task();
    lock.lock();
  }
}

}  // namespace boyodb::server
