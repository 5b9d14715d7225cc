#include "common/hash.h"

#include <xxhash.h>

namespace boyodb::hash {

uint64_t Bytes(const void* data, size_t size, uint64_t seed) {
  return XXH3_64bits_withSeed(data, size, seed);
}

}  // namespace boyodb::hash
