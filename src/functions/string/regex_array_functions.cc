// PostgreSQL 15's regular-expression functions that return arrays or sets: regexp_match,
// regexp_matches (set-returning), regexp_split_to_array and regexp_split_to_table
// (set-returning). Patterns and flags are read as in regex_functions.cc (regex_matcher.h), and
// compiled once per run of equal pattern and flags values. A set-returning overload returns one
// array per row, whose elements the binder turns into rows (function_api.h); a NULL argument
// gives a NULL array there (no rows), and a NULL result for the scalar functions.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/nested_builder.h"
#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"
#include "functions/string/regex_matcher.h"

namespace boyodb::functions {
namespace {

using columnar::ArrayPtr;
using types::DataType;

// The arguments of one call: text, pattern and, when the overload has it, flags.
class RegexArrayArgs {
 public:
  explicit RegexArrayArgs(std::span<const ArrayPtr> args) : texts_(*args[0]), patterns_(*args[1]) {
    if (args.size() > 2) flags_.emplace(*args[2]);
  }
  std::string_view text(int64_t row) const {
    const std::string_view text = texts_[row];
    // A null data() would make an empty match look like a group that took no part.
    return text.data() != nullptr ? text : std::string_view("", 0);
  }
  std::string_view pattern(int64_t row) const { return patterns_[row]; }
  std::string_view flags(int64_t row) const { return flags_ ? (*flags_)[row] : ""; }

 private:
  const ArgReader<std::string_view> texts_;
  const ArgReader<std::string_view> patterns_;
  std::optional<ArgReader<std::string_view>> flags_;
};

// List offsets are 32-bit: 54000 once one batch's results would hold more elements.
Status CheckListCapacity(int64_t num_elements) {
  if (num_elements <= std::numeric_limits<int32_t>::max()) return Status::OK();
  return InvalidValue(sqlstate::kProgramLimitExceeded,
                      "array result size exceeds the maximum allowed in one batch (" +
                          std::to_string(std::numeric_limits<int32_t>::max()) + ")");
}

// Appends a match as PostgreSQL's regexp_match(es) shows it: its groups, or the whole match
// when the pattern has none; a group that took no part is NULL.
void AppendMatch(std::span<const std::string_view> groups, columnar::BinaryBuilder* out) {
  if (groups.size() == 1) {
    out->Append(groups[0]);
    return;
  }
  for (size_t group = 1; group < groups.size(); ++group) {
    if (groups[group].data() == nullptr) {
      out->AppendNull();
    } else {
      out->Append(groups[group]);
    }
  }
}

// regexp_match(string, pattern [, flags]): the first match as text[], NULL without one.
Result<ArrayPtr> MatchKernel(std::span<const ArrayPtr> args, int64_t num_rows,
                             const sql::EvalContext&) {
  columnar::BufferPtr validity = CombineValidity(args, num_rows);
  const uint8_t* valid = validity ? validity->data() : nullptr;
  const RegexArrayArgs reader(args);
  RegexCache cache(RegexFlags{}, "regexp_match", /*allow_global=*/false);
  columnar::ListBuilder lists(DataType::List(DataType::String()));
  auto& strings = static_cast<columnar::BinaryBuilder&>(lists.element_builder());
  std::vector<std::string_view> groups;
  for (int64_t i = 0; i < num_rows; ++i) {
    if (!RowIsValid(valid, i)) {
      lists.AppendNull();
      continue;
    }
    BOYO_ASSIGN_OR_RETURN(const CompiledRegex* regex,
                          cache.Get(reader.pattern(i), reader.flags(i)));
    groups.resize(static_cast<size_t>(regex->num_groups()) + 1);
    if (!regex->Find(reader.text(i), 0, groups)) {
      lists.AppendNull();
      continue;
    }
    AppendMatch(groups, &strings);
    BOYO_RETURN_IF_ERROR(CheckListCapacity(strings.length()));
    lists.FinishList();
  }
  return lists.Finish();
}

// regexp_matches(string, pattern [, flags]): one text[] per match (every match with the g
// flag, else the first), as the array of a set-returning call.
Result<ArrayPtr> MatchesKernel(std::span<const ArrayPtr> args, int64_t num_rows,
                               const sql::EvalContext&) {
  columnar::BufferPtr validity = CombineValidity(args, num_rows);
  const uint8_t* valid = validity ? validity->data() : nullptr;
  const RegexArrayArgs reader(args);
  RegexCache cache(RegexFlags{}, "regexp_matches", /*allow_global=*/true);
  columnar::ListBuilder matches(DataType::List(DataType::List(DataType::String())));
  auto& match = static_cast<columnar::ListBuilder&>(matches.element_builder());
  auto& strings = static_cast<columnar::BinaryBuilder&>(match.element_builder());
  std::vector<std::string_view> groups;
  for (int64_t i = 0; i < num_rows; ++i) {
    if (!RowIsValid(valid, i)) {
      matches.AppendNull();
      continue;
    }
    BOYO_ASSIGN_OR_RETURN(const CompiledRegex* regex,
                          cache.Get(reader.pattern(i), reader.flags(i)));
    groups.resize(static_cast<size_t>(regex->num_groups()) + 1);
    RegexMatchIterator iterator(*regex, reader.text(i), 0, groups);
    while (iterator.Next()) {
      AppendMatch(groups, &strings);
      BOYO_RETURN_IF_ERROR(CheckListCapacity(strings.length()));
      BOYO_RETURN_IF_ERROR(CheckListCapacity(match.length() + 1));
      match.FinishList();
      if (!regex->flags().global) break;
    }
    matches.FinishList();
  }
  return matches.Finish();
}

// The pieces of `text` between the matches of `regex`, by PostgreSQL's rules for splitting:
// a match is ignored when it is empty at the start or the end of the text or right after the
// previous match, so splitting on an empty pattern gives the characters.
Status AppendPieces(const CompiledRegex& regex, std::string_view text,
                    columnar::BinaryBuilder* out) {
  std::string_view whole[1];
  RegexMatchIterator matches(regex, text, 0, whole);
  size_t piece_start = 0;
  while (matches.Next()) {
    const size_t begin = static_cast<size_t>(whole[0].data() - text.data());
    const size_t end = begin + whole[0].size();
    if (begin >= text.size() || end <= piece_start) continue;
    out->Append(text.substr(piece_start, begin - piece_start));
    piece_start = end;
  }
  out->Append(text.substr(piece_start));
  return CheckListCapacity(out->length());
}

// regexp_split_to_array and regexp_split_to_table (`function_name` for the g flag's error):
// the pieces as text[].
sql::ScalarKernel SplitKernel(std::string_view function_name) {
  return [function_name](std::span<const ArrayPtr> args, int64_t num_rows,
                         const sql::EvalContext&) -> Result<ArrayPtr> {
    columnar::BufferPtr validity = CombineValidity(args, num_rows);
    const uint8_t* valid = validity ? validity->data() : nullptr;
    const RegexArrayArgs reader(args);
    RegexCache cache(RegexFlags{}, function_name, /*allow_global=*/false);
    columnar::ListBuilder lists(DataType::List(DataType::String()));
    auto& strings = static_cast<columnar::BinaryBuilder&>(lists.element_builder());
    for (int64_t i = 0; i < num_rows; ++i) {
      if (!RowIsValid(valid, i)) {
        lists.AppendNull();
        continue;
      }
      BOYO_ASSIGN_OR_RETURN(const CompiledRegex* regex,
                            cache.Get(reader.pattern(i), reader.flags(i)));
      BOYO_RETURN_IF_ERROR(AppendPieces(*regex, reader.text(i), &strings));
      lists.FinishList();
    }
    return lists.Finish();
  };
}

// The overloads (string, pattern) and (string, pattern, flags) of one function.
std::vector<sql::ScalarOverload> WithAndWithoutFlags(const DataType& result,
                                                     const sql::ScalarKernel& kernel,
                                                     bool returns_set) {
  const DataType text = DataType::String();
  std::vector<sql::ScalarOverload> overloads = {Overload({text, text}, result, kernel),
                                                Overload({text, text, text}, result, kernel)};
  for (sql::ScalarOverload& overload : overloads) overload.returns_set = returns_set;
  return overloads;
}

}  // namespace

void RegisterRegexArrayFunctions(FunctionRegistry& registry) {
  const DataType text_array = DataType::List(DataType::String());
  registry.AddScalar({"regexp_match", WithAndWithoutFlags(text_array, MatchKernel, false)});
  registry.AddScalar({"regexp_matches", WithAndWithoutFlags(DataType::List(text_array),
                                                            MatchesKernel, /*returns_set=*/true)});
  registry.AddScalar(
      {"regexp_split_to_array",
       WithAndWithoutFlags(text_array, SplitKernel("regexp_split_to_array"), false)});
  registry.AddScalar({"regexp_split_to_table",
                      WithAndWithoutFlags(text_array, SplitKernel("regexp_split_to_table"),
                                          /*returns_set=*/true)});
}

}  // namespace boyodb::functions
