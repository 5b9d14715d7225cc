#include "functions/datetime/infinite_values.h"

#include <memory>
#include <vector>

#include "columnar/builder.h"
#include "types/datetime.h"

namespace boyodb::functions {
namespace {

bool IsInfiniteAt(const columnar::Array& array, int64_t row) {
  if (array.IsNull(row)) return false;
  if (array.type().id() == types::TypeId::kDate) {
    return !types::IsFiniteDate(array.values<int32_t>()[row]);
  }
  return !types::IsFiniteTimestamp(array.values<int64_t>()[row]);
}

// `array` with its infinite values replaced by 0.
template <typename T>
columnar::ArrayPtr WithEpochs(const columnar::Array& array) {
  columnar::FixedWidthBuilder<T> out(array.type());
  const T* values = array.values<T>();
  for (int64_t i = 0; i < array.length(); ++i) {
    if (array.IsNull(i)) {
      out.AppendNull();
    } else {
      out.Append(IsInfiniteAt(array, i) ? T{0} : values[i]);
    }
  }
  return out.Finish();
}

}  // namespace

sql::ScalarKernel WithInfiniteValues(sql::ScalarKernel kernel, size_t arg, InfiniteResult result) {
  return [kernel = std::move(kernel), arg, result](
             std::span<const columnar::ArrayPtr> args, int64_t num_rows,
             const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    const columnar::Array& values = *args[arg];
    bool any = false;
    for (int64_t i = 0; i < num_rows && !any; ++i) any = IsInfiniteAt(values, i);
    if (!any) return kernel(args, num_rows, context);
    std::vector<columnar::ArrayPtr> finite(args.begin(), args.end());
    finite[arg] = values.type().id() == types::TypeId::kDate ? WithEpochs<int32_t>(values)
                                                             : WithEpochs<int64_t>(values);
    BOYO_ASSIGN_OR_RETURN(const columnar::ArrayPtr computed, kernel(finite, num_rows, context));
    std::unique_ptr<columnar::ArrayBuilder> out = columnar::MakeBuilder(computed->type());
    for (int64_t i = 0; i < num_rows; ++i) {
      if (!IsInfiniteAt(values, i)) {
        out->AppendArray(*computed, i, 1);
      } else if (result == InfiniteResult::kNull) {
        out->AppendNull();
      } else {
        out->AppendArray(values, i, 1);
      }
    }
    return out->Finish();
  };
}

}  // namespace boyodb::functions
