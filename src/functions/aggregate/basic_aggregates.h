// The SQL aggregates: count(*), count, sum, avg, min, max, bool_and, bool_or, every,
// string_agg, with PostgreSQL's result types (sum(integer) is bigint, sum(bigint) and
// avg(integer) are numeric, avg(double precision) is double precision, min/max keep the type).
// Thread safety: registration mutates the registry; the aggregates themselves are immutable.
#pragma once

namespace boyodb::functions {

class FunctionRegistry;

void RegisterBasicAggregates(FunctionRegistry& registry);

}  // namespace boyodb::functions
