#include "exec/pipeline/worker_pool.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace boyodb::exec {

namespace {

// What one RunInParallel call shares with the helpers it asked for.
struct Job {
  const std::function<void(size_t)>* task = nullptr;
  const void* owner = nullptr;  // the statement whose work this is (StatementScope)
  size_t tasks = 0;
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::condition_variable idle;
  int active = 0;       // helpers taking tasks; guarded by mutex
  bool closed = false;  // the caller took the last task: late helpers leave; guarded by mutex
};

void TakeTasks(Job& job) {
  for (size_t t = job.next.fetch_add(1); t < job.tasks; t = job.next.fetch_add(1)) {
    (*job.task)(t);
  }
}

// The statement whose work this thread runs (StatementScope, or a job's while helping).
thread_local const void* current_owner = nullptr;

void Help(Job& job) {
  {
    std::lock_guard<std::mutex> lock(job.mutex);
    if (job.closed) return;
    ++job.active;
  }
  const void* previous = current_owner;
  current_owner = job.owner;
  TakeTasks(job);
  current_owner = previous;
  std::lock_guard<std::mutex> lock(job.mutex);
  if (--job.active == 0) job.idle.notify_all();
}

// Threads that wait for help requests; as many as the most helpers one call asked for (at
// most kMaxWorkers). Never destroyed: its threads may still wait when the process exits.
class WorkerPool {
 public:
  static constexpr int kMaxWorkers = 256;

  static WorkerPool& Get() {
    static auto* pool = new WorkerPool();
    return *pool;
  }

  // Helps only with requests of the caller's own statement: another statement's driver
  // would hold this thread until that statement's pipeline ends.
  void HelpUntil(const std::function<bool()>& done) {
    const void* owner = current_owner;
    auto own_request = [&] {
      if (owner == nullptr) return requests_.end();
      return std::find_if(requests_.begin(), requests_.end(),
                          [&](const std::shared_ptr<Job>& job) { return job->owner == owner; });
    };
    while (true) {
      std::shared_ptr<Job> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ++waiting_;
        waiters_.wait(lock, [&] { return done() || own_request() != requests_.end(); });
        --waiting_;
        if (done()) return;
        const auto found = own_request();
        job = std::move(*found);
        requests_.erase(found);
      }
      Help(*job);
    }
  }

  void WakeWaiters() {
    std::lock_guard<std::mutex> lock(mutex_);
    waiters_.notify_all();
  }

  void Request(const std::shared_ptr<Job>& job, int helpers) {
    std::lock_guard<std::mutex> lock(mutex_);
    const int wanted = std::min(helpers, kMaxWorkers);
    while (workers_ < wanted) {
      std::thread([this] { Work(); }).detach();
      ++workers_;
    }
    for (int h = 0; h < helpers; ++h) requests_.push_back(job);
    if (helpers == 1) {
      wake_.notify_one();
    } else {
      wake_.notify_all();
    }
    if (waiting_ > 0) waiters_.notify_all();
  }

 private:
  void Work() {
    pthread_setname_np(pthread_self(), "boyodb-worker");
    while (true) {
      std::shared_ptr<Job> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [this] { return !requests_.empty(); });
        job = std::move(requests_.front());
        requests_.pop_front();
      }
      Help(*job);
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;               // workers wait here for requests
  std::condition_variable waiters_;            // HelpUntil callers: for requests or their condition
  int waiting_ = 0;                            // HelpUntil callers waiting
  std::deque<std::shared_ptr<Job>> requests_;  // one per helper asked for
  int workers_ = 0;
};

}  // namespace

void RunInParallel(int threads, size_t tasks, const std::function<void(size_t)>& task) {
  const int helpers =
      static_cast<int>(std::min<size_t>(static_cast<size_t>(std::max(threads, 1)), tasks)) - 1;
  if (helpers <= 0) {
    for (size_t t = 0; t < tasks; ++t) task(t);
    return;
  }
  auto job = std::make_shared<Job>();
  job->task = &task;
  job->owner = current_owner;
  job->tasks = tasks;
  WorkerPool::Get().Request(job, helpers);
  TakeTasks(*job);
  std::unique_lock<std::mutex> lock(job->mutex);
  job->closed = true;
  job->idle.wait(lock, [&] { return job->active == 0; });
}

StatementScope::StatementScope(const void* statement) : previous_(current_owner) {
  if (current_owner == nullptr) current_owner = statement;
}

StatementScope::~StatementScope() { current_owner = previous_; }

void HelpUntil(const std::function<bool()>& done) { WorkerPool::Get().HelpUntil(done); }

void WakeWaiters() { WorkerPool::Get().WakeWaiters(); }

}  // namespace boyodb::exec
