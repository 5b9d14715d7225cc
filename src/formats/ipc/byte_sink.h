// ByteSink: where the IPC writers put their bytes, with adapters for a std::string and a
// WritableFile. The writers append whole messages, so a sink needs no buffering of its own.
// Thread safety: a sink is used by one writer on one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/file_system.h"
#include "common/status.h"

namespace boyodb::formats::ipc {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  /// Appends bytes; on error the sink's tail is unspecified.
  virtual Status Append(std::string_view data) = 0;
  /// Bytes appended since the sink's start (for a file: its size, existing bytes included).
  virtual uint64_t position() const = 0;
};

/// Appends to a caller-owned string, which must outlive the sink.
class StringSink final : public ByteSink {
 public:
  explicit StringSink(std::string* out) : out_(out) {}
  Status Append(std::string_view data) override {
    out_->append(data);
    return Status::OK();
  }
  uint64_t position() const override { return out_->size(); }

 private:
  std::string* out_;
};

/// Appends to a caller-owned WritableFile, which must outlive the sink. Does not sync or close.
class WritableFileSink final : public ByteSink {
 public:
  explicit WritableFileSink(WritableFile* file) : file_(file) {}
  Status Append(std::string_view data) override { return file_->Append(data); }
  uint64_t position() const override { return file_->size(); }

 private:
  WritableFile* file_;
};

}  // namespace boyodb::formats::ipc
