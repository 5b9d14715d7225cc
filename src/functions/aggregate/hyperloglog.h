// A HyperLogLog sketch of distinct 64-bit hashes (Flajolet et al., with the linear-counting
// correction for small cardinalities). It counts exactly while it has seen at most
// kExactLimit distinct hashes, and switches to 2^14 one-byte registers (standard error about
// 0.8%) beyond that, so small groups cost little memory and get exact answers.
// Thread safety: one thread at a time per sketch.
#pragma once

#include <absl/container/flat_hash_set.h>

#include <cstdint>
#include <vector>

namespace boyodb::functions {

class HyperLogLog {
 public:
  static constexpr int kPrecision = 14;
  static constexpr size_t kExactLimit = 1024;

  void Add(uint64_t hash);
  /// Folds `other` into this sketch.
  void Merge(const HyperLogLog& other);
  /// The estimated number of distinct hashes added.
  int64_t Estimate() const;

 private:
  void AddToRegisters(uint64_t hash);
  void SwitchToRegisters();

  absl::flat_hash_set<uint64_t> exact_;
  std::vector<uint8_t> registers_;  // empty while counting exactly
};

}  // namespace boyodb::functions
