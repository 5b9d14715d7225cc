// KeyTable: a hash table from fixed-size keys (a machine word, or packed words) to dense
// numbers, the storage under GroupKeyMap's fixed-width shapes. It grows one batch of keys at
// a time on one thread, or is built in one go on several threads: the keys are split by the
// top bits of their hash into partitions, each partition a table of its own filled by one
// thread, and a key's number is its partition's base plus its number within the partition.
// Each table is open addressing with linear probing; a slot's one-byte tag (empty, or seven
// bits of the hash) is checked before its key, and batches compute their hashes first and
// prefetch their slots, so the cache misses of a large table overlap instead of queueing.
// Thread safety: one thread while it grows; BuildPartitioned runs on the worker pool; Find may
// run on many threads at once.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "common/check.h"
#include "common/default_init_allocator.h"
#include "exec/pipeline/worker_pool.h"

namespace boyodb::exec {

template <typename Key, typename Hash, typename Equal>
class KeyTable {
 public:
  KeyTable() : parts_(1), base_(1, 0) {}

  /// The number of keys.
  int64_t size() const { return size_; }

  /// Makes room for `keys` keys in all, so that the table does not grow again before it
  /// has that many. Requires: not built by BuildPartitioned.
  void Reserve(int64_t keys) {
    BOYO_DCHECK_EQ(bits_, 0);
    parts_[0].Reserve(static_cast<size_t>(std::max<int64_t>(0, keys)));
  }

  /// The key's number; a new key gets `number_if_new` (the caller's numbering may count
  /// other groups too, such as NULL's). `inserted` tells which. Requires: not built by
  /// BuildPartitioned.
  int64_t FindOrInsert(const Key& key, int64_t number_if_new, bool* inserted) {
    BOYO_DCHECK_EQ(bits_, 0);
    const int64_t number = parts_[0].FindOrInsert(key, HashOf(key), number_if_new, inserted);
    if (*inserted) ++size_;
    return number;
  }

  /// For each i in [0, num_keys) with no skip[i] (skip may be null): numbers[i] = the key's
  /// number, numbering a new key with on_new(i), called in i order. Requires: not built by
  /// BuildPartitioned.
  template <typename OnNew>
  void FindOrInsertMany(const Key* keys, const uint8_t* skip, int64_t num_keys, int64_t* numbers,
                        OnNew&& on_new) {
    FindOrInsertMany(keys, skip, num_keys, numbers, std::forward<OnNew>(on_new), [](Key&) {});
  }

  /// As above; `adopt(key)` is then called on the table's own copy of each new key, so that
  /// a key that points at outside memory (a text) can be repointed at memory the caller keeps.
  template <typename OnNew, typename Adopt>
  void FindOrInsertMany(const Key* keys, const uint8_t* skip, int64_t num_keys, int64_t* numbers,
                        OnNew&& on_new, Adopt&& adopt) {
    BOYO_DCHECK_EQ(bits_, 0);
    Part& part = parts_[0];
    ForEachPrefetched(keys, skip, num_keys, [&](int64_t i, uint64_t hash) {
      bool inserted = false;
      const int64_t found = part.FindOrInsert(keys[i], hash, -1, &inserted);
      if (inserted) {
        numbers[i] = on_new(i);
        part.SetLastInserted(numbers[i]);
        adopt(part.LastInsertedKey());
        ++size_;
      } else {
        numbers[i] = found;
      }
    });
  }

  /// numbers[i] = the number of keys[i], -1 when the table does not have it; skipped keys
  /// (skip[i] != 0, skip may be null) are left alone.
  void FindMany(const Key* keys, const uint8_t* skip, int64_t num_keys, int64_t* numbers) const {
    ForEachPrefetched(keys, skip, num_keys, [&](int64_t i, uint64_t hash) {
      const size_t p = PartOf(hash);
      const int64_t found = parts_[p].Find(keys[i], hash);
      numbers[i] = found < 0 ? -1 : base_[p] + found;
    });
  }

  /// Fills an empty table with keys[0, num_keys), skipping those with skip[i] != 0 (skip may
  /// be null), on up to `threads` threads, and writes each key's number to numbers[i]
  /// (-1 where skipped). Numbers follow partition order and, within a partition, first
  /// occurrence: the same for any thread count.
  void BuildPartitioned(const Key* keys, const uint8_t* skip, int64_t num_keys, int threads,
                        int64_t* numbers) {
    BOYO_DCHECK_EQ(size_, 0);
    bits_ = kPartitionBits;
    const size_t num_parts = size_t{1} << bits_;
    parts_.assign(num_parts, Part());
    base_.assign(num_parts, 0);
    // Every pass runs on all threads, over ranges of the input or over partitions, and reads
    // and writes its arrays in order: the keys are copied into partition order, so that
    // filling a partition does not gather them from all over the input (a cache miss per key
    // and array: a build side of 1.5 million rows took 33 ms, on one thread but for the fill).
    const auto num_ranges =
        static_cast<size_t>(std::max<int64_t>(1, (num_keys + kKeysPerRange - 1) / kKeysPerRange));
    auto range_begin = [&](size_t r) { return static_cast<int64_t>(r) * kKeysPerRange; };
    auto range_end = [&](size_t r) { return std::min(num_keys, range_begin(r) + kKeysPerRange); };
    auto skipped = [&](int64_t i) { return skip != nullptr && skip[i] != 0; };
    // Per range, how many of its keys fall in each partition. Hashes are computed again in
    // each pass: cheaper than storing them and reading them back.
    std::vector<int64_t> counts(num_ranges * num_parts, 0);
    RunInParallel(threads, num_ranges, [&](size_t r) {
      int64_t* count = &counts[r * num_parts];
      for (int64_t i = range_begin(r); i < range_end(r); ++i) {
        if (!skipped(i)) ++count[PartOf(HashOf(keys[i]))];
      }
    });
    // Where each range's keys of each partition go: partition by partition, and within one
    // range by range, so a partition holds its keys in input order.
    std::vector<int64_t> starts(num_parts + 1, 0);
    std::vector<int64_t> offsets(num_ranges * num_parts);
    int64_t total = 0;
    for (size_t p = 0; p < num_parts; ++p) {
      starts[p] = total;
      for (size_t r = 0; r < num_ranges; ++r) {
        offsets[r * num_parts + p] = total;
        total += counts[r * num_parts + p];
      }
    }
    starts[num_parts] = total;
    // Left uninitialized (every position is written): zeroing them was a serial pass.
    const auto part_keys = std::make_unique_for_overwrite<Key[]>(static_cast<size_t>(total));
    RunInParallel(threads, num_ranges, [&](size_t r) {
      std::vector<int64_t> next(offsets.begin() + static_cast<std::ptrdiff_t>(r * num_parts),
                                offsets.begin() + static_cast<std::ptrdiff_t>((r + 1) * num_parts));
      for (int64_t i = range_begin(r); i < range_end(r); ++i) {
        if (!skipped(i)) part_keys[static_cast<size_t>(next[PartOf(HashOf(keys[i]))]++)] = keys[i];
      }
    });
    // Each partition is a task; its keys' numbers are local until the bases are known.
    const auto local_numbers =
        std::make_unique_for_overwrite<uint32_t[]>(static_cast<size_t>(total));
    RunInParallel(threads, num_parts, [&](size_t p) {
      Part& part = parts_[p];
      const auto begin = static_cast<size_t>(starts[p]);
      const auto end = static_cast<size_t>(starts[p + 1]);
      // Every key here falls in partition p, so the prefetches go to this part's slots.
      auto insert = [&](size_t first, size_t last) {
        ForEachPrefetched(part_keys.get() + first, nullptr, static_cast<int64_t>(last - first),
                          [&](int64_t k, uint64_t hash) {
                            bool inserted = false;
                            const auto local = static_cast<int64_t>(part.size());
                            local_numbers[first + static_cast<size_t>(k)] = static_cast<uint32_t>(
                                part.FindOrInsert(part_keys[first + static_cast<size_t>(k)], hash,
                                                  local, &inserted));
                          });
      };
      // The first keys tell how many of the rest are new: room for that many at once, where
      // growing by doubling inserted a join's unique keys twice more.
      const size_t sample = std::min(end - begin, kSampleKeys);
      part.Reserve(sample);
      insert(begin, begin + sample);
      if (sample > 0) part.Reserve((end - begin) * part.size() / sample);
      insert(begin + sample, end);
    });
    for (size_t p = 0; p < num_parts; ++p) {
      base_[p] = size_;
      size_ += static_cast<int64_t>(parts_[p].size());
    }
    // Back to input order, walking the ranges' positions again.
    RunInParallel(threads, num_ranges, [&](size_t r) {
      std::vector<int64_t> next(offsets.begin() + static_cast<std::ptrdiff_t>(r * num_parts),
                                offsets.begin() + static_cast<std::ptrdiff_t>((r + 1) * num_parts));
      for (int64_t i = range_begin(r); i < range_end(r); ++i) {
        if (skipped(i)) {
          numbers[i] = -1;
          continue;
        }
        const size_t p = PartOf(HashOf(keys[i]));
        numbers[i] = base_[p] + local_numbers[static_cast<size_t>(next[p]++)];
      }
    });
  }

 private:
  static constexpr int kPartitionBits = 6;
  // How many keys ahead a batch prefetches: enough to cover a memory access, few enough that
  // the prefetched lines are still in cache when their turn comes.
  static constexpr int64_t kPrefetchDistance = 16;
  // Keys per task in BuildPartitioned's passes over the input.
  static constexpr int64_t kKeysPerRange = 64 * 1024;
  // Keys of a partition inserted before its table is sized for the rest.
  static constexpr size_t kSampleKeys = 1024;

  static uint64_t HashOf(const Key& key) { return static_cast<uint64_t>(Hash{}(key)); }

  // One open-addressing table. Slot positions come from the hash's low bits, tags from bits
  // 32..38 and partitions from the top bits, so the three stay independent.
  class Part {
   public:
    size_t size() const { return size_; }

    void Reserve(size_t keys) {
      if (TooFull(keys)) Rehash(std::max<size_t>(16, std::bit_ceil(keys * 10 / 7 + 1)));
    }

    void Prefetch(uint64_t hash) const {
      if (tags_.empty()) return;
      const size_t slot = static_cast<size_t>(hash) & mask_;
      __builtin_prefetch(&tags_[slot]);
      __builtin_prefetch(&keys_[slot]);
    }

    int64_t Find(const Key& key, uint64_t hash) const {
      if (tags_.empty()) return -1;
      const uint8_t tag = TagOf(hash);
      for (size_t slot = static_cast<size_t>(hash) & mask_;; slot = (slot + 1) & mask_) {
        if (tags_[slot] == 0) return -1;
        if (tags_[slot] == tag && Equal{}(keys_[slot], key)) return values_[slot];
      }
    }

    int64_t FindOrInsert(const Key& key, uint64_t hash, int64_t value_if_new, bool* inserted) {
      if (TooFull(size_ + 1)) Rehash(std::max<size_t>(16, capacity() * 2));
      const uint8_t tag = TagOf(hash);
      for (size_t slot = static_cast<size_t>(hash) & mask_;; slot = (slot + 1) & mask_) {
        if (tags_[slot] == 0) {
          tags_[slot] = tag;
          keys_[slot] = key;
          values_[slot] = static_cast<uint32_t>(value_if_new);
          last_ = slot;
          ++size_;
          *inserted = true;
          return value_if_new;
        }
        if (tags_[slot] == tag && Equal{}(keys_[slot], key)) {
          *inserted = false;
          return values_[slot];
        }
      }
    }

    // The table's copy of the key the last FindOrInsert inserted.
    Key& LastInsertedKey() { return keys_[last_]; }

    // Sets the value of the key the last FindOrInsert inserted.
    void SetLastInserted(int64_t value) {
      BOYO_CHECK(value >= 0 && value <= INT64_C(0xFFFFFFFF));
      values_[last_] = static_cast<uint32_t>(value);
    }

   private:
    // At most 70% of the slots in use: tags keep the longer probe runs of linear probing at
    // that load cheap, and a table of millions of groups is a third smaller than at 50%.
    bool TooFull(size_t keys) const { return keys * 10 > capacity() * 7; }

    static uint8_t TagOf(uint64_t hash) {
      return static_cast<uint8_t>(0x80 | ((hash >> 32) & 0x7F));
    }
    size_t capacity() const { return tags_.size(); }

    void Rehash(size_t capacity) {
      // Only the tags start zeroed: a slot's key and value are written when its tag is and
      // read only where a tag is set. Zeroing them too wrote a table reserved for millions of
      // packed keys (hits Q18: 8 million slots of 40 bytes per driver) once more for nothing.
      std::vector<uint8_t> tags(capacity, 0);
      UninitializedVector<Key> keys(capacity);
      UninitializedVector<uint32_t> values(capacity);
      const size_t mask = capacity - 1;
      for (size_t old = 0; old < tags_.size(); ++old) {
        if (tags_[old] == 0) continue;
        size_t slot = static_cast<size_t>(HashOf(keys_[old])) & mask;
        while (tags[slot] != 0) slot = (slot + 1) & mask;
        tags[slot] = tags_[old];
        keys[slot] = keys_[old];
        values[slot] = values_[old];
      }
      tags_ = std::move(tags);
      keys_ = std::move(keys);
      values_ = std::move(values);
      mask_ = mask;
    }

    std::vector<uint8_t> tags_;             // 0: empty
    UninitializedVector<Key> keys_;         // meaningful where tags_ is set
    UninitializedVector<uint32_t> values_;  // numbers within this table: below 2^32
    size_t mask_ = 0;
    size_t size_ = 0;
    size_t last_ = 0;
  };

  size_t PartOf(uint64_t hash) const {
    return bits_ == 0 ? 0 : static_cast<size_t>(hash >> (64 - bits_));
  }

  // Calls visit(i, hash) for each unskipped key in order, its slot prefetched a few keys ahead.
  template <typename Visit>
  void ForEachPrefetched(const Key* keys, const uint8_t* skip, int64_t num_keys,
                         Visit&& visit) const {
    constexpr int64_t kBlock = 256;
    uint64_t hashes[kBlock];
    for (int64_t begin = 0; begin < num_keys; begin += kBlock) {
      const int64_t end = std::min(num_keys, begin + kBlock);
      for (int64_t i = begin; i < end; ++i) hashes[i - begin] = HashOf(keys[i]);
      for (int64_t i = begin; i < end; ++i) {
        if (i + kPrefetchDistance < end) {
          const uint64_t ahead = hashes[i + kPrefetchDistance - begin];
          parts_[PartOf(ahead)].Prefetch(ahead);
        }
        if (skip != nullptr && skip[i] != 0) continue;
        visit(i, hashes[i - begin]);
      }
    }
  }

  std::vector<Part> parts_;
  std::vector<int64_t> base_;  // per partition: the number of its first key
  int bits_ = 0;               // partitions: 2^bits_ (0: one table)
  int64_t size_ = 0;
};

}  // namespace boyodb::exec
