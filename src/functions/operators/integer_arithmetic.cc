// The integer operators + - * / % and unary - and + for SMALLINT, INTEGER and BIGINT, with
// PostgreSQL's errors: 22003 "<type> out of range" on overflow, 22012 "division by zero".
// Division truncates toward zero and % takes the sign of the dividend, as in C++.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <cstdint>
#include <limits>

#include "functions/builtin_families_internal.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

template <typename T>
struct IntegerType;
template <>
struct IntegerType<int16_t> {
  static DataType Get() { return DataType::Int16(); }
};
template <>
struct IntegerType<int32_t> {
  static DataType Get() { return DataType::Int32(); }
};
template <>
struct IntegerType<int64_t> {
  static DataType Get() { return DataType::Int64(); }
};

template <typename T>
Status Overflow() {
  return IntegerOutOfRange(IntegerType<T>::Get().id());
}

template <typename T>
void RegisterFor(FunctionRegistry& registry) {
  const DataType type = IntegerType<T>::Get();
  const std::vector<DataType> binary = {type, type};
  registry.AddScalar({"+", {Overload(binary, type, RowKernel<T, T, T>(type, [](T a, T b, T* out) {
                                       if (__builtin_add_overflow(a, b, out)) return Overflow<T>();
                                       return Status::OK();
                                     }))}});
  registry.AddScalar({"-", {Overload(binary, type, RowKernel<T, T, T>(type, [](T a, T b, T* out) {
                                       if (__builtin_sub_overflow(a, b, out)) return Overflow<T>();
                                       return Status::OK();
                                     }))}});
  registry.AddScalar({"*", {Overload(binary, type, RowKernel<T, T, T>(type, [](T a, T b, T* out) {
                                       if (__builtin_mul_overflow(a, b, out)) return Overflow<T>();
                                       return Status::OK();
                                     }))}});
  registry.AddScalar({"/", {Overload(binary, type, RowKernel<T, T, T>(type, [](T a, T b, T* out) {
                                       if (b == 0) return DivisionByZero();
                                       // MIN / -1 is the one quotient that does not fit.
                                       if (b == -1) {
                                         if (a == std::numeric_limits<T>::min()) {
                                           return Overflow<T>();
                                         }
                                         *out = static_cast<T>(-a);
                                         return Status::OK();
                                       }
                                       *out = static_cast<T>(a / b);
                                       return Status::OK();
                                     }))}});
  auto modulo = [](T a, T b, T* out) {
    if (b == 0) return DivisionByZero();
    // MIN % -1 traps on x86; the remainder of any division by -1 is 0.
    *out = b == -1 ? T{0} : static_cast<T>(a % b);
    return Status::OK();
  };
  registry.AddScalar({"%", {Overload(binary, type, RowKernel<T, T, T>(type, modulo))}});
  registry.AddScalar({"mod", {Overload(binary, type, RowKernel<T, T, T>(type, modulo))}});
  registry.AddScalar({"-", {Overload({type}, type, RowKernel<T, T>(type, [](T a, T* out) {
                                       if (a == std::numeric_limits<T>::min()) return Overflow<T>();
                                       *out = static_cast<T>(-a);
                                       return Status::OK();
                                     }))}});
  registry.AddScalar(
      {"+", {Overload({type}, type, UnaryKernel<T, T>(type, [](T a) { return a; }))}});
}

}  // namespace

void RegisterIntegerArithmetic(FunctionRegistry& registry) {
  RegisterFor<int16_t>(registry);
  RegisterFor<int32_t>(registry);
  RegisterFor<int64_t>(registry);
}

}  // namespace boyodb::functions
