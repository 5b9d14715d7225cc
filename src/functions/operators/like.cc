// The LIKE operators: ~~ (LIKE), !~~ (NOT LIKE), ~~* (ILIKE) and !~~* (NOT ILIKE) on TEXT,
// with an optional third argument, the escape string (default backslash, as PostgreSQL's
// LIKE ... ESCAPE). The pattern is compiled once per run of equal patterns, so a constant
// pattern is compiled once per batch.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include "functions/builtin_families_internal.h"
#include "functions/kernel_helpers.h"
#include "functions/operators/like_matcher.h"

namespace boyodb::functions {
namespace {

using types::DataType;

sql::ScalarKernel LikeKernel(bool case_insensitive, bool negate) {
  return [case_insensitive, negate](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                    const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    const bool has_escape = args.size() == 3;
    columnar::BufferPtr validity = CombineValidity(args, num_rows);
    const uint8_t* valid = validity ? validity->data() : nullptr;
    const ArgReader<std::string_view> texts(*args[0]);
    const ArgReader<std::string_view> patterns(*args[1]);
    const std::optional<ArgReader<std::string_view>> escapes =
        has_escape ? std::optional(ArgReader<std::string_view>(*args[2])) : std::nullopt;
    BooleanOutput out(num_rows);
    std::optional<LikeMatcher> matcher;
    std::string compiled_pattern, compiled_escape, scratch;
    for (int64_t i = 0; i < num_rows; ++i) {
      if (!RowIsValid(valid, i)) continue;
      const std::string_view pattern = patterns[i];
      const std::string_view escape = has_escape ? (*escapes)[i] : std::string_view("\\");
      if (!matcher || pattern != compiled_pattern || escape != compiled_escape) {
        BOYO_ASSIGN_OR_RETURN(LikeMatcher compiled,
                              LikeMatcher::Compile(pattern, escape, case_insensitive));
        matcher.emplace(std::move(compiled));
        compiled_pattern.assign(pattern);
        compiled_escape.assign(escape);
      }
      out.Set(i, matcher->Matches(texts[i], &scratch) != negate);
    }
    return out.Finish(std::move(validity));
  };
}

void RegisterOperator(FunctionRegistry& registry, const char* name, bool case_insensitive,
                      bool negate) {
  const DataType text = DataType::String();
  registry.AddScalar(
      {name,
       {Overload({text, text}, DataType::Boolean(), LikeKernel(case_insensitive, negate)),
        Overload({text, text, text}, DataType::Boolean(), LikeKernel(case_insensitive, negate))}});
}

}  // namespace

void RegisterLikeOperators(FunctionRegistry& registry) {
  RegisterOperator(registry, "~~", false, false);
  RegisterOperator(registry, "!~~", false, true);
  RegisterOperator(registry, "~~*", true, false);
  RegisterOperator(registry, "!~~*", true, true);
}

}  // namespace boyodb::functions
