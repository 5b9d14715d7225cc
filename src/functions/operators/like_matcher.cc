// LIKE pattern compilation and matching (like_matcher.h).
// Thread safety: see the header.
#include "functions/operators/like_matcher.h"

#include "common/sqlstate.h"
#include "functions/function_errors.h"
#include "functions/string/utf8.h"

namespace boyodb::functions {

Result<LikeMatcher> LikeMatcher::Compile(std::string_view pattern, std::string_view escape,
                                         bool case_insensitive) {
  if (!escape.empty() && Utf8CharBytes(escape, 0) != escape.size()) {
    return InvalidValue(sqlstate::kInvalidEscapeSequence, "invalid escape string");
  }
  LikeMatcher matcher;
  matcher.case_insensitive_ = case_insensitive;
  std::string lowered;
  if (case_insensitive) {
    AppendLower(pattern, &lowered);
    pattern = lowered;
  }
  // The escape character is compared as it was given; lower-casing the pattern leaves
  // non-letters alone, and an escape that is a letter matches PostgreSQL's behaviour of
  // lower-casing the pattern before matching.
  std::string escape_text(escape);
  if (case_insensitive) {
    escape_text.clear();
    AppendLower(escape, &escape_text);
  }
  bool has_any_one = false;
  for (size_t pos = 0; pos < pattern.size();) {
    const size_t length = Utf8CharBytes(pattern, pos);
    const std::string_view character = pattern.substr(pos, length);
    pos += length;
    if (!escape_text.empty() && character == escape_text) {
      if (pos >= pattern.size()) {
        return InvalidValue(sqlstate::kInvalidEscapeSequence,
                            "LIKE pattern must not end with escape character");
      }
      const size_t escaped_length = Utf8CharBytes(pattern, pos);
      matcher.elements_.push_back(
          {Element::Kind::kLiteral, std::string(pattern.substr(pos, escaped_length))});
      pos += escaped_length;
    } else if (character == "%") {
      // Consecutive % signs are one.
      if (matcher.elements_.empty() || matcher.elements_.back().kind != Element::Kind::kAnyRun) {
        matcher.elements_.push_back({Element::Kind::kAnyRun, {}});
      }
    } else if (character == "_") {
      has_any_one = true;
      matcher.elements_.push_back({Element::Kind::kAnyOne, {}});
    } else {
      matcher.elements_.push_back({Element::Kind::kLiteral, std::string(character)});
    }
  }
  // Recognize literal, prefix%, %suffix and %infix% patterns.
  if (!has_any_one) {
    const auto& elements = matcher.elements_;
    const bool leading = !elements.empty() && elements.front().kind == Element::Kind::kAnyRun;
    const bool trailing =
        elements.size() > (leading ? 1u : 0u) && elements.back().kind == Element::Kind::kAnyRun;
    bool inner_literal = true;
    std::string literal;
    for (size_t i = leading ? 1 : 0; i < elements.size() - (trailing ? 1 : 0); ++i) {
      if (elements[i].kind != Element::Kind::kLiteral) {
        inner_literal = false;
        break;
      }
      literal += elements[i].literal;
    }
    if (inner_literal) {
      matcher.literal_ = std::move(literal);
      matcher.shape_ = leading ? (trailing ? Shape::kInfix : Shape::kSuffix)
                               : (trailing ? Shape::kPrefix : Shape::kExact);
    } else {
      // Literals between % signs ('%special%requests%'): each found after the previous one.
      matcher.shape_ = Shape::kSegments;
      matcher.anchored_start_ = !leading;
      matcher.anchored_end_ = !trailing;
      matcher.segments_.emplace_back();
      for (const Element& element : elements) {
        if (element.kind == Element::Kind::kAnyRun) {
          if (!matcher.segments_.back().empty()) matcher.segments_.emplace_back();
        } else {
          matcher.segments_.back() += element.literal;
        }
      }
      if (matcher.segments_.back().empty()) matcher.segments_.pop_back();
    }
  }
  return matcher;
}

bool LikeMatcher::MatchesSegments(std::string_view text) const {
  // Without _, taking each literal at its leftmost place after the previous one is never
  // worse than a later place: whatever a later % must absorb stays available.
  size_t first = 0, last = segments_.size();
  size_t pos = 0, end = text.size();
  if (anchored_start_) {
    if (!text.starts_with(segments_.front())) return false;
    pos = segments_.front().size();
    ++first;
  }
  if (anchored_end_) {
    const std::string& suffix = segments_.back();
    if (text.size() - pos < suffix.size() || !text.ends_with(suffix)) return false;
    end = text.size() - suffix.size();
    --last;
  }
  for (size_t i = first; i < last; ++i) {
    const std::string& segment = segments_[i];
    const size_t found = text.substr(0, end).find(segment, pos);
    if (found == std::string_view::npos) return false;
    pos = found + segment.size();
  }
  return true;
}

bool LikeMatcher::Matches(std::string_view text, std::string* scratch) const {
  if (case_insensitive_) {
    scratch->clear();
    AppendLower(text, scratch);
    text = *scratch;
  }
  switch (shape_) {
    case Shape::kExact:
      return text == literal_;
    case Shape::kPrefix:
      return text.starts_with(literal_);
    case Shape::kSuffix:
      return text.ends_with(literal_);
    case Shape::kInfix:
      return text.find(literal_) != std::string_view::npos;
    case Shape::kSegments:
      return MatchesSegments(text);
    case Shape::kGeneral:
      return MatchesGeneral(text);
  }
  return false;
}

bool LikeMatcher::MatchesGeneral(std::string_view text) const {
  // Wildcard matching with one backtrack point: the last % seen. When a later element fails,
  // the % takes one more character and matching resumes after it. This is complete because
  // a later % can absorb anything an earlier one would have.
  size_t text_pos = 0, element = 0;
  size_t run_element = std::string::npos, run_text_pos = 0;
  while (text_pos < text.size()) {
    if (element < elements_.size()) {
      const Element& current = elements_[element];
      if (current.kind == Element::Kind::kAnyRun) {
        run_element = element++;
        run_text_pos = text_pos;
        continue;
      }
      if (current.kind == Element::Kind::kAnyOne) {
        text_pos += Utf8CharBytes(text, text_pos);
        ++element;
        continue;
      }
      if (text.substr(text_pos).starts_with(current.literal)) {
        text_pos += current.literal.size();
        ++element;
        continue;
      }
    }
    if (run_element == std::string::npos) return false;
    element = run_element + 1;
    run_text_pos += Utf8CharBytes(text, run_text_pos);
    text_pos = run_text_pos;
  }
  while (element < elements_.size() && elements_[element].kind == Element::Kind::kAnyRun) {
    ++element;
  }
  return element == elements_.size();
}

}  // namespace boyodb::functions
