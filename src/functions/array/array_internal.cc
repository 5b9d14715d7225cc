// The shared pieces of the array functions (array_internal.h).
#include "functions/array/array_internal.h"

#include <algorithm>
#include <limits>

#include "common/sqlstate.h"
#include "exec/operators/row_values.h"

namespace boyodb::functions {

using types::TypeId;

Status ArraySubscriptError(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kArraySubscriptError, std::move(message));
}

Status ArrayFeatureNotSupported(std::string message) {
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported, std::move(message));
}

Status ArrayTooLarge() {
  return Status(
      StatusCode::kResourceExhausted, sqlstate::kProgramLimitExceeded,
      "array size exceeds the maximum allowed (" + std::to_string(kMaxArrayElements) + ")");
}

Status FinishListRow(columnar::ListBuilder& builder) {
  if (builder.element_builder().length() > std::numeric_limits<int32_t>::max()) {
    return ArrayTooLarge();
  }
  builder.FinishList();
  return Status::OK();
}

int ArrayDepth(const types::DataType& type) {
  int depth = 0;
  const types::DataType* current = &type;
  while (current->id() == TypeId::kList) {
    ++depth;
    current = &current->element_type();
  }
  return depth;
}

void ShapeOf(const columnar::Array& list, int64_t row, std::vector<int64_t>* dims) {
  dims->clear();
  const columnar::Array* level = &list;
  int64_t index = row;
  while (true) {
    const int32_t* offsets = level->offsets();
    const int64_t length = offsets[index + 1] - offsets[index];
    if (length == 0) {
      dims->clear();
      return;
    }
    dims->push_back(length);
    const columnar::Array& elements = *level->child(0);
    if (elements.type().id() != TypeId::kList) return;
    // The next dimension is the length of the first sub-list that is there.
    int64_t first = -1;
    for (int64_t k = offsets[index]; k < offsets[index + 1]; ++k) {
      if (elements.IsValid(k)) {
        first = k;
        break;
      }
    }
    if (first < 0) {
      dims->clear();
      return;
    }
    level = &elements;
    index = first;
  }
}

FlatElements::FlatElements(const columnar::Array& list)
    : list_(&list), leaves_(list.child(0)), nested_(false) {
  while (leaves_->type().id() == TypeId::kList) {
    leaves_ = leaves_->child(0);
    nested_ = true;
  }
}

void FlatElements::Reset(int64_t row) {
  const int32_t* offsets = list_->offsets();
  if (!nested_) {
    begin_ = offsets[row];
    size_ = offsets[row + 1] - offsets[row];
    return;
  }
  indices_.clear();
  Collect(*list_->child(0), offsets[row], offsets[row + 1]);
  size_ = static_cast<int64_t>(indices_.size());
}

void FlatElements::Collect(const columnar::Array& elements, int64_t begin, int64_t end) {
  if (elements.type().id() != TypeId::kList) {
    for (int64_t k = begin; k < end; ++k) indices_.push_back(k);
    return;
  }
  const int32_t* offsets = elements.offsets();
  for (int64_t k = begin; k < end; ++k) {
    if (elements.IsValid(k)) Collect(*elements.child(0), offsets[k], offsets[k + 1]);
  }
}

int CompareElements(const columnar::Array& a, int64_t i, const columnar::Array& b, int64_t j) {
  const bool a_null = a.IsNull(i);
  const bool b_null = b.IsNull(j);
  if (a_null || b_null) return a_null == b_null ? 0 : (a_null ? 1 : -1);
  if (a.type().id() == TypeId::kList) return ArrayComparer(a, b).Compare(i, j);
  return exec::CompareValues(a, i, b, j);
}

ArrayComparer::ArrayComparer(const columnar::Array& a, const columnar::Array& b)
    : a_(&a), b_(&b), a_elements_(a), b_elements_(b) {}

int ArrayComparer::Compare(int64_t i, int64_t j) {
  a_elements_.Reset(i);
  b_elements_.Reset(j);
  const columnar::Array& a_leaves = a_elements_.leaves();
  const columnar::Array& b_leaves = b_elements_.leaves();
  const int64_t common = std::min(a_elements_.size(), b_elements_.size());
  for (int64_t k = 0; k < common; ++k) {
    const int result = CompareElements(a_leaves, a_elements_[k], b_leaves, b_elements_[k]);
    if (result != 0) return result;
  }
  if (a_elements_.size() != b_elements_.size()) {
    return a_elements_.size() < b_elements_.size() ? -1 : 1;
  }
  if (a_->child(0)->type().id() != TypeId::kList) return 0;
  // Same elements: arrays of different dimensionality still differ ({{1,2}} and {{1},{2}}).
  ShapeOf(*a_, i, &a_dims_);
  ShapeOf(*b_, j, &b_dims_);
  if (a_dims_.size() != b_dims_.size()) return a_dims_.size() < b_dims_.size() ? -1 : 1;
  for (size_t d = 0; d < a_dims_.size(); ++d) {
    if (a_dims_[d] != b_dims_[d]) return a_dims_[d] < b_dims_[d] ? -1 : 1;
  }
  return 0;
}

}  // namespace boyodb::functions
