#include "sql/optimizer/optimizer.h"

#include "sql/optimizer/column_pruning.h"
#include "sql/optimizer/constant_folding.h"
#include "sql/optimizer/distinct_aggregates.h"
#include "sql/optimizer/group_domain_filter.h"
#include "sql/optimizer/join_order.h"
#include "sql/optimizer/join_predicates.h"
#include "sql/optimizer/scan_predicates.h"
#include "sql/optimizer/semi_join_pushdown.h"
#include "sql/optimizer/semi_join_sides.h"
#include "sql/optimizer/shared_arguments.h"

namespace boyodb::sql {

LogicalPtr Optimize(const LogicalPtr& plan, const TableStatistics* statistics) {
  LogicalPtr optimized = FoldConstants(plan);
  optimized = SplitDistinctAggregates(optimized);
  optimized = PushFiltersIntoJoins(optimized);
  optimized = PushSemiJoinsDown(optimized, statistics);
  optimized = ReorderJoins(optimized, statistics);
  optimized = FilterGroupsByDomain(optimized, statistics);
  optimized = ChooseSemiJoinSides(optimized, statistics);
  optimized = ShareAggregateArguments(optimized);
  optimized = PushPredicatesIntoScans(optimized);
  return PruneColumns(optimized);
}

}  // namespace boyodb::sql
