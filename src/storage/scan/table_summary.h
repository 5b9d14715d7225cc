// TableSummary: exact facts about all rows of a table, gathered from segment metadata without
// reading column data, so that count(*), min and max over a whole table need no scan.
// Thread safety: a plain value.
#pragma once

#include <cstdint>
#include <vector>

#include "types/value.h"

namespace boyodb::storage {

struct ColumnSummary {
  /// The least and greatest non-NULL values; NULL when the column has no non-NULL value.
  types::Value min;
  types::Value max;
  int64_t null_count = 0;
};

struct TableSummary {
  int64_t row_count = 0;
  std::vector<ColumnSummary> columns;  // in the order they were asked for
};

}  // namespace boyodb::storage
