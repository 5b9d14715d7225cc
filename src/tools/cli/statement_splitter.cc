#include "tools/cli/statement_splitter.h"

namespace boyodb::tools::cli {

bool StatementSplitter::IsBlank(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++pos;
    } else if (text.substr(pos, 2) == "--") {
      const size_t newline = text.find('\n', pos);
      if (newline == std::string_view::npos) return true;
      pos = newline + 1;
    } else {
      return false;
    }
  }
  return true;
}

void StatementSplitter::AddLine(std::string_view line, int line_number) {
  if (!in_statement() && !in_string_ && !in_identifier_) {
    const size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos && line[first] == '\\') {
      complete_.push_back(Statement{std::string(line.substr(first)), line_number});
      buffer_.clear();
      return;
    }
  }
  if (!in_statement()) buffer_line_ = line_number;
  size_t start = 0;
  for (size_t pos = 0; pos < line.size(); ++pos) {
    const char c = line[pos];
    if (in_string_) {
      if (c == '\'') in_string_ = false;  // '' re-enters at once, which is the same thing
      continue;
    }
    if (in_identifier_) {
      if (c == '"') in_identifier_ = false;
      continue;
    }
    if (c == '\'') {
      in_string_ = true;
    } else if (c == '"') {
      in_identifier_ = true;
    } else if (c == '-' && pos + 1 < line.size() && line[pos + 1] == '-') {
      break;  // a comment runs to the end of the line
    } else if (c == ';') {
      buffer_.append(line.substr(start, pos - start));
      if (!IsBlank(buffer_)) complete_.push_back(Statement{buffer_, buffer_line_});
      buffer_.clear();
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
  std::optional<Statement> rest;
  if (!IsBlank(buffer_)) rest = Statement{buffer_, buffer_line_};
  buffer_.clear();
  in_string_ = false;
  in_identifier_ = false;
  return rest;
}

}  // namespace boyodb::tools::cli
