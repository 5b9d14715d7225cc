// StatementSplitter: turns lines of shell input into complete commands the way psql does: a
// line starting with '\' (outside a statement) is one backslash command; anything else is
// collected until a ';' outside quotes ('...', E'...', "...", $tag$...$tag$), comments (--,
// /* */) and parentheses, so a statement may span lines and a line may hold several statements.
// Blanks and comments before a statement and blanks after it are not part of it, as psql does
// not send them.
// Thread safety: a value used by one thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boyodb::tools::cli {

struct Statement {
  std::string text;  // without the terminating ';'
  int line = 0;      // the input line it started on (1-based), for messages
};

class StatementSplitter {
 public:
  /// Feeds one line of input (without its newline); `line_number` is used for messages.
  void AddLine(std::string_view line, int line_number);
  /// The statements completed so far, in order; clears them.
  std::vector<Statement> TakeComplete();
  /// The unterminated statement being collected, if it holds anything but blanks and comments;
  /// clears it (end of input, or -c text that needs no ';').
  std::optional<Statement> TakeRest();
  /// True while a statement is partly collected (the shell shows a continuation prompt).
  bool in_statement() const { return state_ != State::kCode || CodeStart(buffer_) != kNone; }
  /// psql's continuation mark for the prompt: '\'' inside a string, '"' inside a quoted name,
  /// '$' inside a dollar-quoted string, '*' inside a comment, '(' inside parentheses, '-'
  /// otherwise.
  char continuation_mark() const;

 private:
  enum class State { kCode, kString, kEscapeString, kIdentifier, kDollarString, kComment };
  static constexpr size_t kNone = std::string_view::npos;

  /// Offset of the first character that is not blank or inside a comment; kNone if none.
  static size_t CodeStart(std::string_view text);
  /// The length of the dollar-quote tag ("$$", "$x$") starting at `pos`, or 0.
  static size_t DollarTagLength(std::string_view line, size_t pos);
  /// The buffer without its leading blanks and comments (nullopt if nothing is left); clears it.
  std::optional<Statement> TakeBuffer();

  std::string buffer_;
  int buffer_line_ = 0;
  State state_ = State::kCode;
  int comment_depth_ = 0;  // /* */ comments nest
  int paren_depth_ = 0;
  std::string dollar_tag_;  // while in kDollarString
  std::vector<Statement> complete_;
};

}  // namespace boyodb::tools::cli
