#include "common/base64.h"

#include <cstdint>

#include "common/sqlstate.h"

namespace boyodb {
namespace {

constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int DigitValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The whole UTF-8 sequence starting at `pos` (one byte when it is not a valid lead byte), so
// an error message shows the character the user wrote.
std::string_view CharacterAt(std::string_view text, size_t pos) {
  const auto lead = static_cast<uint8_t>(text[pos]);
  const size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return text.substr(pos, length);
}

Status InvalidBase64(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue, std::move(message));
}

}  // namespace

void AppendBase64(std::string_view bytes, size_t line_length, std::string* out) {
  out->reserve(out->size() + (bytes.size() + 2) / 3 * 4);
  size_t written = 0;
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t group = (static_cast<uint32_t>(static_cast<uint8_t>(bytes[i])) << 16) |
                           (static_cast<uint32_t>(static_cast<uint8_t>(bytes[i + 1])) << 8) |
                           static_cast<uint8_t>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out->push_back(kDigits[(group >> shift) & 63]);
    written += 4;
    if (line_length > 0 && written >= line_length) {
      out->push_back('\n');
      written = 0;
    }
  }
  const size_t rest = bytes.size() - i;
  if (rest == 0) return;
  uint32_t group = static_cast<uint32_t>(static_cast<uint8_t>(bytes[i])) << 16;
  if (rest == 2) group |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[i + 1])) << 8;
  out->push_back(kDigits[(group >> 18) & 63]);
  out->push_back(kDigits[(group >> 12) & 63]);
  out->push_back(rest == 2 ? kDigits[(group >> 6) & 63] : '=');
  out->push_back('=');
}

Status DecodeBase64(std::string_view text, std::string* out) {
  out->reserve(out->size() + text.size() / 4 * 3);
  uint32_t group = 0;
  int filled = 0;   // digits in `group`
  int padding = 0;  // 0 before any '='; then 1 (one byte in the last group) or 2 (two bytes)
  for (size_t pos = 0; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (IsBlank(c)) continue;
    int value = 0;
    if (c == '=') {
      if (padding == 0) {
        if (filled == 2) {
          padding = 1;
        } else if (filled == 3) {
          padding = 2;
        } else {
          return InvalidBase64("unexpected \"=\" while decoding base64 sequence");
        }
      }
    } else {
      value = DigitValue(c);
      if (value < 0) {
        return InvalidBase64("invalid symbol \"" + std::string(CharacterAt(text, pos)) +
                             "\" found while decoding base64 sequence");
      }
    }
    group = (group << 6) | static_cast<uint32_t>(value);
    if (++filled == 4) {
      out->push_back(static_cast<char>(group >> 16));
      if (padding == 0 || padding > 1) out->push_back(static_cast<char>((group >> 8) & 255));
      if (padding == 0) out->push_back(static_cast<char>(group & 255));
      group = 0;
      filled = 0;
    }
  }
  if (filled != 0) return InvalidBase64("invalid base64 end sequence");
  return Status::OK();
}

}  // namespace boyodb
