// UTF-8 helpers for the string functions: character counting and positioning, decoding and
// encoding code points, and simple (one-to-one) case mapping for Latin, Greek, Cyrillic and
// Armenian letters, which is what lower(), upper(), initcap() and ILIKE use. Malformed bytes
// count as one character each and are left unchanged.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace boyodb::functions {

/// Bytes of the UTF-8 sequence starting with `lead` (1 for ASCII and for stray bytes).
inline int Utf8SequenceLength(uint8_t lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  if (lead < 0xF8) return 4;
  return 1;
}

/// Bytes of the character at `pos`, clamped to the end of `text`. Requires: pos < size.
inline size_t Utf8CharBytes(std::string_view text, size_t pos) {
  const size_t length = static_cast<size_t>(Utf8SequenceLength(static_cast<uint8_t>(text[pos])));
  return pos + length <= text.size() ? length : text.size() - pos;
}

/// The number of characters in `text`.
int64_t Utf8Length(std::string_view text);
/// The byte offset of character `index` (0-based); text.size() when past the end.
size_t Utf8Offset(std::string_view text, int64_t index);
/// Decodes the character at *pos and advances *pos past it; a malformed byte decodes as
/// itself (U+0080..U+00FF) and advances one byte.
char32_t DecodeUtf8(std::string_view text, size_t* pos);
/// Appends the UTF-8 encoding of `code_point`.
void AppendUtf8(char32_t code_point, std::string* out);

/// Simple case mappings; code points without a mapping are returned unchanged.
char32_t SimpleLower(char32_t code_point);
char32_t SimpleUpper(char32_t code_point);
/// True for letters and digits (ASCII alphanumerics and the cased and CJK letters above
/// U+007F), the characters initcap() treats as part of a word.
bool IsWordCharacter(char32_t code_point);

/// Appends `text` lower-cased / upper-cased, character by character.
void AppendLower(std::string_view text, std::string* out);
void AppendUpper(std::string_view text, std::string* out);

}  // namespace boyodb::functions
