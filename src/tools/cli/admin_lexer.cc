#include "tools/cli/admin_lexer.h"

#include <cctype>

#include "common/sqlstate.h"

namespace boyodb::tools::cli {
namespace {

bool IsWordStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)); }

Status SyntaxError(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError, std::move(message));
}

}  // namespace

Result<std::vector<Token>> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t pos = 0;
  while (true) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos + 1 < text.size() && text[pos] == '-' && text[pos + 1] == '-') {
      while (pos < text.size() && text[pos] != '\n') ++pos;
      continue;
    }
    if (pos >= text.size()) break;
    const size_t begin = pos;
    const char c = text[pos];
    Token token;
    token.begin = begin;
    if (IsWordStart(c)) {
      while (pos < text.size() && IsWordChar(text[pos])) ++pos;
      token.kind = TokenKind::kWord;
      for (size_t i = begin; i < pos; ++i) {
        token.text += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
      }
    } else if (IsDigit(c) || (c == '.' && pos + 1 < text.size() && IsDigit(text[pos + 1]))) {
      while (pos < text.size() && IsDigit(text[pos])) ++pos;
      if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && IsDigit(text[pos])) ++pos;
      }
      if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        size_t exponent = pos + 1;
        if (exponent < text.size() && (text[exponent] == '+' || text[exponent] == '-')) {
          ++exponent;
        }
        if (exponent < text.size() && IsDigit(text[exponent])) {
          pos = exponent;
          while (pos < text.size() && IsDigit(text[pos])) ++pos;
        }
      }
      if (pos < text.size() && IsWordStart(text[pos])) {
        return SyntaxError("trailing junk after numeric literal at or near \"" +
                           std::string(text.substr(begin, pos + 1 - begin)) + "\"");
      }
      token.kind = TokenKind::kNumber;
      token.text = std::string(text.substr(begin, pos - begin));
    } else if (c == '\'' || c == '"') {
      const char quote = c;
      ++pos;
      bool closed = false;
      while (pos < text.size()) {
        if (text[pos] == quote) {
          if (pos + 1 < text.size() && text[pos + 1] == quote) {
            token.text += quote;
            pos += 2;
            continue;
          }
          ++pos;
          closed = true;
          break;
        }
        token.text += text[pos++];
      }
      if (!closed) {
        return SyntaxError(quote == '\'' ? "unterminated quoted string at or near \"" +
                                               std::string(text.substr(begin)) + "\""
                                         : "unterminated quoted identifier at or near \"" +
                                               std::string(text.substr(begin)) + "\"");
      }
      token.kind = quote == '\'' ? TokenKind::kString : TokenKind::kQuotedWord;
    } else {
      static constexpr std::string_view kTwoCharSymbols[] = {"<>", "!=", "<=", ">="};
      token.kind = TokenKind::kSymbol;
      for (const std::string_view symbol : kTwoCharSymbols) {
        if (text.substr(pos, 2) == symbol) {
          token.text = std::string(symbol);
          pos += 2;
          break;
        }
      }
      if (token.text.empty()) {
        if (std::string_view("(),.*;=<>+-[]").find(c) == std::string_view::npos) {
          return SyntaxError("syntax error at or near \"" + std::string(1, c) + "\"");
        }
        token.text = std::string(1, c);
        ++pos;
      }
    }
    token.end = pos;
    tokens.push_back(std::move(token));
  }
  Token end;
  end.kind = TokenKind::kEnd;
  end.begin = end.end = text.size();
  tokens.push_back(std::move(end));
  return tokens;
}

}  // namespace boyodb::tools::cli
