// RateLimiter: token buckets keyed by a string (a client address or a user name), for the
// server's limits on new connections, login attempts and requests. Each key's bucket holds up
// to `burst` tokens and refills at `rate_per_second`; an event takes one token or is refused.
// Buckets of keys not seen for a while are dropped, so the map stays small under a flood of
// distinct addresses.
// Thread safety: thread-safe (one mutex; each call is a few map operations).
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace boyodb::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  /// `rate_per_second` <= 0 turns the limiter off (Allow always succeeds). `burst` >= 1.
  RateLimiter(double rate_per_second, double burst);

  /// Takes a token from `key`'s bucket; false (and nothing taken) when it is empty.
  bool Allow(std::string_view key) { return Allow(key, Clock::now()); }
  /// The same at a given time, for tests.
  bool Allow(std::string_view key, Clock::time_point now);

  bool enabled() const { return rate_per_second_ > 0; }

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  // Drops buckets that have refilled completely (they hold no state worth keeping).
  void DropFullBuckets(Clock::time_point now);

  const double rate_per_second_;
  const double burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  Clock::time_point last_sweep_;
};

}  // namespace boyodb::server
