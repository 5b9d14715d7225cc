// Bitmap and validity helpers of kernel_helpers.h.
// Thread safety: see the header.
#include "functions/kernel_helpers.h"

#include <cstring>

namespace boyodb::functions {

using columnar::Array;
using columnar::ArrayPtr;
using columnar::Buffer;
using columnar::BufferPtr;
using columnar::BytesForBits;

namespace {

// Byte `index` of the bitmap that starts at bit `offset` of `source`, whose last readable byte
// is `last_byte` (bitmaps of slices need not be padded, so never read past it).
inline uint8_t ShiftedByte(const uint8_t* source, int64_t offset, int64_t index,
                           int64_t last_byte) {
  const int64_t first = (offset >> 3) + index;
  const int shift = static_cast<int>(offset & 7);
  if (shift == 0) return source[first];
  const uint8_t low = static_cast<uint8_t>(source[first] >> shift);
  const uint8_t high =
      first + 1 <= last_byte ? static_cast<uint8_t>(source[first + 1] << (8 - shift)) : 0;
  return low | high;
}

template <typename Combine>
void ForEachShiftedByte(const uint8_t* source, int64_t source_offset, int64_t length, uint8_t* dest,
                        Combine combine) {
  if (length <= 0) return;
  const int64_t num_bytes = BytesForBits(length);
  const int64_t last_byte = (source_offset + length - 1) >> 3;
  if ((source_offset & 7) == 0) {
    const uint8_t* start = source + (source_offset >> 3);
    for (int64_t i = 0; i < num_bytes; ++i) dest[i] = combine(dest[i], start[i]);
  } else {
    for (int64_t i = 0; i < num_bytes; ++i) {
      dest[i] = combine(dest[i], ShiftedByte(source, source_offset, i, last_byte));
    }
  }
  // Bits past `length` in the last byte are cleared, so the bitmap is canonical.
  const int tail = static_cast<int>(length & 7);
  if (tail != 0) dest[num_bytes - 1] &= static_cast<uint8_t>((1u << tail) - 1);
}

}  // namespace

void CopyBits(const uint8_t* source, int64_t source_offset, int64_t length, uint8_t* dest) {
  ForEachShiftedByte(source, source_offset, length, dest,
                     [](uint8_t, uint8_t source_byte) { return source_byte; });
}

void AndBits(const uint8_t* source, int64_t source_offset, int64_t length, uint8_t* dest) {
  ForEachShiftedByte(source, source_offset, length, dest,
                     [](uint8_t dest_byte, uint8_t source_byte) {
                       return static_cast<uint8_t>(dest_byte & source_byte);
                     });
}

BufferPtr CombineValidity(std::span<const Array* const> arrays, int64_t num_rows) {
  std::shared_ptr<Buffer> combined;
  for (const Array* array : arrays) {
    if (array->type().id() == types::TypeId::kNull) {
      // An untyped NULL argument: every row is NULL.
      combined = Buffer::Allocate(static_cast<size_t>(BytesForBits(num_rows)));
      return combined;
    }
    const uint8_t* bits = array->validity_bits();
    if (bits == nullptr || array->null_count() == 0) continue;
    if (!combined) {
      combined = Buffer::Allocate(static_cast<size_t>(BytesForBits(num_rows)));
      CopyBits(bits, array->offset(), num_rows, combined->mutable_data());
    } else {
      AndBits(bits, array->offset(), num_rows, combined->mutable_data());
    }
  }
  return combined;
}

BufferPtr CombineValidity(std::span<const ArrayPtr> arrays, int64_t num_rows) {
  std::vector<const Array*> pointers;
  pointers.reserve(arrays.size());
  for (const ArrayPtr& array : arrays) pointers.push_back(array.get());
  return CombineValidity(std::span<const Array* const>(pointers), num_rows);
}

ArrayPtr MakeNullArray(const types::DataType& type, int64_t num_rows) {
  std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(type);
  for (int64_t i = 0; i < num_rows; ++i) builder->AppendNull();
  return builder->Finish();
}

}  // namespace boyodb::functions
