#include "tools/cli/error_display.h"

#include <algorithm>
#include <vector>

namespace boyodb::tools::cli {
namespace {

// libpq's limits: show at most this many characters of the line, and keep at least
// kMinRightCut of them after the position when the line has to be cut.
constexpr size_t kDisplaySize = 60;
constexpr size_t kMinRightCut = 10;

}  // namespace

std::string ErrorPositionLines(std::string_view statement, int32_t position) {
  if (position < 1) return "";
  const size_t location = static_cast<size_t>(position - 1);  // 0-based character index

  // Byte offset of every character (UTF-8 code point), plus one past the end.
  std::vector<size_t> offsets;
  for (size_t byte = 0; byte < statement.size(); ++byte) {
    if ((static_cast<unsigned char>(statement[byte]) & 0xC0) != 0x80) offsets.push_back(byte);
  }
  const size_t num_characters = offsets.size();
  offsets.push_back(statement.size());
  if (location > num_characters) return "";

  // The line holding the position: [begin, end) in characters. CR, LF and CRLF end lines.
  int line_number = 1;
  size_t begin = 0;
  size_t end = num_characters;
  for (size_t index = 0; index < num_characters; ++index) {
    const char c = statement[offsets[index]];
    if (c != '\r' && c != '\n') continue;
    if (index >= location) {
      end = index;
      break;
    }
    const bool crlf = c == '\n' && index > 0 && statement[offsets[index - 1]] == '\r';
    if (!crlf) ++line_number;
    begin = index + 1;
  }

  bool cut_left = false;
  bool cut_right = false;
  if (end - begin > kDisplaySize) {
    if (begin + kDisplaySize >= location + kMinRightCut) {
      end = begin + kDisplaySize;
      cut_right = true;
    } else {
      if (location + kMinRightCut < end) {
        end = location + kMinRightCut;
        cut_right = true;
      }
      if (end - begin > kDisplaySize) {
        begin = end - kDisplaySize;
        cut_left = true;
      }
    }
  }

  std::string prefix = "LINE " + std::to_string(line_number) + ": ";
  if (cut_left) prefix += "...";
  std::string text(statement.substr(offsets[begin], offsets[end] - offsets[begin]));
  std::replace(text.begin(), text.end(), '\t', ' ');
  std::string lines = prefix + text + (cut_right ? "..." : "") + "\n";
  lines += std::string(prefix.size() + (location - begin), ' ') + "^\n";
  return lines;
}

void PrintError(const Status& status, std::string_view statement, std::string_view location,
                std::ostream& err) {
  err << location << "ERROR:  " << status.FullMessage() << '\n';
  if (!statement.empty()) err << ErrorPositionLines(statement, status.position());
  err << "SQLSTATE: " << status.sqlstate() << '\n';
  err.flush();
}

}  // namespace boyodb::tools::cli
