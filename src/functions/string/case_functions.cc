// lower, upper and initcap on TEXT, with the simple case mapping of functions/string/utf8.h
// (ASCII plus the Latin, Greek, Cyrillic and Armenian letters). initcap upper-cases the first
// letter of every run of letters and digits and lower-cases the rest, as PostgreSQL does.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include "functions/builtin_families_internal.h"
#include "functions/kernel_helpers.h"
#include "functions/string/utf8.h"

namespace boyodb::functions {
namespace {

using types::DataType;

Status Lower(std::string_view text, std::string* out) {
  AppendLower(text, out);
  return Status::OK();
}

Status Upper(std::string_view text, std::string* out) {
  AppendUpper(text, out);
  return Status::OK();
}

Status Initcap(std::string_view text, std::string* out) {
  bool in_word = false;
  for (size_t pos = 0; pos < text.size();) {
    const size_t start = pos;
    const char32_t code_point = DecodeUtf8(text, &pos);
    const char32_t mapped = in_word ? SimpleLower(code_point) : SimpleUpper(code_point);
    if (mapped == code_point) {
      out->append(text.substr(start, pos - start));
    } else {
      AppendUtf8(mapped, out);
    }
    in_word = IsWordCharacter(code_point);
  }
  return Status::OK();
}

}  // namespace

void RegisterStringCaseFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  registry.AddScalar(
      {"lower", {Overload({text}, text, RowKernel<StringResult, std::string_view>(text, Lower))}});
  registry.AddScalar(
      {"upper", {Overload({text}, text, RowKernel<StringResult, std::string_view>(text, Upper))}});
  registry.AddScalar(
      {"initcap",
       {Overload({text}, text, RowKernel<StringResult, std::string_view>(text, Initcap))}});
}

}  // namespace boyodb::functions
