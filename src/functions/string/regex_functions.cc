// PostgreSQL 15's regular-expression operators and functions on TEXT: ~ ~* !~ !~*,
// regexp_like, regexp_count, regexp_instr, regexp_substr, regexp_replace (both signatures) and
// substring(text, pattern). Patterns are PostgreSQL AREs run by RE2 (regex_matcher.h),
// compiled once per run of equal pattern and flags values, so once per batch for a constant
// pattern. Positions and start offsets count characters from 1; every function is strict
// (NULL in, NULL out).
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"
#include "functions/string/regex_matcher.h"
#include "functions/string/utf8.h"

namespace boyodb::functions {
namespace {

using columnar::ArrayPtr;
using types::DataType;

// Where an overload has its optional arguments (-1: absent, the default applies).
struct ArgLayout {
  int start = -1;
  int n = -1;
  int endoption = -1;
  int flags = -1;
  int subexpr = -1;
};

// Reads the arguments of one row of a call: the text (argument 0), the pattern (argument 1)
// and the optional arguments of `layout`.
class RegexArgs {
 public:
  RegexArgs(std::span<const ArrayPtr> args, const ArgLayout& layout)
      : texts_(*args[0]), patterns_(*args[1]) {
    if (layout.flags >= 0) flags_.emplace(*args[static_cast<size_t>(layout.flags)]);
    const int indexes[] = {layout.start, layout.n, layout.endoption, layout.subexpr};
    for (size_t slot = 0; slot < integers_.size(); ++slot) {
      if (indexes[slot] >= 0) integers_[slot].emplace(*args[static_cast<size_t>(indexes[slot])]);
    }
  }

  std::string_view text(int64_t row) const {
    const std::string_view text = texts_[row];
    // A null data() would make an empty match look like a group that took no part.
    return text.data() != nullptr ? text : std::string_view("", 0);
  }
  std::string_view pattern(int64_t row) const { return patterns_[row]; }
  std::string_view flags(int64_t row) const { return flags_ ? (*flags_)[row] : ""; }
  int32_t start(int64_t row) const { return Integer(0, row, 1); }
  int32_t n(int64_t row, int32_t fallback) const { return Integer(1, row, fallback); }
  int32_t endoption(int64_t row) const { return Integer(2, row, 0); }
  int32_t subexpr(int64_t row) const { return Integer(3, row, 0); }

 private:
  int32_t Integer(size_t slot, int64_t row, int32_t fallback) const {
    return integers_[slot] ? (*integers_[slot])[row] : fallback;
  }

  const ArgReader<std::string_view> texts_;
  const ArgReader<std::string_view> patterns_;
  std::optional<ArgReader<std::string_view>> flags_;
  // start, n, endoption, subexpr
  std::array<std::optional<ArgReader<int32_t>>, 4> integers_;
};

// 22023 `invalid value for parameter "start": 0` unless `valid`.
Status CheckParameter(const char* name, int32_t value, bool valid) {
  if (valid) return Status::OK();
  return InvalidValue(
      sqlstate::kInvalidParameterValue,
      std::string("invalid value for parameter \"") + name + "\": " + std::to_string(value));
}

// The byte offset of the 1-based character `start` (start >= 1); nullopt when it lies more
// than one character past the end, where no search finds anything.
std::optional<size_t> StartOffset(std::string_view text, int32_t start) {
  size_t pos = 0;
  for (int32_t index = 1; index < start; ++index) {
    if (pos >= text.size()) return std::nullopt;
    pos += Utf8CharBytes(text, pos);
  }
  return pos;
}

// The 1-based character position of byte `offset` of `text`.
int32_t CharacterPosition(std::string_view text, size_t offset) {
  return static_cast<int32_t>(Utf8Length(text.substr(0, offset)) + 1);
}

// The group a subexpr argument selects: as in PostgreSQL, 1 is the whole match when the
// pattern has no groups; -1 when there is no such group.
int SelectedGroup(const CompiledRegex& regex, int32_t subexpr) {
  if (regex.num_groups() == 0) return subexpr <= 1 ? 0 : -1;
  return subexpr <= regex.num_groups() ? subexpr : -1;
}

// Finds the n-th match (n >= 1) from byte `start` into `groups`.
bool FindNth(const CompiledRegex& regex, std::string_view text, size_t start, int32_t n,
             std::span<std::string_view> groups) {
  RegexMatchIterator matches(regex, text, start, groups);
  for (int32_t found = 0; matches.Next();) {
    if (++found == n) return true;
  }
  return false;
}

// ~, ~*, !~, !~* and regexp_like (with its flags at argument 2 when `with_flags`).
sql::ScalarKernel MatchKernel(bool case_insensitive, bool negate, bool with_flags) {
  return [case_insensitive, negate, with_flags](std::span<const ArrayPtr> args, int64_t num_rows,
                                                const sql::EvalContext&) -> Result<ArrayPtr> {
    columnar::BufferPtr validity = CombineValidity(args, num_rows);
    const uint8_t* valid = validity ? validity->data() : nullptr;
    const RegexArgs reader(args, ArgLayout{.flags = with_flags ? 2 : -1});
    RegexCache cache(RegexFlags{.case_insensitive = case_insensitive}, "regexp_like",
                     /*allow_global=*/false);
    BooleanOutput out(num_rows);
    for (int64_t i = 0; i < num_rows; ++i) {
      if (!RowIsValid(valid, i)) continue;
      BOYO_ASSIGN_OR_RETURN(const CompiledRegex* regex,
                            cache.Get(reader.pattern(i), reader.flags(i)));
      out.Set(i, regex->Matches(reader.text(i)) != negate);
    }
    return out.Finish(std::move(validity));
  };
}

// regexp_count(string, pattern [, start [, flags]]).
sql::ScalarKernel CountKernel(ArgLayout layout) {
  return [layout](std::span<const ArrayPtr> args, int64_t num_rows,
                  const sql::EvalContext&) -> Result<ArrayPtr> {
    columnar::BufferPtr validity = CombineValidity(args, num_rows);
    const uint8_t* valid = validity ? validity->data() : nullptr;
    const RegexArgs reader(args, layout);
    RegexCache cache(RegexFlags{}, "regexp_count", /*allow_global=*/false);
    FixedOutput<int32_t> out(num_rows);
    int32_t* counts = out.data();
    std::string_view whole[1];
    for (int64_t i = 0; i < num_rows; ++i) {
      if (!RowIsValid(valid, i)) continue;
      const int32_t start = reader.start(i);
      BOYO_RETURN_IF_ERROR(CheckParameter("start", start, start > 0));
      BOYO_ASSIGN_OR_RETURN(const CompiledRegex* regex,
                            cache.Get(reader.pattern(i), reader.flags(i)));
      const std::string_view text = reader.text(i);
      const std::optional<size_t> offset = StartOffset(text, start);
      int32_t count = 0;
      if (offset) {
        RegexMatchIterator matches(*regex, text, *offset, whole);
        while (matches.Next()) ++count;
      }
      counts[i] = count;
    }
    return out.Finish(DataType::Int32(), std::move(validity));
  };
}

// regexp_instr(string, pattern [, start [, N [, endoption [, flags [, subexpr]]]]]).
sql::ScalarKernel InstrKernel(ArgLayout layout) {
  return [layout](std::span<const ArrayPtr> args, int64_t num_rows,
                  const sql::EvalContext&) -> Result<ArrayPtr> {
    columnar::BufferPtr validity = CombineValidity(args, num_rows);
    const uint8_t* valid = validity ? validity->data() : nullptr;
    const RegexArgs reader(args, layout);
    RegexCache cache(RegexFlags{}, "regexp_instr", /*allow_global=*/false);
    FixedOutput<int32_t> out(num_rows);
    int32_t* positions = out.data();
    std::vector<std::string_view> groups;
    for (int64_t i = 0; i < num_rows; ++i) {
      if (!RowIsValid(valid, i)) continue;
      const int32_t start = reader.start(i);
      const int32_t n = reader.n(i, 1);
      const int32_t endoption = reader.endoption(i);
      const int32_t subexpr = reader.subexpr(i);
      BOYO_RETURN_IF_ERROR(CheckParameter("start", start, start > 0));
      BOYO_RETURN_IF_ERROR(CheckParameter("n", n, n > 0));
      BOYO_RETURN_IF_ERROR(
          CheckParameter("endoption", endoption, endoption == 0 || endoption == 1));
      BOYO_RETURN_IF_ERROR(CheckParameter("subexpr", subexpr, subexpr >= 0));
      BOYO_ASSIGN_OR_RETURN(const CompiledRegex* regex,
                            cache.Get(reader.pattern(i), reader.flags(i)));
      const std::string_view text = reader.text(i);
      const std::optional<size_t> offset = StartOffset(text, start);
      positions[i] = 0;
      const int group = SelectedGroup(*regex, subexpr);
      if (!offset || group < 0) continue;
      groups.resize(static_cast<size_t>(group) + 1);
      if (!FindNth(*regex, text, *offset, n, groups)) continue;
      const std::string_view found = groups[static_cast<size_t>(group)];
      if (found.data() == nullptr) continue;
      const size_t begin = static_cast<size_t>(found.data() - text.data());
      positions[i] = CharacterPosition(text, endoption == 1 ? begin + found.size() : begin);
    }
    return out.Finish(DataType::Int32(), std::move(validity));
  };
}

// regexp_substr(string, pattern [, start [, N [, flags [, subexpr]]]]).
sql::ScalarKernel SubstrKernel(ArgLayout layout) {
  return [layout](std::span<const ArrayPtr> args, int64_t num_rows,
                  const sql::EvalContext&) -> Result<ArrayPtr> {
    columnar::BufferPtr validity = CombineValidity(args, num_rows);
    const uint8_t* valid = validity ? validity->data() : nullptr;
    const RegexArgs reader(args, layout);
    RegexCache cache(RegexFlags{}, "regexp_substr", /*allow_global=*/false);
    columnar::BinaryBuilder builder(DataType::String());
    std::vector<std::string_view> groups;
    for (int64_t i = 0; i < num_rows; ++i) {
      if (!RowIsValid(valid, i)) {
        builder.AppendNull();
        continue;
      }
      const int32_t start = reader.start(i);
      const int32_t n = reader.n(i, 1);
      const int32_t subexpr = reader.subexpr(i);
      BOYO_RETURN_IF_ERROR(CheckParameter("start", start, start > 0));
      BOYO_RETURN_IF_ERROR(CheckParameter("n", n, n > 0));
      BOYO_RETURN_IF_ERROR(CheckParameter("subexpr", subexpr, subexpr >= 0));
      BOYO_ASSIGN_OR_RETURN(const CompiledRegex* regex,
                            cache.Get(reader.pattern(i), reader.flags(i)));
      const std::string_view text = reader.text(i);
      const std::optional<size_t> offset = StartOffset(text, start);
      const int group = SelectedGroup(*regex, subexpr);
      if (!offset || group < 0) {
        builder.AppendNull();
        continue;
      }
      groups.resize(static_cast<size_t>(group) + 1);
      const bool found = FindNth(*regex, text, *offset, n, groups) &&
                         groups[static_cast<size_t>(group)].data() != nullptr;
      if (found) {
        builder.Append(groups[static_cast<size_t>(group)]);
      } else {
        builder.AppendNull();
      }
    }
    return builder.Finish();
  };
}

// The highest group number \1..\9 that `replacement` refers to (0 for none).
int HighestReference(std::string_view replacement) {
  int highest = 0;
  for (size_t pos = replacement.find('\\');
       pos != std::string_view::npos && pos + 1 < replacement.size();
       pos = replacement.find('\\', pos + 2)) {
    const char next = replacement[pos + 1];
    if (next >= '1' && next <= '9') highest = std::max(highest, next - '0');
  }
  return highest;
}

// Appends `replacement` for one match: \1..\9 are its groups (nothing for a group that took
// no part or does not exist), \& the whole match, \\ a backslash; any other backslash is
// copied with the character after it.
void AppendReplacement(std::string_view replacement, std::span<const std::string_view> groups,
                       std::string* out) {
  size_t pos = 0;
  while (pos < replacement.size()) {
    const size_t backslash = replacement.find('\\', pos);
    if (backslash == std::string_view::npos || backslash + 1 == replacement.size()) {
      out->append(replacement.substr(pos));
      return;
    }
    out->append(replacement.substr(pos, backslash - pos));
    const char next = replacement[backslash + 1];
    pos = backslash + 2;
    if (next >= '1' && next <= '9') {
      const size_t group = static_cast<size_t>(next - '0');
      if (group < groups.size() && groups[group].data() != nullptr) out->append(groups[group]);
    } else if (next == '&') {
      out->append(groups[0]);
    } else if (next == '\\') {
      out->push_back('\\');
    } else {
      out->push_back('\\');
      pos = backslash + 1;
    }
  }
}

// regexp_replace(source, pattern, replacement [, flags]) when `extended` is false, else
// regexp_replace(source, pattern, replacement, start [, N [, flags]]). The replacement is
// argument 2. N = 0 replaces every match; without N, the g flag decides.
sql::ScalarKernel ReplaceKernel(ArgLayout layout, bool extended) {
  return [layout, extended](std::span<const ArrayPtr> args, int64_t num_rows,
                            const sql::EvalContext&) -> Result<ArrayPtr> {
    columnar::BufferPtr validity = CombineValidity(args, num_rows);
    const uint8_t* valid = validity ? validity->data() : nullptr;
    const RegexArgs reader(args, layout);
    const ArgReader<std::string_view> replacements(*args[2]);
    RegexCache cache(RegexFlags{}, "regexp_replace", /*allow_global=*/true);
    columnar::BinaryBuilder builder(DataType::String());
    std::vector<std::string_view> groups;
    std::string scratch;
    for (int64_t i = 0; i < num_rows; ++i) {
      if (!RowIsValid(valid, i)) {
        builder.AppendNull();
        continue;
      }
      const int32_t start = reader.start(i);
      int32_t n = reader.n(i, 0);
      if (extended) {
        BOYO_RETURN_IF_ERROR(CheckParameter("start", start, start > 0));
        BOYO_RETURN_IF_ERROR(CheckParameter("n", n, n >= 0));
      }
      BOYO_ASSIGN_OR_RETURN(const CompiledRegex* regex,
                            cache.Get(reader.pattern(i), reader.flags(i)));
      if (layout.n < 0) n = regex->flags().global ? 0 : 1;
      const std::string_view text = reader.text(i);
      const std::string_view replacement = replacements[i];
      const std::optional<size_t> offset = StartOffset(text, start);
      if (!offset) {
        builder.Append(text);
        continue;
      }
      groups.resize(
          1 + static_cast<size_t>(std::min(HighestReference(replacement), regex->num_groups())));
      RegexMatchIterator matches(*regex, text, *offset, groups);
      scratch.clear();
      size_t copied = 0;
      bool replaced = false;
      for (int32_t found = 0; matches.Next();) {
        if (n > 0 && ++found < n) continue;
        const size_t begin = static_cast<size_t>(groups[0].data() - text.data());
        scratch.append(text.substr(copied, begin - copied));
        AppendReplacement(replacement, groups, &scratch);
        copied = begin + groups[0].size();
        replaced = true;
        if (n > 0) break;
      }
      if (!replaced) {
        builder.Append(text);
        continue;
      }
      scratch.append(text.substr(copied));
      builder.Append(scratch);
    }
    return builder.Finish();
  };
}

// substring(string, pattern): the first group when the pattern has one, else the whole
// match; NULL without a match (or when that group took no part in it).
Result<ArrayPtr> SubstringKernel(std::span<const ArrayPtr> args, int64_t num_rows,
                                 const sql::EvalContext&) {
  columnar::BufferPtr validity = CombineValidity(args, num_rows);
  const uint8_t* valid = validity ? validity->data() : nullptr;
  const RegexArgs reader(args, ArgLayout{});
  RegexCache cache(RegexFlags{}, "substring", /*allow_global=*/false);
  columnar::BinaryBuilder builder(DataType::String());
  std::string_view groups[2];
  for (int64_t i = 0; i < num_rows; ++i) {
    if (!RowIsValid(valid, i)) {
      builder.AppendNull();
      continue;
    }
    BOYO_ASSIGN_OR_RETURN(const CompiledRegex* regex, cache.Get(reader.pattern(i)));
    const size_t group = regex->num_groups() > 0 ? 1 : 0;
    if (regex->Find(reader.text(i), 0, std::span(groups, group + 1)) &&
        groups[group].data() != nullptr) {
      builder.Append(groups[group]);
    } else {
      builder.AppendNull();
    }
  }
  return builder.Finish();
}

}  // namespace

void RegisterRegexFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  const DataType int32 = DataType::Int32();
  const DataType boolean = DataType::Boolean();

  registry.AddScalar({"~", {Overload({text, text}, boolean, MatchKernel(false, false, false))}});
  registry.AddScalar({"~*", {Overload({text, text}, boolean, MatchKernel(true, false, false))}});
  registry.AddScalar({"!~", {Overload({text, text}, boolean, MatchKernel(false, true, false))}});
  registry.AddScalar({"!~*", {Overload({text, text}, boolean, MatchKernel(true, true, false))}});
  registry.AddScalar({"regexp_like",
                      {Overload({text, text}, boolean, MatchKernel(false, false, false)),
                       Overload({text, text, text}, boolean, MatchKernel(false, false, true))}});

  registry.AddScalar(
      {"regexp_count",
       {Overload({text, text}, int32, CountKernel({})),
        Overload({text, text, int32}, int32, CountKernel({.start = 2})),
        Overload({text, text, int32, text}, int32, CountKernel({.start = 2, .flags = 3}))}});

  registry.AddScalar(
      {"regexp_instr",
       {Overload({text, text}, int32, InstrKernel({})),
        Overload({text, text, int32}, int32, InstrKernel({.start = 2})),
        Overload({text, text, int32, int32}, int32, InstrKernel({.start = 2, .n = 3})),
        Overload({text, text, int32, int32, int32}, int32,
                 InstrKernel({.start = 2, .n = 3, .endoption = 4})),
        Overload({text, text, int32, int32, int32, text}, int32,
                 InstrKernel({.start = 2, .n = 3, .endoption = 4, .flags = 5})),
        Overload({text, text, int32, int32, int32, text, int32}, int32,
                 InstrKernel({.start = 2, .n = 3, .endoption = 4, .flags = 5, .subexpr = 6}))}});

  registry.AddScalar(
      {"regexp_substr",
       {Overload({text, text}, text, SubstrKernel({})),
        Overload({text, text, int32}, text, SubstrKernel({.start = 2})),
        Overload({text, text, int32, int32}, text, SubstrKernel({.start = 2, .n = 3})),
        Overload({text, text, int32, int32, text}, text,
                 SubstrKernel({.start = 2, .n = 3, .flags = 4})),
        Overload({text, text, int32, int32, text, int32}, text,
                 SubstrKernel({.start = 2, .n = 3, .flags = 4, .subexpr = 5}))}});

  registry.AddScalar(
      {"regexp_replace",
       {Overload({text, text, text}, text, ReplaceKernel({}, false)),
        Overload({text, text, text, text}, text, ReplaceKernel({.flags = 3}, false)),
        Overload({text, text, text, int32}, text, ReplaceKernel({.start = 3}, true)),
        Overload({text, text, text, int32, int32}, text, ReplaceKernel({.start = 3, .n = 4}, true)),
        Overload({text, text, text, int32, int32, text}, text,
                 ReplaceKernel({.start = 3, .n = 4, .flags = 5}, true))}});

  // substring(x FROM pattern); substring(text, int [, int]) is in substring_functions.cc and
  // substring(x SIMILAR pattern ESCAPE e) in regex_similar.cc.
  registry.AddScalar({"substring", {Overload({text, text}, text, SubstringKernel)}});
}

}  // namespace boyodb::functions
