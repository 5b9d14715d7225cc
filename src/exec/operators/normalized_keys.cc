#include "exec/operators/normalized_keys.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>

#include "exec/pipeline/worker_pool.h"

namespace boyodb::exec {

namespace {

using columnar::Array;
using types::TypeId;

constexpr size_t kMaxBytes = NormalizedKeys::kMaxWords * 8;
// A text prefix shorter than this orders too few rows to be worth the room.
constexpr size_t kMinTextPrefix = 4;
constexpr int64_t kRowsPerTask = 16 * 1024;

enum class Encoding {
  kNone,
  kSigned,
  kUnsigned,
  kBoolean,
  kFloat,
  kDouble,
  kDecimal,
  kBytes16,
  kText
};

Encoding EncodingOf(TypeId id) {
  switch (id) {
    case TypeId::kBoolean:
      return Encoding::kBoolean;
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return Encoding::kSigned;
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
    case TypeId::kIpv4:
      return Encoding::kUnsigned;
    case TypeId::kFloat32:
      return Encoding::kFloat;
    case TypeId::kFloat64:
      return Encoding::kDouble;
    case TypeId::kDecimal:
      return Encoding::kDecimal;
    case TypeId::kUuid:
    case TypeId::kIpv6:
      return Encoding::kBytes16;
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kJson:
      return Encoding::kText;
    default:
      return Encoding::kNone;
  }
}

// Where one key's bytes go in a row's and how they are made.
struct KeyLayout {
  const Array* values = nullptr;
  Encoding encoding = Encoding::kNone;
  size_t offset = 0;  // of the NULL byte; the value's bytes follow
  size_t width = 0;   // the value's bytes
  bool descending = false;
  bool nulls_first = false;
};

// Writes the low `width` bytes of `value` big-endian at `out`.
void PutBigEndian(uint64_t value, size_t width, uint8_t* out) {
  for (size_t i = 0; i < width; ++i) out[i] = static_cast<uint8_t>(value >> (8 * (width - 1 - i)));
}

int64_t SignedAt(const Array& values, int64_t row) {
  switch (values.type().fixed_width()) {
    case 1:
      return values.values<int8_t>()[row];
    case 2:
      return values.values<int16_t>()[row];
    case 4:
      return values.values<int32_t>()[row];
    default:
      return values.values<int64_t>()[row];
  }
}

uint64_t UnsignedAt(const Array& values, int64_t row) {
  switch (values.type().fixed_width()) {
    case 1:
      return values.values<uint8_t>()[row];
    case 2:
      return values.values<uint16_t>()[row];
    case 4:
      return values.values<uint32_t>()[row];
    default:
      return values.values<uint64_t>()[row];
  }
}

// The bits of a float with the sign handled, so that they compare as unsigned integers in
// PostgreSQL's order of the values: NaN (any) above +Infinity, -0 equal to 0.
template <typename Float, typename Bits>
Bits OrderedBits(Float value) {
  constexpr Bits kSign = Bits{1} << (sizeof(Bits) * 8 - 1);
  if (std::isnan(value)) return ~Bits{0};
  if (value == 0) value = 0;  // -0
  const Bits bits = std::bit_cast<Bits>(value);
  return (bits & kSign) != 0 ? ~bits : (bits | kSign);
}

void EncodeValue(const KeyLayout& key, int64_t row, uint8_t* out) {
  const Array& values = *key.values;
  switch (key.encoding) {
    case Encoding::kBoolean:
      out[0] = columnar::GetBit(values.bool_bits(), values.offset() + row) ? 1 : 0;
      break;
    case Encoding::kSigned: {
      const uint64_t sign = uint64_t{1} << (key.width * 8 - 1);
      PutBigEndian(static_cast<uint64_t>(SignedAt(values, row)) ^ sign, key.width, out);
      break;
    }
    case Encoding::kUnsigned:
      PutBigEndian(UnsignedAt(values, row), key.width, out);
      break;
    case Encoding::kFloat:
      PutBigEndian(OrderedBits<float, uint32_t>(values.values<float>()[row]), 4, out);
      break;
    case Encoding::kDouble:
      PutBigEndian(OrderedBits<double, uint64_t>(values.values<double>()[row]), 8, out);
      break;
    case Encoding::kDecimal: {
      uint64_t halves[2];  // little-endian: low, then high
      std::memcpy(halves, values.buffers()[1]->data() + (values.offset() + row) * 16, 16);
      PutBigEndian(halves[1] ^ (uint64_t{1} << 63), 8, out);
      PutBigEndian(halves[0], 8, out + 8);
      break;
    }
    case Encoding::kBytes16:
      std::memcpy(out, values.buffers()[1]->data() + (values.offset() + row) * 16, 16);
      break;
    case Encoding::kText: {
      const std::string_view text = values.GetView(row);
      const size_t length = std::min(text.size(), key.width);
      if (length > 0) std::memcpy(out, text.data(), length);
      break;
    }
    case Encoding::kNone:
      break;
  }
}

// Whether every text of `values` fits in `width` bytes and holds no zero byte, so that its
// zero-padded prefix is the whole text and texts differing only by trailing zeros cannot tie.
bool TextsFit(const Array& values, size_t width) {
  const Array& texts = values.is_dictionary() ? *values.dictionary() : values;
  const int32_t* offsets = texts.offsets();
  for (int64_t i = 0; i < texts.length(); ++i) {
    if (static_cast<size_t>(offsets[i + 1] - offsets[i]) > width) return false;
  }
  if (texts.length() == 0) return true;
  const auto bytes = static_cast<size_t>(offsets[texts.length()] - offsets[0]);
  // Only empty texts: their data may be no memory at all.
  if (bytes == 0) return true;
  return std::memchr(texts.buffers()[2]->data() + offsets[0], 0, bytes) == nullptr;
}

}  // namespace

std::optional<NormalizedKeys> NormalizedKeys::Make(const std::vector<columnar::ArrayPtr>& keys,
                                                   const std::vector<sql::SortKey>& order,
                                                   int64_t num_rows, int threads) {
  NormalizedKeys result;
  std::vector<KeyLayout> layout;
  size_t used = 0;
  for (size_t k = 0; k < keys.size(); ++k) {
    KeyLayout key;
    key.values = keys[k].get();
    key.encoding = EncodingOf(keys[k]->type().id());
    // A dictionary over fixed-width values (rare) would need decoding first.
    if (keys[k]->is_dictionary() && key.encoding != Encoding::kText) key.encoding = Encoding::kNone;
    key.descending = order[k].descending;
    key.nulls_first = order[k].nulls_first;
    key.offset = used;
    if (key.encoding == Encoding::kNone) {
      result.exact_ = false;
      break;
    }
    if (key.encoding == Encoding::kText) {
      if (used + 1 + kMinTextPrefix > kMaxBytes) {
        result.exact_ = false;
        break;
      }
      key.width = kMaxBytes - used - 1;
      layout.push_back(key);
      // A text that fits leaves the room after it to the next keys.
      if (!TextsFit(*keys[k], key.width)) {
        result.exact_ = false;
        used = kMaxBytes;
        break;
      }
      size_t longest = 0;
      const Array& texts = keys[k]->is_dictionary() ? *keys[k]->dictionary() : *keys[k];
      for (int64_t i = 0; i < texts.length(); ++i) {
        longest =
            std::max(longest, static_cast<size_t>(texts.offsets()[i + 1] - texts.offsets()[i]));
      }
      layout.back().width = longest;
      used += 1 + longest;
      continue;
    }
    key.width =
        key.encoding == Encoding::kBoolean ? 1 : static_cast<size_t>(keys[k]->type().fixed_width());
    if (used + 1 + key.width > kMaxBytes) {
      result.exact_ = false;
      break;
    }
    layout.push_back(key);
    used += 1 + key.width;
  }
  if (layout.empty()) return std::nullopt;
  result.words_per_row_ = std::max<size_t>(1, (used + 7) / 8);
  result.words_.resize(static_cast<size_t>(num_rows) * result.words_per_row_);
  const auto tasks = static_cast<size_t>((num_rows + kRowsPerTask - 1) / kRowsPerTask);
  RunInParallel(threads, tasks, [&](size_t task) {
    const int64_t begin = static_cast<int64_t>(task) * kRowsPerTask;
    const int64_t end = std::min(num_rows, begin + kRowsPerTask);
    std::array<uint8_t, kMaxBytes> bytes;
    for (int64_t row = begin; row < end; ++row) {
      bytes.fill(0);
      for (const KeyLayout& key : layout) {
        uint8_t* value = bytes.data() + key.offset + 1;
        const bool null = key.values->IsNull(row);
        bytes[key.offset] = null == key.nulls_first ? 0 : 1;
        if (null) continue;
        EncodeValue(key, row, value);
        if (key.descending) {
          for (size_t i = 0; i < key.width; ++i) value[i] = static_cast<uint8_t>(~value[i]);
        }
      }
      uint64_t* words = result.words_.data() + static_cast<size_t>(row) * result.words_per_row_;
      for (size_t w = 0; w < result.words_per_row_; ++w) {
        uint64_t word = 0;
        for (size_t i = 0; i < 8; ++i) word = (word << 8) | bytes[w * 8 + i];
        words[w] = word;
      }
    }
  });
  return result;
}

}  // namespace boyodb::exec
