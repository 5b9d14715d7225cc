// DistinctSketch: a HyperLogLog sketch (Flajolet et al., with the small-range correction) of
// the distinct 64-bit hashes a column holds, kept per column in a segment's .idx file. Sketches
// of several segments merge into the sketch of their union, so the optimizer can estimate a
// table's distinct values without reading rows. Hashes are the bloom filter hashes
// (bloom_hash.h). Byte layout: docs/formats/segment.md.
// Thread safety: const methods may run concurrently; Add and Merge need exclusive access.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace boyodb::storage {

class DistinctSketch {
 public:
  /// 2^12 registers: about 1.6% standard error.
  static constexpr int kIndexBits = 12;
  static constexpr size_t kRegisters = size_t{1} << kIndexBits;

  void Add(uint64_t hash) {
    const size_t index = hash >> (64 - kIndexBits);
    // The guard bit bounds the rank when the remaining bits are all zero.
    const uint64_t rest = hash << kIndexBits | uint64_t{1} << (kIndexBits - 1);
    const auto rank = static_cast<uint8_t>(__builtin_clzll(rest) + 1);
    if (rank > registers_[index]) registers_[index] = rank;
  }
  /// Makes this the sketch of both sketches' hashes.
  void Merge(const DistinctSketch& other);
  /// The estimated number of distinct hashes added.
  double Estimate() const;

  /// Appends the serialized sketch: a form byte, then 1 (sparse) a uint16 count and per
  /// non-zero register its uint16 index and its rank byte, or 2 (dense) every register's byte;
  /// whichever is shorter.
  void AppendTo(std::string* out) const;
  /// Parses exactly the bytes AppendTo produced. Corruption (XX001) for an unknown form, a
  /// length that does not match it, a register index out of order or range, or a rank above
  /// the largest possible; callers add the file and offset.
  static Result<DistinctSketch> Parse(std::string_view bytes);

 private:
  std::array<uint8_t, kRegisters> registers_{};
};

}  // namespace boyodb::storage
