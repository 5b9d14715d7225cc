#include "storage/segment/column_cache.h"

namespace boyodb::storage {

size_t ColumnCache::KeyHash::operator()(const ColumnCacheKey& key) const {
  // splitmix64 finalizer over the three fields: cheap and spreads consecutive batches.
  uint64_t x = key.reader * 0x9E3779B97F4A7C15ull ^ (uint64_t{key.batch} << 20) ^ key.column;
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 31;
  return static_cast<size_t>(x);
}

ColumnCache::ColumnCache(int64_t capacity_bytes)
    : capacity_bytes_(capacity_bytes < 0 ? 0 : capacity_bytes),
      shard_capacity_bytes_(capacity_bytes_ / static_cast<int64_t>(kShards)) {}

uint64_t ColumnCache::NewReaderToken() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

ColumnCache::Shard& ColumnCache::ShardOf(const ColumnCacheKey& key) {
  // The batch picks the shard, so the columns of one scan spread over all shards.
  return shards_[(KeyHash()(key) >> 7) % kShards];
}

columnar::ArrayPtr ColumnCache::Lookup(const ColumnCacheKey& key) {
  Shard& shard = ShardOf(key);
  std::lock_guard<std::mutex> lock(shard.mutex);
  const auto found = shard.index.find(key);
  if (found == shard.index.end()) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  shard.entries.splice(shard.entries.begin(), shard.entries, found->second);
  hits_.fetch_add(1, std::memory_order_relaxed);
  return found->second->column;
}

void ColumnCache::EraseLocked(Shard& shard, std::list<Entry>::iterator entry) {
  shard.bytes -= entry->bytes;
  shard.index.erase(entry->key);
  shard.entries.erase(entry);
}

void ColumnCache::Insert(const ColumnCacheKey& key, columnar::ArrayPtr column) {
  const int64_t bytes = column->ByteSize();
  if (bytes > shard_capacity_bytes_) return;
  Shard& shard = ShardOf(key);
  std::lock_guard<std::mutex> lock(shard.mutex);
  if (const auto found = shard.index.find(key); found != shard.index.end()) {
    EraseLocked(shard, found->second);
  }
  while (shard.bytes + bytes > shard_capacity_bytes_ && !shard.entries.empty()) {
    EraseLocked(shard, std::prev(shard.entries.end()));
    evictions_.fetch_add(1, std::memory_order_relaxed);
  }
  shard.entries.push_front(Entry{key, std::move(column), bytes});
  shard.index.emplace(key, shard.entries.begin());
  shard.bytes += bytes;
}

void ColumnCache::EraseReader(uint64_t reader, int num_batches, int num_columns) {
  for (int batch = 0; batch < num_batches; ++batch) {
    for (int column = 0; column < num_columns; ++column) {
      const ColumnCacheKey key{reader, static_cast<uint32_t>(batch), static_cast<uint32_t>(column)};
      Shard& shard = ShardOf(key);
      std::lock_guard<std::mutex> lock(shard.mutex);
      if (const auto found = shard.index.find(key); found != shard.index.end()) {
        EraseLocked(shard, found->second);
      }
    }
  }
}

ColumnCacheStats ColumnCache::stats() const {
  ColumnCacheStats stats;
  stats.hits = hits_.load(std::memory_order_relaxed);
  stats.misses = misses_.load(std::memory_order_relaxed);
  stats.evictions = evictions_.load(std::memory_order_relaxed);
  for (const Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mutex);
    stats.entries += static_cast<int64_t>(shard.entries.size());
    stats.bytes += shard.bytes;
  }
  return stats;
}

}  // namespace boyodb::storage
