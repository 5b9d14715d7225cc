// FirstMorselGate: a scan under a top-N with a cut-off (top_n_bound.h) hands out its first
// morsel alone. The top-N publishes its cut-off only once rows have passed through it, so
// drivers that start together would each read and filter a whole batch before any batch could
// be skipped; when the first batch settles the cut-off (data sorted by the first sort key, as
// hits Q24's EventTime), the others then skip nearly everything. The other drivers wait until
// the first morsel's driver comes back for another (it is done with it) or gets none, and at
// most kMaxWait, so that a driver stopped by an error elsewhere cannot hold them; meanwhile
// they may take what the cut-off could not have skipped anyway (the other pieces of a first
// batch split into pieces), so that no driver idles while the first piece runs.
// Thread safety: every method may run on many threads at once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace boyodb::storage {

class FirstMorselGate {
 public:
  static constexpr std::chrono::milliseconds kMaxWait{100};

  /// Called as a driver asks for a morsel. True when this call takes the first morsel (its
  /// caller must Release if it ends without one); a later call from the same thread opens the
  /// gate. Other threads get false at once and call Pass before each morsel they claim.
  bool Enter() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (state_ == State::kOpen) return false;
    const std::thread::id me = std::this_thread::get_id();
    if (state_ == State::kIdle) {
      state_ = State::kFirstOut;
      holder_ = me;
      return true;
    }
    if (holder_ == me) {
      state_ = State::kOpen;
      opened_.notify_all();
    }
    return false;
  }

  /// Returns when a driver that is not the first morsel's may claim its next morsel: at once
  /// when the gate is open or `may_go_ahead()` (its next morsel needs no cut-off), otherwise
  /// once either holds (Notify, Release, the holder's return) or kMaxWait has passed.
  /// `may_go_ahead` runs under the gate's lock, so it must not wait for a lock held by a caller of
  /// Notify.
  template <typename MayGoAhead>
  void Pass(MayGoAhead&& may_go_ahead) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (state_ == State::kOpen) return;
    opened_.wait_for(lock, kMaxWait, [&] { return state_ == State::kOpen || may_go_ahead(); });
  }

  /// Wakes the waiting drivers to ask their may_go_ahead again (morsels they may take have
  /// appeared).
  void Notify() {
    std::lock_guard<std::mutex> lock(mutex_);
    opened_.notify_all();
  }

  /// Opens the gate: the first morsel's call ended without a morsel (end of input or error).
  void Release() {
    std::lock_guard<std::mutex> lock(mutex_);
    state_ = State::kOpen;
    opened_.notify_all();
  }

 private:
  enum class State { kIdle, kFirstOut, kOpen };
  std::mutex mutex_;
  std::condition_variable opened_;
  State state_ = State::kIdle;
  std::thread::id holder_;
};

}  // namespace boyodb::storage
