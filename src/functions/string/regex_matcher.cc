// CompiledRegex, RegexMatchIterator and RegexCache (regex_matcher.h) on RE2.
// Thread safety: see the header.
#include "functions/string/regex_matcher.h"

#include <re2/re2.h>

#include <vector>

#include "common/sqlstate.h"
#include "functions/function_errors.h"
#include "functions/string/utf8.h"

namespace boyodb::functions {
namespace {

// Groups a search fills without allocating; regexp_replace needs at most ten.
constexpr size_t kInlineGroups = 10;

}  // namespace

CompiledRegex::~CompiledRegex() = default;

Result<std::unique_ptr<const CompiledRegex>> CompiledRegex::Compile(std::string_view pattern,
                                                                    const RegexFlags& flags) {
  BOYO_ASSIGN_OR_RETURN(TranslatedRegex translated, TranslateRegex(pattern, flags));
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_case_sensitive(!translated.flags.case_insensitive);
  options.set_dot_nl(!translated.flags.dot_excludes_newline);
  // PostgreSQL matches a greedy pattern leftmost-longest (its ARE rules); for a non-greedy
  // one (shortest overall match), RE2's leftmost-first (Perl) order is the nearest.
  options.set_longest_match(!translated.non_greedy);
  auto re2 = std::make_unique<RE2>(translated.pattern, options);
  if (!re2->ok()) {
    return InvalidValue(sqlstate::kInvalidRegularExpression,
                        "invalid regular expression: " + re2->error());
  }
  std::unique_ptr<CompiledRegex> compiled(new CompiledRegex());
  compiled->num_groups_ = re2->NumberOfCapturingGroups();
  compiled->re2_ = std::move(re2);
  compiled->flags_ = translated.flags;
  return std::unique_ptr<const CompiledRegex>(std::move(compiled));
}

bool CompiledRegex::Matches(std::string_view text) const {
  return re2_->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED,
                     nullptr, 0);
}

bool CompiledRegex::Find(std::string_view text, size_t start,
                         std::span<std::string_view> groups) const {
  re2::StringPiece inline_pieces[kInlineGroups];
  std::vector<re2::StringPiece> heap_pieces;
  re2::StringPiece* pieces = inline_pieces;
  if (groups.size() > kInlineGroups) {
    heap_pieces.resize(groups.size());
    pieces = heap_pieces.data();
  }
  const int num_pieces = static_cast<int>(groups.size());
  if (!re2_->Match(re2::StringPiece(text.data(), text.size()), start, text.size(), RE2::UNANCHORED,
                   pieces, num_pieces)) {
    return false;
  }
  for (size_t i = 0; i < groups.size(); ++i) {
    groups[i] = std::string_view(pieces[i].data(), pieces[i].size());
  }
  return true;
}

RegexMatchIterator::RegexMatchIterator(const CompiledRegex& regex, std::string_view text,
                                       size_t start, std::span<std::string_view> groups)
    : regex_(regex),
      // A null data() would make an empty match look like a group that took no part.
      text_(text.data() != nullptr ? text : std::string_view("", 0)),
      next_start_(start),
      groups_(groups) {}

bool RegexMatchIterator::Next() {
  if (done_ || !regex_.Find(text_, next_start_, groups_)) {
    done_ = true;
    return false;
  }
  const std::string_view match = groups_[0];
  next_start_ = static_cast<size_t>(match.data() - text_.data()) + match.size();
  if (match.empty()) {
    if (next_start_ >= text_.size()) {
      done_ = true;
    } else {
      next_start_ += Utf8CharBytes(text_, next_start_);
    }
  }
  return true;
}

Result<const CompiledRegex*> RegexCache::Get(std::string_view pattern, std::string_view flags) {
  if (regex_ != nullptr && pattern == pattern_ && flags == flags_) return regex_.get();
  regex_.reset();
  RegexFlags resolved = base_;
  BOYO_RETURN_IF_ERROR(ApplyRegexFlags(flags, &resolved));
  if (resolved.global && !allow_global_) {
    return InvalidValue(sqlstate::kInvalidParameterValue,
                        std::string(function_name_) + "() does not support the \"global\" option");
  }
  BOYO_ASSIGN_OR_RETURN(regex_, CompiledRegex::Compile(pattern, resolved));
  pattern_.assign(pattern);
  flags_.assign(flags);
  return regex_.get();
}

}  // namespace boyodb::functions
