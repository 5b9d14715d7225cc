// width_bucket (double precision and numeric), factorial(bigint) as numeric, num_nulls and
// num_nonnulls over any number of arguments, with PostgreSQL 15's errors (2201G for bad
// width_bucket bounds and counts, 22003 for overflow and negative factorials).
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <cmath>
#include <limits>

#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::Int128;

constexpr std::string_view kWidthBucketError = "2201G";
constexpr int kMaxDigits = 38;

Int128 Pow10(int exponent) {
  Int128 value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

// The checks both width_bucket overloads share, in PostgreSQL's order.
Status CheckBucketArguments(int32_t count, bool bounds_equal) {
  if (count <= 0) return InvalidValue(kWidthBucketError, "count must be greater than zero");
  if (bounds_equal) return InvalidValue(kWidthBucketError, "lower bound cannot equal upper bound");
  return Status::OK();
}

Status OverflowBucket(int32_t count, int32_t* out) {
  if (count == std::numeric_limits<int32_t>::max()) {
    return IntegerOutOfRange(types::TypeId::kInt32);
  }
  *out = count + 1;
  return Status::OK();
}

Status WidthBucketFloat(double operand, double bound1, double bound2, int32_t count, int32_t* out) {
  if (count <= 0) return InvalidValue(kWidthBucketError, "count must be greater than zero");
  if (std::isnan(operand) || std::isnan(bound1) || std::isnan(bound2)) {
    return InvalidValue(kWidthBucketError, "operand, lower bound, and upper bound cannot be NaN");
  }
  if (std::isinf(bound1) || std::isinf(bound2)) {
    return InvalidValue(kWidthBucketError, "lower and upper bounds must be finite");
  }
  BOYO_RETURN_IF_ERROR(CheckBucketArguments(count, bound1 == bound2));
  if (bound1 < bound2) {
    if (operand < bound1) {
      *out = 0;
    } else if (operand >= bound2) {
      return OverflowBucket(count, out);
    } else {
      *out = static_cast<int32_t>(count * ((operand - bound1) / (bound2 - bound1))) + 1;
    }
  } else if (operand > bound1) {
    *out = 0;
  } else if (operand <= bound2) {
    return OverflowBucket(count, out);
  } else {
    *out = static_cast<int32_t>(count * ((bound1 - operand) / (bound1 - bound2))) + 1;
  }
  // Rounding may put an operand just below the upper bound into bucket count + 1.
  if (*out > count) *out = count;
  return Status::OK();
}

// width_bucket(numeric, numeric, numeric, int): exact, on the unscaled values brought to one
// scale.
sql::ScalarKernel WidthBucketDecimal() {
  return [](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
            const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    int scales[3];
    int scale = 0;
    for (int a = 0; a < 3; ++a) {
      scales[a] = args[a]->type().scale();
      scale = std::max(scale, scales[a]);
    }
    Int128 factors[3];
    for (int a = 0; a < 3; ++a) factors[a] = Pow10(scale - scales[a]);
    return MapRows<int32_t, Int128, Int128, Int128, int32_t>(
        args, num_rows, DataType::Int32(),
        [&](Int128 operand, Int128 bound1, Int128 bound2, int32_t count, int32_t* out) -> Status {
          Int128 values[3] = {operand, bound1, bound2};
          for (int a = 0; a < 3; ++a) {
            if (__builtin_mul_overflow(values[a], factors[a], &values[a])) {
              return NumericOutOfRange("numeric field overflow");
            }
          }
          const Int128 x = values[0];
          const Int128 low = values[1];
          const Int128 high = values[2];
          BOYO_RETURN_IF_ERROR(CheckBucketArguments(count, low == high));
          const bool ascending = low < high;
          if (ascending ? x < low : x > low) {
            *out = 0;
            return Status::OK();
          }
          if (ascending ? x >= high : x <= high) return OverflowBucket(count, out);
          const Int128 offset = ascending ? x - low : low - x;
          const Int128 width = ascending ? high - low : low - high;
          Int128 scaled;
          if (__builtin_mul_overflow(offset, Int128{count}, &scaled)) {
            // Too wide for 128 bits: divide first, in long double.
            *out = static_cast<int32_t>(static_cast<long double>(offset) /
                                        static_cast<long double>(width) * count) +
                   1;
          } else {
            *out = static_cast<int32_t>(scaled / width) + 1;
          }
          return Status::OK();
        });
  };
}

Status Factorial(int64_t n, Int128* out) {
  if (n < 0) {
    return NumericOutOfRange("factorial of a negative number is undefined");
  }
  const Int128 limit = Pow10(kMaxDigits);
  Int128 value = 1;
  for (int64_t i = 2; i <= n; ++i) {
    if (__builtin_mul_overflow(value, Int128{i}, &value) || value >= limit) {
      // NUMERIC holds 38 digits here, so 34! and beyond do not fit.
      return NumericOutOfRange("value overflows numeric format");
    }
  }
  *out = value;
  return Status::OK();
}

// num_nulls / num_nonnulls: never NULL themselves.
sql::ScalarKernel CountNulls(bool nulls) {
  return [nulls](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                 const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    FixedOutput<int32_t> out(num_rows);
    int32_t* values = out.data();
    for (int64_t i = 0; i < num_rows; ++i) {
      int32_t count = 0;
      for (const columnar::ArrayPtr& arg : args) count += arg->IsNull(i) ? 1 : 0;
      values[i] = nulls ? count : static_cast<int32_t>(args.size()) - count;
    }
    return out.Finish(DataType::Int32(), nullptr);
  };
}

}  // namespace

void RegisterMiscMathFunctions(FunctionRegistry& registry) {
  const DataType float64 = DataType::Float64();
  const DataType int32 = DataType::Int32();
  registry.AddScalar(
      {"width_bucket",
       {Overload({float64, float64, float64, int32}, int32,
                 RowKernel<int32_t, double, double, double, int32_t>(int32, WidthBucketFloat)),
        Overload({AnyDecimal(), AnyDecimal(), AnyDecimal(), int32}, int32, WidthBucketDecimal())}});
  registry.AddScalar(
      {"factorial",
       {Overload({DataType::Int64()}, DataType::Decimal(kMaxDigits, 0),
                 RowKernel<Int128, int64_t>(DataType::Decimal(kMaxDigits, 0), Factorial))}});
  // VARIADIC "any": the one parameter of any type repeats.
  for (const bool nulls : {true, false}) {
    sql::ScalarOverload overload = Overload({DataType::Null()}, int32, CountNulls(nulls));
    overload.variadic = true;
    registry.AddScalar({nulls ? "num_nulls" : "num_nonnulls", {overload}});
  }
}

}  // namespace boyodb::functions
