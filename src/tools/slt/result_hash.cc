#include "tools/slt/result_hash.h"

#include <openssl/evp.h>

#include <memory>

#include "common/check.h"

namespace boyodb::tools::slt {
namespace {

struct DigestContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

}  // namespace

std::string HashValues(const std::vector<std::string>& values) {
  // MD5 is in OpenSSL's default provider; failing to get it is an environment bug, not input.
  std::unique_ptr<EVP_MD_CTX, DigestContextDeleter> context(EVP_MD_CTX_new());
  BOYO_CHECK(context != nullptr);
  BOYO_CHECK(EVP_DigestInit_ex(context.get(), EVP_md5(), nullptr) == 1);
  for (const std::string& value : values) {
    BOYO_CHECK(EVP_DigestUpdate(context.get(), value.data(), value.size()) == 1);
    BOYO_CHECK(EVP_DigestUpdate(context.get(), "\n", 1) == 1);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  BOYO_CHECK(EVP_DigestFinal_ex(context.get(), digest, &digest_size) == 1);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * digest_size);
  for (unsigned int i = 0; i < digest_size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

std::string HashLine(size_t num_values, std::string_view md5) {
  return std::to_string(num_values) + " values hashing to " + std::string(md5);
}

std::optional<std::string> Md5FromHashLine(std::string_view line) {
  size_t pos = 0;
  while (pos < line.size() && IsSpace(line[pos])) ++pos;
  if (pos < line.size() && (line[pos] == '+' || line[pos] == '-')) ++pos;
  const size_t digits_begin = pos;
  while (pos < line.size() && line[pos] >= '0' && line[pos] <= '9') ++pos;
  if (pos == digits_begin) return std::nullopt;
  constexpr std::string_view kMiddle = " values hashing to ";
  if (line.substr(pos, kMiddle.size()) != kMiddle) return std::nullopt;
  pos += kMiddle.size();
  const size_t md5_begin = pos;
  while (pos < line.size() && pos - md5_begin < 32 && !IsSpace(line[pos])) ++pos;
  if (pos == md5_begin) return std::nullopt;
  return std::string(line.substr(md5_begin, pos - md5_begin));
}

}  // namespace boyodb::tools::slt
