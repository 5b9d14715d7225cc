// Running date/time kernels over 'infinity' and '-infinity': most calendar computations have
// no answer for them, so a kernel is run on the finite rows only and the infinite rows get
// PostgreSQL's result for that function: NULL (to_char) or the infinite value itself
// (date_trunc, date_bin, AT TIME ZONE).
// Thread safety: the wrappers are stateless and reentrant, as the kernels they wrap.
#pragma once

#include <cstddef>

#include "sql/function/function_api.h"

namespace boyodb::functions {

enum class InfiniteResult { kNull, kSame };

/// `kernel` with argument `arg` (DATE or TIMESTAMP[TZ]) possibly infinite: infinite rows are
/// given to the kernel as the epoch, and their results replaced by NULL (kNull) or by the
/// argument's value (kSame, for kernels whose result has the argument's representation).
sql::ScalarKernel WithInfiniteValues(sql::ScalarKernel kernel, size_t arg, InfiniteResult result);

}  // namespace boyodb::functions
