// TranslateRegex and ApplyRegexFlags (regex_translation.h): a single left-to-right pass over
// the pattern that copies what RE2 reads the same way and rewrites the rest.
// Thread safety: see the header.
#include "functions/string/regex_translation.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "common/sqlstate.h"
#include "functions/function_errors.h"
#include "functions/string/utf8.h"

namespace boyodb::functions {
namespace {

constexpr std::string_view kBadEscape = "invalid escape \\ sequence";
constexpr std::string_view kBadBrackets = "brackets [] not balanced";
constexpr std::string_view kBadEmbeddedOption = "invalid embedded option";
constexpr std::string_view kBadRange = "invalid character range";
// PostgreSQL's limit on a repetition count (DUPMAX); RE2's own is 1000.
constexpr int64_t kMaxRepetition = 255;

// PostgreSQL classifies characters with the database's locale (C.UTF-8: Unicode), RE2's \s, \w
// and POSIX classes are ASCII-only; these bracket-expression members stand in for them.
// White space: exactly what PostgreSQL's \s matches in C.UTF-8, and its complement.
constexpr std::string_view kSpaceMembers =
    "\\t-\\r \\x{1680}\\x{2000}-\\x{2006}\\x{2008}-\\x{200A}\\x{2028}\\x{2029}\\x{205F}"
    "\\x{3000}";
constexpr std::string_view kNonSpaceMembers =
    "\\x{0}-\\x{8}\\x{E}-\\x{1F}\\x{21}-\\x{167F}\\x{1681}-\\x{1FFF}\\x{2007}"
    "\\x{200B}-\\x{2027}\\x{202A}-\\x{205E}\\x{2060}-\\x{2FFF}\\x{3001}-\\x{10FFFF}";
// Word characters: Unicode letters and numbers, and '_' (PostgreSQL: alnum and '_').
constexpr std::string_view kWordMembers = "\\p{L}\\p{N}_";

// The members a POSIX class name stands for, for the names whose ASCII meaning in RE2 differs
// from PostgreSQL's; empty for the others (kept as [:name:]).
std::string_view PosixClassMembers(std::string_view name) {
  if (name == "alpha") return "\\p{L}";
  if (name == "alnum") return "\\p{L}\\p{N}";
  if (name == "upper") return "\\p{Lu}\\p{Lt}";
  if (name == "lower") return "\\p{Ll}";
  if (name == "punct") return "\\p{P}\\p{S}";
  if (name == "space") return kSpaceMembers;
  if (name == "word") return kWordMembers;
  return {};
}

Status InvalidRegex(std::string_view reason) {
  return InvalidValue(sqlstate::kInvalidRegularExpression,
                      "invalid regular expression: " + std::string(reason));
}

Status NotSupported(std::string_view construct) {
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                "regular expressions with " + std::string(construct) + " are not supported");
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) {
  return IsAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Appends `code_point` as RE2's \x{...} escape (valid inside and outside brackets).
void AppendCodePoint(uint32_t code_point, std::string* out) {
  constexpr char kDigits[] = "0123456789ABCDEF";
  char buffer[8];
  int length = 0;
  do {
    buffer[length++] = kDigits[code_point & 0xF];
    code_point >>= 4;
  } while (code_point != 0);
  out->append("\\x{");
  while (length > 0) out->push_back(buffer[--length]);
  out->push_back('}');
}

// Appends one character (its UTF-8 bytes) so that RE2 reads it literally, inside or outside
// a bracket expression: ASCII punctuation is backslash-escaped, controls and space become
// \x{..}, letters, digits and non-ASCII characters are copied.
void AppendLiteralCharacter(std::string_view character, std::string* out) {
  if (character.size() != 1) {
    out->append(character);
    return;
  }
  const char c = character[0];
  if (IsAsciiAlnum(c) || c == '_') {
    out->push_back(c);
  } else if (c > ' ' && c < 0x7F) {
    out->push_back('\\');
    out->push_back(c);
  } else {
    AppendCodePoint(static_cast<uint8_t>(c), out);
  }
}

void AppendLiteralText(std::string_view text, std::string* out) {
  for (size_t pos = 0; pos < text.size();) {
    const size_t length = Utf8CharBytes(text, pos);
    AppendLiteralCharacter(text.substr(pos, length), out);
    pos += length;
  }
}

// Applies one flag letter; false for a letter that is not a flag (g is handled by callers).
Result<bool> ApplyFlagLetter(char letter, RegexFlags* flags) {
  switch (letter) {
    case 'b':
      return NotSupported("basic POSIX syntax (flag b)");
    case 'e':
      return NotSupported("extended POSIX syntax (flag e)");
    case 'c':
      flags->case_insensitive = false;
      return true;
    case 'i':
      flags->case_insensitive = true;
      return true;
    case 'm':
    case 'n':
      flags->dot_excludes_newline = true;
      flags->anchors_match_lines = true;
      return true;
    case 'p':
      flags->dot_excludes_newline = true;
      flags->anchors_match_lines = false;
      return true;
    case 'w':
      flags->dot_excludes_newline = false;
      flags->anchors_match_lines = true;
      return true;
    case 's':
      flags->dot_excludes_newline = false;
      flags->anchors_match_lines = false;
      return true;
    case 'q':
      flags->literal = true;
      return true;
    case 't':
      flags->expanded = false;
      return true;
    case 'x':
      flags->expanded = true;
      return true;
    default:
      return false;
  }
}

// One pass over an ARE, appending its RE2 form to out->pattern.
class Translator {
 public:
  Translator(std::string_view pattern, TranslatedRegex* out) : pattern_(pattern), out_(*out) {}

  Status Run() {
    if (out_.flags.literal) return Literal(pattern_);
    if (pattern_.starts_with("***")) {
      if (pattern_.substr(3).starts_with("=")) return Literal(pattern_.substr(4));
      if (!pattern_.substr(3).starts_with(":")) return InvalidRegex("quantifier operand invalid");
      pos_ = 4;
    }
    BOYO_RETURN_IF_ERROR(LeadingOptions());
    if (out_.flags.literal) return Literal(pattern_.substr(pos_));
    while (pos_ < pattern_.size()) {
      if (out_.flags.expanded && SkipSpaceAndComment()) continue;
      BOYO_RETURN_IF_ERROR(Element());
    }
    CommitPending();
    out_.non_greedy = !frames_[0].alternation && frames_[0].branch == Greed::kNonGreedy;
    return Status::OK();
  }

 private:
  // A pattern element's preference: none (a plain atom), longest or shortest match.
  enum class Greed : uint8_t { kNone, kGreedy, kNonGreedy };
  // An open group: whether it has alternatives, and the greediness of its first branch.
  struct Frame {
    bool alternation = false;
    Greed branch = Greed::kNone;
  };

  Status Literal(std::string_view text) {
    out_.flags.literal = true;
    AppendLiteralText(text, &out_.pattern);
    return Status::OK();
  }

  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < pattern_.size() ? pattern_[pos_ + ahead] : '\0';
  }
  bool AtEnd(size_t ahead = 0) const { return pos_ + ahead >= pattern_.size(); }

  // PostgreSQL's "(?letters)" at the start of an ARE: flags for the whole pattern.
  Status LeadingOptions() {
    if (Peek() != '(' || Peek(1) != '?') return Status::OK();
    const char first = Peek(2);
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
      return Status::OK();
    }
    pos_ += 2;
    while (!AtEnd() && Peek() != ')') {
      BOYO_ASSIGN_OR_RETURN(const bool known, ApplyFlagLetter(Peek(), &out_.flags));
      if (!known) return InvalidRegex(kBadEmbeddedOption);
      ++pos_;
    }
    if (AtEnd()) return InvalidRegex(kBadEmbeddedOption);
    ++pos_;
    return Status::OK();
  }

  // In expanded mode: skips one white-space character or one # comment; false when at
  // neither.
  bool SkipSpaceAndComment() {
    if (IsSpace(Peek())) {
      ++pos_;
      return true;
    }
    if (Peek() != '#') return false;
    while (!AtEnd() && Peek() != '\n') ++pos_;
    if (!AtEnd()) ++pos_;
    return true;
  }

  Status Element() {
    std::string& out = out_.pattern;
    const char c = Peek();
    const bool bound = c == '{' && IsAsciiDigit(Peek(1));
    if (c == '*' || c == '+' || c == '?') {
      // A '?' right after a quantifier makes it non-greedy: *? +? ??
      const bool non_greedy = Peek(1) == '?';
      out.push_back(c);
      pos_ += 1;
      if (non_greedy) {
        out.push_back('?');
        pos_ += 1;
      }
      Quantified(non_greedy ? Greed::kNonGreedy : Greed::kGreedy);
      return Status::OK();
    }
    if (bound) return Bound();
    CommitPending();
    pending_ = Greed::kNone;  // most atoms have no greediness; ')' sets its group's below
    switch (c) {
      case '\\':
        ++pos_;
        return Escape(/*in_bracket=*/false);
      case '[':
        return Bracket();
      case '(':
        pending_.reset();
        return OpenGroup();
      case ')':
        CloseGroup();
        out.push_back(c);
        ++pos_;
        return Status::OK();
      case '|':
        pending_.reset();
        frames_.back().alternation = true;
        out.push_back(c);
        ++pos_;
        return Status::OK();
      case '^':
      case '$':
        if (out_.flags.anchors_match_lines) {
          out.append("(?m:").push_back(c);
          out.push_back(')');
        } else {
          out.push_back(c);
        }
        ++pos_;
        return Status::OK();
      case '.':
        out.push_back(c);
        ++pos_;
        return Status::OK();
      default:
        break;
    }
    // A literal character: '{' not starting a bound, a lone ']' or '}', or any other.
    const size_t length = Utf8CharBytes(pattern_, pos_);
    AppendLiteralCharacter(pattern_.substr(pos_, length), &out);
    pos_ += length;
    return Status::OK();
  }

  // The greediness of the whole pattern follows PostgreSQL's rules: a quantified atom is
  // greedy or non-greedy by its quantifier ({m} keeps the atom's own), a group has the
  // greediness of its first branch's first atom that has one, and alternatives make a group
  // greedy. Frames are the open groups; the first is the whole pattern.
  void Commit(Greed greed) {
    Frame& frame = frames_.back();
    if (frame.branch == Greed::kNone) frame.branch = greed;
  }
  void CommitPending() {
    if (pending_) Commit(*pending_);
    pending_.reset();
  }
  void Quantified(Greed greed) {
    Commit(greed);
    pending_.reset();
  }
  void CloseGroup() {
    if (frames_.size() == 1) return;  // unbalanced: RE2 reports it
    const Frame frame = frames_.back();
    frames_.pop_back();
    pending_ = frame.alternation ? Greed::kGreedy : frame.branch;
  }

  // At '(': a capturing group, (?:, a lookaround (refused) or an option group.
  Status OpenGroup() {
    std::string& out = out_.pattern;
    if (Peek(1) != '?') {
      ++out_.num_groups;
      frames_.emplace_back();
      out.push_back('(');
      ++pos_;
      return Status::OK();
    }
    const char kind = Peek(2);
    if (kind == ':') {
      frames_.emplace_back();
      out.append("(?:");
      pos_ += 3;
      return Status::OK();
    }
    if (kind == '=' || kind == '!') return NotSupported("lookahead constraints");
    if (kind == '<' && (Peek(3) == '=' || Peek(3) == '!')) {
      return NotSupported("lookbehind constraints");
    }
    // (?i) (?c) (?i:...) inside the pattern: RE2 reads case-insensitivity as PostgreSQL's
    // leading option would; other letters mean different things to the two and are refused.
    size_t end = pos_ + 2;
    bool case_insensitive = out_.flags.case_insensitive;
    while (end < pattern_.size() && (pattern_[end] == 'i' || pattern_[end] == 'c')) {
      case_insensitive = pattern_[end] == 'i';
      ++end;
    }
    if (end == pos_ + 2 || end >= pattern_.size() ||
        (pattern_[end] != ')' && pattern_[end] != ':')) {
      return InvalidRegex(kBadEmbeddedOption);
    }
    out.append(case_insensitive ? "(?i" : "(?-i").push_back(pattern_[end]);
    if (pattern_[end] == ':') frames_.emplace_back();
    pos_ = end + 1;
    return Status::OK();
  }

  // At '{' followed by a digit: {m}, {m,} or {m,n}, with an optional non-greedy '?'.
  Status Bound() {
    const size_t start = pos_;
    ++pos_;
    auto number = [this]() {
      int64_t value = 0;
      while (IsAsciiDigit(Peek())) {
        value = std::min<int64_t>(value * 10 + (Peek() - '0'), kMaxRepetition + 1);
        ++pos_;
      }
      return value;
    };
    const int64_t low = number();
    int64_t high = low;
    if (Peek() == ',') {
      ++pos_;
      high = IsAsciiDigit(Peek()) ? number() : -1;
    }
    if (Peek() != '}') return InvalidRegex("braces {} not balanced");
    ++pos_;
    if (low > kMaxRepetition || high > kMaxRepetition || (high >= 0 && high < low)) {
      return InvalidRegex("invalid repetition count(s)");
    }
    out_.pattern.append(pattern_.substr(start, pos_ - start));
    const bool non_greedy = Peek() == '?';
    if (non_greedy) {
      out_.pattern.push_back('?');
      ++pos_;
    }
    // {m} and {m}? keep the greediness of the atom they repeat.
    const bool fixed = pattern_.substr(start, pos_ - start).find(',') == std::string_view::npos;
    if (fixed) {
      Quantified(pending_.value_or(Greed::kNone));
    } else {
      Quantified(non_greedy ? Greed::kNonGreedy : Greed::kGreedy);
    }
    return Status::OK();
  }

  // After a backslash.
  Status Escape(bool in_bracket) {
    if (AtEnd()) return InvalidRegex(kBadEscape);
    std::string& out = out_.pattern;
    const char c = Peek();
    if (static_cast<uint8_t>(c) >= 0x80) {
      const size_t length = Utf8CharBytes(pattern_, pos_);
      AppendLiteralCharacter(pattern_.substr(pos_, length), &out);
      pos_ += length;
      return Status::OK();
    }
    ++pos_;
    switch (c) {
      case 'a':
        AppendCodePoint(0x07, &out);
        return Status::OK();
      case 'b':  // backspace in PostgreSQL, a word boundary in RE2
        AppendCodePoint(0x08, &out);
        return Status::OK();
      case 'B':  // a synonym for backslash in PostgreSQL
        out.append("\\\\");
        return Status::OK();
      case 'e':
        AppendCodePoint(0x1B, &out);
        return Status::OK();
      case 'f':
        AppendCodePoint(0x0C, &out);
        return Status::OK();
      case 'n':
        AppendCodePoint(0x0A, &out);
        return Status::OK();
      case 'r':
        AppendCodePoint(0x0D, &out);
        return Status::OK();
      case 't':
        AppendCodePoint(0x09, &out);
        return Status::OK();
      case 'v':
        AppendCodePoint(0x0B, &out);
        return Status::OK();
      case 'c': {
        if (AtEnd()) return InvalidRegex(kBadEscape);
        const char32_t code_point = DecodeUtf8(pattern_, &pos_);
        AppendCodePoint(static_cast<uint32_t>(code_point) & 0x1F, &out);
        return Status::OK();
      }
      case 'u':
        return HexEscape(4, 4);
      case 'U':
        return HexEscape(8, 8);
      case 'x':
        return HexEscape(1, 8);
      case 'd':
      case 'D':
        out.push_back('\\');
        out.push_back(c);
        return Status::OK();
      case 's':
        AppendClass(kSpaceMembers, /*negated=*/false, in_bracket);
        return Status::OK();
      case 'S':
        if (in_bracket) {
          out.append(kNonSpaceMembers);
        } else {
          AppendClass(kSpaceMembers, /*negated=*/true, in_bracket);
        }
        return Status::OK();
      case 'w':
        AppendClass(kWordMembers, /*negated=*/false, in_bracket);
        return Status::OK();
      case 'W':
        // Inside brackets, a complement cannot join the other members: RE2's ASCII \W.
        if (in_bracket) {
          out.append("\\W");
        } else {
          AppendClass(kWordMembers, /*negated=*/true, in_bracket);
        }
        return Status::OK();
      default:
        break;
    }
    if (IsAsciiDigit(c)) return NumericEscape(c, in_bracket);
    if (!in_bracket) {
      switch (c) {
        case 'A':
          out.append("\\A");
          return Status::OK();
        case 'Z':
          out.append("\\z");
          return Status::OK();
        case 'm':
        case 'M':
        case 'y':
          out.append("\\b");
          return Status::OK();
        case 'Y':
          out.append("\\B");
          return Status::OK();
        default:
          break;
      }
    }
    if (IsAsciiAlnum(c)) return InvalidRegex(kBadEscape);
    AppendLiteralCharacter(std::string_view(&c, 1), &out);
    return Status::OK();
  }

  // A class of `members`: bare inside a bracket expression, else in brackets of its own.
  void AppendClass(std::string_view members, bool negated, bool in_bracket) {
    std::string& out = out_.pattern;
    if (in_bracket) {
      out.append(members);
      return;
    }
    out.append(negated ? "[^" : "[").append(members).push_back(']');
  }

  // \uXXXX, \UXXXXXXXX, \xH...: between min_digits and max_digits hexadecimal digits (\x takes
  // all that follow, as PostgreSQL does, and fails above U+10FFFF).
  Status HexEscape(int min_digits, int max_digits) {
    uint64_t value = 0;
    int digits = 0;
    const bool take_all = min_digits != max_digits;
    while (HexValue(Peek()) >= 0 && (take_all || digits < max_digits)) {
      value = value * 16 + static_cast<uint64_t>(HexValue(Peek()));
      if (value > 0x10FFFF) return InvalidRegex(kBadEscape);
      ++digits;
      ++pos_;
    }
    if (digits < min_digits) return InvalidRegex(kBadEscape);
    AppendCodePoint(static_cast<uint32_t>(value), &out_.pattern);
    return Status::OK();
  }

  // \0 \0N \0NN: octal. \N (one non-zero digit), or a number not above the count of groups
  // opened so far: a back-reference. A longer number: up to three octal digits.
  Status NumericEscape(char first, bool in_bracket) {
    const size_t digits_start = pos_ - 1;
    if (first != '0') {
      size_t end = digits_start;
      int64_t value = 0;
      while (end < pattern_.size() && IsAsciiDigit(pattern_[end])) {
        value = std::min<int64_t>(value * 10 + (pattern_[end] - '0'), 1000000);
        ++end;
      }
      if (end - digits_start == 1 || value <= out_.num_groups) {
        if (in_bracket) return InvalidRegex(kBadEscape);
        return NotSupported("back-references");
      }
      if (first > '7') return InvalidRegex(kBadEscape);
    }
    pos_ = digits_start;
    uint32_t value = 0;
    for (int digits = 0; digits < 3 && Peek() >= '0' && Peek() <= '7'; ++digits) {
      value = value * 8 + static_cast<uint32_t>(Peek() - '0');
      ++pos_;
    }
    AppendCodePoint(value, &out_.pattern);
    return Status::OK();
  }

  // At '[': a bracket expression, or the word-boundary forms [[:<:]] and [[:>:]].
  Status Bracket() {
    std::string& out = out_.pattern;
    const std::string_view rest = pattern_.substr(pos_);
    if (rest.starts_with("[[:<:]]") || rest.starts_with("[[:>:]]")) {
      out.append("\\b");
      pos_ += 7;
      return Status::OK();
    }
    out.push_back('[');
    ++pos_;
    bool negated = false;
    if (Peek() == '^') {
      negated = true;
      out.push_back('^');
      ++pos_;
    }
    bool first = true;
    if (Peek() == ']') {  // a ']' first is a member, not the end
      out.append("\\]");
      ++pos_;
      first = false;
    }
    // A class (\d, [:alpha:], ...) may not be the end of a range, as in PostgreSQL.
    bool after_class = false;
    bool after_range_dash = false;
    while (true) {
      if (AtEnd()) return InvalidRegex(kBadBrackets);
      const char c = Peek();
      if (c == ']') {
        ++pos_;
        break;
      }
      const bool is_class =
          (c == '[' && Peek(1) == ':') ||
          (c == '\\' && std::string_view("dDsSwW").find(Peek(1)) != std::string_view::npos);
      if (is_class && after_range_dash) return InvalidRegex(kBadRange);
      if (c == '-' && !first && Peek(1) != ']') {
        if (after_class) return InvalidRegex(kBadRange);
        after_range_dash = true;
        out.push_back('-');
        ++pos_;
        continue;
      }
      first = false;
      after_class = is_class;
      after_range_dash = false;
      if (c == '[' && (Peek(1) == ':' || Peek(1) == '.' || Peek(1) == '=')) {
        BOYO_RETURN_IF_ERROR(BracketClass());
        continue;
      }
      if (c == '\\') {
        ++pos_;
        BOYO_RETURN_IF_ERROR(Escape(/*in_bracket=*/true));
        continue;
      }
      const size_t length = Utf8CharBytes(pattern_, pos_);
      AppendLiteralCharacter(pattern_.substr(pos_, length), &out);
      pos_ += length;
    }
    // Newline-sensitive mode: a negated bracket expression does not match a newline.
    if (negated && out_.flags.dot_excludes_newline) out.append("\\n");
    out.push_back(']');
    return Status::OK();
  }

  // Inside a bracket expression at "[:", "[." or "[=": a character class (kept for RE2), or a
  // collating element or equivalence class of one character (that character).
  Status BracketClass() {
    const char kind = Peek(1);
    const char terminator[] = {kind, ']', '\0'};
    const size_t name_start = pos_ + 2;
    const size_t end = pattern_.find(terminator, name_start);
    if (end == std::string_view::npos) return InvalidRegex(kBadBrackets);
    const std::string_view name = pattern_.substr(name_start, end - name_start);
    pos_ = end + 2;
    if (kind == ':') {
      const std::string_view members = PosixClassMembers(name);
      if (members.empty()) {
        out_.pattern.append("[:").append(name).append(":]");
      } else {
        out_.pattern.append(members);
      }
      return Status::OK();
    }
    if (name.empty() || Utf8CharBytes(name, 0) != name.size()) {
      return NotSupported("multi-character collating elements");
    }
    AppendLiteralCharacter(name, &out_.pattern);
    return Status::OK();
  }

  const std::string_view pattern_;
  TranslatedRegex& out_;
  size_t pos_ = 0;
  std::vector<Frame> frames_{Frame{}};
  // The greediness of the last atom, until it is known whether a quantifier follows it.
  std::optional<Greed> pending_;
};

}  // namespace

Status ApplyRegexFlags(std::string_view letters, RegexFlags* flags) {
  for (size_t pos = 0; pos < letters.size();) {
    const char letter = letters[pos];
    if (letter == 'g') {
      flags->global = true;
      ++pos;
      continue;
    }
    BOYO_ASSIGN_OR_RETURN(const bool known, ApplyFlagLetter(letter, flags));
    if (!known) {
      const size_t length = Utf8CharBytes(letters, pos);
      return InvalidValue(sqlstate::kInvalidParameterValue,
                          "invalid regular expression option: \"" +
                              std::string(letters.substr(pos, length)) + "\"");
    }
    ++pos;
  }
  return Status::OK();
}

Result<TranslatedRegex> TranslateRegex(std::string_view pattern, RegexFlags flags) {
  TranslatedRegex out;
  out.flags = flags;
  out.pattern.reserve(pattern.size() + 8);
  Translator translator(pattern, &out);
  BOYO_RETURN_IF_ERROR(translator.Run());
  return out;
}

}  // namespace boyodb::functions
