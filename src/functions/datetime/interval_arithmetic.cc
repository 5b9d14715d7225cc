// INTERVAL arithmetic: + and - field by field, unary minus, multiplication and division by a
// number (fractions of months and days spill into days and time, as PostgreSQL's interval_mul
// and interval_div do), and justify_days / justify_hours / justify_interval.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <cmath>

#include "functions/builtin_families_internal.h"
#include "functions/datetime/calendar.h"
#include "functions/datetime/interval_math.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::IntervalValue;
using types::kMicrosPerDay;

// Gives `*low` the sign of `*high` by borrowing one `unit` (PostgreSQL's justify steps, so
// "1 mon -1 day" becomes "29 days").
void BorrowSign(int64_t* high, int64_t* low, int64_t unit) {
  if (*high > 0 && *low < 0) {
    *low += unit;
    --*high;
  } else if (*high < 0 && *low > 0) {
    *low -= unit;
    ++*high;
  }
}

// Moves whole 30-day blocks of `*days` into `*months`.
void DaysToMonths(int64_t* months, int64_t* days) {
  *months += *days / kDaysPerMonth;
  *days %= kDaysPerMonth;
}

Status JustifyDaysOp(IntervalValue span, IntervalValue* out) {
  int64_t days = span.days, months = span.months;
  DaysToMonths(&months, &days);
  BorrowSign(&months, &days, kDaysPerMonth);
  BOYO_ASSIGN_OR_RETURN(*out, MakeIntervalValue(months, days, IntervalMicros(span)));
  return Status::OK();
}

Status JustifyHoursOp(IntervalValue span, IntervalValue* out) {
  int64_t micros = IntervalMicros(span);
  int64_t days = span.days + micros / kMicrosPerDay;
  micros %= kMicrosPerDay;
  BorrowSign(&days, &micros, kMicrosPerDay);
  BOYO_ASSIGN_OR_RETURN(*out, MakeIntervalValue(span.months, days, micros));
  return Status::OK();
}

Status JustifyIntervalOp(IntervalValue span, IntervalValue* out) {
  int64_t micros = IntervalMicros(span);
  int64_t days = span.days + micros / kMicrosPerDay;
  micros %= kMicrosPerDay;
  int64_t months = span.months;
  DaysToMonths(&months, &days);
  if (months > 0 && (days < 0 || (days == 0 && micros < 0))) {
    days += kDaysPerMonth;
    --months;
  } else if (months < 0 && (days > 0 || (days == 0 && micros > 0))) {
    days -= kDaysPerMonth;
    ++months;
  }
  BorrowSign(&days, &micros, kMicrosPerDay);
  BOYO_ASSIGN_OR_RETURN(*out, MakeIntervalValue(months, days, micros));
  return Status::OK();
}

}  // namespace

void RegisterIntervalArithmetic(FunctionRegistry& registry) {
  const DataType interval = DataType::Interval(), float8 = DataType::Float64();
  registry.AddScalar(
      {"+",
       {Overload({interval, interval}, interval,
                 RowKernel<IntervalValue, IntervalValue, IntervalValue>(interval, AddIntervals))}});
  registry.AddScalar(
      {"-",
       {Overload({interval, interval}, interval,
                 RowKernel<IntervalValue, IntervalValue, IntervalValue>(
                     interval,
                     [](IntervalValue a, IntervalValue b, IntervalValue* out) -> Status {
                       IntervalValue negated;
                       BOYO_RETURN_IF_ERROR(NegateInterval(b, &negated));
                       return AddIntervals(a, negated, out);
                     })),
        Overload({interval}, interval,
                 RowKernel<IntervalValue, IntervalValue>(interval, NegateInterval))}});
  registry.AddScalar(
      {"*",
       {Overload({interval, float8}, interval,
                 RowKernel<IntervalValue, IntervalValue, double>(
                     interval,
                     [](IntervalValue span, double factor, IntervalValue* out) {
                       return ScaleInterval(span, factor, false, out);
                     })),
        Overload({float8, interval}, interval,
                 RowKernel<IntervalValue, double, IntervalValue>(
                     interval, [](double factor, IntervalValue span, IntervalValue* out) {
                       return ScaleInterval(span, factor, false, out);
                     }))}});
  registry.AddScalar(
      {"/",
       {Overload({interval, float8}, interval,
                 RowKernel<IntervalValue, IntervalValue, double>(
                     interval, [](IntervalValue span, double factor, IntervalValue* out) {
                       return ScaleInterval(span, factor, true, out);
                     }))}});
  registry.AddScalar(
      {"justify_days",
       {Overload({interval}, interval,
                 RowKernel<IntervalValue, IntervalValue>(interval, JustifyDaysOp))}});
  registry.AddScalar(
      {"justify_hours",
       {Overload({interval}, interval,
                 RowKernel<IntervalValue, IntervalValue>(interval, JustifyHoursOp))}});
  registry.AddScalar(
      {"justify_interval",
       {Overload({interval}, interval,
                 RowKernel<IntervalValue, IntervalValue>(interval, JustifyIntervalOp))}});
}

}  // namespace boyodb::functions
