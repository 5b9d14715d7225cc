// BloomFilter: a split-block bloom filter (the algorithm of Parquet's bloom filter spec) over
// 64-bit hashes, kept per column in a segment's .idx file so a scan skips segments that cannot
// hold a looked-up value. Byte layout: docs/formats/bloom_filter.md.
// Thread safety: const methods may run concurrently; InsertHash needs exclusive access.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace boyodb::storage {

/// Answers "might this hash have been inserted?" with no false negatives and a false-positive
/// rate set at construction. Values are hashed by the caller with boyodb::hash (hash::Bytes for
/// variable-width values, hash::Mix64 for fixed-width ones); insert and probe must use the same.
class BloomFilter {
 public:
  /// One block: eight 32-bit words, each with one bit set per inserted hash.
  static constexpr size_t kBytesPerBlock = 32;
  static constexpr size_t kWordsPerBlock = 8;
  /// The largest filter ForDistinctValues builds and Parse accepts.
  static constexpr size_t kMaxBytes = size_t{16} << 20;
  /// Size of the serialized header that precedes the blocks.
  static constexpr size_t kHeaderSize = 8;
  /// The only serialized version so far (byte 0 of the header).
  static constexpr uint8_t kFormatVersion = 1;

  /// A filter sized for num_distinct values at false-positive probability fpp: the bit count
  /// Parquet's formula gives, rounded up to a power of two bytes, at least one block, at most
  /// kMaxBytes (beyond which the rate grows above fpp).
  /// Requires: 0 < fpp < 1.
  static BloomFilter ForDistinctValues(uint64_t num_distinct, double fpp = 0.01);

  /// Sets one bit in each word of the block the hash selects.
  void InsertHash(uint64_t hash) {
    uint32_t* const block = &words_[BlockIndex(hash) * kWordsPerBlock];
    const uint32_t key = static_cast<uint32_t>(hash);
    for (size_t i = 0; i < kWordsPerBlock; ++i) block[i] |= BitMask(key, i);
  }

  /// False only if hash was never inserted; true for inserted hashes and, with about the
  /// configured probability, for others.
  bool MightContainHash(uint64_t hash) const {
    const uint32_t* const block = &words_[BlockIndex(hash) * kWordsPerBlock];
    const uint32_t key = static_cast<uint32_t>(hash);
    // Folding all eight tests into one value keeps the loop branch-free, so it vectorizes.
    uint32_t missing = 0;
    for (size_t i = 0; i < kWordsPerBlock; ++i) missing |= BitMask(key, i) & ~block[i];
    return missing == 0;
  }

  /// Size of the bit array (a multiple of kBytesPerBlock), without the serialized header.
  size_t num_bytes() const { return words_.size() * sizeof(uint32_t); }
  size_t num_blocks() const { return words_.size() / kWordsPerBlock; }

  /// How many distinct hashes were inserted, estimated from the fraction of bits still zero:
  /// each insertion sets 8 of the m bits, so after n of them a bit is zero with probability
  /// about e^(-8n/m). Infinity when every bit is set. Reads the whole filter.
  double EstimateInsertedHashes() const;
  /// Bytes AppendTo adds: kHeaderSize + num_bytes().
  size_t SerializedSize() const { return kHeaderSize + num_bytes(); }

  /// Appends the serialized filter to *out: an 8-byte header (version, three zero bytes, the
  /// bit array's size as a little-endian uint32) and the blocks as little-endian 32-bit words.
  /// A reader that sees only the header knows the whole size.
  void AppendTo(std::string* out) const;

  /// Parses exactly the bytes AppendTo produced. Returns Corruption (XX001) if the input is
  /// shorter than the header, has an unknown version or non-zero reserved bytes, declares a bit
  /// array that is empty, larger than kMaxBytes or not a whole number of blocks, or is not
  /// exactly kHeaderSize + that size long. Callers add the file and offset as context.
  static Result<BloomFilter> Parse(std::string_view bytes);

 private:
  explicit BloomFilter(size_t num_blocks) : words_(num_blocks * kWordsPerBlock, 0) {}

  // Parquet's salts: odd constants that spread one 32-bit key over eight 5-bit bit positions.
  static constexpr uint32_t kSalts[kWordsPerBlock] = {0x47b6137bU, 0x44974d91U, 0x8824ad5bU,
                                                      0xa2b7289dU, 0x705495c7U, 0x2df1424bU,
                                                      0x9efc4947U, 0x5c6bfb31U};

  // The high 32 bits pick a block by multiply-shift (a fair mapping onto any block count without
  // a division); the low 32 bits pick the bits inside it, so the two choices are independent.
  size_t BlockIndex(uint64_t hash) const {
    return static_cast<size_t>(((hash >> 32) * static_cast<uint64_t>(num_blocks())) >> 32);
  }
  static uint32_t BitMask(uint32_t key, size_t word_index) {
    return uint32_t{1} << ((key * kSalts[word_index]) >> 27);
  }

  std::vector<uint32_t> words_;  // num_blocks() * kWordsPerBlock words, never empty
};

}  // namespace boyodb::storage
