// Row-level helpers shared by the operators that group, deduplicate, join and sort: a byte
// encoding of a row's key under which equal values (by SQL grouping rules: NULLs equal each
// other, NaN equals NaN, -0 equals 0) are equal bytes, and a typed comparison of two values
// with PostgreSQL's ordering (NaN above every number, the C collation for text).
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "columnar/array.h"

namespace boyodb::exec {

/// Appends the key of row `row` of every column to `out`.
void AppendRowKey(const std::vector<columnar::ArrayPtr>& columns, int64_t row, std::string* out);

/// Compares a[i] with b[j] (same type, both non-NULL): negative, zero or positive.
int CompareValues(const columnar::Array& a, int64_t i, const columnar::Array& b, int64_t j);

}  // namespace boyodb::exec
