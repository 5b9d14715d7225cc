// The executor's worker threads: one pool for the process, whose threads outlive queries.
// Starting threads for every pipeline cost short queries more than their work, and each new
// thread began with an empty allocator cache, so that its first allocations all took the
// allocator's lock.
// Thread safety: RunInParallel may be called from any thread, including a pool worker (a
// subquery run by a driver); the caller takes part in its own tasks and never waits for a
// helper that has not started, so nested and concurrent calls cannot deadlock.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>

namespace boyodb::exec {

/// Runs task(0) ... task(tasks - 1), each once, on the calling thread and up to threads - 1
/// pool workers, each participant taking the next task not yet taken; returns when all are
/// done. Helpers that are busy elsewhere leave their share to the others.
void RunInParallel(int threads, size_t tasks, const std::function<void(size_t)>& task);

/// How long a pool worker out of work, or a RunInParallel caller waiting for its helpers'
/// last tasks, keeps polling (yielding the processor to any other runnable thread) before it
/// sleeps; 0: sleep at once. Polling keeps an idle processor from halting, which on virtual
/// machines delays the next wake-up by milliseconds; it costs an otherwise idle core for that
/// long after each parallel step.
inline constexpr std::chrono::microseconds kDefaultIdleSpin{20'000};
void SetIdleSpin(std::chrono::microseconds spin);

/// Marks the calling thread's work, and the work it asks the pool for, as `statement`'s for
/// its lifetime (unless the thread already works for a statement: a subquery keeps its
/// statement's mark).
class StatementScope {
 public:
  explicit StatementScope(const void* statement);
  ~StatementScope();
  StatementScope(const StatementScope&) = delete;
  StatementScope& operator=(const StatementScope&) = delete;

 private:
  const void* previous_;
};

/// Returns once done() is true, meanwhile running the pool's requests for helpers of the
/// calling thread's statement (StatementScope) on this thread: a driver waiting for rows
/// another driver computes (an uncorrelated subquery's) lends its thread to that work
/// instead of idling. done() is checked on entry, after each request it helps with, and
/// whenever WakeWaiters is called.
void HelpUntil(const std::function<bool()>& done);

/// Makes threads in HelpUntil check their condition again.
void WakeWaiters();

}  // namespace boyodb::exec
