// The dimensions of arrays: array_ndims, array_dims, array_length, array_lower, array_upper and
// cardinality, as PostgreSQL 15 reports them. A list of lists is a multi-dimensional array and
// every lower bound is 1. An empty array has no dimensions, so every function but cardinality
// (0) gives NULL for it, as they do for a dimension number out of range.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "functions/array/array_internal.h"
#include "functions/builtin_families_internal.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

// A kernel computing an INTEGER from an array's dimensions (and, with `has_dimension`, a
// dimension number); `op(dims, dimension)` returns nullopt for NULL. NULL arguments give NULL.
template <typename Op>
sql::ScalarKernel DimensionKernel(bool has_dimension, Op op) {
  return [has_dimension, op](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                             const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    const columnar::Array& list = *args[0];
    const int32_t* dimensions = has_dimension ? args[1]->values<int32_t>() : nullptr;
    columnar::FixedWidthBuilder<int32_t> builder(DataType::Int32());
    builder.Reserve(num_rows);
    std::vector<int64_t> dims;
    for (int64_t i = 0; i < num_rows; ++i) {
      if (list.IsNull(i) || (has_dimension && args[1]->IsNull(i))) {
        builder.AppendNull();
        continue;
      }
      ShapeOf(list, i, &dims);
      const std::optional<int64_t> value = op(dims, has_dimension ? dimensions[i] : 0);
      if (value) {
        builder.Append(static_cast<int32_t>(*value));
      } else {
        builder.AppendNull();
      }
    }
    return builder.Finish();
  };
}

// True when `dimension` (1-based) names one of the array's dimensions.
bool HasDimension(const std::vector<int64_t>& dims, int32_t dimension) {
  return dimension >= 1 && static_cast<size_t>(dimension) <= dims.size();
}

std::optional<int64_t> NumDimensions(const std::vector<int64_t>& dims, int32_t) {
  if (dims.empty()) return std::nullopt;
  return static_cast<int64_t>(dims.size());
}

std::optional<int64_t> Cardinality(const std::vector<int64_t>& dims, int32_t) {
  if (dims.empty()) return 0;
  int64_t product = 1;
  for (const int64_t dim : dims) product *= dim;
  return product;
}

std::optional<int64_t> Length(const std::vector<int64_t>& dims, int32_t dimension) {
  if (!HasDimension(dims, dimension)) return std::nullopt;
  return dims[static_cast<size_t>(dimension - 1)];
}

std::optional<int64_t> Lower(const std::vector<int64_t>& dims, int32_t dimension) {
  if (!HasDimension(dims, dimension)) return std::nullopt;
  return 1;
}

// array_dims: "[1:3]" per dimension, NULL for an empty array.
Result<columnar::ArrayPtr> Dims(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                const sql::EvalContext&) {
  const columnar::Array& list = *args[0];
  columnar::BinaryBuilder builder(DataType::String());
  std::vector<int64_t> dims;
  std::string text;
  for (int64_t i = 0; i < num_rows; ++i) {
    if (list.IsNull(i)) {
      builder.AppendNull();
      continue;
    }
    ShapeOf(list, i, &dims);
    if (dims.empty()) {
      builder.AppendNull();
      continue;
    }
    text.clear();
    for (const int64_t dim : dims) {
      char digits[24];
      const std::to_chars_result end = std::to_chars(digits, digits + sizeof(digits), dim);
      text += "[1:";
      text.append(digits, end.ptr);
      text += ']';
    }
    builder.Append(text);
  }
  return builder.Finish();
}

}  // namespace

void RegisterArrayDimensionFunctions(FunctionRegistry& registry) {
  const DataType any_array = sql::AnyArray();
  const DataType int32 = DataType::Int32();
  registry.AddScalar(
      {"array_ndims", {Overload({any_array}, int32, DimensionKernel(false, NumDimensions))}});
  registry.AddScalar(
      {"cardinality", {Overload({any_array}, int32, DimensionKernel(false, Cardinality))}});
  registry.AddScalar(
      {"array_length", {Overload({any_array, int32}, int32, DimensionKernel(true, Length))}});
  registry.AddScalar(
      {"array_lower", {Overload({any_array, int32}, int32, DimensionKernel(true, Lower))}});
  // Every lower bound is 1, so the upper bound is the length.
  registry.AddScalar(
      {"array_upper", {Overload({any_array, int32}, int32, DimensionKernel(true, Length))}});
  registry.AddScalar({"array_dims", {Overload({any_array}, DataType::String(), Dims)}});
}

}  // namespace boyodb::functions
