// Which input of a semi or anti join the hash table is built from. The executor builds from
// the right input (the subquery's rows) and streams the left, which suits a large outer table
// tested against a small subquery. TPC-H Q4 is the opposite: 57 thousand orders ask whether
// any of 3.8 million lineitems exists, and building those is most of the query. When the
// left input is estimated clearly smaller, the join is marked to build from it instead: the
// right rows stream through and mark the left rows they match (LogicalOperator::build_left).
// Thread safety: pure function over immutable plans.
#pragma once

#include "sql/optimizer/statistics.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// `plan` with every semi and anti join whose left input is estimated at most half its right
/// input's rows marked build_left; unchanged without statistics.
LogicalPtr ChooseSemiJoinSides(const LogicalPtr& plan, const TableStatistics* statistics);

}  // namespace boyodb::sql
