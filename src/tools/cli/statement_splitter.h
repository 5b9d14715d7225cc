// StatementSplitter: turns lines of shell input into complete commands the way psql does: a
// line starting with '\' (outside a statement) is one backslash command; anything else is
// collected until a ';' outside quotes and comments, so a statement may span lines and a line
// may hold several statements.
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
  bool in_statement() const { return !IsBlank(buffer_); }

 private:
  static bool IsBlank(std::string_view text);

  std::string buffer_;
  int buffer_line_ = 0;
  bool in_string_ = false;      // inside '...' across lines
  bool in_identifier_ = false;  // inside "..." across lines
  std::vector<Statement> complete_;
};

}  // namespace boyodb::tools::cli
