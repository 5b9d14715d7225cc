// Shared pieces of the array functions in this folder: reading LIST arguments row by row, the
// PostgreSQL shape of an array value (a list of lists stands for a multi-dimensional array,
// lower bounds are always 1), walking its elements in storage order, PostgreSQL's ordering of
// array elements and of whole arrays, and the errors the family raises.
// Thread safety: views and comparers belong to one kernel call; the functions are pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/array.h"
#include "columnar/nested_builder.h"
#include "common/status.h"
#include "types/data_type.h"

namespace boyodb::functions {

/// PostgreSQL's limit on the elements of one array (MaxArraySize).
inline constexpr int64_t kMaxArrayElements = 134217727;
/// PostgreSQL's limit on the dimensions of an array (MAXDIM).
inline constexpr int kMaxArrayDimensions = 6;

/// 2202E with `message` ("cannot concatenate incompatible arrays").
Status ArraySubscriptError(std::string message);
/// 0A000 with `message` ("searching for elements in multidimensional arrays is not supported").
Status ArrayFeatureNotSupported(std::string message);
/// 54000 "array size exceeds the maximum allowed (134217727)".
Status ArrayTooLarge();
/// Closes the current list of `builder` (ListBuilder::FinishList), or 54000 when the elements
/// appended so far no longer fit the int32 offsets of a LIST column.
Status FinishListRow(columnar::ListBuilder& builder);

/// The number of nested LIST levels of `type`: 1 for INTEGER[], 2 for INTEGER[][], 0 for a
/// type that is not a LIST.
int ArrayDepth(const types::DataType& type);

/// A LIST argument read row by row: validity and each row's range of elements in elements().
/// Requires: list.type() is a LIST. The view points into `list`, which must outlive it.
class ListView {
 public:
  explicit ListView(const columnar::Array& list)
      : list_(&list), offsets_(list.offsets()), elements_(list.child(0).get()) {}

  bool IsNull(int64_t row) const { return list_->IsNull(row); }
  int64_t begin(int64_t row) const { return offsets_[row]; }
  int64_t end(int64_t row) const { return offsets_[row + 1]; }
  int64_t length(int64_t row) const { return offsets_[row + 1] - offsets_[row]; }
  const columnar::Array& list() const { return *list_; }
  const columnar::Array& elements() const { return *elements_; }

 private:
  const columnar::Array* list_;
  const int32_t* offsets_;
  const columnar::Array* elements_;
};

/// Writes the dimensions of row `row` of `list` (non-NULL), outermost first, to `dims`; no
/// dimensions for an empty array, as PostgreSQL has none for '{}'. For a list of lists each
/// inner length is that of the first non-NULL sub-list, and the array is empty when any length
/// is 0 (PostgreSQL cannot have {{},{}} either).
void ShapeOf(const columnar::Array& list, int64_t row, std::vector<int64_t>* dims);

/// The leaf elements of one array value in storage order, looking through nested lists (the
/// order in which PostgreSQL walks a multi-dimensional array). NULL sub-lists hold no elements.
/// Requires: list.type() is a LIST; `list` outlives this object.
class FlatElements {
 public:
  explicit FlatElements(const columnar::Array& list);
  /// Selects row `row` (non-NULL) of the list.
  void Reset(int64_t row);
  int64_t size() const { return size_; }
  /// The index in leaves() of element k of the selected row.
  int64_t operator[](int64_t k) const { return nested_ ? indices_[k] : begin_ + k; }
  /// The array of leaf elements (not a LIST).
  const columnar::Array& leaves() const { return *leaves_; }
  const columnar::ArrayPtr& leaves_ptr() const { return leaves_; }

 private:
  void Collect(const columnar::Array& list, int64_t begin, int64_t end);

  const columnar::Array* list_;
  columnar::ArrayPtr leaves_;
  bool nested_;
  int64_t begin_ = 0;
  int64_t size_ = 0;
  std::vector<int64_t> indices_;
};

/// Orders element i of `a` and element j of `b` (arrays of one type) as PostgreSQL orders array
/// elements: NULLs equal each other and sort after every value; LIST elements as ArrayComparer
/// does; other values as exec::CompareValues does (NaN above every number, C collation).
int CompareElements(const columnar::Array& a, int64_t i, const columnar::Array& b, int64_t j);

/// PostgreSQL's ordering of whole arrays (btarraycmp): element by element in storage order,
/// then the number of elements, then the number of dimensions, then the dimensions.
/// Requires: a and b are LISTs of one type and outlive the comparer.
class ArrayComparer {
 public:
  ArrayComparer(const columnar::Array& a, const columnar::Array& b);
  /// Orders row i of a with row j of b, both non-NULL: negative, zero or positive.
  int Compare(int64_t i, int64_t j);

 private:
  const columnar::Array* a_;
  const columnar::Array* b_;
  FlatElements a_elements_;
  FlatElements b_elements_;
  std::vector<int64_t> a_dims_;
  std::vector<int64_t> b_dims_;
};

}  // namespace boyodb::functions
