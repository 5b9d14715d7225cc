#include "storage/scan/key_filter.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <numeric>
#include <type_traits>

#include "common/hash.h"

namespace boyodb::storage {
namespace {

using columnar::Array;
using types::TypeId;

// Rows are tested in blocks of this many, their values gathered first.
constexpr size_t kBlockRows = 1024;
// Publish splits the keys into ranges of at least this many rows, one task each.
constexpr uint64_t kRowsPerRange = 128 * 1024;
// A filter that has tested this many rows and passed more than kGiveUpShare of them stops.
constexpr int64_t kGiveUpAfterRows = int64_t{1} << 18;
constexpr double kGiveUpShare = 0.85;
// Integer keys whose range has at most this many values per key (and at most kMaxExactBits
// values in all) are kept as an exact bitmap over the range.
constexpr uint64_t kExactBitsPerKey = 64;
constexpr uint64_t kMaxExactBits = uint64_t{1} << 28;
// The bloom filter's size: 16 bits per key (one word holds 4 of a key's bits, about 1% false
// positives), at most 2^23 words (64 MiB).
constexpr uint64_t kBloomBitsPerKey = 16;
constexpr uint64_t kMaxBloomWords = uint64_t{1} << 23;

bool IsText(const types::DataType& type) {
  return type.id() == TypeId::kString || type.id() == TypeId::kBinary;
}

// Calls visit(static_cast<const T*>(nullptr)) with the C++ type T that holds the values of an
// integer-domain type; false (and no call) for other types.
template <typename Visit>
bool VisitIntegerType(TypeId id, Visit visit) {
  switch (id) {
    case TypeId::kInt8:
      return visit(static_cast<const int8_t*>(nullptr)), true;
    case TypeId::kInt16:
      return visit(static_cast<const int16_t*>(nullptr)), true;
    case TypeId::kInt32:
    case TypeId::kDate:
      return visit(static_cast<const int32_t*>(nullptr)), true;
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return visit(static_cast<const int64_t*>(nullptr)), true;
    case TypeId::kUInt8:
      return visit(static_cast<const uint8_t*>(nullptr)), true;
    case TypeId::kUInt16:
      return visit(static_cast<const uint16_t*>(nullptr)), true;
    case TypeId::kUInt32:
    case TypeId::kIpv4:
      return visit(static_cast<const uint32_t*>(nullptr)), true;
    default:
      return false;
  }
}

// The test values of `array` at `rows` (its own rows, not a dictionary's): an integer as its
// 64-bit value, a text as its hash; valid[i] is 0 for NULL.
void GatherPlain(const Array& array, const uint32_t* rows, size_t count, uint64_t* values,
                 uint8_t* valid) {
  if (array.null_count() > 0) {
    for (size_t i = 0; i < count; ++i) valid[i] = array.IsValid(rows[i]) ? 1 : 0;
  } else {
    std::fill(valid, valid + count, uint8_t{1});
  }
  if (array.type().layout() == types::Layout::kVariable) {
    for (size_t i = 0; i < count; ++i) {
      values[i] = valid[i] != 0 ? hash::Bytes(array.GetView(rows[i])) : 0;
    }
    return;
  }
  VisitIntegerType(array.type().id(), [&](const auto* tag) {
    using T = std::remove_cv_t<std::remove_pointer_t<decltype(tag)>>;
    const T* typed = array.values<T>();
    for (size_t i = 0; i < count; ++i) {
      values[i] = static_cast<uint64_t>(static_cast<int64_t>(typed[rows[i]]));
    }
  });
}

// GatherPlain through a dictionary: an encoded row's value is its entry's.
void Gather(const Array& array, const uint32_t* rows, size_t count, uint64_t* values,
            uint8_t* valid) {
  if (!array.is_dictionary()) return GatherPlain(array, rows, count, values, valid);
  uint32_t codes[kBlockRows];
  const int32_t* indices = array.values<int32_t>();
  for (size_t i = 0; i < count; ++i) codes[i] = static_cast<uint32_t>(indices[rows[i]]);
  GatherPlain(*array.dictionary(), codes, count, values, valid);
  if (array.null_count() > 0) {
    for (size_t i = 0; i < count; ++i) valid[i] &= array.IsValid(rows[i]) ? 1 : 0;
  }
}

int64_t AsInt64(const types::Value& value) {
  if (value.type().is_unsigned_integer() || value.type().id() == TypeId::kIpv4) {
    return static_cast<int64_t>(value.uint64());
  }
  return value.int64();
}

// Four of the word's 64 bits, from the hash's upper half (its lower half picks the word).
uint64_t BloomMask(uint64_t hash) {
  return (uint64_t{1} << ((hash >> 32) & 63)) | (uint64_t{1} << ((hash >> 38) & 63)) |
         (uint64_t{1} << ((hash >> 44) & 63)) | (uint64_t{1} << ((hash >> 50) & 63));
}

// Calls each(values, valid, count) for rows [begin, end) of `keys` in blocks.
template <typename Each>
void ForEachBlock(const Array& keys, uint64_t begin, uint64_t end, Each each) {
  uint32_t rows[kBlockRows];
  uint64_t values[kBlockRows];
  uint8_t valid[kBlockRows];
  for (uint64_t start = begin; start < end; start += kBlockRows) {
    const size_t count = static_cast<size_t>(std::min<uint64_t>(kBlockRows, end - start));
    std::iota(rows, rows + count, static_cast<uint32_t>(start));
    Gather(keys, rows, count, values, valid);
    each(values, valid, count);
  }
}

}  // namespace

bool KeyFilter::Supports(const types::DataType& type) {
  return IsText(type) || VisitIntegerType(type.id(), [](const auto*) {});
}

void KeyFilter::Publish(const Array& keys, const TaskRunner& run) {
  text_ = IsText(keys.type());
  const auto length = static_cast<uint64_t>(keys.length());
  const auto count = static_cast<uint64_t>(keys.length() - keys.null_count());
  empty_ = count == 0;
  // The rows in ranges, one task each; each range's bits go to a bitmap of its own, OR-ed
  // into the filter's at the end, word range by word range.
  const size_t ranges =
      run == nullptr ? 1 : static_cast<size_t>(std::clamp<uint64_t>(length / kRowsPerRange, 1, 64));
  auto range_begin = [&](size_t r) { return length * r / ranges; };
  auto each_range = [&](const std::function<void(size_t)>& task) {
    if (ranges == 1) return task(0);
    run(ranges, task);
  };
  if (!empty_ && !text_) {
    std::vector<int64_t> mins(ranges, INT64_MAX);
    std::vector<int64_t> maxes(ranges, INT64_MIN);
    each_range([&](size_t r) {
      // In locals, written once: ranges run on several threads at once, and neighbouring
      // ranges' entries share a cache line, which stores per row would pass back and forth.
      int64_t min = INT64_MAX;
      int64_t max = INT64_MIN;
      ForEachBlock(keys, range_begin(r), range_begin(r + 1),
                   [&](const uint64_t* values, const uint8_t* valid, size_t n) {
                     for (size_t i = 0; i < n; ++i) {
                       if (valid[i] == 0) continue;
                       min = std::min(min, static_cast<int64_t>(values[i]));
                       max = std::max(max, static_cast<int64_t>(values[i]));
                     }
                   });
      mins[r] = min;
      maxes[r] = max;
    });
    min_ = *std::min_element(mins.begin(), mins.end());
    max_ = *std::max_element(maxes.begin(), maxes.end());
    const uint64_t range = static_cast<uint64_t>(max_) - static_cast<uint64_t>(min_);
    exact_ = range < kMaxExactBits && range < count * kExactBitsPerKey + 4096;
  }
  if (empty_) {
    published_.store(true, std::memory_order_release);
    return;
  }
  uint64_t words = 0;
  if (exact_) {
    words = (static_cast<uint64_t>(max_ - min_) >> 6) + 1;
  } else {
    words = std::min(kMaxBloomWords,
                     std::bit_ceil(std::max<uint64_t>(count * kBloomBitsPerKey / 64, 1)));
    word_mask_ = words - 1;
  }
  std::vector<std::vector<uint64_t>> partial(ranges);
  each_range([&](size_t r) {
    std::vector<uint64_t>& bits = ranges == 1 ? bits_ : partial[r];
    bits.assign(words, 0);
    ForEachBlock(keys, range_begin(r), range_begin(r + 1),
                 [&](const uint64_t* values, const uint8_t* valid, size_t n) {
                   for (size_t i = 0; i < n; ++i) {
                     if (valid[i] == 0) continue;
                     if (exact_) {
                       const uint64_t bit = values[i] - static_cast<uint64_t>(min_);
                       bits[bit >> 6] |= uint64_t{1} << (bit & 63);
                     } else {
                       const uint64_t h = hash::Mix64(values[i]);
                       bits[h & word_mask_] |= BloomMask(h);
                     }
                   }
                 });
  });
  if (ranges > 1) {
    bits_.assign(words, 0);
    each_range([&](size_t r) {
      const uint64_t first = words * r / ranges;
      const uint64_t last = words * (r + 1) / ranges;
      for (const std::vector<uint64_t>& bits : partial) {
        for (uint64_t w = first; w < last; ++w) bits_[w] |= bits[w];
      }
    });
  }
  published_.store(true, std::memory_order_release);
}

bool KeyFilter::MayContain(uint64_t value) const {
  if (!text_) {
    const auto key = static_cast<int64_t>(value);
    if (key < min_ || key > max_) return false;
    if (exact_) {
      const uint64_t bit = value - static_cast<uint64_t>(min_);
      return (bits_[bit >> 6] >> (bit & 63)) & 1;
    }
  }
  const uint64_t h = hash::Mix64(value);
  const uint64_t mask = BloomMask(h);
  return (bits_[h & word_mask_] & mask) == mask;
}

bool KeyFilter::ZoneMayMatch(const ZoneMap& zone) const {
  if (!published()) return true;
  if (empty_) return false;
  if (text_ || zone.min.is_null() || zone.max.is_null()) return true;
  return AsInt64(zone.max) >= min_ && AsInt64(zone.min) <= max_;
}

void KeyFilter::FilterRows(const Array& column, columnar::SelectionVector* selection) const {
  if (!published() || given_up_.load(std::memory_order_relaxed)) return;
  std::vector<uint32_t>& rows = selection->mutable_rows();
  if (empty_) {
    rows.clear();
    return;
  }
  uint64_t values[kBlockRows];
  uint8_t valid[kBlockRows];
  const size_t total = rows.size();
  size_t kept = 0;
  for (size_t start = 0; start < total; start += kBlockRows) {
    const size_t count = std::min(kBlockRows, total - start);
    Gather(column, rows.data() + start, count, values, valid);
    // (Rows are written back at or before where they were read.)
    for (size_t i = 0; i < count; ++i) {
      rows[kept] = rows[start + i];
      kept += (valid[i] != 0 && MayContain(values[i])) ? 1 : 0;
    }
  }
  rows.resize(kept);
  const int64_t tested =
      tested_.fetch_add(static_cast<int64_t>(total)) + static_cast<int64_t>(total);
  const int64_t passed = passed_.fetch_add(static_cast<int64_t>(kept)) + static_cast<int64_t>(kept);
  if (tested >= kGiveUpAfterRows &&
      static_cast<double>(passed) > kGiveUpShare * static_cast<double>(tested)) {
    given_up_.store(true, std::memory_order_relaxed);
  }
}

}  // namespace boyodb::storage
