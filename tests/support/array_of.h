// ArrayOf: a test's column from a list of optional values (nullopt for NULL), through any
// builder with Append and AppendNull: ArrayOf(BinaryBuilder(DataType::String()), {"a", {}}).
#pragma once

#include <optional>
#include <vector>

#include "columnar/array.h"

namespace boyodb::testing {

template <typename Builder, typename T>
columnar::ArrayPtr ArrayOf(Builder builder, const std::vector<std::optional<T>>& values) {
  for (const std::optional<T>& value : values) {
    if (value.has_value()) {
      builder.Append(*value);
    } else {
      builder.AppendNull();
    }
  }
  return builder.Finish();
}

}  // namespace boyodb::testing
