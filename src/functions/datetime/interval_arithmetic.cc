// INTERVAL arithmetic: + and - field by field, unary minus, multiplication and division by a
// number (fractions of months and days spill into days and time, as PostgreSQL's interval_mul
// and interval_div do), and justify_days / justify_hours / justify_interval.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <cmath>

#include "functions/builtin_families_internal.h"
#include "functions/datetime/calendar.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::IntervalValue;
using types::kMicrosPerDay;

constexpr double kSecondsPerDay = 86400.0;

// PostgreSQL's TSROUND: rounds to microsecond precision to hide float noise.
double RoundToMicros(double value) { return std::rint(value * 1e6) / 1e6; }

bool FitsInt32(double value) {
  return !std::isnan(value) && value >= -2147483648.0 && value < 2147483648.0;
}
bool FitsInt64(double value) {
  return !std::isnan(value) && value >= -9223372036854775808.0 && value < 9223372036854775808.0;
}

Status Add(IntervalValue a, IntervalValue b, IntervalValue* out) {
  int64_t micros = 0;
  if (__builtin_add_overflow(IntervalMicros(a), IntervalMicros(b), &micros)) {
    return IntervalOutOfRange();
  }
  BOYO_ASSIGN_OR_RETURN(
      *out, MakeIntervalValue(int64_t{a.months} + b.months, int64_t{a.days} + b.days, micros));
  return Status::OK();
}

Status Negate(IntervalValue a, IntervalValue* out) {
  BOYO_ASSIGN_OR_RETURN(
      *out, MakeIntervalValue(-int64_t{a.months}, -int64_t{a.days}, -IntervalMicros(a)));
  return Status::OK();
}

// interval * factor (divide = false) or interval / factor (divide = true).
Status Scale(IntervalValue span, double factor, bool divide, IntervalValue* out) {
  if (divide && factor == 0.0) return DivisionByZero();
  const auto apply = [&](double value) { return divide ? value / factor : value * factor; };
  const double months = apply(span.months);
  const double days = apply(span.days);
  if (!FitsInt32(months) || !FitsInt32(days)) return IntervalOutOfRange();
  int64_t result_months = static_cast<int32_t>(months);
  int64_t result_days = static_cast<int32_t>(days);
  double month_remainder_days =
      RoundToMicros((months - static_cast<double>(result_months)) * kDaysPerMonth);
  double second_remainder =
      RoundToMicros((days - static_cast<double>(result_days) + month_remainder_days -
                     static_cast<int>(month_remainder_days)) *
                    kSecondsPerDay);
  if (std::fabs(second_remainder) >= kSecondsPerDay) {
    const int whole_days = static_cast<int>(second_remainder / kSecondsPerDay);
    result_days += whole_days;
    second_remainder -= whole_days * kSecondsPerDay;
  }
  result_days += static_cast<int>(month_remainder_days);
  const double micros =
      std::rint(apply(static_cast<double>(IntervalMicros(span))) + second_remainder * 1e6);
  if (!FitsInt64(micros)) return IntervalOutOfRange();
  BOYO_ASSIGN_OR_RETURN(
      *out, MakeIntervalValue(result_months, result_days, static_cast<int64_t>(micros)));
  return Status::OK();
}

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
                 RowKernel<IntervalValue, IntervalValue, IntervalValue>(interval, Add))}});
  registry.AddScalar(
      {"-",
       {Overload({interval, interval}, interval,
                 RowKernel<IntervalValue, IntervalValue, IntervalValue>(
                     interval,
                     [](IntervalValue a, IntervalValue b, IntervalValue* out) -> Status {
                       IntervalValue negated;
                       BOYO_RETURN_IF_ERROR(Negate(b, &negated));
                       return Add(a, negated, out);
                     })),
        Overload({interval}, interval,
                 RowKernel<IntervalValue, IntervalValue>(interval, Negate))}});
  registry.AddScalar(
      {"*",
       {Overload({interval, float8}, interval,
                 RowKernel<IntervalValue, IntervalValue, double>(
                     interval, [](IntervalValue span, double factor,
                                  IntervalValue* out) { return Scale(span, factor, false, out); })),
        Overload({float8, interval}, interval,
                 RowKernel<IntervalValue, double, IntervalValue>(
                     interval, [](double factor, IntervalValue span, IntervalValue* out) {
                       return Scale(span, factor, false, out);
                     }))}});
  registry.AddScalar(
      {"/",
       {Overload({interval, float8}, interval,
                 RowKernel<IntervalValue, IntervalValue, double>(
                     interval, [](IntervalValue span, double factor, IntervalValue* out) {
                       return Scale(span, factor, true, out);
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
