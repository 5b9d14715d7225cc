// UTF-8 decoding, positioning and simple case mapping of utf8.h.
// Thread safety: see the header.
#include "functions/string/utf8.h"

#include <bit>
#include <cstring>

namespace boyodb::functions {
namespace {

bool IsContinuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

// One range of the case table: code points [first, last] map to code point + delta, for every
// code point (step 1) or every other one starting at `first` (step 2, alternating pairs).
struct CaseRange {
  char32_t first;
  char32_t last;
  int32_t delta;
  int step;
};

// Upper -> lower.
constexpr CaseRange kToLower[] = {
    {0x41, 0x5A, 32, 1},     {0xC0, 0xD6, 32, 1},   {0xD8, 0xDE, 32, 1},    {0x100, 0x12F, 1, 2},
    {0x130, 0x130, -199, 1}, {0x132, 0x137, 1, 2},  {0x139, 0x148, 1, 2},   {0x14A, 0x177, 1, 2},
    {0x178, 0x178, -121, 1}, {0x179, 0x17E, 1, 2},  {0x386, 0x386, 38, 1},  {0x388, 0x38A, 37, 1},
    {0x38C, 0x38C, 64, 1},   {0x38E, 0x38F, 63, 1}, {0x391, 0x3A1, 32, 1},  {0x3A3, 0x3AB, 32, 1},
    {0x400, 0x40F, 80, 1},   {0x410, 0x42F, 32, 1}, {0x460, 0x481, 1, 2},   {0x48A, 0x4BF, 1, 2},
    {0x4D0, 0x4FF, 1, 2},    {0x531, 0x556, 48, 1}, {0x1E00, 0x1E95, 1, 2}, {0x1EA0, 0x1EFF, 1, 2},
    {0xFF21, 0xFF3A, 32, 1},
};

// Lower -> upper.
constexpr CaseRange kToUpper[] = {
    {0x61, 0x7A, -32, 1},     {0xB5, 0xB5, 743, 1},    {0xE0, 0xF6, -32, 1},
    {0xF8, 0xFE, -32, 1},     {0xFF, 0xFF, 121, 1},    {0x101, 0x130, -1, 2},
    {0x131, 0x131, -232, 1},  {0x133, 0x138, -1, 2},   {0x13A, 0x149, -1, 2},
    {0x14B, 0x178, -1, 2},    {0x17A, 0x17F, -1, 2},   {0x17F, 0x17F, -300, 1},
    {0x3AC, 0x3AC, -38, 1},   {0x3AD, 0x3AF, -37, 1},  {0x3B1, 0x3C1, -32, 1},
    {0x3C2, 0x3C2, -31, 1},   {0x3C3, 0x3CB, -32, 1},  {0x3CC, 0x3CC, -64, 1},
    {0x3CD, 0x3CE, -63, 1},   {0x430, 0x44F, -32, 1},  {0x450, 0x45F, -80, 1},
    {0x461, 0x482, -1, 2},    {0x48B, 0x4C0, -1, 2},   {0x4D1, 0x500, -1, 2},
    {0x561, 0x586, -48, 1},   {0x1E01, 0x1E96, -1, 2}, {0x1EA1, 0x1F00, -1, 2},
    {0xFF41, 0xFF5A, -32, 1},
};

template <size_t N>
char32_t MapCase(const CaseRange (&table)[N], char32_t code_point) {
  for (const CaseRange& range : table) {
    if (code_point < range.first || code_point > range.last) continue;
    if (range.step == 2 && (code_point - range.first) % 2 != 0) continue;
    return static_cast<char32_t>(static_cast<int32_t>(code_point) + range.delta);
  }
  return code_point;
}

}  // namespace

int64_t Utf8Length(std::string_view text) {
  // Stored text is valid UTF-8, so its characters are its bytes that are not continuation
  // bytes (those whose top two bits are 10), counted eight at a time: a continuation byte's
  // mark is its top bit, and one multiplication adds the eight marks up (std::popcount is a
  // library call on baseline x86-64).
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  int64_t continuations = 0;
  size_t pos = 0;
  for (; pos + 8 <= size; pos += 8) {
    uint64_t word;
    std::memcpy(&word, bytes + pos, 8);
    const uint64_t marks = (word & ~(word << 1) & 0x8080808080808080ULL) >> 7;
    continuations += static_cast<int64_t>((marks * 0x0101010101010101ULL) >> 56);
  }
  for (; pos < size; ++pos) continuations += (bytes[pos] & 0xC0) == 0x80 ? 1 : 0;
  return static_cast<int64_t>(size) - continuations;
}

size_t Utf8Offset(std::string_view text, int64_t index) {
  size_t pos = 0;
  for (int64_t i = 0; i < index && pos < text.size(); ++i) pos += Utf8CharBytes(text, pos);
  return pos;
}

char32_t DecodeUtf8(std::string_view text, size_t* pos) {
  const uint8_t lead = static_cast<uint8_t>(text[*pos]);
  const int length = Utf8SequenceLength(lead);
  if (length == 1 || *pos + static_cast<size_t>(length) > text.size()) {
    ++*pos;
    return lead;
  }
  char32_t code_point = lead & (0x7F >> length);
  for (int i = 1; i < length; ++i) {
    const uint8_t byte = static_cast<uint8_t>(text[*pos + static_cast<size_t>(i)]);
    if (!IsContinuation(byte)) {
      ++*pos;
      return lead;
    }
    code_point = (code_point << 6) | (byte & 0x3F);
  }
  *pos += static_cast<size_t>(length);
  return code_point;
}

void AppendUtf8(char32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

char32_t SimpleLower(char32_t code_point) {
  if (code_point < 0x80) {
    return code_point >= 'A' && code_point <= 'Z' ? code_point + 32 : code_point;
  }
  return MapCase(kToLower, code_point);
}

char32_t SimpleUpper(char32_t code_point) {
  if (code_point < 0x80) {
    return code_point >= 'a' && code_point <= 'z' ? code_point - 32 : code_point;
  }
  return MapCase(kToUpper, code_point);
}

bool IsWordCharacter(char32_t code_point) {
  if (code_point < 0x80) {
    return (code_point >= '0' && code_point <= '9') || (code_point >= 'a' && code_point <= 'z') ||
           (code_point >= 'A' && code_point <= 'Z');
  }
  if (SimpleLower(code_point) != code_point || SimpleUpper(code_point) != code_point) return true;
  // Uncased letters: ª º, ß, and the CJK, kana and hangul blocks.
  return code_point == 0xAA || code_point == 0xBA || code_point == 0xDF ||
         (code_point >= 0x3040 && code_point <= 0x30FF) ||
         (code_point >= 0x3400 && code_point <= 0x9FFF) ||
         (code_point >= 0xAC00 && code_point <= 0xD7A3);
}

void AppendLower(std::string_view text, std::string* out) {
  for (size_t pos = 0; pos < text.size();) {
    const uint8_t byte = static_cast<uint8_t>(text[pos]);
    if (byte < 0x80) {
      out->push_back(byte >= 'A' && byte <= 'Z' ? static_cast<char>(byte + 32)
                                                : static_cast<char>(byte));
      ++pos;
      continue;
    }
    const size_t start = pos;
    const char32_t code_point = DecodeUtf8(text, &pos);
    const char32_t lower = SimpleLower(code_point);
    if (lower == code_point) {
      out->append(text.substr(start, pos - start));
    } else {
      AppendUtf8(lower, out);
    }
  }
}

void AppendUpper(std::string_view text, std::string* out) {
  for (size_t pos = 0; pos < text.size();) {
    const uint8_t byte = static_cast<uint8_t>(text[pos]);
    if (byte < 0x80) {
      out->push_back(byte >= 'a' && byte <= 'z' ? static_cast<char>(byte - 32)
                                                : static_cast<char>(byte));
      ++pos;
      continue;
    }
    const size_t start = pos;
    const char32_t code_point = DecodeUtf8(text, &pos);
    const char32_t upper = SimpleUpper(code_point);
    if (upper == code_point) {
      out->append(text.substr(start, pos - start));
    } else {
      AppendUtf8(upper, out);
    }
  }
}

}  // namespace boyodb::functions
