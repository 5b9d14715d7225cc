#include "storage/segment/segment_column.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "columnar/builder.h"
#include "storage/index/bloom_hash.h"
#include "storage/index/zone_map_builder.h"

namespace boyodb::storage {

using columnar::Array;
using columnar::ArrayPtr;
using columnar::Buffer;
using columnar::BufferPtr;
using columnar::GetBit;
using types::TypeId;

namespace {

// The validity bitmap of an array's rows as a bitmap starting at bit 0, or null without nulls.
BufferPtr ValidityFromZero(const Array& array) {
  if (array.null_count() == 0 || array.validity_bits() == nullptr) return nullptr;
  const size_t num_bytes = static_cast<size_t>(columnar::BytesForBits(array.length()));
  if (array.offset() % 8 == 0) {
    return Buffer::Slice(array.buffers()[0], static_cast<size_t>(array.offset() / 8), num_bytes);
  }
  std::shared_ptr<Buffer> bits = Buffer::Allocate(num_bytes);
  for (int64_t i = 0; i < array.length(); ++i) {
    if (array.IsValid(i)) columnar::SetBit(bits->mutable_data(), i);
  }
  return bits;
}

// Calls visit(i, k) for each valid row i of the array, k counting the valid rows from 0.
template <typename Visit>
void ForEachValid(const Array& array, Visit visit) {
  const uint8_t* bits = array.null_count() == 0 ? nullptr : array.validity_bits();
  const int64_t base = array.offset();
  if (bits == nullptr) {
    for (int64_t i = 0; i < array.length(); ++i) visit(i, static_cast<size_t>(i));
    return;
  }
  size_t k = 0;
  for (int64_t i = 0; i < array.length(); ++i) {
    if (GetBit(bits, base + i)) visit(i, k++);
  }
}

// --- Bloom filter hashes -----------------------------------------------------------------------

template <typename T>
void HashIntegers(const Array& array, uint64_t* hashes) {
  using Wide = std::conditional_t<std::is_signed_v<T>, int64_t, uint64_t>;
  const T* values = array.values<T>();
  ForEachValid(array, [&](int64_t i, size_t k) {
    hashes[k] = BloomHashInteger(static_cast<uint64_t>(static_cast<Wide>(values[i])));
  });
}

// Sets *hashes to the bloom filter hashes (BloomHashOf) of the non-NULL values of a plain array,
// in row order.
void HashValues(const Array& array, std::vector<uint64_t>* hashes) {
  hashes->resize(static_cast<size_t>(array.length() - array.null_count()));
  uint64_t* out = hashes->data();
  switch (array.type().id()) {
    case TypeId::kInt8:
      return HashIntegers<int8_t>(array, out);
    case TypeId::kInt16:
      return HashIntegers<int16_t>(array, out);
    case TypeId::kInt32:
    case TypeId::kDate:
      return HashIntegers<int32_t>(array, out);
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return HashIntegers<int64_t>(array, out);
    case TypeId::kUInt8:
      return HashIntegers<uint8_t>(array, out);
    case TypeId::kUInt16:
      return HashIntegers<uint16_t>(array, out);
    case TypeId::kUInt32:
    case TypeId::kIpv4:
      return HashIntegers<uint32_t>(array, out);
    case TypeId::kUInt64:
      return HashIntegers<uint64_t>(array, out);
    case TypeId::kDecimal: {
      const uint8_t* base = array.buffers()[1]->data() + array.offset() * 16;
      return ForEachValid(array, [&](int64_t i, size_t k) {
        types::Int128 v;
        std::memcpy(&v, base + i * 16, 16);
        out[k] = BloomHashDecimal(v);
      });
    }
    case TypeId::kUuid:
    case TypeId::kIpv6: {
      const char* base =
          reinterpret_cast<const char*>(array.buffers()[1]->data()) + array.offset() * 16;
      return ForEachValid(array, [&](int64_t i, size_t k) {
        out[k] = BloomHashBytes(std::string_view(base + i * 16, 16));
      });
    }
    case TypeId::kString:
    case TypeId::kJson:
    case TypeId::kBinary: {
      const int32_t* offsets = array.offsets();
      const char* data = reinterpret_cast<const char*>(array.buffers()[2]->data());
      return ForEachValid(array, [&](int64_t i, size_t k) {
        out[k] = BloomHashBytes(
            std::string_view(data + offsets[i], static_cast<size_t>(offsets[i + 1] - offsets[i])));
      });
    }
    default:
      hashes->clear();
      return;
  }
}

DistinctSketch SketchOf(const std::vector<uint64_t>& hashes) {
  DistinctSketch sketch;
  for (const uint64_t hash : hashes) sketch.Add(hash);
  return sketch;
}

}  // namespace

DistinctSketch SketchValues(const Array& array) {
  std::vector<uint64_t> hashes;
  HashValues(array.is_dictionary() ? *array.dictionary() : array, &hashes);
  return SketchOf(hashes);
}

uint64_t EstimateDistinctHashes(const std::vector<uint64_t>& hashes) {
  return std::min<uint64_t>(hashes.size(),
                            static_cast<uint64_t>(std::ceil(SketchOf(hashes).Estimate())));
}

namespace {

// A filter for about num_distinct values holding every hash.
BloomFilter MakeBloomFilter(uint64_t num_distinct, const std::vector<uint64_t>& hashes) {
  BloomFilter filter = BloomFilter::ForDistinctValues(num_distinct, kBloomFalsePositiveRate);
  // Past the cap the false-positive rate grows instead of the index.
  while (filter.num_bytes() > kMaxBloomFilterBytes) {
    num_distinct /= 2;
    filter = BloomFilter::ForDistinctValues(num_distinct, kBloomFalsePositiveRate);
  }
  for (const uint64_t hash : hashes) filter.InsertHash(hash);
  return filter;
}

// --- Dictionary encoding -----------------------------------------------------------------------

// An open-addressing table from string to dictionary code that reuses the bloom filter hashes
// already computed for every row, so encoding hashes nothing twice.
class DictionaryTable {
 public:
  explicit DictionaryTable(size_t expected_entries) {
    Rehash(std::bit_ceil(std::max<size_t>(64, expected_entries * 2)));
  }

  // The code of `value`, adding it when new.
  int32_t Insert(std::string_view value, uint64_t hash) {
    for (size_t slot = hash & mask_;; slot = (slot + 1) & mask_) {
      Slot& entry = slots_[slot];
      if (entry.code < 0) {
        const auto code = static_cast<int32_t>(values_.size());
        entry = Slot{hash, code};
        values_.push_back(value);
        hashes_.push_back(hash);
        if (values_.size() * 2 > slots_.size()) Rehash(slots_.size() * 2);
        return code;
      }
      if (entry.hash == hash && values_[static_cast<size_t>(entry.code)] == value) {
        return entry.code;
      }
    }
  }
  size_t size() const { return values_.size(); }
  const std::vector<std::string_view>& values() const { return values_; }
  std::vector<uint64_t>& hashes() { return hashes_; }

 private:
  struct Slot {
    uint64_t hash = 0;
    int32_t code = -1;
  };
  void Rehash(size_t capacity) {
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (size_t code = 0; code < values_.size(); ++code) {
      size_t slot = hashes_[code] & mask_;
      while (slots_[slot].code >= 0) slot = (slot + 1) & mask_;
      slots_[slot] = Slot{hashes_[code], static_cast<int32_t>(code)};
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<std::string_view> values_;  // point into the array being encoded
  std::vector<uint64_t> hashes_;          // of values_
};

// Dictionary-encodes a plain TEXT array whose non-NULL values have the given hashes (in row
// order), giving up (nullptr) as soon as it holds more than max_entries distinct values.
// *distinct_hashes receives the hashes of the dictionary's entries.
ArrayPtr DictionaryEncodeUpTo(const Array& array, const std::vector<uint64_t>& hashes,
                              size_t max_entries, size_t expected_entries,
                              std::vector<uint64_t>* distinct_hashes) {
  DictionaryTable table(std::min(expected_entries, max_entries));
  std::shared_ptr<Buffer> indices = Buffer::Allocate(static_cast<size_t>(array.length()) * 4);
  int32_t* out = indices->mutable_data_as<int32_t>();
  const int32_t* offsets = array.offsets();
  const char* data = reinterpret_cast<const char*>(array.buffers()[2]->data());
  bool too_many = false;
  ForEachValid(array, [&](int64_t i, size_t k) {
    if (too_many) return;
    const std::string_view value(data + offsets[i],
                                 static_cast<size_t>(offsets[i + 1] - offsets[i]));
    out[i] = table.Insert(value, hashes[k]);
    too_many = table.size() > max_entries;
  });
  if (too_many) return nullptr;
  columnar::BinaryBuilder distinct(array.type());
  int64_t num_bytes = 0;
  for (const std::string_view value : table.values()) {
    num_bytes += static_cast<int64_t>(value.size());
  }
  distinct.Reserve(static_cast<int64_t>(table.size()), num_bytes);
  for (const std::string_view value : table.values()) distinct.Append(value);
  *distinct_hashes = std::move(table.hashes());
  return std::make_shared<const Array>(array.type(), array.length(),
                                       std::vector<BufferPtr>{ValidityFromZero(array), indices},
                                       std::vector<ArrayPtr>{}, distinct.Finish());
}

}  // namespace

SegmentColumn PrepareSegmentColumn(const ArrayPtr& input, const SegmentColumnOptions& options,
                                   std::vector<uint64_t>* hashes) {
  SegmentColumn prepared;
  prepared.array = input;
  const int64_t num_rows = input->length();
  const bool wants_bloom = options.bloom_filter && SupportsBloomFilter(input->type());
  const bool wants_count = options.count_distinct && SupportsBloomFilter(input->type());
  const bool may_encode =
      options.dictionary_encode && input->type().id() == TypeId::kString && !input->is_dictionary();
  const auto max_entries = static_cast<size_t>(std::min(num_rows / 2, kMaxDictionaryEntries));
  hashes->clear();
  uint64_t num_distinct = 0;
  if (wants_bloom || wants_count || may_encode) {
    // A dictionary's entries are the distinct values: hash those, not every row.
    HashValues(input->is_dictionary() ? *input->dictionary() : *input, hashes);
    if (input->is_dictionary()) {
      num_distinct = hashes->size();
    } else {
      DistinctSketch sketch = SketchOf(*hashes);
      num_distinct =
          std::min<uint64_t>(hashes->size(), static_cast<uint64_t>(std::ceil(sketch.Estimate())));
      if (wants_count) prepared.distinct_sketch = std::move(sketch);
    }
  }
  // Zone maps of a dictionary column come from its dictionary when that is small (a few
  // integer passes), from the plain strings otherwise (no per-batch scan of a large dictionary).
  ArrayPtr zone_source = input;
  // The estimate is within a few percent; the encoder makes the exact check.
  if (may_encode && num_distinct <= max_entries + max_entries / 8) {
    std::vector<uint64_t> distinct_hashes;
    ArrayPtr encoded =
        DictionaryEncodeUpTo(*input, *hashes, max_entries, num_distinct, &distinct_hashes);
    if (encoded != nullptr) {
      if (encoded->dictionary()->length() <= options.batch_rows) zone_source = encoded;
      prepared.array = std::move(encoded);
      *hashes = std::move(distinct_hashes);
      num_distinct = hashes->size();
    }
  }
  for (int64_t offset = 0; offset < num_rows; offset += options.batch_rows) {
    const int64_t length = std::min(options.batch_rows, num_rows - offset);
    prepared.zone_maps.push_back(ComputeZoneMap(*zone_source, offset, length));
  }
  if (wants_bloom) prepared.bloom_filter = MakeBloomFilter(num_distinct, *hashes);
  // A dictionary's hashes are its values' (the sketch of a dictionary input may count entries
  // no row uses).
  if (wants_count && !prepared.distinct_sketch) prepared.distinct_sketch = SketchOf(*hashes);
  return prepared;
}

}  // namespace boyodb::storage
