// The floating-point operators + - * / and unary - and + for REAL and DOUBLE PRECISION, with
// PostgreSQL's checks: a finite computation that overflows to infinity raises 22003 "value out
// of range: overflow", one that underflows to zero raises "value out of range: underflow", and
// division by zero raises 22012 (NaN / 0 is NaN). PostgreSQL has no % for floats.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <cmath>

#include "functions/builtin_families_internal.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

Status Overflow() { return NumericOutOfRange("value out of range: overflow"); }
Status Underflow() { return NumericOutOfRange("value out of range: underflow"); }

template <typename T>
void RegisterFor(FunctionRegistry& registry, const DataType& type) {
  const std::vector<DataType> binary = {type, type};
  registry.AddScalar({"+", {Overload(binary, type, RowKernel<T, T, T>(type, [](T a, T b, T* out) {
                                       *out = a + b;
                                       if (std::isinf(*out) && !std::isinf(a) && !std::isinf(b)) {
                                         return Overflow();
                                       }
                                       return Status::OK();
                                     }))}});
  registry.AddScalar({"-", {Overload(binary, type, RowKernel<T, T, T>(type, [](T a, T b, T* out) {
                                       *out = a - b;
                                       if (std::isinf(*out) && !std::isinf(a) && !std::isinf(b)) {
                                         return Overflow();
                                       }
                                       return Status::OK();
                                     }))}});
  registry.AddScalar({"*", {Overload(binary, type, RowKernel<T, T, T>(type, [](T a, T b, T* out) {
                                       *out = a * b;
                                       if (std::isinf(*out) && !std::isinf(a) && !std::isinf(b)) {
                                         return Overflow();
                                       }
                                       if (*out == 0 && a != 0 && b != 0) return Underflow();
                                       return Status::OK();
                                     }))}});
  registry.AddScalar({"/", {Overload(binary, type, RowKernel<T, T, T>(type, [](T a, T b, T* out) {
                                       if (b == 0 && !std::isnan(a)) return DivisionByZero();
                                       *out = a / b;
                                       if (std::isinf(*out) && !std::isinf(a)) return Overflow();
                                       if (*out == 0 && a != 0 && !std::isinf(b)) {
                                         return Underflow();
                                       }
                                       return Status::OK();
                                     }))}});
  registry.AddScalar(
      {"-", {Overload({type}, type, UnaryKernel<T, T>(type, [](T a) { return -a; }))}});
  registry.AddScalar(
      {"+", {Overload({type}, type, UnaryKernel<T, T>(type, [](T a) { return a; }))}});
}

}  // namespace

void RegisterFloatArithmetic(FunctionRegistry& registry) {
  RegisterFor<float>(registry, DataType::Float32());
  RegisterFor<double>(registry, DataType::Float64());
}

}  // namespace boyodb::functions
