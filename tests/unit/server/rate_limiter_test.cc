#include "server/rate_limiter.h"

#include <gtest/gtest.h>

namespace boyodb::server {
namespace {

using std::chrono::milliseconds;

TEST(RateLimiterTest, ABurstPassesThenTheRateHolds) {
  RateLimiter limiter(/*rate_per_second=*/10, /*burst=*/3);
  const auto start = RateLimiter::Clock::now();
  EXPECT_TRUE(limiter.Allow("10.0.0.1", start));
  EXPECT_TRUE(limiter.Allow("10.0.0.1", start));
  EXPECT_TRUE(limiter.Allow("10.0.0.1", start));
  EXPECT_FALSE(limiter.Allow("10.0.0.1", start));
  // One token comes back every 100 ms.
  EXPECT_FALSE(limiter.Allow("10.0.0.1", start + milliseconds(50)));
  EXPECT_TRUE(limiter.Allow("10.0.0.1", start + milliseconds(160)));
  EXPECT_FALSE(limiter.Allow("10.0.0.1", start + milliseconds(170)));
}

TEST(RateLimiterTest, KeysHaveBucketsOfTheirOwn) {
  RateLimiter limiter(1, 1);
  const auto now = RateLimiter::Clock::now();
  EXPECT_TRUE(limiter.Allow("alice", now));
  EXPECT_FALSE(limiter.Allow("alice", now));
  EXPECT_TRUE(limiter.Allow("bob", now));
}

TEST(RateLimiterTest, AZeroRateTurnsItOff) {
  RateLimiter limiter(0, 1);
  const auto now = RateLimiter::Clock::now();
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(limiter.Allow("anyone", now));
  EXPECT_FALSE(limiter.enabled());
}

TEST(RateLimiterTest, AFloodOfDistinctKeysDoesNotKeepEveryBucket) {
  RateLimiter limiter(1000, 1);
  auto now = RateLimiter::Clock::now();
  for (int i = 0; i < 5000; ++i) EXPECT_TRUE(limiter.Allow("key" + std::to_string(i), now));
  // Much later every bucket is full again: the sweep drops them, and fresh keys still pass.
  now += std::chrono::seconds(60);
  EXPECT_TRUE(limiter.Allow("key0", now));
  EXPECT_TRUE(limiter.Allow("another", now));
}

}  // namespace
}  // namespace boyodb::server
