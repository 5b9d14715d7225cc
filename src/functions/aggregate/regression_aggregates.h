// The two-variable statistics of PostgreSQL over (Y, X) pairs of double precision: corr,
// covar_pop, covar_samp and the regr_* family (count, avgx, avgy, sxx, syy, sxy, slope,
// intercept, r2). A pair with a NULL in it is skipped. The state is PostgreSQL's (count, sums,
// and sums of squared and crossed deviations, updated by Youngs-Cramer and merged by Chan's
// formula), so the answers agree with PostgreSQL's to the last digit.
// Thread safety: registration mutates the registry; the aggregates themselves are immutable.
#pragma once

namespace boyodb::functions {

class FunctionRegistry;

void RegisterRegressionAggregates(FunctionRegistry& registry);

}  // namespace boyodb::functions
