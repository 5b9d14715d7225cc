// CopyInBuffer: the data a client sends for COPY ... FROM STDIN over the PostgreSQL protocol,
// kept from the first CopyData to CopyDone so the COPY then runs on it as one atomic statement.
// It stays in memory up to a limit and moves to an unnamed temporary file beyond it, so a large
// load does not hold its whole input in memory.
// Thread safety: one thread at a time (the I/O thread appends, then a request thread reads).
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"

namespace boyodb::server::pgwire {

class CopyInBuffer {
 public:
  /// Bytes kept in memory before the rest goes to a temporary file.
  static constexpr size_t kDefaultMemoryLimit = size_t{16} << 20;

  explicit CopyInBuffer(size_t memory_limit = kDefaultMemoryLimit) : memory_limit_(memory_limit) {}

  /// Adds received bytes. 58030 when the temporary file cannot be written (disk full).
  Status Append(std::string_view data);
  /// Up to `n` bytes from where the last Read stopped (the start at first); 0 at the end.
  /// Call after the last Append.
  Result<size_t> Read(char* out, size_t n);
  uint64_t size() const { return size_; }

 private:
  struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };

  const size_t memory_limit_;
  std::string memory_;
  std::unique_ptr<std::FILE, FileCloser> file_;  // set once the data passed memory_limit_
  uint64_t size_ = 0;
  uint64_t read_offset_ = 0;
  bool reading_ = false;
};

}  // namespace boyodb::server::pgwire
