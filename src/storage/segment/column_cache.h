// ColumnCache: the segment cache of ARCHITECTURE.md section 3, which keeps decoded columns of
// segment batches in memory so that a warm scan does not read, check and decompress the same
// bytes again (ClickHouse's uncompressed cache plays the same part). Segments are immutable, so
// an entry never goes stale; it leaves when the cache needs room (least recently used first) or
// when its segment reader closes.
// Thread safety: thread-safe; the cache is split into shards with a mutex each, so scans on many
// threads rarely wait for one another.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <list>
#include <mutex>
#include <unordered_map>

#include "columnar/array.h"

namespace boyodb::storage {

/// One decoded column of one batch of one open segment.
struct ColumnCacheKey {
  uint64_t reader = 0;  // SegmentReader::cache_token(): unique for the life of the process
  uint32_t batch = 0;
  uint32_t column = 0;
  bool operator==(const ColumnCacheKey&) const = default;
};

struct ColumnCacheStats {
  int64_t hits = 0;
  int64_t misses = 0;
  int64_t entries = 0;
  int64_t bytes = 0;
  int64_t evictions = 0;
};

class ColumnCache {
 public:
  /// Holds at most `capacity_bytes` of decoded columns (Array::ByteSize); 0 keeps nothing.
  explicit ColumnCache(int64_t capacity_bytes);
  ColumnCache(const ColumnCache&) = delete;
  ColumnCache& operator=(const ColumnCache&) = delete;

  int64_t capacity_bytes() const { return capacity_bytes_; }

  /// The cached column, or null (counted as a miss).
  columnar::ArrayPtr Lookup(const ColumnCacheKey& key);
  /// Adds or replaces the entry, evicting the least recently used entries of its shard until
  /// it fits. A column larger than a shard's share of the capacity is not kept.
  void Insert(const ColumnCacheKey& key, columnar::ArrayPtr column);
  /// Drops every entry of `reader` for batches [0, num_batches) and columns [0, num_columns).
  void EraseReader(uint64_t reader, int num_batches, int num_columns);

  ColumnCacheStats stats() const;

  /// A new token for a segment reader; never 0 and never repeated.
  static uint64_t NewReaderToken();

 private:
  struct KeyHash {
    size_t operator()(const ColumnCacheKey& key) const;
  };
  struct Entry {
    ColumnCacheKey key;
    columnar::ArrayPtr column;
    int64_t bytes = 0;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::list<Entry> entries;  // most recently used first
    std::unordered_map<ColumnCacheKey, std::list<Entry>::iterator, KeyHash> index;
    int64_t bytes = 0;
  };
  static constexpr size_t kShards = 16;

  Shard& ShardOf(const ColumnCacheKey& key);
  // Requires shard.mutex held.
  void EraseLocked(Shard& shard, std::list<Entry>::iterator entry);

  const int64_t capacity_bytes_;
  const int64_t shard_capacity_bytes_;
  std::array<Shard, kShards> shards_;
  std::atomic<int64_t> hits_{0};
  std::atomic<int64_t> misses_{0};
  std::atomic<int64_t> evictions_{0};
};

}  // namespace boyodb::storage
