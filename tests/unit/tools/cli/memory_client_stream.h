// MemoryClientStream: a ClientStream over bytes in memory for tests of the native protocol's
// client side: reads come from a script of server bytes (a few at a time, to exercise partial
// reads), writes are collected.
#pragma once

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "tools/cli/client_stream.h"

namespace boyodb::tools::cli {

class MemoryClientStream final : public ClientStream {
 public:
  /// `server_bytes` is what reads return, at most `max_read` bytes per call.
  explicit MemoryClientStream(std::string server_bytes, size_t max_read = 3)
      : server_bytes_(std::move(server_bytes)), max_read_(max_read) {}

  Status WriteAll(std::string_view bytes) override {
    written_.append(bytes);
    return Status::OK();
  }
  Result<size_t> ReadSome(char* out, size_t n) override {
    const size_t count = std::min({n, max_read_, server_bytes_.size() - offset_});
    std::memcpy(out, server_bytes_.data() + offset_, count);
    offset_ += count;
    return count;
  }

  const std::string& written() const { return written_; }
  /// Server bytes not read yet.
  size_t unread() const { return server_bytes_.size() - offset_; }

 private:
  std::string server_bytes_;
  size_t max_read_;
  size_t offset_ = 0;
  std::string written_;
};

/// `payload` framed as the native protocol frames it: a 4-byte big-endian length first.
inline std::string Frame(std::string_view payload) {
  std::string frame;
  const auto size = static_cast<uint32_t>(payload.size());
  for (int shift = 24; shift >= 0; shift -= 8) frame.push_back(static_cast<char>(size >> shift));
  frame.append(payload);
  return frame;
}

}  // namespace boyodb::tools::cli
