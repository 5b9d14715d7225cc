// The DECIMAL (numeric) operators + - * / % and unary - and +, and mod() and div() on
// numerics. Result types follow PostgreSQL's display scales where a static type can: + and -
// keep max(s1, s2), * adds the scales, / keeps max(s1, s2, 16) fractional digits (PostgreSQL
// picks at least 16 significant digits per value; a column type cannot vary per row), % keeps
// max(s1, s2). Results beyond 38 digits raise 22003 "value overflows numeric format".
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <algorithm>

#include "functions/builtin_families_internal.h"
#include "functions/decimal/decimal_math.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

constexpr int kMinDivisionScale = 16;

Status Overflow() { return NumericOutOfRange("value overflows numeric format"); }

DataType MakeType(int precision, int scale) {
  scale = std::clamp(scale, 0, kMaxDecimalPrecision);
  precision = std::clamp(precision, std::max(scale, 1), kMaxDecimalPrecision);
  return DataType::Decimal(static_cast<uint8_t>(precision), static_cast<uint8_t>(scale));
}

int IntegerDigits(const DataType& type) { return type.precision() - type.scale(); }

DataType AddType(const DataType& a, const DataType& b) {
  const int scale = std::max(a.scale(), b.scale());
  return MakeType(std::max(IntegerDigits(a), IntegerDigits(b)) + scale + 1, scale);
}

DataType MultiplyType(const DataType& a, const DataType& b) {
  return MakeType(a.precision() + b.precision(), a.scale() + b.scale());
}

DataType DivideType(const DataType& a, const DataType& b) {
  return MakeType(kMaxDecimalPrecision, std::max({static_cast<int>(a.scale()),
                                                  static_cast<int>(b.scale()), kMinDivisionScale}));
}

DataType ModuloType(const DataType& a, const DataType& b) {
  const int scale = std::max(a.scale(), b.scale());
  return MakeType(std::min(IntegerDigits(a), IntegerDigits(b)) + scale, scale);
}

DataType DivType(const DataType& a, const DataType& b) {
  return MakeType(IntegerDigits(a) + b.scale(), 0);
}

using TypeOf = DataType (*)(const DataType&, const DataType&);

// Both operands brought to `scale`; false when one does not fit in 38 digits there.
Status Align(Int128 a, int scale_a, Int128 b, int scale_b, int scale, Int128* out_a,
             Int128* out_b) {
  if (!Rescale(a, scale_a, scale, out_a) || !Rescale(b, scale_b, scale, out_b)) return Overflow();
  return Status::OK();
}

// A kernel without per-row checks for operands whose declared precisions keep every result
// within its type, or nullptr when they do not. Values always fit their column's type, so
// such a kernel cannot overflow; it computes in unsigned 128-bit arithmetic so the unspecified
// bytes under NULL rows wrap instead of overflowing.
using UncheckedKernel = columnar::ArrayPtr (*)(const columnar::Array& a, const columnar::Array& b,
                                               int64_t num_rows, const DataType& result);
using UncheckedFor = UncheckedKernel (*)(const DataType& a, const DataType& b,
                                         const DataType& result);

using Uint128 = unsigned __int128;

template <bool kSubtract>
columnar::ArrayPtr AddUnchecked(const columnar::Array& a, const columnar::Array& b,
                                int64_t num_rows, const DataType& result) {
  const auto factor_a = static_cast<Uint128>(Pow10(result.scale() - a.type().scale()));
  const auto factor_b = static_cast<Uint128>(Pow10(result.scale() - b.type().scale()));
  return MapBinary<Int128, Int128, Int128>(a, b, num_rows, result, [=](Int128 x, Int128 y) {
    const Uint128 left = static_cast<Uint128>(x) * factor_a;
    const Uint128 right = static_cast<Uint128>(y) * factor_b;
    return static_cast<Int128>(kSubtract ? left - right : left + right);
  });
}

columnar::ArrayPtr MultiplyUnchecked(const columnar::Array& a, const columnar::Array& b,
                                     int64_t num_rows, const DataType& result) {
  return MapBinary<Int128, Int128, Int128>(a, b, num_rows, result, [](Int128 x, Int128 y) {
    return static_cast<Int128>(static_cast<Uint128>(x) * static_cast<Uint128>(y));
  });
}

// The result precisions before MakeType caps them at 38 digits: within 38, no row overflows.
template <bool kSubtract>
UncheckedKernel AddUncheckedFor(const DataType& a, const DataType& b, const DataType& result) {
  const int digits = std::max(IntegerDigits(a), IntegerDigits(b)) + result.scale() + 1;
  return digits <= kMaxDecimalPrecision ? AddUnchecked<kSubtract> : nullptr;
}

UncheckedKernel MultiplyUncheckedFor(const DataType& a, const DataType& b, const DataType& result) {
  const bool exact = a.scale() + b.scale() == result.scale();
  return exact && a.precision() + b.precision() <= kMaxDecimalPrecision ? MultiplyUnchecked
                                                                        : nullptr;
}

UncheckedKernel NeverUnchecked(const DataType&, const DataType&, const DataType&) {
  return nullptr;
}

// A binary DECIMAL operator: `compute(a, b, type_a, type_b, result_type, out)`.
template <typename Compute>
sql::ScalarOverload BinaryOverload(TypeOf type_of, Compute compute,
                                   UncheckedFor unchecked_for = NeverUnchecked) {
  sql::ScalarOverload overload;
  overload.parameters = {AnyDecimal(), AnyDecimal()};
  overload.result = DataType::Decimal(38, 0);
  overload.result_rule = [type_of](std::span<const DataType> args) -> Result<DataType> {
    return type_of(args[0], args[1]);
  };
  overload.kernel = [type_of, compute, unchecked_for](
                        std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                        const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    const DataType& type_a = args[0]->type();
    const DataType& type_b = args[1]->type();
    const DataType result_type = type_of(type_a, type_b);
    if (UncheckedKernel unchecked = unchecked_for(type_a, type_b, result_type)) {
      return unchecked(*args[0], *args[1], num_rows, result_type);
    }
    return MapRows<Int128, Int128, Int128>(
        args, num_rows, result_type, [&](Int128 a, Int128 b, Int128* out) -> Status {
          return compute(a, b, type_a.scale(), type_b.scale(), result_type, out);
        });
  };
  return overload;
}

Status Add(Int128 a, Int128 b, int scale_a, int scale_b, const DataType& type, Int128* out) {
  BOYO_RETURN_IF_ERROR(Align(a, scale_a, b, scale_b, type.scale(), &a, &b));
  if (!AddDecimal(a, b, out) || !FitsPrecision(*out, type.precision())) return Overflow();
  return Status::OK();
}

Status Subtract(Int128 a, Int128 b, int scale_a, int scale_b, const DataType& type, Int128* out) {
  BOYO_RETURN_IF_ERROR(Align(a, scale_a, b, scale_b, type.scale(), &a, &b));
  if (!SubtractDecimal(a, b, out) || !FitsPrecision(*out, type.precision())) return Overflow();
  return Status::OK();
}

Status Multiply(Int128 a, Int128 b, int scale_a, int scale_b, const DataType& type, Int128* out) {
  const int drop = scale_a + scale_b - type.scale();
  if (drop == 0) {
    // The common case of an exact product needs no 256-bit intermediate.
    if (__builtin_mul_overflow(a, b, out) || !FitsPrecision(*out, type.precision())) {
      return Overflow();
    }
    return Status::OK();
  }
  if (!MultiplyDecimal(a, b, drop, out) || !FitsPrecision(*out, type.precision())) {
    return Overflow();
  }
  return Status::OK();
}

Status Divide(Int128 a, Int128 b, int scale_a, int scale_b, const DataType& type, Int128* out) {
  if (b == 0) return DivisionByZero();
  // a / 10^sa / (b / 10^sb) * 10^s = a * 10^(s - sa + sb) / b.
  const int shift = type.scale() - scale_a + scale_b;
  if (!DivideDecimal(a, shift, b, out) || !FitsPrecision(*out, type.precision())) {
    return Overflow();
  }
  return Status::OK();
}

Status Modulo(Int128 a, Int128 b, int scale_a, int scale_b, const DataType& type, Int128* out) {
  if (b == 0) return DivisionByZero();
  BOYO_RETURN_IF_ERROR(Align(a, scale_a, b, scale_b, type.scale(), &a, &b));
  *out = a % b;
  return Status::OK();
}

Status Div(Int128 a, Int128 b, int scale_a, int scale_b, const DataType& type, Int128* out) {
  if (b == 0) return DivisionByZero();
  const int scale = std::max(scale_a, scale_b);
  BOYO_RETURN_IF_ERROR(Align(a, scale_a, b, scale_b, scale, &a, &b));
  *out = a / b;  // truncates toward zero, as div() does
  if (!FitsPrecision(*out, type.precision())) return Overflow();
  return Status::OK();
}

sql::ScalarOverload UnaryOverload(bool negate) {
  sql::ScalarOverload overload;
  overload.parameters = {AnyDecimal()};
  overload.result = DataType::Decimal(38, 0);
  overload.result_rule = [](std::span<const DataType> args) -> Result<DataType> { return args[0]; };
  overload.kernel = [negate](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                             const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    // A DECIMAL holds at most 38 digits, so negation cannot overflow.
    if (!negate) return args[0];
    return MapUnary<Int128, Int128>(*args[0], num_rows, args[0]->type(),
                                    [](Int128 a) { return -a; });
  };
  return overload;
}

}  // namespace

void RegisterDecimalArithmetic(FunctionRegistry& registry) {
  registry.AddScalar(
      {"+", {BinaryOverload(AddType, Add, AddUncheckedFor<false>), UnaryOverload(false)}});
  registry.AddScalar(
      {"-", {BinaryOverload(AddType, Subtract, AddUncheckedFor<true>), UnaryOverload(true)}});
  registry.AddScalar({"*", {BinaryOverload(MultiplyType, Multiply, MultiplyUncheckedFor)}});
  registry.AddScalar({"/", {BinaryOverload(DivideType, Divide)}});
  registry.AddScalar({"%", {BinaryOverload(ModuloType, Modulo)}});
  registry.AddScalar({"mod", {BinaryOverload(ModuloType, Modulo)}});
  registry.AddScalar({"div", {BinaryOverload(DivType, Div)}});
}

}  // namespace boyodb::functions
