// Utf8ErrorOffset: where a byte string stops being well-formed UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), with a word-at-a-time path for ASCII, so
// text readers can refuse bad input as PostgreSQL does (22021).
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace boyodb::formats::text {

/// The offset of the first byte of the first ill-formed sequence, or npos when all is valid.
inline size_t Utf8ErrorOffset(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    if (i + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = bytes[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length;
    unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    if (i + length > size || bytes[i + 1] < low || bytes[i + 1] > high) return i;
    for (size_t k = 2; k < length; ++k) {
      if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

/// PostgreSQL's message for the bad sequence at `offset`: invalid byte sequence for encoding
/// "UTF8": 0xe9 0x41 (up to the sequence's length, at most 4 bytes shown).
inline std::string Utf8ErrorMessage(std::string_view text, size_t offset) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string message = "invalid byte sequence for encoding \"UTF8\": ";
  const size_t shown = std::min<size_t>(text.size() - offset, 2);
  for (size_t k = 0; k < shown; ++k) {
    const auto byte = static_cast<unsigned char>(text[offset + k]);
    if (k > 0) message += ' ';
    message += "0x";
    message += kHex[byte >> 4];
    message += kHex[byte & 0xF];
  }
  return message;
}

}  // namespace boyodb::formats::text
