// Arrays built from arrays: array_append, array_prepend, array_cat, the || operator on arrays
// and trim_array, with PostgreSQL 15's NULL rules (array_cat skips a NULL side, array_append
// of a NULL array makes a one-element array) and errors. array_append and array_prepend refuse
// multi-dimensional arrays (22000); array_cat and || join arrays of matching inner dimensions
// and refuse others (2202E). For || on a list of lists, anyarray || anyelement is array_cat
// with an array one dimension lower, as PostgreSQL resolves int[][] || int[].
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <algorithm>
#include <vector>

#include "columnar/nested_builder.h"
#include "common/sqlstate.h"
#include "functions/array/array_internal.h"
#include "functions/builtin_families_internal.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

// Where the single element goes in array_append / array_prepend.
enum class Side : uint8_t { kEnd, kStart };

Status NotOneDimensional() {
  return Status(StatusCode::kInvalidArgument, sqlstate::kDataException,
                "argument must be empty or one-dimensional array");
}

Status IncompatibleArrays() {
  return ArraySubscriptError("cannot concatenate incompatible arrays");
}

void AppendRow(const ListView& view, int64_t row, columnar::ListBuilder& builder) {
  builder.element_builder().AppendArray(view.elements(), view.begin(row), view.length(row));
}

// True when an array of dimensions `inner` can join an array of dimensions `outer` as one more
// element of its first dimension (both non-empty).
bool FitsAsElement(const std::vector<int64_t>& outer, const std::vector<int64_t>& inner) {
  return outer.size() == inner.size() + 1 &&
         std::equal(inner.begin(), inner.end(), outer.begin() + 1);
}

// True when two non-empty arrays of one type agree in every dimension but the first.
bool SameInnerDimensions(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  return a.size() == b.size() && std::equal(a.begin() + 1, a.end(), b.begin() + 1);
}

// array_append(array, element) (Side::kEnd) and array_prepend(element, array) (Side::kStart).
// A NULL array counts as empty; a NULL element is added as a NULL.
sql::ScalarKernel AddElementKernel(Side side) {
  return [side](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    const size_t array_index = side == Side::kEnd ? 0 : 1;
    const columnar::Array& list = *args[array_index];
    const columnar::Array& element = *args[1 - array_index];
    const ListView view(list);
    const bool nested = ArrayDepth(list.type()) > 1;
    columnar::ListBuilder builder(list.type());
    std::vector<int64_t> dims;
    for (int64_t i = 0; i < num_rows; ++i) {
      const bool has_array = !view.IsNull(i);
      if (has_array && nested) {
        ShapeOf(list, i, &dims);
        if (!dims.empty()) return NotOneDimensional();
      }
      if (side == Side::kStart) builder.element_builder().AppendArray(element, i, 1);
      if (has_array) AppendRow(view, i, builder);
      if (side == Side::kEnd) builder.element_builder().AppendArray(element, i, 1);
      BOYO_RETURN_IF_ERROR(FinishListRow(builder));
    }
    return builder.Finish();
  };
}

// array_cat(a, b): a NULL or empty side gives the other side.
Result<columnar::ArrayPtr> Cat(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                               const sql::EvalContext&) {
  const columnar::Array& left = *args[0];
  const columnar::Array& right = *args[1];
  const ListView left_view(left);
  const ListView right_view(right);
  const bool nested = ArrayDepth(left.type()) > 1;
  columnar::ListBuilder builder(left.type());
  std::vector<int64_t> left_dims;
  std::vector<int64_t> right_dims;
  for (int64_t i = 0; i < num_rows; ++i) {
    const bool has_left = !left_view.IsNull(i);
    const bool has_right = !right_view.IsNull(i);
    if (!has_left && !has_right) {
      builder.AppendNull();
      continue;
    }
    bool use_left = has_left;
    bool use_right = has_right;
    if (has_left && has_right && nested) {
      // An empty side ({{}} included) adds nothing; two others must agree.
      ShapeOf(left, i, &left_dims);
      ShapeOf(right, i, &right_dims);
      use_left = !left_dims.empty() || right_dims.empty();
      use_right = !right_dims.empty();
      if (use_left && use_right && !SameInnerDimensions(left_dims, right_dims)) {
        return IncompatibleArrays();
      }
    }
    if (use_left) AppendRow(left_view, i, builder);
    if (use_right) AppendRow(right_view, i, builder);
    BOYO_RETURN_IF_ERROR(FinishListRow(builder));
  }
  return builder.Finish();
}

// array || element and element || array when the element is itself an array (a list of lists):
// PostgreSQL's array_cat of an N-dimensional and an (N-1)-dimensional array. A NULL or empty
// element leaves the array as it is; a NULL array gives a one-element array.
sql::ScalarKernel ConcatenateSubArrayKernel(Side side) {
  return [side](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    const size_t array_index = side == Side::kEnd ? 0 : 1;
    const columnar::Array& list = *args[array_index];
    const columnar::Array& element = *args[1 - array_index];
    const ListView view(list);
    columnar::ListBuilder builder(list.type());
    std::vector<int64_t> dims;
    std::vector<int64_t> element_dims;
    for (int64_t i = 0; i < num_rows; ++i) {
      bool add_element = element.IsValid(i);
      if (add_element) {
        ShapeOf(element, i, &element_dims);
        add_element = !element_dims.empty();
      }
      if (view.IsNull(i) && !add_element) {
        builder.AppendNull();
        continue;
      }
      bool keep_array = !view.IsNull(i);
      if (add_element && keep_array) {
        // An empty array ({{}} included) gives way to the element.
        ShapeOf(list, i, &dims);
        keep_array = !dims.empty();
        if (keep_array && !FitsAsElement(dims, element_dims)) return IncompatibleArrays();
      }
      if (add_element && side == Side::kStart) builder.element_builder().AppendArray(element, i, 1);
      if (keep_array) AppendRow(view, i, builder);
      if (add_element && side == Side::kEnd) builder.element_builder().AppendArray(element, i, 1);
      BOYO_RETURN_IF_ERROR(FinishListRow(builder));
    }
    return builder.Finish();
  };
}

// The kernel of array || element / element || array: array_append or array_prepend, or for a
// list of lists the concatenation above. The array's type is known only at run time.
sql::ScalarKernel ConcatenateElementKernel(Side side) {
  const sql::ScalarKernel one_dimensional = AddElementKernel(side);
  const sql::ScalarKernel multi_dimensional = ConcatenateSubArrayKernel(side);
  return [side, one_dimensional, multi_dimensional](
             std::span<const columnar::ArrayPtr> args, int64_t num_rows,
             const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    const columnar::Array& list = *args[side == Side::kEnd ? 0 : 1];
    if (ArrayDepth(list.type()) > 1) return multi_dimensional(args, num_rows, context);
    return one_dimensional(args, num_rows, context);
  };
}

// trim_array(array, n): drops the last n elements of the first dimension.
Result<columnar::ArrayPtr> TrimArray(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                     const sql::EvalContext&) {
  const columnar::Array& list = *args[0];
  const columnar::Array& counts = *args[1];
  const ListView view(list);
  const int32_t* trim = counts.values<int32_t>();
  columnar::ListBuilder builder(list.type());
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < num_rows; ++i) {
    if (view.IsNull(i) || counts.IsNull(i)) {
      builder.AppendNull();
      continue;
    }
    ShapeOf(list, i, &dims);
    const int64_t length = dims.empty() ? 0 : dims[0];
    if (trim[i] < 0 || trim[i] > length) {
      return ArraySubscriptError("number of elements to trim must be between 0 and " +
                                 std::to_string(length));
    }
    // An array PostgreSQL sees as empty ({{},{}}) keeps its sub-lists when trimming none.
    const int64_t keep = dims.empty() ? view.length(i) : length - trim[i];
    builder.element_builder().AppendArray(view.elements(), view.begin(i), keep);
    BOYO_RETURN_IF_ERROR(FinishListRow(builder));
  }
  return builder.Finish();
}

}  // namespace

void RegisterArrayEditFunctions(FunctionRegistry& registry) {
  const DataType any_array = sql::AnyArray();
  const DataType any_element = DataType::Null();
  registry.AddScalar(
      {"array_append",
       {Overload({any_array, any_element}, any_array, AddElementKernel(Side::kEnd))}});
  registry.AddScalar(
      {"array_prepend",
       {Overload({any_element, any_array}, any_array, AddElementKernel(Side::kStart))}});
  registry.AddScalar({"array_cat", {Overload({any_array, any_array}, any_array, Cat)}});
  // After the text and bytea ||. The array || array overload comes first: PostgreSQL reads
  // ARRAY[1] || NULL as array_cat.
  registry.AddScalar(
      {"||",
       {Overload({any_array, any_array}, any_array, Cat),
        Overload({any_array, any_element}, any_array, ConcatenateElementKernel(Side::kEnd)),
        Overload({any_element, any_array}, any_array, ConcatenateElementKernel(Side::kStart))}});
  registry.AddScalar(
      {"trim_array", {Overload({any_array, DataType::Int32()}, any_array, TrimArray)}});
}

}  // namespace boyodb::functions
