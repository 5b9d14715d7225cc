#include "storage/index/bloom_filter.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include "common/check.h"

namespace boyodb::storage {
namespace {

void AppendUint32(uint32_t value, std::string* out) {
  const char bytes[4] = {static_cast<char>(value), static_cast<char>(value >> 8),
                         static_cast<char>(value >> 16), static_cast<char>(value >> 24)};
  out->append(bytes, sizeof(bytes));
}

uint32_t LoadUint32(const char* bytes) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes);
  return static_cast<uint32_t>(b[0]) | static_cast<uint32_t>(b[1]) << 8 |
         static_cast<uint32_t>(b[2]) << 16 | static_cast<uint32_t>(b[3]) << 24;
}

}  // namespace

BloomFilter BloomFilter::ForDistinctValues(uint64_t num_distinct, double fpp) {
  BOYO_DCHECK(fpp > 0.0 && fpp < 1.0);
  // With k = 8 bits set per value in independent 32-bit words, the false-positive rate of m bits
  // holding n values is about (1 - e^(-8n/m))^8; solving for m gives Parquet's formula.
  const double num_bits =
      -8.0 * static_cast<double>(num_distinct) / std::log(1.0 - std::pow(fpp, 1.0 / 8.0));
  const double wanted_bytes = num_bits / 8.0;
  size_t num_bytes = kBytesPerBlock;
  // The comparison is false for NaN (fpp out of range), which leaves the smallest filter.
  while (num_bytes < kMaxBytes && static_cast<double>(num_bytes) < wanted_bytes) num_bytes <<= 1;
  return BloomFilter(num_bytes / kBytesPerBlock);
}

double BloomFilter::EstimateInsertedHashes() const {
  uint64_t set_bits = 0;
  for (const uint32_t word : words_) set_bits += static_cast<uint64_t>(std::popcount(word));
  const double bits = static_cast<double>(words_.size()) * 32.0;
  const double zero_fraction = (bits - static_cast<double>(set_bits)) / bits;
  if (zero_fraction <= 0.0) return std::numeric_limits<double>::infinity();
  return -bits / static_cast<double>(kWordsPerBlock) * std::log(zero_fraction);
}

void BloomFilter::AppendTo(std::string* out) const {
  out->reserve(out->size() + SerializedSize());
  out->push_back(static_cast<char>(kFormatVersion));
  out->append(3, '\0');
  AppendUint32(static_cast<uint32_t>(num_bytes()), out);
  if constexpr (std::endian::native == std::endian::little) {
    out->append(reinterpret_cast<const char*>(words_.data()), num_bytes());
  } else {
    for (const uint32_t word : words_) AppendUint32(word, out);
  }
}

Result<BloomFilter> BloomFilter::Parse(std::string_view bytes) {
  if (bytes.size() < kHeaderSize) {
    return Status::Corruption(
        "bloom filter is shorter than its header: " + std::to_string(bytes.size()) + " bytes");
  }
  const auto version = static_cast<uint8_t>(bytes[0]);
  if (version != kFormatVersion) {
    return Status::Corruption("unsupported bloom filter version " + std::to_string(version));
  }
  if (bytes[1] != 0 || bytes[2] != 0 || bytes[3] != 0) {
    return Status::Corruption("bloom filter header has non-zero reserved bytes");
  }
  const uint32_t num_bytes = LoadUint32(bytes.data() + 4);
  if (num_bytes == 0 || num_bytes % kBytesPerBlock != 0 || num_bytes > kMaxBytes) {
    return Status::Corruption("bloom filter size is not a whole number of 32-byte blocks up to " +
                              std::to_string(kMaxBytes) + " bytes: " + std::to_string(num_bytes));
  }
  if (bytes.size() != kHeaderSize + num_bytes) {
    return Status::Corruption(
        "bloom filter length does not match its header: " + std::to_string(bytes.size()) +
        " bytes, expected " + std::to_string(kHeaderSize + num_bytes));
  }
  BloomFilter filter(num_bytes / kBytesPerBlock);
  const char* const body = bytes.data() + kHeaderSize;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(filter.words_.data(), body, num_bytes);
  } else {
    for (size_t i = 0; i < filter.words_.size(); ++i) {
      filter.words_[i] = LoadUint32(body + i * sizeof(uint32_t));
    }
  }
  return filter;
}

}  // namespace boyodb::storage
