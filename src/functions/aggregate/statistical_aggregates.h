// The variance family: variance / var_samp, var_pop, stddev / stddev_samp, stddev_pop, with
// PostgreSQL's result types: double precision for real and double precision input, numeric
// for integer and numeric input.
// Floating input follows PostgreSQL's algorithm (Youngs-Cramer), so the last digits agree with
// it. Integer and numeric input is summed exactly in 128 bits and divided exactly, rounded to
// the result's scale; NUMERIC here has a fixed scale (16, or twice the input's scale when that
// is more), where PostgreSQL's unconstrained numeric picks a scale per value.
// Thread safety: registration mutates the registry; the aggregates themselves are immutable.
#pragma once

namespace boyodb::functions {

class FunctionRegistry;

void RegisterStatisticalAggregates(FunctionRegistry& registry);

}  // namespace boyodb::functions
