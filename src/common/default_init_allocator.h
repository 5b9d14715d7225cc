// DefaultInitAllocator: an allocator under which a vector's new elements are
// default-initialized, which leaves a trivial type (integers, pointers, plain structs) as the
// memory was: resize then costs no pass that zeroes millions of entries on one thread before
// several threads overwrite them all (a parallel aggregation's merged groups: hits Q32's 10
// million, 160 MB).
// Thread safety: as std::allocator.
#pragma once

#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace boyodb {

template <typename T>
struct DefaultInitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() = default;
  template <typename U>
  explicit DefaultInitAllocator(const DefaultInitAllocator<U>&) {}
  template <typename U>
  void construct(U* place) {
    ::new (static_cast<void*>(place)) U;
  }
  template <typename U, typename... Args>
  void construct(U* place, Args&&... args) {
    ::new (static_cast<void*>(place)) U(std::forward<Args>(args)...);
  }
};

/// A vector whose resize leaves new elements of a trivial type unwritten: every one of them
/// must be written before it is read.
template <typename T>
using UninitializedVector = std::vector<T, DefaultInitAllocator<T>>;

}  // namespace boyodb
