// md5 (hex digest of TEXT or BYTEA), to_hex (INTEGER and BIGINT, two's complement for negative
// values), ascii (the first character's code point, 0 for the empty string) and chr (the
// character of a code point; PostgreSQL's errors for 0, negative, too large and surrogate
// code points).
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <cstdio>

#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"
#include "functions/string/md5.h"
#include "functions/string/utf8.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using SV = std::string_view;

constexpr char kHexDigits[] = "0123456789abcdef";

Status Md5Hex(SV bytes, std::string* out) {
  for (const uint8_t byte : Md5Digest(bytes)) {
    out->push_back(kHexDigits[byte >> 4]);
    out->push_back(kHexDigits[byte & 15]);
  }
  return Status::OK();
}

template <typename T>
Status ToHex(T value, std::string* out) {
  auto bits = static_cast<std::make_unsigned_t<T>>(value);
  char buffer[16];
  int length = 0;
  do {
    buffer[length++] = kHexDigits[bits & 15];
    bits >>= 4;
  } while (bits != 0);
  while (length > 0) out->push_back(buffer[--length]);
  return Status::OK();
}

int32_t Ascii(SV text) {
  if (text.empty()) return 0;
  size_t pos = 0;
  return static_cast<int32_t>(DecodeUtf8(text, &pos));
}

Status Chr(int32_t code, std::string* out) {
  if (code < 0) {
    return InvalidValue(sqlstate::kInvalidParameterValue, "character number must be positive");
  }
  if (code == 0) {
    return InvalidValue(sqlstate::kProgramLimitExceeded, "null character not permitted");
  }
  if (code > 0x10FFFF) {
    return InvalidValue(sqlstate::kProgramLimitExceeded,
                        "requested character too large for encoding: " + std::to_string(code));
  }
  if (code >= 0xD800 && code <= 0xDFFF) {
    return InvalidValue(sqlstate::kProgramLimitExceeded,
                        "requested character not valid for encoding: " + std::to_string(code));
  }
  AppendUtf8(static_cast<char32_t>(code), out);
  return Status::OK();
}

}  // namespace

void RegisterStringEncodingFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  registry.AddScalar(
      {"md5",
       {Overload({text}, text, RowKernel<StringResult, SV>(text, Md5Hex)),
        Overload({DataType::Binary()}, text, RowKernel<StringResult, SV>(text, Md5Hex))}});
  registry.AddScalar(
      {"to_hex",
       {Overload({DataType::Int32()}, text, RowKernel<StringResult, int32_t>(text, ToHex<int32_t>)),
        Overload({DataType::Int64()}, text,
                 RowKernel<StringResult, int64_t>(text, ToHex<int64_t>))}});
  registry.AddScalar(
      {"ascii",
       {Overload({text}, DataType::Int32(), UnaryKernel<SV, int32_t>(DataType::Int32(), Ascii))}});
  registry.AddScalar(
      {"chr", {Overload({DataType::Int32()}, text, RowKernel<StringResult, int32_t>(text, Chr))}});
}

}  // namespace boyodb::functions
