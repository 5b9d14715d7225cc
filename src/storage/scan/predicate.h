// ColumnPredicate: a simple comparison of one column with a constant, the form of predicate the
// storage engine evaluates itself and uses to skip batches (zone maps) and segments (bloom
// filters). Richer predicates are the SQL executor's job.
// Thread safety: immutable values and pure functions.
#pragma once

#include <string>
#include <vector>

#include "columnar/array.h"
#include "columnar/selection_vector.h"
#include "types/value.h"

namespace boyodb::storage {

enum class CompareOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe, kIsNull, kIsNotNull };

/// "=", "<>", "<", "<=", ">", ">=", "IS NULL", "IS NOT NULL".
std::string_view CompareOpSymbol(CompareOp op);

struct ColumnPredicate {
  std::string column;
  CompareOp op = CompareOp::kEq;
  types::Value value;  // unused for kIsNull / kIsNotNull

  /// "a >= 10".
  std::string ToString() const;
};

/// Min, max and null count of one column over a range of rows. min/max are NULL when unknown
/// (all values null, or a type without an order worth keeping, or strings too long to store).
struct ZoneMap {
  types::Value min;
  types::Value max;
  int64_t null_count = 0;
  int64_t row_count = 0;
};

/// Checks that the predicate's constant can be compared with a column of `type`, converting
/// integer constants to the column's integer width when they fit. InvalidArgument (42804)
/// naming the column otherwise.
Result<ColumnPredicate> BindPredicate(const ColumnPredicate& predicate,
                                      const types::DataType& type);

/// False only when no row summarized by the zone map can satisfy the predicate.
bool ZoneMayMatch(const ColumnPredicate& predicate, const ZoneMap& zone);

/// Narrows `selection` (row indices into `column`) to the rows that satisfy the predicate.
/// Requires: the predicate was bound to column.type(). NULL never satisfies a comparison.
void FilterRows(const ColumnPredicate& predicate, const columnar::Array& column,
                columnar::SelectionVector* selection);

/// The rows of `column` that satisfy the predicate: FilterRows from all of them, without
/// listing them all first.
columnar::SelectionVector SelectRows(const ColumnPredicate& predicate,
                                     const columnar::Array& column);

}  // namespace boyodb::storage
