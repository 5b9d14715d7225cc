// Shared aggregate arguments: when an Aggregate's arguments compute the same subexpression more
// than once (TPC-H Q1's l_extendedprice * (1 - l_discount), summed alone and times (1 + l_tax)),
// a projection below the Aggregate computes it once and the arguments read its column. Only
// what every row evaluates anyway is shared: nothing inside CASE, COALESCE, AND or OR, nor the
// arguments of aggregates with FILTER, DISTINCT or ORDER BY; volatile calls never.
// Thread safety: pure function over immutable plans.
#pragma once

#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// `plan` with the shared subexpressions of each Aggregate's arguments computed once.
LogicalPtr ShareAggregateArguments(const LogicalPtr& plan);

}  // namespace boyodb::sql
