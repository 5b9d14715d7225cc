#include "storage/segment/column_cache.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "columnar/builder.h"

namespace boyodb::storage {
namespace {

// A BIGINT column of `n` values: n * 8 bytes.
columnar::ArrayPtr Column(int64_t n) {
  columnar::FixedWidthBuilder<int64_t> builder(types::DataType::Int64());
  for (int64_t i = 0; i < n; ++i) builder.Append(i);
  return builder.Finish();
}

ColumnCacheKey Key(uint64_t reader, uint32_t batch, uint32_t column) {
  return ColumnCacheKey{reader, batch, column};
}

TEST(ColumnCacheTest, ReturnsWhatWasInsertedAndCountsHitsAndMisses) {
  ColumnCache cache(1 << 20);
  EXPECT_EQ(cache.Lookup(Key(1, 0, 0)), nullptr);
  const columnar::ArrayPtr column = Column(100);
  cache.Insert(Key(1, 0, 0), column);
  EXPECT_EQ(cache.Lookup(Key(1, 0, 0)), column);
  EXPECT_EQ(cache.Lookup(Key(1, 0, 1)), nullptr);
  EXPECT_EQ(cache.Lookup(Key(2, 0, 0)), nullptr);
  const ColumnCacheStats stats = cache.stats();
  EXPECT_EQ(stats.hits, 1);
  EXPECT_EQ(stats.misses, 3);
  EXPECT_EQ(stats.entries, 1);
  EXPECT_EQ(stats.bytes, column->ByteSize());
}

TEST(ColumnCacheTest, StaysWithinItsCapacityByEvictingTheLeastRecentlyUsed) {
  // 16 shards of 8 KiB each; every column is 800 bytes.
  ColumnCache cache(16 * 8192);
  const uint64_t reader = 7;
  for (uint32_t batch = 0; batch < 2000; ++batch) {
    cache.Insert(Key(reader, batch, 0), Column(100));
    // The first batch is used all the time, so it is never the least recently used.
    ASSERT_NE(cache.Lookup(Key(reader, 0, 0)), nullptr) << batch;
  }
  const ColumnCacheStats stats = cache.stats();
  EXPECT_LE(stats.bytes, cache.capacity_bytes());
  EXPECT_GT(stats.evictions, 0);
  EXPECT_LT(stats.entries, 2000);
  // Recent entries are still there, the oldest untouched ones are gone.
  EXPECT_NE(cache.Lookup(Key(reader, 1999, 0)), nullptr);
  EXPECT_EQ(cache.Lookup(Key(reader, 1, 0)), nullptr);
}

TEST(ColumnCacheTest, ZeroCapacityKeepsNothingAndHugeColumnsAreNotKept) {
  ColumnCache off(0);
  off.Insert(Key(1, 0, 0), Column(10));
  EXPECT_EQ(off.Lookup(Key(1, 0, 0)), nullptr);
  ColumnCache small(16 * 1024);  // 1 KiB per shard
  small.Insert(Key(1, 0, 0), Column(1000));
  EXPECT_EQ(small.Lookup(Key(1, 0, 0)), nullptr);
  EXPECT_EQ(small.stats().bytes, 0);
}

TEST(ColumnCacheTest, InsertReplacesAndEraseReaderDropsOnlyThatReader) {
  ColumnCache cache(1 << 20);
  cache.Insert(Key(1, 0, 0), Column(10));
  const columnar::ArrayPtr replacement = Column(20);
  cache.Insert(Key(1, 0, 0), replacement);
  EXPECT_EQ(cache.Lookup(Key(1, 0, 0)), replacement);
  EXPECT_EQ(cache.stats().entries, 1);
  for (uint32_t batch = 0; batch < 3; ++batch) {
    for (uint32_t column = 0; column < 4; ++column) {
      cache.Insert(Key(1, batch, column), Column(10));
      cache.Insert(Key(2, batch, column), Column(10));
    }
  }
  cache.EraseReader(1, 3, 4);
  const ColumnCacheStats stats = cache.stats();
  EXPECT_EQ(stats.entries, 12);
  EXPECT_EQ(stats.bytes, 12 * Column(10)->ByteSize());
  EXPECT_EQ(cache.Lookup(Key(1, 2, 3)), nullptr);
  EXPECT_NE(cache.Lookup(Key(2, 2, 3)), nullptr);
}

TEST(ColumnCacheTest, TokensAreUniqueAndNeverZero) {
  const uint64_t a = ColumnCache::NewReaderToken();
  const uint64_t b = ColumnCache::NewReaderToken();
  EXPECT_NE(a, 0u);
  EXPECT_NE(a, b);
}

TEST(ColumnCacheTest, ManyThreadsInsertAndLookUpAtOnce) {
  ColumnCache cache(64 * 1024);
  std::vector<std::thread> threads;
  for (uint64_t t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (uint32_t i = 0; i < 2000; ++i) {
        const ColumnCacheKey key = Key(t + 1, i % 64, i % 3);
        if (const columnar::ArrayPtr found = cache.Lookup(key)) {
          EXPECT_EQ(found->length(), 10 + static_cast<int64_t>(key.column));
        } else {
          cache.Insert(key, Column(10 + key.column));
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_LE(cache.stats().bytes, cache.capacity_bytes());
}

}  // namespace
}  // namespace boyodb::storage
