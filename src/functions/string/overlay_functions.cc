// overlay(string PLACING replacement FROM start [FOR count]) on TEXT (characters) and BYTEA
// (bytes): the first start - 1 units, the replacement, then what follows the count units
// replaced (count defaults to the replacement's length; a negative count repeats text). As in
// PostgreSQL: 22011 for a start below 1, 22003 when start + count overflows an integer.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <limits>
#include <string>

#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"
#include "functions/string/utf8.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using SV = std::string_view;

Status NegativeLength() {
  return InvalidValue(sqlstate::kSubstringError, "negative substring length not allowed");
}

// The byte offset of unit `index` (0-based, clamped to the end) of text or bytes.
size_t OffsetOf(SV value, int64_t index, bool characters) {
  if (!characters) return static_cast<size_t>(std::min<int64_t>(index, value.size()));
  return Utf8Offset(value, index);
}

int64_t LengthOf(SV value, bool characters) {
  return characters ? Utf8Length(value) : static_cast<int64_t>(value.size());
}

Status OverlayRow(SV value, SV replacement, int32_t start, int64_t count, bool characters,
                  std::string* out) {
  const int64_t after = static_cast<int64_t>(start) + count;
  if (after > std::numeric_limits<int32_t>::max() || after < std::numeric_limits<int32_t>::min()) {
    return IntegerOutOfRange(types::TypeId::kInt32);
  }
  if (start < 1) return NegativeLength();
  out->append(value.substr(0, OffsetOf(value, start - 1, characters)));
  out->append(replacement);
  // PostgreSQL's substring from a start below 1 keeps the whole string.
  const size_t tail = after <= 1 ? 0 : OffsetOf(value, after - 1, characters);
  out->append(value.substr(tail));
  return Status::OK();
}

sql::ScalarOverload OverlayOverload(const DataType& type, bool with_count) {
  const bool characters = type.id() == types::TypeId::kString;
  if (with_count) {
    return Overload({type, type, DataType::Int32(), DataType::Int32()}, type,
                    RowKernel<StringResult, SV, SV, int32_t, int32_t>(
                        type, [characters](SV value, SV replacement, int32_t start, int32_t count,
                                           std::string* out) {
                          return OverlayRow(value, replacement, start, count, characters, out);
                        }));
  }
  return Overload(
      {type, type, DataType::Int32()}, type,
      RowKernel<StringResult, SV, SV, int32_t>(
          type, [characters](SV value, SV replacement, int32_t start, std::string* out) {
            return OverlayRow(value, replacement, start, LengthOf(replacement, characters),
                              characters, out);
          }));
}

}  // namespace

void RegisterOverlayFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  const DataType bytea = DataType::Binary();
  registry.AddScalar({"overlay",
                      {OverlayOverload(text, false), OverlayOverload(text, true),
                       OverlayOverload(bytea, false), OverlayOverload(bytea, true)}});
}

}  // namespace boyodb::functions
