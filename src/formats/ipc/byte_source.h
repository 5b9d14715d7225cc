// ByteSource: a sequential input of bytes for the IPC stream reader, with adapters for bytes in
// memory and for a RandomAccessFile read from a starting offset.
// Thread safety: a source is used by one reader on one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "common/file_system.h"
#include "common/result.h"

namespace boyodb::formats::ipc {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// Reads up to n bytes into out; returns how many were read, 0 only at the end of the input.
  virtual Result<size_t> Read(size_t n, char* out) = 0;
  /// Bytes consumed so far (for error messages: the offset of a bad message).
  virtual uint64_t position() const = 0;
  /// A name for error messages (a path, or "memory").
  virtual std::string_view name() const = 0;
};

/// Reads until n bytes were read or the input ended; returns how many were read.
Result<size_t> ReadFully(ByteSource& source, size_t n, char* out);

/// Reads from bytes that the caller keeps alive for the source's lifetime.
class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  Result<size_t> Read(size_t n, char* out) override;
  uint64_t position() const override { return position_; }
  std::string_view name() const override { return "memory"; }

 private:
  std::string_view bytes_;
  size_t position_ = 0;
};

/// Reads a RandomAccessFile sequentially from `offset` to its end.
class FileSource final : public ByteSource {
 public:
  explicit FileSource(std::shared_ptr<const RandomAccessFile> file, uint64_t offset = 0)
      : file_(std::move(file)), position_(offset) {}
  Result<size_t> Read(size_t n, char* out) override;
  uint64_t position() const override { return position_; }
  std::string_view name() const override { return file_->path(); }

 private:
  std::shared_ptr<const RandomAccessFile> file_;
  uint64_t position_;
};

}  // namespace boyodb::formats::ipc
