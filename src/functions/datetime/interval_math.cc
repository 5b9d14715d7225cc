// INTERVAL arithmetic that more than one family needs: the operators + - * / and the
// aggregates sum and avg (interval_aggregates.cc) share these, so that avg(interval) is
// exactly PostgreSQL's sum / count.
// Thread safety: pure functions; reentrant.
#include "functions/datetime/interval_math.h"

#include <cmath>

#include "functions/datetime/calendar.h"
#include "functions/function_errors.h"

namespace boyodb::functions {
namespace {

using types::IntervalValue;

constexpr double kSecondsPerDay = 86400.0;

// PostgreSQL's TSROUND: rounds to microsecond precision to hide float noise.
double RoundToMicros(double value) { return std::rint(value * 1e6) / 1e6; }

bool FitsInt32(double value) {
  return !std::isnan(value) && value >= -2147483648.0 && value < 2147483648.0;
}
bool FitsInt64(double value) {
  return !std::isnan(value) && value >= -9223372036854775808.0 && value < 9223372036854775808.0;
}

}  // namespace

Status AddIntervals(IntervalValue a, IntervalValue b, IntervalValue* out) {
  int64_t micros = 0;
  if (__builtin_add_overflow(IntervalMicros(a), IntervalMicros(b), &micros)) {
    return IntervalOutOfRange();
  }
  BOYO_ASSIGN_OR_RETURN(
      *out, MakeIntervalValue(int64_t{a.months} + b.months, int64_t{a.days} + b.days, micros));
  return Status::OK();
}

Status NegateInterval(IntervalValue a, IntervalValue* out) {
  BOYO_ASSIGN_OR_RETURN(
      *out, MakeIntervalValue(-int64_t{a.months}, -int64_t{a.days}, -IntervalMicros(a)));
  return Status::OK();
}

Status ScaleInterval(IntervalValue span, double factor, bool divide, IntervalValue* out) {
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

}  // namespace boyodb::functions
