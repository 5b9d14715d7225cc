// sqrt, cbrt, power/pow (and the ^ operator), exp, ln, log, log10, log(base, x), pi, degrees,
// radians, the trigonometric functions and random(), on DOUBLE PRECISION as PostgreSQL's float8
// versions behave, errors included: 2201F for sqrt of a negative number and the undefined powers,
// 2201E for the logarithm of zero or a negative number, 22003 for overflow, underflow and trig
// arguments out of range. log(numeric, numeric) returns numeric with 16 decimal places.
// numeric arguments of the other functions reach the float8 versions through the binder's cast.
// Thread safety: registration mutates the registry; the kernels are reentrant (random() keeps
// one generator per thread).
#include <cmath>
#include <numbers>
#include <random>

#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/decimal/decimal_math.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

// PostgreSQL's RADIANS_PER_DEGREE, so degrees(pi()) is exactly 180.
constexpr double kRadiansPerDegree = 0.0174532925199432957692;

Status Overflow() { return NumericOutOfRange("value out of range: overflow"); }
Status Underflow() { return NumericOutOfRange("value out of range: underflow"); }
Status InputOutOfRange() { return NumericOutOfRange("input is out of range"); }
Status PowerError(const char* message) {
  return InvalidValue(sqlstate::kInvalidArgumentForPowerFunction, message);
}
Status LogarithmError(double value) {
  return InvalidValue(
      sqlstate::kInvalidArgumentForLogarithm,
      value == 0 ? "cannot take logarithm of zero" : "cannot take logarithm of a negative number");
}

using Checked = Status (*)(double, double*);

sql::ScalarOverload FloatFunction(Checked op) {
  const DataType float64 = DataType::Float64();
  return Overload({float64}, float64, RowKernel<double, double>(float64, op));
}

Status Sqrt(double value, double* out) {
  if (value < 0) {
    return PowerError("cannot take square root of a negative number");
  }
  *out = std::sqrt(value);
  return Status::OK();
}

Status Cbrt(double value, double* out) {
  *out = std::cbrt(value);
  return Status::OK();
}

Status Exp(double value, double* out) {
  if (std::isnan(value)) {
    *out = value;
  } else if (std::isinf(value)) {
    *out = value > 0 ? value : 0.0;
  } else {
    *out = std::exp(value);
    if (std::isinf(*out)) return Overflow();
    if (*out == 0.0) return Underflow();
  }
  return Status::OK();
}

template <double (*kLog)(double)>
Status Logarithm(double value, double* out) {
  if (value <= 0) return LogarithmError(value);
  *out = kLog(value);
  return Status::OK();
}

double NaturalLog(double value) { return std::log(value); }
double Log10(double value) { return std::log10(value); }

Status Power(double base, double exponent, double* out) {
  // PostgreSQL's dpow: NaN ^ 0 = 1 and 1 ^ NaN = 1, other NaN inputs give NaN.
  if (std::isnan(base)) {
    *out = std::isnan(exponent) || exponent != 0 ? base : 1.0;
    return Status::OK();
  }
  if (std::isnan(exponent)) {
    *out = base != 1.0 ? exponent : 1.0;
    return Status::OK();
  }
  if (base == 0 && exponent < 0) return PowerError("zero raised to a negative power is undefined");
  if (base < 0 && std::floor(exponent) != exponent) {
    return PowerError("a negative number raised to a non-integer power yields a complex result");
  }
  // pow() follows POSIX for infinities, as PostgreSQL spells out by hand.
  *out = std::pow(base, exponent);
  if (!std::isinf(base) && !std::isinf(exponent)) {
    if (std::isinf(*out)) return Overflow();
    if (*out == 0.0 && base != 0.0) return Underflow();
  }
  return Status::OK();
}

template <double (*kOp)(double)>
Status Trigonometric(double value, double* out) {
  if (std::isnan(value)) {
    *out = value;
    return Status::OK();
  }
  if (std::isinf(value)) return InputOutOfRange();
  *out = kOp(value);
  return Status::OK();
}

template <double (*kOp)(double)>
Status InverseTrigonometric(double value, double* out) {
  if (std::isnan(value)) {
    *out = value;
    return Status::OK();
  }
  if (value < -1.0 || value > 1.0) return InputOutOfRange();
  *out = kOp(value);
  return Status::OK();
}

double Sin(double value) { return std::sin(value); }
double Cos(double value) { return std::cos(value); }
double Tan(double value) { return std::tan(value); }
double Asin(double value) { return std::asin(value); }
double Acos(double value) { return std::acos(value); }

Status Atan(double value, double* out) {
  *out = std::atan(value);
  return Status::OK();
}

Status Degrees(double value, double* out) {
  *out = value / kRadiansPerDegree;
  if (std::isinf(*out) && !std::isinf(value)) return Overflow();
  return Status::OK();
}

Status Radians(double value, double* out) {
  *out = value * kRadiansPerDegree;
  if (*out == 0.0 && value != 0.0) return Underflow();
  return Status::OK();
}

constexpr int kLogScale = 16;

// log(base, x) on numerics, computed in long double and rounded to 16 decimal places.
sql::ScalarOverload NumericLog() {
  const DataType result = DataType::Decimal(kMaxDecimalPrecision, kLogScale);
  sql::ScalarOverload overload = Overload({AnyDecimal(), AnyDecimal()}, result, nullptr);
  overload.kernel = [result](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                             const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    const int base_scale = args[0]->type().scale();
    const int value_scale = args[1]->type().scale();
    return MapRows<Int128, Int128, Int128>(
        args, num_rows, result, [&](Int128 base, Int128 value, Int128* out) -> Status {
          if (base <= 0) return LogarithmError(base == 0 ? 0.0 : -1.0);
          if (value <= 0) return LogarithmError(value == 0 ? 0.0 : -1.0);
          if (base == Pow10(base_scale)) return DivisionByZero();  // log base 1
          const long double base_log =
              std::log(static_cast<long double>(DecimalToDouble(base, base_scale)));
          const long double quotient =
              std::log(static_cast<long double>(DecimalToDouble(value, value_scale))) / base_log;
          const long double scaled = std::round(quotient * 1e16L);
          if (std::fabs(scaled) >= 1e38L) {
            return NumericOutOfRange("value overflows numeric format");
          }
          *out = static_cast<Int128>(scaled);
          return Status::OK();
        });
  };
  return overload;
}

}  // namespace

void RegisterTranscendentalFunctions(FunctionRegistry& registry) {
  const DataType float64 = DataType::Float64();
  registry.AddScalar({"sqrt", {FloatFunction(Sqrt)}});
  registry.AddScalar({"cbrt", {FloatFunction(Cbrt)}});
  registry.AddScalar({"exp", {FloatFunction(Exp)}});
  registry.AddScalar({"ln", {FloatFunction(Logarithm<NaturalLog>)}});
  registry.AddScalar({"log10", {FloatFunction(Logarithm<Log10>)}});
  registry.AddScalar({"log", {FloatFunction(Logarithm<Log10>), NumericLog()}});
  // ^ is PostgreSQL's power operator.
  for (const char* name : {"power", "pow", "^"}) {
    registry.AddScalar({name,
                        {Overload({float64, float64}, float64,
                                  RowKernel<double, double, double>(float64, Power))}});
  }
  registry.AddScalar({"pi",
                      {Overload({}, float64,
                                [](std::span<const columnar::ArrayPtr>, int64_t num_rows,
                                   const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
                                  FixedOutput<double> out(num_rows);
                                  std::fill_n(out.data(), num_rows, std::numbers::pi);
                                  return out.Finish(DataType::Float64(), nullptr);
                                })}});
  registry.AddScalar({"degrees", {FloatFunction(Degrees)}});
  registry.AddScalar({"radians", {FloatFunction(Radians)}});
  registry.AddScalar({"sin", {FloatFunction(Trigonometric<Sin>)}});
  registry.AddScalar({"cos", {FloatFunction(Trigonometric<Cos>)}});
  registry.AddScalar({"tan", {FloatFunction(Trigonometric<Tan>)}});
  registry.AddScalar({"asin", {FloatFunction(InverseTrigonometric<Asin>)}});
  registry.AddScalar({"acos", {FloatFunction(InverseTrigonometric<Acos>)}});
  registry.AddScalar({"atan", {FloatFunction(Atan)}});
  registry.AddScalar(
      {"atan2",
       {Overload({float64, float64}, float64,
                 BinaryKernel<double, double, double>(
                     float64, [](double y, double x) { return std::atan2(y, x); }))}});
  registry.AddScalar({"random",
                      {Overload(
                          {}, float64,
                          [](std::span<const columnar::ArrayPtr>, int64_t num_rows,
                             const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
                            // One generator per thread: kernels run concurrently.
                            thread_local std::mt19937_64 generator{std::random_device{}()};
                            std::uniform_real_distribution<double> distribution(0.0, 1.0);
                            FixedOutput<double> out(num_rows);
                            double* values = out.data();
                            for (int64_t i = 0; i < num_rows; ++i) {
                              values[i] = distribution(generator);
                            }
                            return out.Finish(DataType::Float64(), nullptr);
                          },
                          sql::Volatility::kVolatile)}});
}

}  // namespace boyodb::functions
