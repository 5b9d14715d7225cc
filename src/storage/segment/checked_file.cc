#include "storage/segment/checked_file.h"

#include <algorithm>

#include "common/crc32.h"

namespace boyodb::storage {

CheckedFile::CheckedFile(std::shared_ptr<const RandomAccessFile> base, std::vector<Range> ranges)
    : base_(std::move(base)), ranges_(std::move(ranges)) {
  std::erase_if(ranges_, [](const Range& range) { return range.length == 0; });
  std::sort(ranges_.begin(), ranges_.end(),
            [](const Range& a, const Range& b) { return a.offset < b.offset; });
}

const CheckedFile::Range* CheckedFile::Find(uint64_t offset, uint64_t length) const {
  const auto it =
      std::lower_bound(ranges_.begin(), ranges_.end(), offset,
                       [](const Range& range, uint64_t value) { return range.offset < value; });
  if (it == ranges_.end() || it->offset != offset || it->length != length) return nullptr;
  return &*it;
}

namespace {

std::string Describe(const CheckedFile::Range& range) {
  if (range.batch < 0) return "metadata";
  return "batch " + std::to_string(range.batch) + " column " + std::to_string(range.column);
}

}  // namespace

Result<size_t> CheckedFile::ReadAt(uint64_t offset, size_t n, char* out) const {
  BOYO_ASSIGN_OR_RETURN(const size_t got, base_->ReadAt(offset, n, out));
  const Range* range = Find(offset, n);
  if (range == nullptr) return got;
  num_checked_reads_.fetch_add(1, std::memory_order_relaxed);
  if (got != n) {
    return Status::Corruption("segment file \"" + path() + "\" is truncated: " + Describe(*range) +
                              " at byte offset " + std::to_string(offset) + " needs " +
                              std::to_string(n) + " bytes, found " + std::to_string(got));
  }
  const uint32_t crc = crc32::Compute(out, n);
  if (crc != range->crc) {
    return Status::Corruption("checksum mismatch in segment file \"" + path() + "\", " +
                              Describe(*range) + " at byte offset " + std::to_string(offset) +
                              " (" + std::to_string(n) + " bytes): stored " +
                              std::to_string(range->crc) + ", computed " + std::to_string(crc));
  }
  return got;
}

}  // namespace boyodb::storage
