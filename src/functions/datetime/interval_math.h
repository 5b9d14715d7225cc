// Field-wise INTERVAL arithmetic with PostgreSQL's rules and errors (22008 "interval out of
// range"), shared by the interval operators and the interval aggregates.
// Thread safety: pure functions; reentrant.
#pragma once

#include "common/status.h"
#include "types/datetime.h"

namespace boyodb::functions {

/// a + b: months, days and time added separately, as PostgreSQL's interval_pl does.
Status AddIntervals(types::IntervalValue a, types::IntervalValue b, types::IntervalValue* out);

/// -a, field by field.
Status NegateInterval(types::IntervalValue a, types::IntervalValue* out);

/// span * factor, or span / factor when `divide` (22012 for a zero divisor): fractions of
/// months spill into days (30 to a month) and fractions of days into time, as PostgreSQL's
/// interval_mul and interval_div do.
Status ScaleInterval(types::IntervalValue span, double factor, bool divide,
                     types::IntervalValue* out);

}  // namespace boyodb::functions
