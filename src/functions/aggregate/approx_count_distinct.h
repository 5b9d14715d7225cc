// approx_count_distinct(x): the number of distinct non-NULL values of x, estimated with a
// HyperLogLog sketch per group (exact up to HyperLogLog::kExactLimit values, about 0.8%
// standard error beyond). Values equal under GROUP BY's rules count once.
// Thread safety: registration mutates the registry; the aggregate itself is immutable.
#pragma once

namespace boyodb::functions {

class FunctionRegistry;

void RegisterApproxCountDistinct(FunctionRegistry& registry);

}  // namespace boyodb::functions
