// encode(bytea, format) and decode(text, format) for PostgreSQL's base64 (lines of 76
// characters), hex and escape formats, and the SHA-2 digests sha224, sha256, sha384 and
// sha512 of a bytea through OpenSSL's EVP API.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <openssl/evp.h>

#include <cctype>
#include <string>

#include "common/base64.h"
#include "common/check.h"
#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"
#include "functions/string/utf8.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using SV = std::string_view;

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr int kBase64LineLength = 76;

enum class Format : uint8_t { kBase64, kHex, kEscape };

bool EqualsIgnoreCase(SV a, SV b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

Result<Format> ParseFormat(SV name) {
  if (EqualsIgnoreCase(name, "base64")) return Format::kBase64;
  if (EqualsIgnoreCase(name, "hex")) return Format::kHex;
  if (EqualsIgnoreCase(name, "escape")) return Format::kEscape;
  return InvalidValue(sqlstate::kInvalidParameterValue,
                      "unrecognized encoding: \"" + std::string(name) + "\"");
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The character at `pos` of `text` (a whole UTF-8 sequence), for error messages.
std::string CharacterAt(SV text, size_t pos) {
  size_t end = pos;
  DecodeUtf8(text, &end);
  if (end <= pos) end = pos + 1;
  return std::string(text.substr(pos, end - pos));
}

void EncodeHex(SV bytes, std::string* out) {
  for (const char c : bytes) {
    const auto byte = static_cast<uint8_t>(c);
    out->push_back(kHexDigits[byte >> 4]);
    out->push_back(kHexDigits[byte & 15]);
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Status DecodeHex(SV text, std::string* out) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (IsBlank(text[pos])) {
      ++pos;
      continue;
    }
    const int high = HexValue(text[pos]);
    if (high < 0) {
      return InvalidValue(sqlstate::kInvalidParameterValue,
                          "invalid hexadecimal digit: \"" + CharacterAt(text, pos) + "\"");
    }
    if (++pos >= text.size()) {
      return InvalidValue(sqlstate::kInvalidParameterValue,
                          "invalid hexadecimal data: odd number of digits");
    }
    const int low = HexValue(text[pos]);
    if (low < 0) {
      return InvalidValue(sqlstate::kInvalidParameterValue,
                          "invalid hexadecimal digit: \"" + CharacterAt(text, pos) + "\"");
    }
    ++pos;
    out->push_back(static_cast<char>(high * 16 + low));
  }
  return Status::OK();
}

// Escape: NUL and bytes above 0x7f as \ooo, a backslash doubled, the rest as they are.
void EncodeEscape(SV bytes, std::string* out) {
  for (const char c : bytes) {
    const auto byte = static_cast<uint8_t>(c);
    if (byte == 0 || byte > 0x7f) {
      out->push_back('\\');
      out->push_back(static_cast<char>('0' + (byte >> 6)));
      out->push_back(static_cast<char>('0' + ((byte >> 3) & 7)));
      out->push_back(static_cast<char>('0' + (byte & 7)));
    } else if (c == '\\') {
      out->append("\\\\");
    } else {
      out->push_back(c);
    }
  }
}

bool IsOctal(char c, char max) { return c >= '0' && c <= max; }

Status DecodeEscape(SV text, std::string* out) {
  for (size_t pos = 0; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    if (pos + 1 < text.size() && text[pos + 1] == '\\') {
      out->push_back('\\');
      ++pos;
    } else if (pos + 3 < text.size() && IsOctal(text[pos + 1], '3') &&
               IsOctal(text[pos + 2], '7') && IsOctal(text[pos + 3], '7')) {
      out->push_back(static_cast<char>(((text[pos + 1] - '0') << 6) | ((text[pos + 2] - '0') << 3) |
                                       (text[pos + 3] - '0')));
      pos += 3;
    } else {
      return InvalidValue(sqlstate::kInvalidTextRepresentation,
                          "invalid input syntax for type bytea");
    }
  }
  return Status::OK();
}

Status Encode(SV bytes, SV format_name, std::string* out) {
  BOYO_ASSIGN_OR_RETURN(const Format format, ParseFormat(format_name));
  switch (format) {
    case Format::kBase64:
      AppendBase64(bytes, kBase64LineLength, out);
      break;
    case Format::kHex:
      EncodeHex(bytes, out);
      break;
    case Format::kEscape:
      EncodeEscape(bytes, out);
      break;
  }
  return Status::OK();
}

Status Decode(SV text, SV format_name, std::string* out) {
  BOYO_ASSIGN_OR_RETURN(const Format format, ParseFormat(format_name));
  switch (format) {
    case Format::kBase64:
      return DecodeBase64(text, out);
    case Format::kHex:
      return DecodeHex(text, out);
    case Format::kEscape:
      return DecodeEscape(text, out);
  }
  return Status::OK();
}

sql::ScalarKernel DigestKernel(const EVP_MD* (*algorithm)()) {
  return RowKernel<StringResult, SV>(DataType::Binary(), [algorithm](SV bytes, std::string* out) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    // EVP_Digest fails only when OpenSSL itself is unusable, never because of the input.
    BOYO_CHECK(EVP_Digest(bytes.data(), bytes.size(), digest, &length, algorithm(), nullptr) == 1);
    out->assign(reinterpret_cast<const char*>(digest), length);
    return Status::OK();
  });
}

}  // namespace

void RegisterEncodingDigestFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  const DataType bytea = DataType::Binary();
  registry.AddScalar(
      {"encode", {Overload({bytea, text}, text, RowKernel<StringResult, SV, SV>(text, Encode))}});
  registry.AddScalar(
      {"decode", {Overload({text, text}, bytea, RowKernel<StringResult, SV, SV>(bytea, Decode))}});
  registry.AddScalar({"sha224", {Overload({bytea}, bytea, DigestKernel(EVP_sha224))}});
  registry.AddScalar({"sha256", {Overload({bytea}, bytea, DigestKernel(EVP_sha256))}});
  registry.AddScalar({"sha384", {Overload({bytea}, bytea, DigestKernel(EVP_sha384))}});
  registry.AddScalar({"sha512", {Overload({bytea}, bytea, DigestKernel(EVP_sha512))}});
}

}  // namespace boyodb::functions
