// SQL SIMILAR TO patterns: their conversion into a PostgreSQL regular expression, as
// PostgreSQL's similar_to_escape() does it (`a SIMILAR TO b` is `a ~ similar_to_escape(b)`),
// and SimilarSubstring, the matcher of substring(a SIMILAR b ESCAPE e).
// Thread safety: pure functions; a SimilarSubstring is immutable and may be used from any
// thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/status.h"
#include "functions/string/regex_matcher.h"

namespace boyodb::functions {

/// A SIMILAR TO pattern converted to regex syntax, split at its escape-double-quote separators:
/// parts[0] before the first, parts[1] between the two, parts[2] after the second.
struct SimilarParts {
  std::string parts[3];
  int num_separators = 0;  // 0, 1 or 2
};

/// Converts the SIMILAR TO pattern `pattern`: % becomes .*, _ becomes ., ( becomes (?:, the
/// regex metacharacters . ^ $ and \ are escaped, | * + ? {m,n} and bracket expressions pass
/// through, a character after the escape character is literal, and the escape character
/// followed by a double quote separates the parts. `escape` is one character, or empty for
/// none. Errors: 22025 "invalid escape string" when `escape` has more than one character; 2200C
/// "SQL regular expression may not contain more than two escape-double-quote separators".
Status ConvertSimilarPattern(std::string_view pattern, std::string_view escape, SimilarParts* out);

/// Appends what similar_to_escape(pattern, escape) returns: the converted pattern anchored as
/// ^(?:...)$, or ^(?:a){1,1}?(b){1,1}(?:c)$ with separators. Errors: ConvertSimilarPattern's.
Status AppendSimilarToRegex(std::string_view pattern, std::string_view escape, std::string* out);

/// The matcher of substring(text SIMILAR pattern ESCAPE escape): the whole text must match;
/// the result is the part between the separators, where the part before them is as short as
/// it can be and the middle part then as long as it can be (PostgreSQL's and the standard's
/// rule), or the whole text without separators.
class SimilarSubstring {
 public:
  /// Errors: ConvertSimilarPattern's and CompiledRegex::Compile's.
  static Result<std::unique_ptr<const SimilarSubstring>> Compile(std::string_view pattern,
                                                                 std::string_view escape);
  /// The substring of `text`; nullopt (NULL) when `text` does not match.
  std::optional<std::string_view> Find(std::string_view text) const;

 private:
  SimilarSubstring() = default;

  // The whole pattern, as similar_to_escape writes it.
  std::unique_ptr<const CompiledRegex> whole_;
  // Regexes of the parts: before (anchored), middle + after (anchored at the end only, so a
  // search finds the leftmost place they can start), middle and after (anchored). Null when
  // there are no separators, or when a part is not a regex on its own (a group around a
  // separator): group 1 of whole_ answers then.
  std::unique_ptr<const CompiledRegex> before_;
  std::unique_ptr<const CompiledRegex> rest_;
  std::unique_ptr<const CompiledRegex> middle_;
  std::unique_ptr<const CompiledRegex> after_;
  int num_separators_ = 0;
};

}  // namespace boyodb::functions
