// replace, translate and reverse on TEXT, by characters: replace substitutes every
// non-overlapping occurrence (an empty search text changes nothing), translate maps each
// character of `from` to the character at the same place in `to` or deletes it when `to` is
// shorter (the first occurrence in `from` wins), reverse reverses the characters.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include "functions/builtin_families_internal.h"
#include "functions/kernel_helpers.h"
#include "functions/string/utf8.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using SV = std::string_view;

Status Replace(SV text, SV from, SV to, std::string* out) {
  if (from.empty()) {
    out->append(text);
    return Status::OK();
  }
  size_t start = 0;
  while (true) {
    const size_t found = text.find(from, start);
    if (found == SV::npos) break;
    out->append(text.substr(start, found - start));
    out->append(to);
    start = found + from.size();
  }
  out->append(text.substr(start));
  return Status::OK();
}

// The index-th character of `text` (0-based), empty when there is none.
SV CharacterAt(SV text, int64_t index) {
  size_t pos = 0;
  for (int64_t i = 0; i < index && pos < text.size(); ++i) pos += Utf8CharBytes(text, pos);
  if (pos >= text.size()) return {};
  return text.substr(pos, Utf8CharBytes(text, pos));
}

Status Translate(SV text, SV from, SV to, std::string* out) {
  for (size_t pos = 0; pos < text.size();) {
    const size_t length = Utf8CharBytes(text, pos);
    const SV character = text.substr(pos, length);
    pos += length;
    // Find the character's index in `from`, by characters.
    int64_t index = -1, current = 0;
    for (size_t from_pos = 0; from_pos < from.size(); ++current) {
      const size_t from_length = Utf8CharBytes(from, from_pos);
      if (from.substr(from_pos, from_length) == character) {
        index = current;
        break;
      }
      from_pos += from_length;
    }
    if (index < 0) {
      out->append(character);
    } else {
      out->append(CharacterAt(to, index));  // empty: deleted
    }
  }
  return Status::OK();
}

Status Reverse(SV text, std::string* out) {
  out->resize(text.size());
  size_t write = text.size();
  for (size_t pos = 0; pos < text.size();) {
    const size_t length = Utf8CharBytes(text, pos);
    write -= length;
    text.copy(out->data() + write, length, pos);
    pos += length;
  }
  return Status::OK();
}

}  // namespace

void RegisterStringEditFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  registry.AddScalar(
      {"replace",
       {Overload({text, text, text}, text, RowKernel<StringResult, SV, SV, SV>(text, Replace))}});
  registry.AddScalar(
      {"translate",
       {Overload({text, text, text}, text, RowKernel<StringResult, SV, SV, SV>(text, Translate))}});
  registry.AddScalar(
      {"reverse", {Overload({text}, text, RowKernel<StringResult, SV>(text, Reverse))}});
}

}  // namespace boyodb::functions
