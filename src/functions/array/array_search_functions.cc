// Searching and editing array elements by value: array_position, array_positions,
// array_remove and array_replace. Elements match with IS NOT DISTINCT FROM semantics, as in
// PostgreSQL 15: a NULL searched for finds the NULL elements. Searching and removing refuse
// non-empty multi-dimensional arrays (0A000), as PostgreSQL does; array_replace on a list of
// lists replaces whole sub-arrays (its element type is the sub-array type).
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

// True when row `row` of `list` is a non-empty multi-dimensional array (a list of lists).
bool IsMultiDimensional(const columnar::Array& list, int64_t row, bool nested,
                        std::vector<int64_t>* dims) {
  if (!nested) return false;
  ShapeOf(list, row, dims);
  return !dims->empty();
}

Status SearchNotSupported() {
  return ArrayFeatureNotSupported(
      "searching for elements in multidimensional arrays is not supported");
}

// array_position(array, element [, start]): the first 1-based position at or after start of
// an element not distinct from `element`; NULL when there is none.
Result<columnar::ArrayPtr> Position(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                    const sql::EvalContext&) {
  const columnar::Array& list = *args[0];
  const columnar::Array& needle = *args[1];
  const columnar::Array* starts = args.size() > 2 ? args[2].get() : nullptr;
  const ListView view(list);
  const bool nested = ArrayDepth(list.type()) > 1;
  columnar::FixedWidthBuilder<int32_t> builder(DataType::Int32());
  builder.Reserve(num_rows);
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < num_rows; ++i) {
    if (view.IsNull(i)) {
      builder.AppendNull();
      continue;
    }
    if (IsMultiDimensional(list, i, nested, &dims)) return SearchNotSupported();
    const int64_t length = view.length(i);
    if (length == 0 || nested) {
      builder.AppendNull();
      continue;
    }
    int64_t first = 0;
    if (starts != nullptr) {
      if (starts->IsNull(i)) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kNullValueNotAllowed,
                      "initial position must not be null");
      }
      first = std::max<int64_t>(starts->values<int32_t>()[i], 1) - 1;
    }
    int64_t found = -1;
    for (int64_t k = first; k < length; ++k) {
      if (CompareElements(view.elements(), view.begin(i) + k, needle, i) == 0) {
        found = k;
        break;
      }
    }
    if (found < 0) {
      builder.AppendNull();
    } else {
      builder.Append(static_cast<int32_t>(found + 1));
    }
  }
  return builder.Finish();
}

// array_positions(array, element): every 1-based position of an element not distinct from
// `element`, as an INTEGER[].
Result<columnar::ArrayPtr> Positions(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                     const sql::EvalContext&) {
  const columnar::Array& list = *args[0];
  const columnar::Array& needle = *args[1];
  const ListView view(list);
  const bool nested = ArrayDepth(list.type()) > 1;
  columnar::ListBuilder builder(DataType::List(DataType::Int32()));
  auto& positions = static_cast<columnar::FixedWidthBuilder<int32_t>&>(builder.element_builder());
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < num_rows; ++i) {
    if (view.IsNull(i)) {
      builder.AppendNull();
      continue;
    }
    if (IsMultiDimensional(list, i, nested, &dims)) return SearchNotSupported();
    const int64_t length = nested ? 0 : view.length(i);
    for (int64_t k = 0; k < length; ++k) {
      if (CompareElements(view.elements(), view.begin(i) + k, needle, i) == 0) {
        positions.Append(static_cast<int32_t>(k + 1));
      }
    }
    BOYO_RETURN_IF_ERROR(FinishListRow(builder));
  }
  return builder.Finish();
}

// array_remove(array, element) (replace == false) and array_replace(array, element,
// replacement): copies the array, dropping or replacing the elements not distinct from
// `element`. Runs of other elements are copied in one call.
sql::ScalarKernel EditKernel(bool replace) {
  return [replace](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                   const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    const columnar::Array& list = *args[0];
    const columnar::Array& needle = *args[1];
    const ListView view(list);
    const bool nested = ArrayDepth(list.type()) > 1;
    columnar::ListBuilder builder(list.type());
    columnar::ArrayBuilder& elements = builder.element_builder();
    std::vector<int64_t> dims;
    for (int64_t i = 0; i < num_rows; ++i) {
      if (view.IsNull(i)) {
        builder.AppendNull();
        continue;
      }
      if (!replace && IsMultiDimensional(list, i, nested, &dims)) {
        return ArrayFeatureNotSupported(
            "removing elements from multidimensional arrays is not supported");
      }
      const int64_t begin = view.begin(i);
      const int64_t end = view.end(i);
      int64_t run_start = begin;
      for (int64_t k = begin; k < end; ++k) {
        if (CompareElements(view.elements(), k, needle, i) != 0) continue;
        elements.AppendArray(view.elements(), run_start, k - run_start);
        if (replace) elements.AppendArray(*args[2], i, 1);
        run_start = k + 1;
      }
      elements.AppendArray(view.elements(), run_start, end - run_start);
      BOYO_RETURN_IF_ERROR(FinishListRow(builder));
    }
    return builder.Finish();
  };
}

}  // namespace

void RegisterArraySearchFunctions(FunctionRegistry& registry) {
  const DataType any_array = sql::AnyArray();
  const DataType any_element = DataType::Null();
  const DataType int32 = DataType::Int32();
  registry.AddScalar({"array_position",
                      {Overload({any_array, any_element}, int32, Position),
                       Overload({any_array, any_element, int32}, int32, Position)}});
  registry.AddScalar(
      {"array_positions", {Overload({any_array, any_element}, DataType::List(int32), Positions)}});
  registry.AddScalar(
      {"array_remove", {Overload({any_array, any_element}, any_array, EditKernel(false))}});
  registry.AddScalar(
      {"array_replace",
       {Overload({any_array, any_element, any_element}, any_array, EditKernel(true))}});
}

}  // namespace boyodb::functions
