// Sorting the rows of a chunk by key columns (a table's sort key) without building a Value per
// row: each key column gets a comparator specialised for its type, and the sort permutes row
// indices, which columnar::Take then applies to every column.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "columnar/chunk.h"

namespace boyodb::storage {

/// The row order that sorts `chunk` by `key_columns`: ascending in the order of
/// types::Value::Compare (numbers by value, floats with NaN above every number, strings and bytes
/// as unsigned bytes), NULLs after every value, and stable (equal keys keep their input order).
/// Returns nullopt when the rows are already in that order, so callers skip copying.
/// Requires: every index in key_columns is a column of chunk; chunk.num_rows() < 2^32.
std::optional<std::vector<uint32_t>> SortPermutation(const columnar::Chunk& chunk,
                                                     const std::vector<int>& key_columns);

/// The chunk's rows in the order of SortPermutation (the chunk itself when already sorted).
columnar::Chunk SortChunk(const columnar::Chunk& chunk, const std::vector<int>& key_columns);

}  // namespace boyodb::storage
