#include "server/rate_limiter.h"

#include <algorithm>

namespace boyodb::server {
namespace {

// How often full buckets are swept out, and past how many buckets a sweep is worth doing.
constexpr std::chrono::seconds kSweepInterval{10};
constexpr size_t kSweepThreshold = 1024;

}  // namespace

RateLimiter::RateLimiter(double rate_per_second, double burst)
    : rate_per_second_(rate_per_second), burst_(std::max(burst, 1.0)) {}

bool RateLimiter::Allow(std::string_view key, Clock::time_point now) {
  if (!enabled()) return true;
  std::lock_guard<std::mutex> lock(mutex_);
  if (buckets_.size() > kSweepThreshold && now - last_sweep_ > kSweepInterval) {
    DropFullBuckets(now);
  }
  auto [it, inserted] = buckets_.try_emplace(std::string(key));
  Bucket& bucket = it->second;
  if (inserted) {
    bucket.tokens = burst_;
  } else {
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(burst_, bucket.tokens + std::max(elapsed, 0.0) * rate_per_second_);
  }
  bucket.updated = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

void RateLimiter::DropFullBuckets(Clock::time_point now) {
  last_sweep_ = now;
  std::erase_if(buckets_, [&](const auto& entry) {
    const double elapsed = std::chrono::duration<double>(now - entry.second.updated).count();
    return entry.second.tokens + elapsed * rate_per_second_ >= burst_;
  });
}

}  // namespace boyodb::server
