// gcd and lcm for INTEGER, BIGINT and numeric, as PostgreSQL computes them: results are
// non-negative, gcd(x, 0) = |x|, lcm(x, 0) = 0, and a result that does not fit the type raises
// 22003 ("integer out of range", "bigint out of range", "value overflows numeric format").
// mod and div live with the operators they share kernels with.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>

#include "functions/builtin_families_internal.h"
#include "functions/decimal/decimal_math.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

template <typename U, typename T>
U Magnitude(T value) {
  return value < 0 ? static_cast<U>(0) - static_cast<U>(value) : static_cast<U>(value);
}

template <typename T>
sql::ScalarOverload IntegerGcd(const DataType& type) {
  using U = std::make_unsigned_t<T>;
  return Overload({type, type}, type,
                  RowKernel<T, T, T>(type, [id = type.id()](T a, T b, T* out) -> Status {
                    const U gcd = std::gcd(Magnitude<U>(a), Magnitude<U>(b));
                    if (gcd > static_cast<U>(std::numeric_limits<T>::max())) {
                      return IntegerOutOfRange(id);
                    }
                    *out = static_cast<T>(gcd);
                    return Status::OK();
                  }));
}

template <typename T>
sql::ScalarOverload IntegerLcm(const DataType& type) {
  using U = std::make_unsigned_t<T>;
  return Overload({type, type}, type,
                  RowKernel<T, T, T>(type, [id = type.id()](T a, T b, T* out) -> Status {
                    if (a == 0 || b == 0) {
                      *out = 0;
                      return Status::OK();
                    }
                    const U magnitude_a = Magnitude<U>(a), magnitude_b = Magnitude<U>(b);
                    const U gcd = std::gcd(magnitude_a, magnitude_b);
                    U lcm = 0;
                    if (__builtin_mul_overflow(magnitude_a / gcd, magnitude_b, &lcm) ||
                        lcm > static_cast<U>(std::numeric_limits<T>::max())) {
                      return IntegerOutOfRange(id);
                    }
                    *out = static_cast<T>(lcm);
                    return Status::OK();
                  }));
}

DataType GcdType(const DataType& a, const DataType& b) {
  const int scale = std::max(a.scale(), b.scale());
  const int digits = std::max(a.precision() - a.scale(), b.precision() - b.scale());
  const int precision = std::clamp(digits + scale, std::max(scale, 1), kMaxDecimalPrecision);
  return DataType::Decimal(static_cast<uint8_t>(precision), static_cast<uint8_t>(scale));
}

DataType LcmType(const DataType& a, const DataType& b) {
  const int scale = std::max(a.scale(), b.scale());
  return DataType::Decimal(kMaxDecimalPrecision, static_cast<uint8_t>(scale));
}

Int128 GcdOf(Int128 a, Int128 b) {
  a = a < 0 ? -a : a;
  b = b < 0 ? -b : b;
  while (b != 0) {
    const Int128 remainder = a % b;
    a = b;
    b = remainder;
  }
  return a;
}

sql::ScalarOverload NumericGcdOrLcm(bool lcm) {
  using TypeOf = DataType (*)(const DataType&, const DataType&);
  const TypeOf type_of = lcm ? LcmType : GcdType;
  sql::ScalarOverload overload =
      Overload({AnyDecimal(), AnyDecimal()}, DataType::Decimal(38, 0), nullptr);
  overload.result_rule = [type_of](std::span<const DataType> args) -> Result<DataType> {
    return type_of(args[0], args[1]);
  };
  overload.kernel = [type_of, lcm](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                   const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    const DataType result_type = type_of(args[0]->type(), args[1]->type());
    const int scale_a = args[0]->type().scale(), scale_b = args[1]->type().scale();
    const int scale = result_type.scale();
    return MapRows<Int128, Int128, Int128>(
        args, num_rows, result_type, [&](Int128 a, Int128 b, Int128* out) -> Status {
          const auto overflow = [] { return NumericOutOfRange("value overflows numeric format"); };
          if (!Rescale(a, scale_a, scale, &a) || !Rescale(b, scale_b, scale, &b)) return overflow();
          const Int128 gcd = GcdOf(a, b);
          if (!lcm) {
            *out = gcd;
            return Status::OK();
          }
          if (a == 0 || b == 0) {
            *out = 0;
            return Status::OK();
          }
          // lcm = |a / gcd * b| at the common scale: (a / gcd) is unscaled, b keeps the scale.
          Int128 product = 0;
          if (!MultiplyDecimal(a / gcd, b < 0 ? -b : b, 0, &product)) return overflow();
          *out = product < 0 ? -product : product;
          return Status::OK();
        });
  };
  return overload;
}

}  // namespace

void RegisterIntegerMathFunctions(FunctionRegistry& registry) {
  registry.AddScalar({"gcd",
                      {IntegerGcd<int32_t>(DataType::Int32()),
                       IntegerGcd<int64_t>(DataType::Int64()), NumericGcdOrLcm(false)}});
  registry.AddScalar({"lcm",
                      {IntegerLcm<int32_t>(DataType::Int32()),
                       IntegerLcm<int64_t>(DataType::Int64()), NumericGcdOrLcm(true)}});
}

}  // namespace boyodb::functions
