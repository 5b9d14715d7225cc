// CompiledRegex: a PostgreSQL regular expression translated to RE2's syntax
// (regex_translation.h) and compiled by RE2, searched the way PostgreSQL's regexp functions
// search. RegexMatchIterator walks successive matches; RegexCache keeps the compiled pattern of
// the last row, so that a kernel compiles a constant pattern once per batch.
// Thread safety: a CompiledRegex is immutable and may be searched from any thread; a
// RegexMatchIterator and a RegexCache belong to one kernel call.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"
#include "functions/string/regex_translation.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace boyodb::functions {

class CompiledRegex {
 public:
  /// Compiles `pattern` read with `flags` (syntax: TranslateRegex). The match is the
  /// leftmost-longest one unless a quantifier is non-greedy (leftmost-first then); text is
  /// UTF-8. Errors: TranslateRegex's, and 2201B "invalid regular expression: <RE2's reason>".
  static Result<std::unique_ptr<const CompiledRegex>> Compile(std::string_view pattern,
                                                              const RegexFlags& flags);
  ~CompiledRegex();
  CompiledRegex(const CompiledRegex&) = delete;
  CompiledRegex& operator=(const CompiledRegex&) = delete;

  /// The flags the pattern was compiled with, its own embedded options applied.
  const RegexFlags& flags() const { return flags_; }
  /// The number of capturing groups.
  int num_groups() const { return num_groups_; }

  /// True when `text` has a match anywhere.
  bool Matches(std::string_view text) const;
  /// Searches `text` from byte `start` (a character boundary; ^ and word boundaries still see
  /// the text before it). On a match, groups[0] is the whole match and groups[k] the k-th
  /// group, for every k < groups.size(); a group that took no part has a null data().
  /// Requires: start <= text.size(); text.data() is not null.
  bool Find(std::string_view text, size_t start, std::span<std::string_view> groups) const;

 private:
  CompiledRegex() = default;

  std::unique_ptr<re2::RE2> re2_;
  RegexFlags flags_;
  int num_groups_ = 0;
};

/// The matches of a regex in a text, one after another, as PostgreSQL's regexp functions find
/// them: each search starts where the previous match ended, or one character further after an
/// empty match, and an empty match at the very end counts. Holds references to its arguments.
class RegexMatchIterator {
 public:
  /// Searches `text` from byte `start`; `groups` receives each match (see Find), with at
  /// least one element. Requires: start <= text.size().
  RegexMatchIterator(const CompiledRegex& regex, std::string_view text, size_t start,
                     std::span<std::string_view> groups);
  /// Finds the next match into the groups; false when there is none.
  bool Next();

 private:
  const CompiledRegex& regex_;
  std::string_view text_;
  size_t next_start_;
  bool done_ = false;
  std::span<std::string_view> groups_;
};

/// The compiled regex of the last (pattern, flags) a kernel asked for: a run of rows with the
/// same pattern and flags compiles once.
class RegexCache {
 public:
  /// `base`: the flags the function starts from (~* is case-insensitive). `function_name`
  /// names the function in the error for a g flag, unless `allow_global`.
  RegexCache(RegexFlags base, std::string_view function_name, bool allow_global)
      : base_(base), function_name_(function_name), allow_global_(allow_global) {}

  /// The regex for `pattern` with the letters `flags` applied to the base flags. The pointer
  /// stays valid until the next call. Errors: those of ApplyRegexFlags and
  /// CompiledRegex::Compile, and 22023 `f() does not support the "global" option`.
  Result<const CompiledRegex*> Get(std::string_view pattern, std::string_view flags = {});

 private:
  const RegexFlags base_;
  const std::string_view function_name_;
  const bool allow_global_;
  std::unique_ptr<const CompiledRegex> regex_;
  std::string pattern_;
  std::string flags_;
};

}  // namespace boyodb::functions
