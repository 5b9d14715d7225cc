// KeyTable: a hash table from fixed-size keys (a machine word, or packed words) to dense
// numbers, the storage under GroupKeyMap's fixed-width shapes. It grows one key at a time on
// one thread, or is built in one go on several threads: the keys are split by the top bits of
// their hash into partitions, each partition a table of its own filled by one thread, and a
// key's number is its partition's base plus its number within the partition.
// Thread safety: one thread while it grows; BuildPartitioned runs its own threads; Find may
// run on many threads at once.
#pragma once

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

#include "common/check.h"

namespace boyodb::exec {

template <typename Key, typename Hash, typename Equal>
class KeyTable {
 public:
  KeyTable() : parts_(1), base_(1, 0) {}

  /// The number of keys.
  int64_t size() const { return size_; }

  /// The key's number; a new key gets `number_if_new` (the caller's numbering may count
  /// other groups too, such as NULL's). `inserted` tells which.
  /// Requires: not built by BuildPartitioned.
  int64_t FindOrInsert(const Key& key, int64_t number_if_new, bool* inserted) {
    BOYO_DCHECK_EQ(bits_, 0);
    auto [entry, fresh] = parts_[0].try_emplace(key, number_if_new);
    *inserted = fresh;
    if (fresh) ++size_;
    return entry->second;
  }

  /// The key's number, -1 when the table does not have it.
  int64_t Find(const Key& key) const {
    const size_t part = PartOf(key);
    const auto found = parts_[part].find(key);
    return found == parts_[part].end() ? -1 : base_[part] + found->second;
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
    parts_.assign(num_parts, Map());
    base_.assign(num_parts, 0);
    // Each partition's rows in input order (a counting sort by partition).
    std::vector<uint8_t> part_of(static_cast<size_t>(num_keys));
    std::vector<int64_t> starts(num_parts + 1, 0);
    for (int64_t i = 0; i < num_keys; ++i) {
      if (skip != nullptr && skip[i] != 0) continue;
      part_of[static_cast<size_t>(i)] = static_cast<uint8_t>(PartOf(keys[i]));
      ++starts[part_of[static_cast<size_t>(i)] + 1];
    }
    for (size_t p = 0; p < num_parts; ++p) starts[p + 1] += starts[p];
    std::vector<int64_t> rows(static_cast<size_t>(starts[num_parts]));
    std::vector<int64_t> fill(starts.begin(), starts.end() - 1);
    for (int64_t i = 0; i < num_keys; ++i) {
      if (skip != nullptr && skip[i] != 0) {
        numbers[i] = -1;
        continue;
      }
      rows[static_cast<size_t>(fill[part_of[static_cast<size_t>(i)]]++)] = i;
    }
    // Thread t fills partitions t, t + T, ...; numbers are local until the bases are known.
    auto fill_parts = [&](size_t first, size_t step) {
      for (size_t p = first; p < num_parts; p += step) {
        Map& map = parts_[p];
        for (int64_t r = starts[p]; r < starts[p + 1]; ++r) {
          const int64_t i = rows[static_cast<size_t>(r)];
          numbers[i] = map.try_emplace(keys[i], static_cast<int64_t>(map.size())).first->second;
        }
      }
    };
    const auto num_threads =
        static_cast<size_t>(std::clamp(threads, 1, static_cast<int>(num_parts)));
    std::vector<std::thread> workers;
    for (size_t t = 1; t < num_threads; ++t) workers.emplace_back(fill_parts, t, num_threads);
    fill_parts(0, num_threads);
    for (std::thread& worker : workers) worker.join();
    for (size_t p = 0; p < num_parts; ++p) {
      base_[p] = size_;
      size_ += static_cast<int64_t>(parts_[p].size());
    }
    for (int64_t i = 0; i < num_keys; ++i) {
      if (numbers[i] >= 0) numbers[i] += base_[part_of[static_cast<size_t>(i)]];
    }
  }

 private:
  using Map = absl::flat_hash_map<Key, int64_t, Hash, Equal>;
  static constexpr int kPartitionBits = 6;

  size_t PartOf(const Key& key) const {
    return bits_ == 0 ? 0 : static_cast<size_t>(static_cast<uint64_t>(Hash{}(key)) >> (64 - bits_));
  }

  std::vector<Map> parts_;
  std::vector<int64_t> base_;  // per partition: the number of its first key
  int bits_ = 0;               // partitions: 2^bits_ (0: one table)
  int64_t size_ = 0;
};

}  // namespace boyodb::exec
