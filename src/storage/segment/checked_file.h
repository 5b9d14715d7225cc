// CheckedFile: a RandomAccessFile decorator that verifies the CRC32C of known byte ranges of a
// segment file as they are read, so a scan never decodes a column whose bytes changed on disk.
// Thread safety: ReadAt may be called from many threads at once, like the file it wraps.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/file_system.h"

namespace boyodb::storage {

class CheckedFile final : public RandomAccessFile {
 public:
  /// A range whose reads are checked, and what it holds (for error messages).
  struct Range {
    uint64_t offset = 0;
    uint64_t length = 0;
    uint32_t crc = 0;
    /// The record batch and column the range holds, or -1 for metadata ranges.
    int batch = -1;
    int column = -1;
  };

  /// Wraps `base`, which it keeps alive. Ranges of length 0 are ignored; the others must not
  /// overlap one another.
  CheckedFile(std::shared_ptr<const RandomAccessFile> base, std::vector<Range> ranges);

  /// Reads through the base file. When (offset, n) is exactly a known range, the bytes read are
  /// checked: a short read is Corruption ("truncated"), a CRC32C that differs from the expected
  /// one is Corruption naming the file, the batch and column (or "metadata"), and the byte
  /// offset. Reads of any other span pass through unchecked.
  Result<size_t> ReadAt(uint64_t offset, size_t n, char* out) const override;
  uint64_t size() const override { return base_->size(); }
  const std::string& path() const override { return base_->path(); }

  /// How many reads were checked so far (successfully or not); tests use it to make sure the
  /// IPC reader still reads each column in one exact read, the condition for any checking.
  uint64_t num_checked_reads() const { return num_checked_reads_.load(std::memory_order_relaxed); }

 private:
  const Range* Find(uint64_t offset, uint64_t length) const;

  const std::shared_ptr<const RandomAccessFile> base_;
  std::vector<Range> ranges_;  // sorted by offset, no empty ranges
  mutable std::atomic<uint64_t> num_checked_reads_{0};
};

}  // namespace boyodb::storage
