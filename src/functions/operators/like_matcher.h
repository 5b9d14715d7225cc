// LikeMatcher: a compiled SQL LIKE pattern (% matches any run of characters, _ one character,
// the escape character makes the next one literal), as PostgreSQL's LIKE and ILIKE match it
// on UTF-8 text. Patterns that are a literal, a prefix, a suffix or an infix between % signs
// match with a plain search, literals between % signs with one search per literal; others with a
// backtracking matcher that never splits a character. Thread safety: immutable after Compile;
// Matches may be called from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace boyodb::functions {

class LikeMatcher {
 public:
  /// Compiles `pattern`. `escape` is the escape character's text: empty disables escaping,
  /// otherwise it must be one character (22025 "invalid escape string"). 22025 "LIKE pattern
  /// must not end with escape character" for a pattern ending in an unpaired escape. With
  /// `case_insensitive` (ILIKE), the pattern and each text are compared lower-cased.
  static Result<LikeMatcher> Compile(std::string_view pattern, std::string_view escape,
                                     bool case_insensitive);

  /// True when the whole of `text` matches. `scratch` holds the lower-cased text for ILIKE.
  bool Matches(std::string_view text, std::string* scratch) const;

 private:
  enum class Shape { kExact, kPrefix, kSuffix, kInfix, kSegments, kGeneral };
  // One pattern element of the general matcher: a literal character (its bytes), any one
  // character, or any run of characters.
  struct Element {
    enum class Kind { kLiteral, kAnyOne, kAnyRun } kind;
    std::string literal;
  };

  LikeMatcher() = default;
  bool MatchesSegments(std::string_view text) const;
  bool MatchesGeneral(std::string_view text) const;

  bool case_insensitive_ = false;
  Shape shape_ = Shape::kGeneral;
  std::string literal_;  // the literal of kExact, kPrefix, kSuffix and kInfix
  std::vector<Element> elements_;
  // kSegments: the literals between % signs, and whether the first (last) must start (end)
  // the text because the pattern does not begin (end) with %.
  std::vector<std::string> segments_;
  bool anchored_start_ = false;
  bool anchored_end_ = false;
};

}  // namespace boyodb::functions
