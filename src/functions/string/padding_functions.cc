// lpad, rpad, ltrim, rtrim, btrim and repeat on TEXT, by characters: lpad/rpad truncate a
// longer text to the length and fill with the fill text repeated (a space by default; an empty
// fill leaves the text as it is); the trims remove any of the given characters (spaces by
// default) from one or both ends; repeat with a count below 1 is the empty string.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.

#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"
#include "functions/string/utf8.h"

namespace boyodb::functions {
namespace {

using types::DataType;

// PostgreSQL refuses results above its 1 GB field size limit.
constexpr int64_t kMaxResultBytes = (int64_t{1} << 30) - 1;

Status TooLarge() {
  return InvalidValue(sqlstate::kProgramLimitExceeded, "requested length too large");
}

// Appends `count` characters of `fill` repeated. Requires: fill is not empty.
void AppendFill(std::string_view fill, int64_t count, std::string* out) {
  size_t pos = 0;
  for (int64_t i = 0; i < count; ++i) {
    if (pos == fill.size()) pos = 0;
    const size_t length = Utf8CharBytes(fill, pos);
    out->append(fill.substr(pos, length));
    pos += length;
  }
}

template <bool kLeft>
Status Pad(std::string_view text, int32_t length, std::string_view fill, std::string* out) {
  if (length <= 0) return Status::OK();
  const int64_t text_length = Utf8Length(text);
  if (text_length >= length || fill.empty()) {
    out->append(text.substr(0, Utf8Offset(text, length)));
    return Status::OK();
  }
  // Four bytes per character at most.
  if (static_cast<int64_t>(length) * 4 > kMaxResultBytes) return TooLarge();
  if (!kLeft) out->append(text);
  AppendFill(fill, length - text_length, out);
  if (kLeft) out->append(text);
  return Status::OK();
}

template <bool kLeft>
Status PadWithSpace(std::string_view text, int32_t length, std::string* out) {
  return Pad<kLeft>(text, length, " ", out);
}

// Trims characters of `set` from the start (kStart) and/or end (kEnd) of `text`.
template <bool kStart, bool kEnd>
Status Trim(std::string_view text, std::string_view set, std::string* out) {
  // UTF-8 is self-synchronizing: a whole character is found in the set only at a character
  // boundary, so a substring search is a membership test.
  auto in_set = [set](std::string_view character) {
    return set.find(character) != std::string_view::npos;
  };
  size_t begin = 0, end = text.size();
  if (kStart) {
    while (begin < end) {
      const size_t length = Utf8CharBytes(text, begin);
      if (!in_set(text.substr(begin, length))) break;
      begin += length;
    }
  }
  if (kEnd) {
    while (end > begin) {
      // Step back to the start of the last character.
      size_t start = end - 1;
      while (start > begin && (static_cast<uint8_t>(text[start]) & 0xC0) == 0x80) --start;
      if (!in_set(text.substr(start, end - start))) break;
      end = start;
    }
  }
  out->append(text.substr(begin, end - begin));
  return Status::OK();
}

template <bool kStart, bool kEnd>
Status TrimSpaces(std::string_view text, std::string* out) {
  return Trim<kStart, kEnd>(text, " ", out);
}

Status Repeat(std::string_view text, int32_t count, std::string* out) {
  if (count <= 0) return Status::OK();
  if (static_cast<int64_t>(text.size()) * count > kMaxResultBytes) return TooLarge();
  out->reserve(text.size() * static_cast<size_t>(count));
  for (int32_t i = 0; i < count; ++i) out->append(text);
  return Status::OK();
}

}  // namespace

void RegisterPaddingFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  const DataType int32 = DataType::Int32();
  using SV = std::string_view;
  registry.AddScalar({"lpad",
                      {Overload({text, int32}, text,
                                RowKernel<StringResult, SV, int32_t>(text, PadWithSpace<true>)),
                       Overload({text, int32, text}, text,
                                RowKernel<StringResult, SV, int32_t, SV>(text, Pad<true>))}});
  registry.AddScalar({"rpad",
                      {Overload({text, int32}, text,
                                RowKernel<StringResult, SV, int32_t>(text, PadWithSpace<false>)),
                       Overload({text, int32, text}, text,
                                RowKernel<StringResult, SV, int32_t, SV>(text, Pad<false>))}});
  registry.AddScalar(
      {"ltrim",
       {Overload({text}, text, RowKernel<StringResult, SV>(text, TrimSpaces<true, false>)),
        Overload({text, text}, text, RowKernel<StringResult, SV, SV>(text, Trim<true, false>))}});
  registry.AddScalar(
      {"rtrim",
       {Overload({text}, text, RowKernel<StringResult, SV>(text, TrimSpaces<false, true>)),
        Overload({text, text}, text, RowKernel<StringResult, SV, SV>(text, Trim<false, true>))}});
  registry.AddScalar(
      {"btrim",
       {Overload({text}, text, RowKernel<StringResult, SV>(text, TrimSpaces<true, true>)),
        Overload({text, text}, text, RowKernel<StringResult, SV, SV>(text, Trim<true, true>))}});
  registry.AddScalar(
      {"repeat",
       {Overload({text, int32}, text, RowKernel<StringResult, SV, int32_t>(text, Repeat))}});
}

}  // namespace boyodb::functions
