// ConvertSimilarPattern, AppendSimilarToRegex and SimilarSubstring (regex_similar.h), and the
// functions similar_to_escape(pattern [, escape]) and substring(text, pattern, escape).
// Thread safety: registration mutates the registry; the rest is pure and reentrant.
#include "functions/string/regex_similar.h"

#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"
#include "functions/string/utf8.h"

namespace boyodb::functions {
namespace {

using columnar::ArrayPtr;
using types::DataType;

// Where a bracket expression's scan is: a ']' right after the '[' (or after "[^") is a member,
// later it closes the expression.
enum class ClassPosition { kOpened, kAfterCaret, kPast };

Result<std::unique_ptr<const CompiledRegex>> CompileAnchored(std::string_view prefix,
                                                             std::string_view part,
                                                             std::string_view suffix) {
  std::string pattern;
  pattern.append(prefix).append(part).append(suffix);
  return CompiledRegex::Compile(pattern, RegexFlags{});
}

// The byte offset of the character before byte `end` (> 0) of `text`.
size_t PreviousCharacter(std::string_view text, size_t end) {
  do {
    --end;
  } while (end > 0 && (static_cast<uint8_t>(text[end]) & 0xC0) == 0x80);
  return end;
}

// substring(text, pattern, escape), compiling once per run of equal pattern and escape.
Result<ArrayPtr> SimilarSubstringKernel(std::span<const ArrayPtr> args, int64_t num_rows,
                                        const sql::EvalContext&) {
  columnar::BufferPtr validity = CombineValidity(args, num_rows);
  const uint8_t* valid = validity ? validity->data() : nullptr;
  const ArgReader<std::string_view> texts(*args[0]);
  const ArgReader<std::string_view> patterns(*args[1]);
  const ArgReader<std::string_view> escapes(*args[2]);
  columnar::BinaryBuilder builder(DataType::String());
  std::unique_ptr<const SimilarSubstring> matcher;
  std::string compiled_pattern, compiled_escape;
  for (int64_t i = 0; i < num_rows; ++i) {
    if (!RowIsValid(valid, i)) {
      builder.AppendNull();
      continue;
    }
    const std::string_view pattern = patterns[i];
    const std::string_view escape = escapes[i];
    if (matcher == nullptr || pattern != compiled_pattern || escape != compiled_escape) {
      matcher.reset();
      BOYO_ASSIGN_OR_RETURN(matcher, SimilarSubstring::Compile(pattern, escape));
      compiled_pattern.assign(pattern);
      compiled_escape.assign(escape);
    }
    const std::optional<std::string_view> found = matcher->Find(texts[i]);
    if (found) {
      builder.Append(*found);
    } else {
      builder.AppendNull();
    }
  }
  return builder.Finish();
}

}  // namespace

Status ConvertSimilarPattern(std::string_view pattern, std::string_view escape, SimilarParts* out) {
  if (!escape.empty() && Utf8CharBytes(escape, 0) != escape.size()) {
    return InvalidValue(sqlstate::kInvalidEscapeSequence, "invalid escape string");
  }
  bool after_escape = false;
  // Nesting of '[' inside a bracket expression ([[:alpha:]] and the like); 0 outside one.
  int class_depth = 0;
  ClassPosition class_position = ClassPosition::kPast;
  for (size_t pos = 0; pos < pattern.size();) {
    const std::string_view character = pattern.substr(pos, Utf8CharBytes(pattern, pos));
    pos += character.size();
    std::string& part = out->parts[out->num_separators];
    if (after_escape) {
      after_escape = false;
      if (character == "\"" && class_depth == 0) {
        if (out->num_separators == 2) {
          return InvalidValue(sqlstate::kInvalidUseOfEscapeCharacter,
                              "SQL regular expression may not contain more than two "
                              "escape-double-quote separators");
        }
        ++out->num_separators;
        continue;
      }
      part.push_back('\\');
      part.append(character);
      class_position = ClassPosition::kPast;
      continue;
    }
    if (!escape.empty() && character == escape) {
      after_escape = true;
      continue;
    }
    if (class_depth > 0) {
      if (character == "\\") part.push_back('\\');
      part.append(character);
      if (character == "]") {
        if (class_position == ClassPosition::kPast) --class_depth;
        class_position = ClassPosition::kPast;
      } else if (character == "^" && class_position == ClassPosition::kOpened) {
        class_position = ClassPosition::kAfterCaret;
      } else {
        if (character == "[") ++class_depth;
        class_position = ClassPosition::kPast;
      }
      continue;
    }
    const char c = character.size() == 1 ? character[0] : '\0';
    switch (c) {
      case '[':
        part.push_back('[');
        class_depth = 1;
        class_position = ClassPosition::kOpened;
        break;
      case '%':
        part.append(".*");
        break;
      case '_':
        part.push_back('.');
        break;
      case '(':
        part.append("(?:");
        break;
      case '\\':
      case '.':
      case '^':
      case '$':
        part.push_back('\\');
        part.push_back(c);
        break;
      default:
        part.append(character);
        break;
    }
  }
  // A trailing escape character escapes nothing and is dropped, as in PostgreSQL.
  return Status::OK();
}

Status AppendSimilarToRegex(std::string_view pattern, std::string_view escape, std::string* out) {
  SimilarParts parts;
  BOYO_RETURN_IF_ERROR(ConvertSimilarPattern(pattern, escape, &parts));
  // The first part matches as little as it can ({1,1}? makes it non-greedy in PostgreSQL);
  // the middle one is the group substring() returns.
  out->append("^(?:").append(parts.parts[0]);
  if (parts.num_separators >= 1) out->append("){1,1}?(").append(parts.parts[1]);
  if (parts.num_separators == 2) out->append("){1,1}(?:").append(parts.parts[2]);
  out->append(")$");
  return Status::OK();
}

Result<std::unique_ptr<const SimilarSubstring>> SimilarSubstring::Compile(std::string_view pattern,
                                                                          std::string_view escape) {
  SimilarParts parts;
  BOYO_RETURN_IF_ERROR(ConvertSimilarPattern(pattern, escape, &parts));
  std::string whole;
  BOYO_RETURN_IF_ERROR(AppendSimilarToRegex(pattern, escape, &whole));
  std::unique_ptr<SimilarSubstring> matcher(new SimilarSubstring());
  BOYO_ASSIGN_OR_RETURN(matcher->whole_, CompiledRegex::Compile(whole, RegexFlags{}));
  matcher->num_separators_ = parts.num_separators;
  if (parts.num_separators > 0) {
    const std::string_view middle = parts.parts[1];
    const std::string_view after = parts.parts[2];
    auto before = CompileAnchored("^(?:", parts.parts[0], ")$");
    auto rest = CompileAnchored("(?:", std::string(middle) + ")(?:" + std::string(after), ")$");
    auto middle_regex = CompileAnchored("^(?:", middle, ")$");
    auto after_regex = CompileAnchored("^(?:", after, ")$");
    // A part that is no regex on its own (a group around a separator) leaves them null.
    if (before.ok() && rest.ok() && middle_regex.ok() && after_regex.ok()) {
      matcher->before_ = std::move(*before);
      matcher->rest_ = std::move(*rest);
      matcher->middle_ = std::move(*middle_regex);
      matcher->after_ = std::move(*after_regex);
    }
  }
  return std::unique_ptr<const SimilarSubstring>(std::move(matcher));
}

std::optional<std::string_view> SimilarSubstring::Find(std::string_view text) const {
  if (text.data() == nullptr) text = std::string_view("", 0);
  std::string_view groups[2];
  const size_t num_groups = num_separators_ > 0 ? 2 : 1;
  if (!whole_->Find(text, 0, std::span(groups, num_groups))) return std::nullopt;
  if (num_separators_ == 0) return groups[0];
  if (before_ == nullptr) {
    if (groups[1].data() == nullptr) return std::nullopt;
    return groups[1];
  }
  // The shortest first part: the leftmost place where the rest can start and match to the
  // end, such that the first part matches what lies before it.
  std::string_view rest_groups[1];
  for (size_t start = 0; start <= text.size();) {
    if (!rest_->Find(text, start, rest_groups)) return std::nullopt;
    const size_t split = static_cast<size_t>(rest_groups[0].data() - text.data());
    if (before_->Matches(text.substr(0, split))) {
      const std::string_view rest = text.substr(split);
      if (num_separators_ == 1) return rest;
      // The longest middle part after which the last part matches the remainder.
      for (size_t end = rest.size();; end = PreviousCharacter(rest, end)) {
        if (middle_->Matches(rest.substr(0, end)) && after_->Matches(rest.substr(end))) {
          return rest.substr(0, end);
        }
        if (end == 0) break;
      }
      return std::nullopt;
    }
    if (split >= text.size()) break;
    start = split + Utf8CharBytes(text, split);
  }
  return std::nullopt;
}

void RegisterSimilarToEscape(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  registry.AddScalar({"similar_to_escape",
                      {Overload({text}, text,
                                RowKernel<StringResult, std::string_view>(
                                    text,
                                    [](std::string_view pattern, std::string* out) {
                                      return AppendSimilarToRegex(pattern, "\\", out);
                                    })),
                       Overload({text, text}, text,
                                RowKernel<StringResult, std::string_view, std::string_view>(
                                    text, AppendSimilarToRegex))}});
  // substring(x SIMILAR pattern ESCAPE e); the other substring overloads are in
  // substring_functions.cc and regex_functions.cc.
  registry.AddScalar({"substring", {Overload({text, text, text}, text, SimilarSubstringKernel)}});
}

}  // namespace boyodb::functions
