// Aggregates that keep every value of a group: array_agg, and the ordered-set aggregates
// percentile_cont, percentile_disc and mode (called WITH GROUP (ORDER BY ...)). The executor
// feeds each group's rows in the call's ORDER BY order, so these only read their values back
// in arrival order.
// Thread safety: registration mutates the registry; the aggregates themselves are immutable.
#pragma once

namespace boyodb::functions {

class FunctionRegistry;

void RegisterCollectingAggregates(FunctionRegistry& registry);

}  // namespace boyodb::functions
