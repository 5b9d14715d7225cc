// TopNBound: the cut-off of a running ORDER BY ... LIMIT n on its first sort key, shared by the
// top-N and what produces its rows (a scan, an aggregation's output). Once the top-N holds n rows,
// a row whose first key sorts strictly after its n-th row's can no longer enter the result, so the
// scan skips every batch whose zone map shows that all its rows are such rows (DuckDB and
// ClickHouse prune the same way). A key equal to the cut-off may still enter (later sort keys
// decide), so equality never skips. Thread safety: Tighten and ZoneMayQualify may run on many
// threads at once.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>

#include "storage/scan/predicate.h"
#include "types/value.h"

namespace boyodb::storage {

class TopNBound {
 public:
  /// `descending` and `nulls_first` as the first sort key orders.
  TopNBound(bool descending, bool nulls_first)
      : descending_(descending), nulls_first_(nulls_first) {}

  /// Offers the n-th row's first key from one driver's candidates: the bound moves to it when
  /// it sorts before the current one. A NULL key is no bound.
  void Tighten(const types::Value& key);

  /// The current cut-off; nullopt until one was offered.
  std::optional<types::Value> Current() const;

  /// False only when every row the zone map summarizes sorts strictly after the cut-off.
  bool ZoneMayQualify(const ZoneMap& zone) const;

  bool descending() const { return descending_; }
  bool nulls_first() const { return nulls_first_; }

  /// The rows of `keys` (values of the first sort key) that do not sort strictly after the
  /// cut-off (NULLs among them when they sort first); nullopt when that is every row (also
  /// with no cut-off yet, or a type the cut-off cannot be compared with).
  std::optional<columnar::SelectionVector> RowsNotAfter(const columnar::Array& keys) const;

 private:
  // Whether `a` sorts strictly before `b` (non-NULL values of one type).
  bool Before(const types::Value& a, const types::Value& b) const;

  const bool descending_;
  const bool nulls_first_;
  std::atomic<bool> set_{false};  // lets scans skip the lock until there is a bound
  mutable std::mutex mutex_;
  types::Value bound_;
};

}  // namespace boyodb::storage
