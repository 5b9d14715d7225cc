#include "formats/ipc/byte_source.h"

#include <algorithm>
#include <cstring>

namespace boyodb::formats::ipc {

Result<size_t> ReadFully(ByteSource& source, size_t n, char* out) {
  size_t total = 0;
  while (total < n) {
    BOYO_ASSIGN_OR_RETURN(const size_t got, source.Read(n - total, out + total));
    if (got == 0) break;
    total += got;
  }
  return total;
}

Result<size_t> MemorySource::Read(size_t n, char* out) {
  const size_t count = std::min(n, bytes_.size() - position_);
  if (count > 0) std::memcpy(out, bytes_.data() + position_, count);
  position_ += count;
  return count;
}

Result<size_t> FileSource::Read(size_t n, char* out) {
  if (position_ >= file_->size()) return size_t{0};
  const size_t count = static_cast<size_t>(std::min<uint64_t>(n, file_->size() - position_));
  BOYO_ASSIGN_OR_RETURN(const size_t got, file_->ReadAt(position_, count, out));
  position_ += got;
  return got;
}

}  // namespace boyodb::formats::ipc
