// generate_series as a set-returning function of the select list, with PostgreSQL 15's
// overloads: (integer, integer [, integer]), (bigint, bigint [, bigint]), (numeric, numeric
// [, numeric]), (timestamp, timestamp, interval) and (timestamptz, timestamptz, interval). Each
// row's series is returned as one array, which the binder unnests (function_api.h); a NULL
// argument gives no rows. The series runs from start while it has not passed stop, in the
// direction of the step; integer series end before they would overflow. (generate_series in
// FROM is a separate operator, exec/operators/series.h.)
// One row's series is limited to kMaxSeriesLength values, and a batch's to what 32-bit list
// offsets hold (54000 beyond either), so that a typo cannot exhaust memory.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <algorithm>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/datetime/calendar.h"
#include "functions/datetime/time_zone.h"
#include "functions/decimal/decimal_math.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using columnar::ArrayPtr;
using types::DataType;
using types::Int128;
using types::IntervalValue;

constexpr int64_t kMaxSeriesLength = 100'000'000;

Status StepIsZero() {
  return InvalidValue(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
}

Status SeriesTooLong() {
  return InvalidValue(sqlstate::kProgramLimitExceeded,
                      "generate_series result size exceeds the maximum allowed (" +
                          std::to_string(kMaxSeriesLength) + " values)");
}

Status BatchTooLarge() {
  return InvalidValue(sqlstate::kProgramLimitExceeded,
                      "generate_series results exceed the maximum allowed in one batch (" +
                          std::to_string(std::numeric_limits<int32_t>::max()) + " values)");
}

// Collects the series of a batch: one list per row over one values builder.
template <typename T>
class SeriesOutput {
 public:
  explicit SeriesOutput(DataType element_type)
      : type_(DataType::List(element_type)), values_(std::move(element_type)) {}

  /// Reserves room for a series of `count` more values; 54000 when it is too long.
  Status Reserve(Int128 count) {
    if (count > kMaxSeriesLength) return SeriesTooLong();
    if (values_.length() + static_cast<int64_t>(count) > std::numeric_limits<int32_t>::max()) {
      return BatchTooLarge();
    }
    values_.Reserve(static_cast<int64_t>(count));
    return Status::OK();
  }
  /// Appends one value, checking the limits for series of unknown length.
  Status AppendChecked(const T& value) {
    if (values_.length() - offsets_.back() >= kMaxSeriesLength) return SeriesTooLong();
    if (values_.length() >= std::numeric_limits<int32_t>::max()) return BatchTooLarge();
    values_.Append(value);
    return Status::OK();
  }
  /// Requires: Reserve made room for it.
  void Append(const T& value) { values_.Append(value); }
  void EndRow(bool valid) {
    offsets_.push_back(static_cast<int32_t>(values_.length()));
    validity_.Append(valid);
  }
  ArrayPtr Finish() {
    const int64_t num_rows = static_cast<int64_t>(offsets_.size()) - 1;
    auto offsets = columnar::Buffer::CopyOf(std::string_view(
        reinterpret_cast<const char*>(offsets_.data()), offsets_.size() * sizeof(int32_t)));
    return std::make_shared<const columnar::Array>(
        type_, num_rows, std::vector<columnar::BufferPtr>{validity_.Finish(), std::move(offsets)},
        std::vector<ArrayPtr>{values_.Finish()});
  }

 private:
  DataType type_;
  columnar::FixedWidthBuilder<T> values_;
  std::vector<int32_t> offsets_{0};
  columnar::ValidityBuilder validity_;
};

// Runs `row(i, output)` for each row whose arguments are all valid; the others get NULL.
template <typename T, typename RowOp>
Result<ArrayPtr> ForEachRow(std::span<const ArrayPtr> args, int64_t num_rows, DataType element_type,
                            RowOp&& row) {
  columnar::BufferPtr validity = CombineValidity(args, num_rows);
  const uint8_t* valid = validity ? validity->data() : nullptr;
  SeriesOutput<T> output(std::move(element_type));
  for (int64_t i = 0; i < num_rows; ++i) {
    const bool row_valid = RowIsValid(valid, i);
    if (row_valid) BOYO_RETURN_IF_ERROR(row(i, output));
    output.EndRow(row_valid);
  }
  return output.Finish();
}

// generate_series(start, stop [, step]) of integers: the number of values is known up front.
template <typename T>
sql::ScalarKernel IntegerSeries(DataType element_type) {
  return [element_type](std::span<const ArrayPtr> args, int64_t num_rows,
                        const sql::EvalContext&) -> Result<ArrayPtr> {
    const ArgReader<T> starts(*args[0]);
    const ArgReader<T> stops(*args[1]);
    std::optional<ArgReader<T>> steps;
    if (args.size() > 2) steps.emplace(*args[2]);
    return ForEachRow<T>(args, num_rows, element_type, [&](int64_t i, SeriesOutput<T>& out) {
      const Int128 start = starts[i];
      const Int128 stop = stops[i];
      const Int128 step = steps ? Int128{(*steps)[i]} : Int128{1};
      if (step == 0) return StepIsZero();
      const bool empty = step > 0 ? start > stop : start < stop;
      const Int128 count = empty ? 0 : (stop - start) / step + 1;
      BOYO_RETURN_IF_ERROR(out.Reserve(count));
      for (Int128 k = 0; k < count; ++k) out.Append(static_cast<T>(start + k * step));
      return Status::OK();
    });
  };
}

// The result scale of generate_series on numerics: that of start and step (PostgreSQL shows
// the first value with start's own scale; BoyoDB's DECIMAL has one scale for all of them).
int NumericSeriesScale(std::span<const DataType> args) {
  return std::max<int>(args[0].scale(), args.size() > 2 ? args[2].scale() : 0);
}

Status NumericOverflow() { return NumericOutOfRange("value overflows numeric format"); }

// generate_series(start, stop [, step]) of numerics, in the result scale.
Result<ArrayPtr> NumericSeries(std::span<const ArrayPtr> args, int64_t num_rows,
                               const sql::EvalContext&) {
  std::vector<DataType> types;
  for (const ArrayPtr& arg : args) types.push_back(arg->type());
  const int scale = NumericSeriesScale(types);
  const int start_scale = types[0].scale();
  const int stop_scale = types[1].scale();
  const int step_scale = args.size() > 2 ? types[2].scale() : 0;
  const ArgReader<Int128> starts(*args[0]);
  const ArgReader<Int128> stops(*args[1]);
  std::optional<ArgReader<Int128>> steps;
  if (args.size() > 2) steps.emplace(*args[2]);
  return ForEachRow<Int128>(
      args, num_rows, DataType::Decimal(kMaxDecimalPrecision, scale),
      [&](int64_t i, SeriesOutput<Int128>& out) -> Status {
        Int128 start = 0;
        Int128 step = 0;
        if (!ScaleUp(starts[i], scale - start_scale, &start)) return NumericOverflow();
        if (!ScaleUp(steps ? (*steps)[i] : Int128{1}, scale - step_scale, &step)) {
          return NumericOverflow();
        }
        if (step == 0) return StepIsZero();
        // The last value the series may reach, in the result scale: stop rounded toward the
        // start, or a bound beyond every DECIMAL when stop does not fit that scale.
        Int128 stop = 0;
        if (stop_scale > scale) {
          stop = step > 0 ? ScaleDownFloor(stops[i], stop_scale - scale)
                          : ScaleDownCeil(stops[i], stop_scale - scale);
        } else if (!ScaleUp(stops[i], scale - stop_scale, &stop)) {
          stop = stops[i] > 0 ? Pow10(kMaxDecimalPrecision) : -Pow10(kMaxDecimalPrecision);
        }
        Int128 count = 0;
        if (step > 0 ? start <= stop : start >= stop) {
          Int128 distance = 0;
          if (__builtin_sub_overflow(stop, start, &distance)) return SeriesTooLong();
          count = distance / step + 1;
        }
        BOYO_RETURN_IF_ERROR(out.Reserve(count));
        for (Int128 k = 0; k < count; ++k) {
          const Int128 value = start + k * step;
          if (!FitsPrecision(value, kMaxDecimalPrecision)) return NumericOverflow();
          out.Append(value);
        }
        return Status::OK();
      });
}

// The sign of an interval as PostgreSQL orders intervals: months count 30 days, days 24 hours.
int IntervalSign(const IntervalValue& interval) {
  const Int128 nanos_per_day = Int128{types::kMicrosPerDay} * 1000;
  const Int128 total =
      (Int128{interval.months} * kDaysPerMonth + interval.days) * nanos_per_day + interval.nanos;
  return total > 0 ? 1 : (total < 0 ? -1 : 0);
}

// generate_series(start, stop, step) of TIMESTAMP (`zone` null) or TIMESTAMPTZ (months and
// days stepped in the session's time zone, as timestamptz + interval does). Each value is the
// previous one plus the step, so month steps clamp from the day reached (Jan 31, Feb 29, Mar
// 29, ...), as in PostgreSQL.
Result<ArrayPtr> TimestampSeries(std::span<const ArrayPtr> args, int64_t num_rows,
                                 const DataType& element_type, const TimeZone* zone) {
  const ArgReader<int64_t> starts(*args[0]);
  const ArgReader<int64_t> stops(*args[1]);
  const ArgReader<IntervalValue> steps(*args[2]);
  return ForEachRow<int64_t>(
      args, num_rows, element_type, [&](int64_t i, SeriesOutput<int64_t>& out) -> Status {
        const IntervalValue step = steps[i];
        const int sign = IntervalSign(step);
        if (sign == 0) return StepIsZero();
        const int64_t start = starts[i];
        const int64_t stop = stops[i];
        if (step.months == 0 && step.days == 0) {
          // Steps of plain time are uniform: count the values up front.
          const int64_t micros = IntervalMicros(step);
          const bool empty = sign > 0 ? start > stop : start < stop;
          // A step below a microsecond never moves a timestamp.
          if (!empty && micros == 0) return SeriesTooLong();
          const Int128 count = empty ? 0 : (Int128{stop} - start) / micros + 1;
          BOYO_RETURN_IF_ERROR(out.Reserve(count));
          for (Int128 k = 0; k < count; ++k) out.Append(static_cast<int64_t>(start + k * micros));
          return Status::OK();
        }
        const IntervalValue calendar_part{step.months, step.days, 0};
        const IntervalValue clock_part{0, 0, step.nanos};
        for (int64_t current = start; sign > 0 ? current <= stop : current >= stop;) {
          BOYO_RETURN_IF_ERROR(out.AppendChecked(current));
          if (zone == nullptr) {
            BOYO_ASSIGN_OR_RETURN(current, AddIntervalToTimestamp(current, step));
          } else {
            BOYO_ASSIGN_OR_RETURN(
                const int64_t local,
                AddIntervalToTimestamp(zone->ToLocalMicros(current), calendar_part));
            BOYO_ASSIGN_OR_RETURN(current,
                                  AddIntervalToTimestamp(zone->ToUtcMicros(local), clock_part));
          }
        }
        return Status::OK();
      });
}

sql::ScalarOverload SeriesOverload(std::vector<DataType> parameters, const DataType& element_type,
                                   sql::ScalarKernel kernel,
                                   sql::Volatility volatility = sql::Volatility::kImmutable) {
  sql::ScalarOverload overload =
      Overload(std::move(parameters), DataType::List(element_type), std::move(kernel), volatility);
  overload.returns_set = true;
  return overload;
}

}  // namespace

void RegisterSeriesFunctions(FunctionRegistry& registry) {
  const DataType int32 = DataType::Int32();
  const DataType int64 = DataType::Int64();
  const DataType timestamp = DataType::Timestamp();
  const DataType timestamptz = DataType::TimestampTz();
  const DataType interval = DataType::Interval();

  sql::ScalarOverload numeric2 =
      SeriesOverload({AnyDecimal(), AnyDecimal()}, AnyDecimal(), NumericSeries);
  sql::ScalarOverload numeric3 =
      SeriesOverload({AnyDecimal(), AnyDecimal(), AnyDecimal()}, AnyDecimal(), NumericSeries);
  for (sql::ScalarOverload* overload : {&numeric2, &numeric3}) {
    overload->result_rule = [](std::span<const DataType> args) -> Result<DataType> {
      return DataType::List(DataType::Decimal(kMaxDecimalPrecision, NumericSeriesScale(args)));
    };
  }

  const sql::ScalarKernel timestamp_kernel =
      [timestamp](std::span<const ArrayPtr> args, int64_t num_rows, const sql::EvalContext&) {
        return TimestampSeries(args, num_rows, timestamp, nullptr);
      };
  const sql::ScalarKernel timestamptz_kernel =
      [timestamptz](std::span<const ArrayPtr> args, int64_t num_rows,
                    const sql::EvalContext& context) -> Result<ArrayPtr> {
    BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(context.time_zone));
    return TimestampSeries(args, num_rows, timestamptz, &zone);
  };

  registry.AddScalar(
      {"generate_series",
       {SeriesOverload({int32, int32}, int32, IntegerSeries<int32_t>(int32)),
        SeriesOverload({int32, int32, int32}, int32, IntegerSeries<int32_t>(int32)),
        SeriesOverload({int64, int64}, int64, IntegerSeries<int64_t>(int64)),
        SeriesOverload({int64, int64, int64}, int64, IntegerSeries<int64_t>(int64)),
        std::move(numeric2), std::move(numeric3),
        SeriesOverload({timestamp, timestamp, interval}, timestamp, timestamp_kernel),
        SeriesOverload({timestamptz, timestamptz, interval}, timestamptz, timestamptz_kernel,
                       sql::Volatility::kStable)}});
}

}  // namespace boyodb::functions
