// sum(interval) and avg(interval): fields added separately, as PostgreSQL's interval + does,
// and the average is that sum divided by the count of non-NULL rows with interval / number's
// rules. Either gives 22008 "interval out of range" when the sum overflows.
// Thread safety: registration mutates the registry; the aggregates themselves are immutable.
#pragma once

namespace boyodb::functions {

class FunctionRegistry;

void RegisterIntervalAggregates(FunctionRegistry& registry);

}  // namespace boyodb::functions
