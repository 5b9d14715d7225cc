#include "tools/cli/statement_splitter.h"

#include <cctype>

namespace boyodb::tools::cli {
namespace {

bool IsIdentifierChar(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return std::isalnum(byte) || c == '_' || c == '$' || byte >= 0x80;
}

}  // namespace

size_t StatementSplitter::CodeStart(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++pos;
    } else if (text.substr(pos, 2) == "--") {
      const size_t newline = text.find('\n', pos);
      if (newline == std::string_view::npos) return kNone;
      pos = newline + 1;
    } else if (text.substr(pos, 2) == "/*") {
      int depth = 1;
      pos += 2;
      while (depth > 0) {
        if (pos + 1 >= text.size()) return kNone;
        if (text.substr(pos, 2) == "/*") {
          ++depth;
          pos += 2;
        } else if (text.substr(pos, 2) == "*/") {
          --depth;
          pos += 2;
        } else {
          ++pos;
        }
      }
    } else {
      return pos;
    }
  }
  return kNone;
}

size_t StatementSplitter::DollarTagLength(std::string_view line, size_t pos) {
  // $$ or $name$ where name does not start with a digit ($1 is a parameter).
  if (pos > 0 && IsIdentifierChar(line[pos - 1])) return 0;
  size_t end = pos + 1;
  if (end < line.size() && std::isdigit(static_cast<unsigned char>(line[end]))) return 0;
  while (end < line.size() && line[end] != '$' && IsIdentifierChar(line[end])) ++end;
  return end < line.size() && line[end] == '$' ? end - pos + 1 : 0;
}

char StatementSplitter::continuation_mark() const {
  switch (state_) {
    case State::kString:
    case State::kEscapeString:
      return '\'';
    case State::kIdentifier:
      return '"';
    case State::kDollarString:
      return '$';
    case State::kComment:
      return '*';
    case State::kCode:
      break;
  }
  return paren_depth_ > 0 ? '(' : '-';
}

std::optional<Statement> StatementSplitter::TakeBuffer() {
  std::optional<Statement> statement;
  const size_t start = CodeStart(buffer_);
  if (start != kNone) {
    // Trailing blanks go too: the newline after the last line would otherwise count as a line
    // of its own in error positions ("LINE 2:" for an error at the end of "SELECT 1 +").
    const size_t end = buffer_.find_last_not_of(" \t\r\n");
    statement = Statement{buffer_.substr(start, end + 1 - start), buffer_line_};
  }
  buffer_.clear();
  return statement;
}

void StatementSplitter::AddLine(std::string_view line, int line_number) {
  if (!in_statement()) {
    const size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos && line[first] == '\\') {
      complete_.push_back(Statement{std::string(line.substr(first)), line_number});
      buffer_.clear();
      return;
    }
    buffer_line_ = line_number;
  }
  size_t start = 0;
  for (size_t pos = 0; pos < line.size(); ++pos) {
    const char c = line[pos];
    const char next = pos + 1 < line.size() ? line[pos + 1] : '\0';
    switch (state_) {
      case State::kString:
        if (c == '\'') state_ = State::kCode;  // '' re-enters at once, which is the same thing
        continue;
      case State::kEscapeString:
        if (c == '\\') {
          ++pos;  // the escaped character, a quote included
        } else if (c == '\'') {
          state_ = State::kCode;
        }
        continue;
      case State::kIdentifier:
        if (c == '"') state_ = State::kCode;
        continue;
      case State::kDollarString:
        if (line.substr(pos, dollar_tag_.size()) == dollar_tag_) {
          pos += dollar_tag_.size() - 1;
          state_ = State::kCode;
        }
        continue;
      case State::kComment:
        if (c == '/' && next == '*') {
          ++comment_depth_;
          ++pos;
        } else if (c == '*' && next == '/') {
          ++pos;
          if (--comment_depth_ == 0) state_ = State::kCode;
        }
        continue;
      case State::kCode:
        break;
    }
    if (c == '\'') {
      // E'...' (or e'...') is an escape string, where \' does not end it.
      const bool escape = pos > 0 && (line[pos - 1] == 'E' || line[pos - 1] == 'e') &&
                          (pos < 2 || !IsIdentifierChar(line[pos - 2]));
      state_ = escape ? State::kEscapeString : State::kString;
    } else if (c == '"') {
      state_ = State::kIdentifier;
    } else if (c == '-' && next == '-') {
      break;  // a comment runs to the end of the line
    } else if (c == '/' && next == '*') {
      state_ = State::kComment;
      comment_depth_ = 1;
      ++pos;
    } else if (c == '$') {
      if (const size_t length = DollarTagLength(line, pos); length > 0) {
        dollar_tag_ = std::string(line.substr(pos, length));
        state_ = State::kDollarString;
        pos += length - 1;
      }
    } else if (c == '(') {
      ++paren_depth_;
    } else if (c == ')') {
      if (paren_depth_ > 0) --paren_depth_;
    } else if (c == ';' && paren_depth_ == 0) {
      buffer_.append(line.substr(start, pos - start));
      if (std::optional<Statement> statement = TakeBuffer()) {
        complete_.push_back(std::move(*statement));
      }
      start = pos + 1;
      buffer_line_ = line_number;
    }
  }
  buffer_.append(line.substr(start));
  buffer_ += '\n';
}

std::vector<Statement> StatementSplitter::TakeComplete() {
  std::vector<Statement> out;
  out.swap(complete_);
  return out;
}

std::optional<Statement> StatementSplitter::TakeRest() {
  state_ = State::kCode;
  comment_depth_ = 0;
  paren_depth_ = 0;
  return TakeBuffer();
}

}  // namespace boyodb::tools::cli
