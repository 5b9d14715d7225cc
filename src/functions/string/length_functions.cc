// length/char_length/character_length (characters of TEXT, bytes of BYTEA), octet_length and
// bit_length, as PostgreSQL counts them: characters are UTF-8 code points.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include "functions/builtin_families_internal.h"
#include "functions/kernel_helpers.h"
#include "functions/string/utf8.h"

namespace boyodb::functions {
namespace {

using types::DataType;

sql::ScalarOverload Counting(const DataType& type, int32_t (*count)(std::string_view)) {
  return Overload({type}, DataType::Int32(),
                  UnaryKernel<std::string_view, int32_t>(DataType::Int32(), count));
}

int32_t Characters(std::string_view text) { return static_cast<int32_t>(Utf8Length(text)); }
int32_t Bytes(std::string_view text) { return static_cast<int32_t>(text.size()); }
int32_t Bits(std::string_view text) { return static_cast<int32_t>(text.size() * 8); }

}  // namespace

void RegisterLengthFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  const DataType bytea = DataType::Binary();
  registry.AddScalar({"length", {Counting(text, Characters), Counting(bytea, Bytes)}});
  registry.AddScalar({"char_length", {Counting(text, Characters)}});
  registry.AddScalar({"character_length", {Counting(text, Characters)}});
  registry.AddScalar({"octet_length", {Counting(text, Bytes), Counting(bytea, Bytes)}});
  registry.AddScalar({"bit_length", {Counting(text, Bits), Counting(bytea, Bits)}});
}

}  // namespace boyodb::functions
