// Buffer: a contiguous, 64-byte aligned block of memory holding one Arrow buffer (validity bits,
// offsets or values). Built mutable, then shared immutably as std::shared_ptr<const Buffer>.
// Thread safety: a shared const Buffer may be read from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace boyodb::columnar {

inline constexpr size_t kBufferAlignment = 64;

class Buffer {
 public:
  /// A buffer of `size` bytes whose contents are zero; capacity is rounded up to the alignment
  /// and the padding is zero, so vectorized loops may read whole blocks past the end.
  static std::shared_ptr<Buffer> Allocate(size_t size);
  /// A buffer of `size` bytes the caller fills completely before anyone reads it (file reads,
  /// decompression): only the padding past `size` is zeroed, which saves a pass over memory.
  static std::shared_ptr<Buffer> AllocateUninitialized(size_t size);
  /// A buffer holding a copy of `bytes`.
  static std::shared_ptr<Buffer> CopyOf(std::string_view bytes);
  /// A view of [offset, offset + size) of parent, which it keeps alive.
  static std::shared_ptr<const Buffer> Slice(std::shared_ptr<const Buffer> parent, size_t offset,
                                             size_t size);

  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer();

  const uint8_t* data() const { return data_; }
  uint8_t* mutable_data() { return data_; }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  template <typename T>
  const T* data_as() const {
    return reinterpret_cast<const T*>(data_);
  }
  template <typename T>
  T* mutable_data_as() {
    return reinterpret_cast<T*>(data_);
  }
  std::string_view view() const {
    return std::string_view(reinterpret_cast<const char*>(data_), size_);
  }

  /// Grows or shrinks the logical size; grows capacity (amortized doubling) as needed. New bytes
  /// are zero. Requires: the buffer owns its memory (not a Slice).
  void Resize(size_t new_size) {
    // Growing within the capacity is the common case of every append, and needs nothing more:
    // the bytes past size_ are kept zero.
    if (new_size >= size_ && new_size <= capacity_) {
      size_ = new_size;
      return;
    }
    ResizeBeyondCapacityOrShrink(new_size);
  }
  /// Ensures capacity for `capacity` bytes without changing size.
  void Reserve(size_t capacity);

 private:
  Buffer() = default;
  void ResizeBeyondCapacityOrShrink(size_t new_size);

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
  bool owns_ = true;
  std::shared_ptr<const Buffer> parent_;  // set for slices
};

using BufferPtr = std::shared_ptr<const Buffer>;

// Bit helpers for validity bitmaps and booleans (LSB numbering, as Arrow).
inline bool GetBit(const uint8_t* bits, int64_t index) {
  return (bits[index >> 3] >> (index & 7)) & 1;
}
inline void SetBit(uint8_t* bits, int64_t index) {
  bits[index >> 3] |= static_cast<uint8_t>(1u << (index & 7));
}
inline void ClearBit(uint8_t* bits, int64_t index) {
  bits[index >> 3] &= static_cast<uint8_t>(~(1u << (index & 7)));
}
inline void SetBitTo(uint8_t* bits, int64_t index, bool value) {
  value ? SetBit(bits, index) : ClearBit(bits, index);
}
inline int64_t BytesForBits(int64_t bits) { return (bits + 7) / 8; }
/// Number of set bits in [offset, offset + length).
int64_t CountSetBits(const uint8_t* bits, int64_t offset, int64_t length);

}  // namespace boyodb::columnar
