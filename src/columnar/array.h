// Array: an immutable column of values in Arrow's memory layout (validity bitmap, offsets,
// values, children, optional dictionary). Equivalent to Arrow's ArrayData; typed access goes
// through the accessors below, which kernels use in tight templated loops.
// Thread safety: immutable; share freely as ArrayPtr.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "columnar/buffer.h"
#include "common/result.h"
#include "types/data_type.h"
#include "types/value.h"

namespace boyodb::columnar {

class Array;
using ArrayPtr = std::shared_ptr<const Array>;

/// Buffers by layout (types::Layout), exactly Arrow's order:
///   kNull: none; kBitmap: validity, bits; kFixedWidth: validity, values;
///   kVariable: validity, int32 offsets (length + 1), bytes; kList: validity, int32 offsets, and
///   one child; kStruct: validity and one child per field.
/// A dictionary-encoded array (strings, usually) has buffers validity, int32 indices, and
/// dictionary() holding the distinct values; its type() is the value type (e.g. TEXT).
/// The validity buffer may be null when there are no nulls.
class Array {
 public:
  Array(types::DataType type, int64_t length, std::vector<BufferPtr> buffers,
        std::vector<ArrayPtr> children = {}, ArrayPtr dictionary = nullptr, int64_t offset = 0,
        int64_t null_count = -1);

  /// Builds an array and checks every invariant (buffer sizes, offsets monotonic and in range,
  /// dictionary indices in range, child lengths); Corruption describing the first violation.
  /// Readers of untrusted bytes (IPC, segments) construct arrays through this.
  static Result<ArrayPtr> MakeValidated(types::DataType type, int64_t length,
                                        std::vector<BufferPtr> buffers,
                                        std::vector<ArrayPtr> children = {},
                                        ArrayPtr dictionary = nullptr);

  const types::DataType& type() const { return type_; }
  int64_t length() const { return length_; }
  int64_t offset() const { return offset_; }
  int64_t null_count() const { return null_count_; }
  const std::vector<BufferPtr>& buffers() const { return buffers_; }
  const std::vector<ArrayPtr>& children() const { return children_; }
  const ArrayPtr& child(size_t index) const { return children_[index]; }
  bool is_dictionary() const { return dictionary_ != nullptr; }
  const ArrayPtr& dictionary() const { return dictionary_; }

  const uint8_t* validity_bits() const {
    return buffers_.empty() || !buffers_[0] ? nullptr : buffers_[0]->data();
  }
  bool IsValid(int64_t index) const {
    const uint8_t* bits = validity_bits();
    return bits == nullptr || GetBit(bits, offset_ + index);
  }
  bool IsNull(int64_t index) const { return !IsValid(index); }

  /// Fixed-width values (or dictionary indices as int32), already adjusted for offset().
  template <typename T>
  const T* values() const {
    return buffers_[1]->data_as<T>() + offset_;
  }
  /// Boolean values are bits: use GetBit(bool_bits(), offset() + i).
  const uint8_t* bool_bits() const { return buffers_[1]->data(); }
  /// Offsets of variable-width and list arrays, adjusted for offset(); length() + 1 entries.
  const int32_t* offsets() const { return buffers_[1]->data_as<int32_t>() + offset_; }
  /// The bytes of element `index` of a TEXT/BYTEA/JSON array, looking through a dictionary.
  std::string_view GetView(int64_t index) const;

  /// The value at `index` (slow path: tests, printing, zone maps of single values).
  types::Value GetValue(int64_t index) const;

  /// A zero-copy view of rows [offset, offset + length).
  ArrayPtr Slice(int64_t offset, int64_t length) const;

  /// Bytes of buffers this array references (for memtable accounting).
  int64_t ByteSize() const;

 private:
  types::DataType type_;
  int64_t length_;
  int64_t offset_;
  int64_t null_count_;
  std::vector<BufferPtr> buffers_;
  std::vector<ArrayPtr> children_;
  ArrayPtr dictionary_;
};

/// Checks the invariants MakeValidated checks, on an existing array.
Status ValidateArray(const Array& array);

/// True when both arrays hold the same values (nulls equal nulls), however they are encoded.
bool ArraysEqual(const Array& a, const Array& b);

}  // namespace boyodb::columnar
