// md5() through OpenSSL's one-shot digest.
#include "functions/string/md5.h"

#include <openssl/evp.h>

#include "common/check.h"

namespace boyodb::functions {

std::array<uint8_t, 16> Md5Digest(std::string_view bytes) {
  std::array<uint8_t, 16> digest{};
  unsigned int length = 0;
  // EVP_Digest only fails when OpenSSL itself is unusable (no MD5 provider), not on any input.
  BOYO_CHECK(EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_md5(), nullptr) ==
             1);
  BOYO_CHECK(length == digest.size());
  return digest;
}

}  // namespace boyodb::functions
