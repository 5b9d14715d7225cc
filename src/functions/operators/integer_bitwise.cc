// The bitwise integer operators of PostgreSQL for SMALLINT, INTEGER and BIGINT: & (and),
// | (or), # (xor), prefix ~ (not), and the shifts << and >>, whose count is an INTEGER.
// Shifts follow what PostgreSQL's C operators do on x86-64: the count is taken modulo the
// width of the arithmetic (32 bits for SMALLINT and INTEGER, 64 for BIGINT), a SMALLINT result
// keeps the low 16 bits, and >> of a negative value shifts in sign bits. None of these fail.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <cstdint>
#include <type_traits>

#include "functions/builtin_families_internal.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

// The type C++ (and so PostgreSQL's C code) shifts a T in: int for SMALLINT and INTEGER.
template <typename T>
using ShiftWidth = std::conditional_t<sizeof(T) <= 4, int32_t, int64_t>;

template <typename T>
T ShiftLeft(T value, int32_t count) {
  using Wide = ShiftWidth<T>;
  using Unsigned = std::make_unsigned_t<Wide>;
  const unsigned bits = static_cast<unsigned>(count) & (sizeof(Wide) * 8 - 1);
  // In unsigned arithmetic, so shifting a negative value or into the sign bit is defined.
  return static_cast<T>(static_cast<Wide>(static_cast<Unsigned>(Wide{value}) << bits));
}

template <typename T>
T ShiftRight(T value, int32_t count) {
  using Wide = ShiftWidth<T>;
  const unsigned bits = static_cast<unsigned>(count) & (sizeof(Wide) * 8 - 1);
  return static_cast<T>(Wide{value} >> bits);  // arithmetic: the sign bit is shifted in
}

template <typename T>
void RegisterFor(FunctionRegistry& registry, const DataType& type) {
  const std::vector<DataType> binary = {type, type};
  const std::vector<DataType> shift = {type, DataType::Int32()};
  registry.AddScalar({"&", {Overload(binary, type, BinaryKernel<T, T, T>(type, [](T a, T b) {
                                       return static_cast<T>(a & b);
                                     }))}});
  registry.AddScalar({"|", {Overload(binary, type, BinaryKernel<T, T, T>(type, [](T a, T b) {
                                       return static_cast<T>(a | b);
                                     }))}});
  registry.AddScalar({"#", {Overload(binary, type, BinaryKernel<T, T, T>(type, [](T a, T b) {
                                       return static_cast<T>(a ^ b);
                                     }))}});
  registry.AddScalar(
      {"~",
       {Overload({type}, type, UnaryKernel<T, T>(type, [](T a) { return static_cast<T>(~a); }))}});
  registry.AddScalar(
      {"<<", {Overload(shift, type, BinaryKernel<T, int32_t, T>(type, ShiftLeft<T>))}});
  registry.AddScalar(
      {">>", {Overload(shift, type, BinaryKernel<T, int32_t, T>(type, ShiftRight<T>))}});
}

}  // namespace

void RegisterIntegerBitwise(FunctionRegistry& registry) {
  RegisterFor<int16_t>(registry, DataType::Int16());
  RegisterFor<int32_t>(registry, DataType::Int32());
  RegisterFor<int64_t>(registry, DataType::Int64());
}

}  // namespace boyodb::functions
