// Tokenizer for the admin shell's stop-gap command language (admin_parser.h): identifiers,
// numbers, 'strings', "quoted identifiers" and punctuation, each with its byte range in the text
// so the parser can hand raw slices (column types) to types::ParseTypeName.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace boyodb::tools::cli {

enum class TokenKind : uint8_t {
  kWord,        // an unquoted identifier or keyword; text is lowercased
  kQuotedWord,  // a "quoted identifier"; text is kept as written, quotes removed
  kNumber,      // 42, -7 is kSymbol "-" then kNumber; 1.5, .5, 1e10
  kString,      // 'text' with '' standing for one quote; text is the contents
  kSymbol,      // ( ) , . * ; = <> != < <= > >= + - [ ]
  kEnd,         // end of input; begin == end == text size
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  size_t begin = 0;  // byte offset of the token's first character
  size_t end = 0;    // byte offset just past the token

  bool IsWord(std::string_view word) const { return kind == TokenKind::kWord && text == word; }
  bool IsSymbol(std::string_view symbol) const {
    return kind == TokenKind::kSymbol && text == symbol;
  }
};

/// Splits text into tokens, ending with one kEnd token. `--` starts a comment to the end of the
/// line. Syntax error (42601) for an unterminated string or quoted identifier, or a character
/// that starts no token.
Result<std::vector<Token>> Tokenize(std::string_view text);

}  // namespace boyodb::tools::cli
