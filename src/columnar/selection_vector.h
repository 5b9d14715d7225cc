// SelectionVector: the row indices of a batch that are still alive after filters, so operators
// can skip rows without copying columns. Take() materializes the selected rows.
// Thread safety: a SelectionVector is a value used by one thread.
#pragma once

#include <cstdint>
#include <numeric>
#include <vector>

#include "columnar/array.h"

namespace boyodb::columnar {

class SelectionVector {
 public:
  SelectionVector() = default;
  /// Selects rows 0..num_rows-1.
  static SelectionVector All(int64_t num_rows) {
    SelectionVector selection;
    selection.rows_.resize(static_cast<size_t>(num_rows));
    std::iota(selection.rows_.begin(), selection.rows_.end(), 0u);
    return selection;
  }

  size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  uint32_t operator[](size_t index) const { return rows_[index]; }
  const uint32_t* data() const { return rows_.data(); }
  std::vector<uint32_t>& mutable_rows() { return rows_; }
  const std::vector<uint32_t>& rows() const { return rows_; }

 private:
  std::vector<uint32_t> rows_;
};

/// The rows of `array` listed by `selection`, in that order, as a new array.
ArrayPtr Take(const Array& array, const SelectionVector& selection);

}  // namespace boyodb::columnar
