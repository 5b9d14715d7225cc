// Which table scans a join's build keys can filter (storage/scan/key_filter.h). A join that
// drops probe rows without a match (INNER, SEMI, RIGHT) may have those rows dropped earlier, by
// the scan that produces them, when its probe key is a column that scan produces unchanged:
// through filters, projections (a column, or an integer widened by a cast) and the sides of
// joins below that pass the column's rows on or drop them (a NULL-extended row has a NULL key,
// which no key matches). The build side's pipeline runs before every pipeline under the probe
// side, so the filter is complete before such a scan reads a row.
// Thread safety: planning is single-threaded; the plan is only read.
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "exec/operators/hash_join.h"

namespace boyodb::exec {

struct KeyFilterTarget {
  size_t key = 0;                              // the join key (index into probe_keys())
  const sql::LogicalOperator* scan = nullptr;  // a kGet under the probe side
  int32_t table_column = -1;                   // the table column the key is, in that scan
};

class JoinKeyFilterPlanner {
 public:
  /// Notes the nodes of `root` that the plan reaches more than once (a scan shared by two
  /// places must not be filtered for one of them).
  explicit JoinKeyFilterPlanner(const sql::LogicalOperator& root);

  /// The scans `state`'s join can filter, one per key at most; empty for joins that keep
  /// unmatched probe rows or compare NULL keys as equal.
  std::vector<KeyFilterTarget> TargetsOf(const JoinState& state) const;

 private:
  void Count(const sql::LogicalOperator& node);

  std::map<const sql::LogicalOperator*, int> visits_;
};

}  // namespace boyodb::exec
