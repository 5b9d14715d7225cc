// Translation of PostgreSQL's regular expressions (its ARE syntax, the flags of the regexp_*
// functions, the ***= and ***: directors and leading embedded options) into RE2's syntax, for
// regex_matcher.h to compile. What RE2 cannot do is refused here, with a clear error, rather
// than matched differently: back-references and lookahead/lookbehind constraints.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "common/status.h"

namespace boyodb::functions {

/// How a pattern is read and matched: PostgreSQL's regex flags, resolved. The defaults are
/// those of the ~ operator (ARE syntax, case-sensitive, newline is an ordinary character).
struct RegexFlags {
  bool case_insensitive = false;      // i (c clears it)
  bool dot_excludes_newline = false;  // n, m, p: '.' and [^...] do not match a newline
  bool anchors_match_lines = false;   // n, m, w: ^ and $ also match beside a newline
  bool expanded = false;              // x: white space and # comments are ignored (t clears it)
  bool literal = false;               // q: the whole pattern is a literal string
  bool global = false;                // g: every match (regexp_replace only)
};

/// Applies `letters`, the flags argument of a regexp_* function, to `flags`, left to right
/// (so "ic" ends case-sensitive). Accepts PostgreSQL's letters b c e g i m n p q s t w x.
/// Errors: 22023 `invalid regular expression option: "z"` for any other letter; 0A000 for b
/// and e (basic and extended POSIX syntax), which are not supported.
Status ApplyRegexFlags(std::string_view letters, RegexFlags* flags);

/// A pattern rewritten in RE2's syntax, with what compiling it needs to know.
struct TranslatedRegex {
  std::string pattern;
  /// The flags after the pattern's own director and leading embedded options.
  RegexFlags flags;
  /// True when PostgreSQL prefers the shortest overall match: the pattern's first quantified
  /// atom is non-greedy (*? +? ?? {m,n}?) and it has no top-level |. RE2 then matches
  /// leftmost-first (the nearest it has), otherwise leftmost-longest, as PostgreSQL does.
  bool non_greedy = false;
  /// The number of capturing groups.
  int num_groups = 0;
};

/// Rewrites `pattern`, a PostgreSQL ARE read with `flags`, into RE2's syntax: \m \M \y and
/// [[:<:]] [[:>:]] become \b, \Y becomes \B, \Z becomes \z, PostgreSQL's character escapes
/// (\b is backspace, \B a backslash, \e \cX \uXXXX \xHH \0NN) become RE2's, \s \w and the
/// POSIX classes alpha alnum upper lower punct space become Unicode classes (PostgreSQL's are
/// Unicode in a UTF-8 locale, RE2's ASCII), a negated bracket expression excludes a newline in
/// newline-sensitive mode, and a leading ***=, ***: or (?flags) is applied to the returned
/// flags. RE2 itself checks the rest of the syntax.
/// Errors: 0A000 "regular expressions with back-references are not supported" (and the same
/// for lookahead and lookbehind constraints and collating element names); 2201B
/// "invalid regular expression: ..." in PostgreSQL's words for a bad escape, an unclosed
/// bracket expression, a repetition count above 255 and an invalid embedded option.
Result<TranslatedRegex> TranslateRegex(std::string_view pattern, RegexFlags flags);

}  // namespace boyodb::functions
