// substr/substring, left, right, position/strpos, starts_with and split_part on TEXT, counting
// characters (UTF-8 code points) from 1 as PostgreSQL does: substr's start may be below 1
// (the missing characters shorten the result), a negative length raises 22011, left/right with
// a negative count drop characters from the other end, split_part with a negative field counts
// from the end and raises 22023 for field 0.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <algorithm>
#include <limits>

#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"
#include "functions/string/utf8.h"

namespace boyodb::functions {
namespace {

using types::DataType;

// Characters [first, end) of `text`, 1-based, clamped to the text.
std::string_view CharacterRange(std::string_view text, int64_t first, int64_t end) {
  first = std::max<int64_t>(first, 1);
  if (end <= first) return {};
  const size_t begin = Utf8Offset(text, first - 1);
  const std::string_view rest = text.substr(begin);
  return rest.substr(0, Utf8Offset(rest, end - first));
}

Status SubstrFrom(std::string_view text, int32_t start, std::string* out) {
  out->append(CharacterRange(text, start, std::numeric_limits<int64_t>::max()));
  return Status::OK();
}

Status SubstrFromFor(std::string_view text, int32_t start, int32_t count, std::string* out) {
  if (count < 0) {
    return InvalidValue(sqlstate::kSubstringError, "negative substring length not allowed");
  }
  out->append(CharacterRange(text, start, static_cast<int64_t>(start) + count));
  return Status::OK();
}

Status Left(std::string_view text, int32_t count, std::string* out) {
  if (count >= 0) {
    out->append(text.substr(0, Utf8Offset(text, count)));
  } else {
    const int64_t keep = Utf8Length(text) + count;
    if (keep > 0) out->append(text.substr(0, Utf8Offset(text, keep)));
  }
  return Status::OK();
}

Status Right(std::string_view text, int32_t count, std::string* out) {
  const int64_t length = Utf8Length(text);
  const int64_t skip = count >= 0 ? std::max<int64_t>(length - count, 0)
                                  : std::min<int64_t>(-static_cast<int64_t>(count), length);
  out->append(text.substr(Utf8Offset(text, skip)));
  return Status::OK();
}

// 1-based character position of `needle` in `text`, 0 when absent.
int32_t Position(std::string_view text, std::string_view needle) {
  const size_t found = text.find(needle);
  if (found == std::string_view::npos) return 0;
  return static_cast<int32_t>(Utf8Length(text.substr(0, found)) + 1);
}

Status SplitPart(std::string_view text, std::string_view delimiter, int32_t field,
                 std::string* out) {
  if (field == 0) {
    return InvalidValue(sqlstate::kInvalidParameterValue, "field position must not be zero");
  }
  if (delimiter.empty()) {
    // The whole text is the only field.
    if (field == 1 || field == -1) out->append(text);
    return Status::OK();
  }
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t found = text.find(delimiter, start);
    if (found == std::string_view::npos) {
      fields.push_back(text.substr(start));
      break;
    }
    fields.push_back(text.substr(start, found - start));
    start = found + delimiter.size();
  }
  const int64_t count = static_cast<int64_t>(fields.size());
  const int64_t index = field > 0 ? field - 1 : count + field;
  if (index >= 0 && index < count) out->append(fields[static_cast<size_t>(index)]);
  return Status::OK();
}

}  // namespace

void RegisterSubstringFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  const DataType int32 = DataType::Int32();
  for (const char* name : {"substr", "substring"}) {
    registry.AddScalar(
        {name,
         {Overload({text, int32}, text,
                   RowKernel<StringResult, std::string_view, int32_t>(text, SubstrFrom)),
          Overload(
              {text, int32, int32}, text,
              RowKernel<StringResult, std::string_view, int32_t, int32_t>(text, SubstrFromFor))}});
  }
  registry.AddScalar({"left",
                      {Overload({text, int32}, text,
                                RowKernel<StringResult, std::string_view, int32_t>(text, Left))}});
  registry.AddScalar({"right",
                      {Overload({text, int32}, text,
                                RowKernel<StringResult, std::string_view, int32_t>(text, Right))}});
  // position(needle IN text) is strpos(text, needle): the parser puts the text first.
  for (const char* name : {"strpos", "position"}) {
    registry.AddScalar(
        {name,
         {Overload({text, text}, int32,
                   BinaryKernel<std::string_view, std::string_view, int32_t>(int32, Position))}});
  }
  registry.AddScalar(
      {"starts_with",
       {Overload({text, text}, DataType::Boolean(),
                 BinaryKernel<std::string_view, std::string_view, bool>(
                     DataType::Boolean(),
                     [](std::string_view a, std::string_view b) { return a.starts_with(b); }))}});
  registry.AddScalar(
      {"split_part",
       {Overload({text, text, int32}, text,
                 RowKernel<StringResult, std::string_view, std::string_view, int32_t>(
                     text, SplitPart))}});
}

}  // namespace boyodb::functions
