// The comparison operators = <> < <= > >= for every scalar type with an order in PostgreSQL:
// BOOLEAN (false < true), integers, floats (NaN equals NaN and sorts above everything),
// DECIMAL of any two scales (compared exactly), TEXT and BYTEA (byte-wise, the C collation),
// DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL (by PostgreSQL's normalized span: 30-day
// months, 24-hour days) and UUID (byte-wise). Operands of different types are cast by the
// binder first; DECIMALs of different scales are not.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <array>
#include <cmath>
#include <cstring>
#include <string_view>

#include "functions/builtin_families_internal.h"
#include "functions/decimal/decimal_math.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using Uuid = std::array<uint8_t, 16>;

// Order and equality of one C type, as PostgreSQL defines them for the SQL type.
template <typename T>
struct Ordering {
  static bool Less(const T& a, const T& b) { return a < b; }
  static bool Equal(const T& a, const T& b) { return a == b; }
};

template <typename F>
struct FloatOrdering {
  static bool Less(F a, F b) {
    if (std::isnan(a)) return false;
    if (std::isnan(b)) return true;
    return a < b;
  }
  static bool Equal(F a, F b) { return std::isnan(a) ? std::isnan(b) : a == b; }
};
template <>
struct Ordering<float> : FloatOrdering<float> {};
template <>
struct Ordering<double> : FloatOrdering<double> {};

template <>
struct Ordering<Uuid> {
  static bool Less(const Uuid& a, const Uuid& b) { return std::memcmp(a.data(), b.data(), 16) < 0; }
  static bool Equal(const Uuid& a, const Uuid& b) {
    return std::memcmp(a.data(), b.data(), 16) == 0;
  }
};

// PostgreSQL's interval_cmp_value: the span in microseconds with 30-day months.
Int128 IntervalSpan(const types::IntervalValue& value) {
  return (static_cast<Int128>(value.months) * 30 + value.days) * types::kMicrosPerDay * 1000 +
         value.nanos;
}

template <>
struct Ordering<types::IntervalValue> {
  static bool Less(const types::IntervalValue& a, const types::IntervalValue& b) {
    return IntervalSpan(a) < IntervalSpan(b);
  }
  static bool Equal(const types::IntervalValue& a, const types::IntervalValue& b) {
    return IntervalSpan(a) == IntervalSpan(b);
  }
};

enum class Comparison { kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual };

constexpr std::array<std::pair<const char*, Comparison>, 6> kOperators = {{
    {"=", Comparison::kEqual},
    {"<>", Comparison::kNotEqual},
    {"<", Comparison::kLess},
    {"<=", Comparison::kLessEqual},
    {">", Comparison::kGreater},
    {">=", Comparison::kGreaterEqual},
}};

template <typename T, Comparison kOp>
bool Compare(const T& a, const T& b) {
  using O = Ordering<T>;
  if constexpr (kOp == Comparison::kEqual) return O::Equal(a, b);
  if constexpr (kOp == Comparison::kNotEqual) return !O::Equal(a, b);
  if constexpr (kOp == Comparison::kLess) return O::Less(a, b);
  if constexpr (kOp == Comparison::kLessEqual) return !O::Less(b, a);
  if constexpr (kOp == Comparison::kGreater) return O::Less(b, a);
  return !O::Less(a, b);
}

template <typename T, Comparison kOp>
sql::ScalarKernel MakeKernel() {
  return BinaryKernel<T, T, bool>(DataType::Boolean(),
                                  [](const T& a, const T& b) { return Compare<T, kOp>(a, b); });
}

template <typename T>
sql::ScalarKernel KernelFor(Comparison op) {
  switch (op) {
    case Comparison::kEqual:
      return MakeKernel<T, Comparison::kEqual>();
    case Comparison::kNotEqual:
      return MakeKernel<T, Comparison::kNotEqual>();
    case Comparison::kLess:
      return MakeKernel<T, Comparison::kLess>();
    case Comparison::kLessEqual:
      return MakeKernel<T, Comparison::kLessEqual>();
    case Comparison::kGreater:
      return MakeKernel<T, Comparison::kGreater>();
    case Comparison::kGreaterEqual:
      return MakeKernel<T, Comparison::kGreaterEqual>();
  }
  return nullptr;
}

template <typename T>
void RegisterFor(FunctionRegistry& registry, const DataType& type) {
  for (const auto& [name, op] : kOperators) {
    registry.AddScalar({name, {Overload({type, type}, DataType::Boolean(), KernelFor<T>(op))}});
  }
}

// Sign of a - b for DECIMALs of scales sa and sb, exactly.
int CompareDecimals(Int128 a, int scale_a, Int128 b, int scale_b) {
  if (scale_a < scale_b) return -CompareDecimals(b, scale_b, a, scale_a);
  Int128 scaled_b = 0;
  if (!ScaleUp(b, scale_a - scale_b, &scaled_b)) {
    // b has more than 38 digits at a's scale, so it is larger in magnitude than any a.
    return b < 0 ? 1 : -1;
  }
  return a < scaled_b ? -1 : (a > scaled_b ? 1 : 0);
}

bool Holds(Comparison op, int sign) {
  switch (op) {
    case Comparison::kEqual:
      return sign == 0;
    case Comparison::kNotEqual:
      return sign != 0;
    case Comparison::kLess:
      return sign < 0;
    case Comparison::kLessEqual:
      return sign <= 0;
    case Comparison::kGreater:
      return sign > 0;
    case Comparison::kGreaterEqual:
      return sign >= 0;
  }
  return false;
}

sql::ScalarKernel DecimalKernel(Comparison op) {
  sql::ScalarKernel same_scale = KernelFor<Int128>(op);
  return [op, same_scale](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                          const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    const int scale_a = args[0]->type().scale();
    const int scale_b = args[1]->type().scale();
    if (scale_a == scale_b) return same_scale(args, num_rows, context);
    return MapBinary<Int128, Int128, bool>(
        *args[0], *args[1], num_rows, DataType::Boolean(),
        [&](Int128 a, Int128 b) { return Holds(op, CompareDecimals(a, scale_a, b, scale_b)); });
  };
}

}  // namespace

void RegisterComparisonOperators(FunctionRegistry& registry) {
  RegisterFor<bool>(registry, DataType::Boolean());
  RegisterFor<int8_t>(registry, DataType::Int8());
  RegisterFor<int16_t>(registry, DataType::Int16());
  RegisterFor<int32_t>(registry, DataType::Int32());
  RegisterFor<int64_t>(registry, DataType::Int64());
  RegisterFor<float>(registry, DataType::Float32());
  RegisterFor<double>(registry, DataType::Float64());
  RegisterFor<std::string_view>(registry, DataType::String());
  RegisterFor<std::string_view>(registry, DataType::Binary());
  RegisterFor<int32_t>(registry, DataType::Date());
  RegisterFor<int64_t>(registry, DataType::Time());
  RegisterFor<int64_t>(registry, DataType::Timestamp());
  RegisterFor<int64_t>(registry, DataType::TimestampTz());
  RegisterFor<types::IntervalValue>(registry, DataType::Interval());
  RegisterFor<Uuid>(registry, DataType::Uuid());
  // Addresses order as numbers: IPV4 is stored as its host-order value, IPV6 as its 16 bytes
  // in network order, so byte order is address order.
  RegisterFor<uint32_t>(registry, DataType::Ipv4());
  RegisterFor<Uuid>(registry, DataType::Ipv6());
  for (const auto& [name, op] : kOperators) {
    registry.AddScalar(
        {name, {Overload({AnyDecimal(), AnyDecimal()}, DataType::Boolean(), DecimalKernel(op))}});
  }
}

}  // namespace boyodb::functions
