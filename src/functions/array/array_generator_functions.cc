// Functions that generate arrays or rows from them: array_fill(element, dimensions [, lower
// bounds]), and the set-returning generate_subscripts(array, dimension [, reverse]) and
// unnest(array), whose kernels return one array per row that the binder turns into rows.
// array_fill checks its arguments as PostgreSQL 15 does (22004, 2202E, 54000), then makes a
// one-dimensional array with lower bound 1; results that need more dimensions or other lower
// bounds (which an ARRAY type here cannot hold) are refused with 0A000. unnest yields a
// multi-dimensional array's elements in storage order, as PostgreSQL does.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <limits>
#include <string>
#include <vector>

#include "columnar/nested_builder.h"
#include "common/sqlstate.h"
#include "functions/array/array_internal.h"
#include "functions/builtin_families_internal.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

Status NullDimensionValue() {
  return Status(StatusCode::kInvalidArgument, sqlstate::kNullValueNotAllowed,
                "dimension values cannot be null");
}

// Reads the INTEGER[] `row` of `list` into `values`; 22004 for a NULL element.
Status ReadDimensionValues(const columnar::Array& list, int64_t row, std::vector<int64_t>* values) {
  const ListView view(list);
  const columnar::Array& elements = view.elements();
  const int32_t* data = elements.values<int32_t>();
  values->clear();
  for (int64_t k = view.begin(row); k < view.end(row); ++k) {
    if (elements.IsNull(k)) return NullDimensionValue();
    values->push_back(data[k]);
  }
  return Status::OK();
}

// The number of elements array_fill makes for `dims` and `lower_bounds`, checked as
// PostgreSQL checks them.
Result<int64_t> FillCount(const std::vector<int64_t>& dims,
                          const std::vector<int64_t>& lower_bounds) {
  int64_t count = dims.empty() ? 0 : 1;
  for (const int64_t dim : dims) {
    if (dim < 0) return ArrayTooLarge();
    count *= dim;
    if (count > kMaxArrayElements) return ArrayTooLarge();
  }
  for (size_t d = 0; d < dims.size(); ++d) {
    if (lower_bounds[d] + dims[d] > std::numeric_limits<int32_t>::max()) {
      return Status(StatusCode::kResourceExhausted, sqlstate::kProgramLimitExceeded,
                    "array lower bound is too large: " + std::to_string(lower_bounds[d]));
    }
  }
  return count;
}

Result<columnar::ArrayPtr> ArrayFill(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                     const sql::EvalContext&) {
  const columnar::Array& element = *args[0];
  const columnar::Array& dim_lists = *args[1];
  const columnar::Array* bound_lists = args.size() > 2 ? args[2].get() : nullptr;
  columnar::ListBuilder builder(DataType::List(element.type()));
  columnar::ArrayBuilder& elements = builder.element_builder();
  std::vector<int64_t> dims;
  std::vector<int64_t> lower_bounds;
  for (int64_t i = 0; i < num_rows; ++i) {
    if (dim_lists.IsNull(i) || (bound_lists != nullptr && bound_lists->IsNull(i))) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kNullValueNotAllowed,
                    "dimension array or low bound array cannot be null");
    }
    BOYO_RETURN_IF_ERROR(ReadDimensionValues(dim_lists, i, &dims));
    if (dims.size() > static_cast<size_t>(kMaxArrayDimensions)) {
      return Status(StatusCode::kResourceExhausted, sqlstate::kProgramLimitExceeded,
                    "number of array dimensions (" + std::to_string(dims.size()) +
                        ") exceeds the maximum allowed (" + std::to_string(kMaxArrayDimensions) +
                        ")");
    }
    if (bound_lists != nullptr) {
      BOYO_RETURN_IF_ERROR(ReadDimensionValues(*bound_lists, i, &lower_bounds));
      if (lower_bounds.size() != dims.size()) {
        return ArraySubscriptError("wrong number of array subscripts");
      }
    } else {
      lower_bounds.assign(dims.size(), 1);
    }
    BOYO_ASSIGN_OR_RETURN(const int64_t count, FillCount(dims, lower_bounds));
    if (count > 0) {
      if (dims.size() > 1) {
        return ArrayFeatureNotSupported("array_fill of more than one dimension is not supported");
      }
      if (lower_bounds[0] != 1) {
        return ArrayFeatureNotSupported("array lower bounds other than 1 are not supported");
      }
    }
    for (int64_t k = 0; k < count; ++k) elements.AppendArray(element, i, 1);
    BOYO_RETURN_IF_ERROR(FinishListRow(builder));
  }
  return builder.Finish();
}

// generate_subscripts(array, dimension [, reverse]): the subscripts of that dimension, 1 to
// its length (or back); none for a dimension the array does not have, NULL (no rows) when an
// argument is NULL.
Result<columnar::ArrayPtr> GenerateSubscripts(std::span<const columnar::ArrayPtr> args,
                                              int64_t num_rows, const sql::EvalContext&) {
  const columnar::Array& list = *args[0];
  const columnar::Array& dimensions = *args[1];
  const columnar::Array* reverse = args.size() > 2 ? args[2].get() : nullptr;
  columnar::ListBuilder builder(DataType::List(DataType::Int32()));
  auto& subscripts = static_cast<columnar::FixedWidthBuilder<int32_t>&>(builder.element_builder());
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < num_rows; ++i) {
    if (list.IsNull(i) || dimensions.IsNull(i) || (reverse != nullptr && reverse->IsNull(i))) {
      builder.AppendNull();
      continue;
    }
    ShapeOf(list, i, &dims);
    const int32_t dimension = dimensions.values<int32_t>()[i];
    const bool backwards =
        reverse != nullptr && columnar::GetBit(reverse->bool_bits(), reverse->offset() + i);
    if (dimension >= 1 && static_cast<size_t>(dimension) <= dims.size()) {
      const int32_t length = static_cast<int32_t>(dims[static_cast<size_t>(dimension - 1)]);
      subscripts.Reserve(length);
      for (int32_t k = 1; k <= length; ++k) subscripts.Append(backwards ? length + 1 - k : k);
    }
    BOYO_RETURN_IF_ERROR(FinishListRow(builder));
  }
  return builder.Finish();
}

// unnest(array): the array itself, or for a list of lists its leaf elements in storage order.
Result<columnar::ArrayPtr> Unnest(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                  const sql::EvalContext&) {
  const columnar::Array& list = *args[0];
  if (ArrayDepth(list.type()) <= 1) return args[0];
  FlatElements flat(list);
  columnar::ListBuilder builder(DataType::List(flat.leaves().type()));
  columnar::ArrayBuilder& elements = builder.element_builder();
  for (int64_t i = 0; i < num_rows; ++i) {
    if (list.IsNull(i)) {
      builder.AppendNull();
      continue;
    }
    flat.Reset(i);
    // Copy runs of consecutive leaves in one call.
    int64_t k = 0;
    while (k < flat.size()) {
      int64_t run = 1;
      while (k + run < flat.size() && flat[k + run] == flat[k] + run) ++run;
      elements.AppendArray(flat.leaves(), flat[k], run);
      k += run;
    }
    BOYO_RETURN_IF_ERROR(FinishListRow(builder));
  }
  return builder.Finish();
}

// unnest's result: an array of the innermost element type.
Result<DataType> UnnestResult(std::span<const DataType> args) {
  const DataType* type = &args[0];
  while (type->id() == types::TypeId::kList && type->element_type().id() == types::TypeId::kList) {
    type = &type->element_type();
  }
  return *type;
}

}  // namespace

void RegisterArrayGeneratorFunctions(FunctionRegistry& registry) {
  const DataType any_array = sql::AnyArray();
  const DataType any_element = DataType::Null();
  const DataType int32 = DataType::Int32();
  const DataType int32_array = DataType::List(int32);
  registry.AddScalar({"array_fill",
                      {Overload({any_element, int32_array}, any_array, ArrayFill),
                       Overload({any_element, int32_array, int32_array}, any_array, ArrayFill)}});

  sql::ScalarOverload subscripts = Overload({any_array, int32}, int32_array, GenerateSubscripts);
  subscripts.returns_set = true;
  sql::ScalarOverload reverse_subscripts =
      Overload({any_array, int32, DataType::Boolean()}, int32_array, GenerateSubscripts);
  reverse_subscripts.returns_set = true;
  registry.AddScalar({"generate_subscripts", {subscripts, reverse_subscripts}});

  sql::ScalarOverload unnest = Overload({any_array}, any_array, Unnest);
  unnest.result_rule = UnnestResult;
  unnest.returns_set = true;
  registry.AddScalar({"unnest", {unnest}});
}

}  // namespace boyodb::functions
