#include "exec/pipeline/worker_pool.h"

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace boyodb::exec {

namespace {

using Clock = std::chrono::steady_clock;

// How long a thread that ran out of work polls for more before it sleeps (SetIdleSpin).
std::atomic<int64_t> idle_spin_us{kDefaultIdleSpin.count()};
// How long idle workers poll now, at most idle_spin_us: halved whenever the next request
// came later than that (polling was wasted: queries arrive seconds apart, or the machine
// runs other programs between them), grown again when one came soon after the worker
// gave up.
std::atomic<int64_t> worker_spin_us{kDefaultIdleSpin.count()};

void AdaptWorkerSpin(bool came_while_polling, Clock::duration idle) {
  if (came_while_polling) return;
  const int64_t most = idle_spin_us.load(std::memory_order_relaxed);
  const int64_t idle_us = std::chrono::duration_cast<std::chrono::microseconds>(idle).count();
  const int64_t now = worker_spin_us.load(std::memory_order_relaxed);
  const int64_t next =
      idle_us <= most ? std::min(most, std::max(2 * now, idle_us + idle_us / 2)) : now / 2;
  worker_spin_us.store(next, std::memory_order_relaxed);
}

// Polls `ready` for at most `spin` microseconds, yielding the processor between polls to any other
// thread that can run; true once ready() is. Sleeping instead would let an idle processor
// halt, and on virtual machines a halted processor took milliseconds to run the thread woken
// on it (about 3.7 ms here, after 5 ms or more of idleness; 10 us when it had not halted).
template <typename Ready>
bool SpinUntil(const Ready& ready, int64_t spin) {
  if (spin <= 0) return ready();
  // A yield returns within microseconds unless another thread ran meanwhile. Once other
  // threads have had a millisecond of this processor, it has work of its own and will not
  // halt, and polling on would take time from that work: then this thread sleeps.
  constexpr std::chrono::microseconds kQuickYield{20};
  constexpr std::chrono::microseconds kOthersWork{1000};
  Clock::time_point last = Clock::now();
  const Clock::time_point until = last + std::chrono::microseconds(spin);
  Clock::duration others{0};
  while (!ready()) {
    sched_yield();
    const Clock::time_point now = Clock::now();
    if (now - last > kQuickYield) others += now - last;
    if (others > kOthersWork || now >= until) return ready();
    last = now;
  }
  return true;
}

// What one RunInParallel call shares with the helpers it asked for.
struct Job {
  const std::function<void(size_t)>* task = nullptr;
  const void* owner = nullptr;  // the statement whose work this is (StatementScope)
  size_t tasks = 0;
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::condition_variable idle;
  int active = 0;                  // helpers taking tasks; guarded by mutex
  std::atomic<int> active_now{0};  // `active`, for polling without the mutex
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
    job.active_now.store(++job.active, std::memory_order_relaxed);
  }
  const void* previous = current_owner;
  current_owner = job.owner;
  TakeTasks(job);
  current_owner = previous;
  std::lock_guard<std::mutex> lock(job.mutex);
  job.active_now.store(--job.active, std::memory_order_relaxed);
  if (job.active == 0) job.idle.notify_all();
}

cpu_set_t AllowedProcessors() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) != 0) CPU_ZERO(&set);
  return set;
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
        pending_.store(requests_.size(), std::memory_order_relaxed);
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
      std::thread worker([this] { Work(); });
      worker_handles_.push_back(worker.native_handle());
      worker.detach();
      ++workers_;
      kept_off_ = -1;  // the new worker may run anywhere yet
    }
    KeepWorkersOffCallersProcessor();
    for (int h = 0; h < helpers; ++h) requests_.push_back(job);
    pending_.store(requests_.size(), std::memory_order_relaxed);
    if (helpers == 1) {
      wake_.notify_one();
    } else {
      wake_.notify_all();
    }
    if (waiting_ > 0) waiters_.notify_all();
  }

 private:
  // When the caller and its helpers need every processor the process may use, a helper that
  // shares the caller's processor (the scheduler put them together while the helper polled
  // and another program ran on the other one) waits for the caller's time slice to end before
  // it takes a task: on two processors, hits Q1's second driver started 2 ms or more late
  // (the whole query's length) in one query of ten. The workers are kept off the caller's
  // processor then, which moves one that is on it. A process with processors to spare
  // leaves placement to the scheduler. Requires mutex_ held.
  void KeepWorkersOffCallersProcessor() {
    if (allowed_count_ <= 1 || workers_ + 1 < allowed_count_) return;
    const int here = sched_getcpu();
    if (here < 0 || here >= CPU_SETSIZE || here == kept_off_ || !CPU_ISSET(here, &allowed_)) {
      return;
    }
    cpu_set_t others = allowed_;
    CPU_CLR(here, &others);
    for (const pthread_t handle : worker_handles_) {
      pthread_setaffinity_np(handle, sizeof(others), &others);
    }
    kept_off_ = here;
  }

  void Work() {
    pthread_setname_np(pthread_self(), "boyodb-worker");
    while (true) {
      // A query's next pipeline, or the next query, usually asks for helpers soon.
      const Clock::time_point idle_since = Clock::now();
      const bool came_while_polling =
          SpinUntil([this] { return pending_.load(std::memory_order_relaxed) > 0; },
                    worker_spin_us.load(std::memory_order_relaxed));
      std::shared_ptr<Job> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [this] { return !requests_.empty(); });
        job = std::move(requests_.front());
        requests_.pop_front();
        pending_.store(requests_.size(), std::memory_order_relaxed);
      }
      AdaptWorkerSpin(came_while_polling, Clock::now() - idle_since);
      Help(*job);
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;               // workers wait here for requests
  std::condition_variable waiters_;            // HelpUntil callers: for requests or their condition
  int waiting_ = 0;                            // HelpUntil callers waiting
  std::deque<std::shared_ptr<Job>> requests_;  // one per helper asked for
  std::atomic<size_t> pending_{0};             // requests_.size(), for polling without mutex_
  int workers_ = 0;
  std::vector<pthread_t> worker_handles_;
  cpu_set_t allowed_ = AllowedProcessors();  // the processors this process may run on
  int allowed_count_ = CPU_COUNT(&allowed_);
  int kept_off_ = -1;  // the processor the workers are kept off, or -1
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
  {
    std::lock_guard<std::mutex> lock(job->mutex);
    job->closed = true;  // from here on, helpers only leave
  }
  // The helpers are finishing their last tasks. (Their results are seen through the mutex.)
  SpinUntil([&] { return job->active_now.load(std::memory_order_relaxed) == 0; },
            idle_spin_us.load(std::memory_order_relaxed));
  std::unique_lock<std::mutex> lock(job->mutex);
  job->idle.wait(lock, [&] { return job->active == 0; });
}

void SetIdleSpin(std::chrono::microseconds spin) {
  idle_spin_us.store(std::max<int64_t>(spin.count(), 0), std::memory_order_relaxed);
  worker_spin_us.store(std::max<int64_t>(spin.count(), 0), std::memory_order_relaxed);
}

StatementScope::StatementScope(const void* statement) : previous_(current_owner) {
  if (current_owner == nullptr) current_owner = statement;
}

StatementScope::~StatementScope() { current_owner = previous_; }

void HelpUntil(const std::function<bool()>& done) { WorkerPool::Get().HelpUntil(done); }

void WakeWaiters() { WorkerPool::Get().WakeWaiters(); }

}  // namespace boyodb::exec
