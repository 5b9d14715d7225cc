// abs, ceil/ceiling, floor, round, trunc and sign, with PostgreSQL's overloads: abs for every
// integer width (abs of the minimum overflows), REAL, DOUBLE PRECISION and numeric; the others
// for DOUBLE PRECISION and numeric. round(double) rounds half to even (rint); numeric rounds
// half away from zero. round/trunc(numeric, n) with a constant n have n decimals (none when n is
// negative), as PostgreSQL shows them: round(1.2345, 2) is 1.23. With n from a column they keep
// the argument's scale (a column type cannot take its scale from each row, as PostgreSQL's
// display scale does), so such a round(1.2345, n) with n = 2 is 1.2300.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <algorithm>
#include <cmath>
#include <limits>

#include "functions/builtin_families_internal.h"
#include "functions/decimal/decimal_math.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

Status NumericOverflow() { return NumericOutOfRange("value overflows numeric format"); }

template <typename T>
sql::ScalarOverload IntegerAbs(const DataType& type) {
  return Overload({type}, type, RowKernel<T, T>(type, [id = type.id()](T value, T* out) {
                    if (value == std::numeric_limits<T>::min()) return IntegerOutOfRange(id);
                    *out = value < 0 ? static_cast<T>(-value) : value;
                    return Status::OK();
                  }));
}

template <typename T>
sql::ScalarOverload FloatUnary(const DataType& type, T (*op)(T)) {
  return Overload({type}, type, UnaryKernel<T, T>(type, op));
}

DataType DecimalType(int precision, int scale) {
  scale = std::clamp(scale, 0, kMaxDecimalPrecision);
  precision = std::clamp(precision, std::max(scale, 1), kMaxDecimalPrecision);
  return DataType::Decimal(static_cast<uint8_t>(precision), static_cast<uint8_t>(scale));
}

using DecimalTypeRule = DataType (*)(const DataType&);
// op(value, input type, result type, out).
using DecimalOp = Status (*)(Int128, const DataType&, const DataType&, Int128*);

sql::ScalarOverload DecimalUnary(DecimalTypeRule rule, DecimalOp op) {
  sql::ScalarOverload overload;
  overload.parameters = {AnyDecimal()};
  overload.result = DataType::Decimal(38, 0);
  overload.result_rule = [rule](std::span<const DataType> args) -> Result<DataType> {
    return rule(args[0]);
  };
  overload.kernel = [rule, op](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                               const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    const DataType& in = args[0]->type();
    const DataType out_type = rule(in);
    return MapRows<Int128, Int128>(args, num_rows, out_type, [&](Int128 value, Int128* out) {
      return op(value, in, out_type, out);
    });
  };
  return overload;
}

// round(numeric, int) and trunc(numeric, int): digits kept after the point (may be negative).
sql::ScalarOverload DecimalWithDigits(DecimalTypeRule rule, bool round) {
  sql::ScalarOverload overload;
  overload.parameters = {AnyDecimal(), DataType::Int32()};
  overload.result = DataType::Decimal(38, 0);
  overload.result_rule = [rule](std::span<const DataType> args) -> Result<DataType> {
    return rule(args[0]);
  };
  overload.shown_type_rule =
      [](const DataType& result,
         std::span<const types::Value* const> constants) -> std::optional<DataType> {
    const types::Value* digits = constants[1];
    if (digits == nullptr || digits->is_null()) return std::nullopt;
    const int scale =
        static_cast<int>(std::clamp<int64_t>(digits->int64(), 0, kMaxDecimalPrecision));
    return DecimalType(result.precision() - result.scale() + scale, scale);
  };
  overload.kernel = [rule, round](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                  const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    const DataType& in = args[0]->type();
    const DataType out_type = rule(in);
    const int scale = in.scale();
    return MapRows<Int128, Int128, int32_t>(
        args, num_rows, out_type, [&](Int128 value, int32_t digits, Int128* out) -> Status {
          if (digits >= scale) {
            *out = value;
          } else {
            const int64_t drop = static_cast<int64_t>(scale) - digits;
            if (drop > kMaxDecimalPrecision) {
              *out = 0;
            } else {
              const int d = static_cast<int>(drop);
              const Int128 kept = round ? ScaleDownRounded(value, d) : ScaleDownTruncated(value, d);
              if (!ScaleUp(kept, d, out)) return NumericOverflow();
            }
          }
          if (!FitsPrecision(*out, out_type.precision())) return NumericOverflow();
          return Status::OK();
        });
  };
  return overload;
}

DataType SameType(const DataType& in) { return in; }
DataType OneMoreDigit(const DataType& in) { return DecimalType(in.precision() + 1, in.scale()); }
DataType IntegerPartPlusOne(const DataType& in) {
  return DecimalType(in.precision() - in.scale() + 1, 0);
}
DataType IntegerPart(const DataType& in) { return DecimalType(in.precision() - in.scale(), 0); }
DataType SignType(const DataType&) { return DataType::Decimal(1, 0); }

template <Int128 (*kScaleDown)(Int128, int)>
Status ToInteger(Int128 value, const DataType& in, const DataType& out_type, Int128* out) {
  *out = kScaleDown(value, in.scale());
  if (!FitsPrecision(*out, out_type.precision())) return NumericOverflow();
  return Status::OK();
}

Status DecimalAbs(Int128 value, const DataType&, const DataType&, Int128* out) {
  *out = value < 0 ? -value : value;
  return Status::OK();
}

Status DecimalSign(Int128 value, const DataType&, const DataType&, Int128* out) {
  *out = value < 0 ? -1 : (value > 0 ? 1 : 0);
  return Status::OK();
}

double FloatSign(double value) {
  if (std::isnan(value)) return value;
  return value > 0 ? 1.0 : (value < 0 ? -1.0 : 0.0);
}

}  // namespace

void RegisterRoundingFunctions(FunctionRegistry& registry) {
  const DataType float64 = DataType::Float64();
  registry.AddScalar(
      {"abs",
       {IntegerAbs<int16_t>(DataType::Int16()), IntegerAbs<int32_t>(DataType::Int32()),
        IntegerAbs<int64_t>(DataType::Int64()),
        FloatUnary<float>(DataType::Float32(), [](float v) { return std::fabs(v); }),
        FloatUnary<double>(float64, [](double v) { return std::fabs(v); }),
        DecimalUnary(SameType, DecimalAbs)}});
  for (const char* name : {"ceil", "ceiling"}) {
    registry.AddScalar({name,
                        {FloatUnary<double>(float64, [](double v) { return std::ceil(v); }),
                         DecimalUnary(IntegerPartPlusOne, ToInteger<ScaleDownCeil>)}});
  }
  registry.AddScalar({"floor",
                      {FloatUnary<double>(float64, [](double v) { return std::floor(v); }),
                       DecimalUnary(IntegerPartPlusOne, ToInteger<ScaleDownFloor>)}});
  registry.AddScalar({"round",
                      {FloatUnary<double>(float64, [](double v) { return std::nearbyint(v); }),
                       DecimalUnary(IntegerPartPlusOne, ToInteger<ScaleDownRounded>),
                       DecimalWithDigits(OneMoreDigit, true)}});
  registry.AddScalar({"trunc",
                      {FloatUnary<double>(float64, [](double v) { return std::trunc(v); }),
                       DecimalUnary(IntegerPart, ToInteger<ScaleDownTruncated>),
                       DecimalWithDigits(SameType, false)}});
  registry.AddScalar(
      {"sign", {FloatUnary<double>(float64, FloatSign), DecimalUnary(SignType, DecimalSign)}});
}

}  // namespace boyodb::functions
