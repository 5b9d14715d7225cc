#include "server/pgwire/copy_in_buffer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/sqlstate.h"

namespace boyodb::server::pgwire {
namespace {

Status FileError(const char* what) {
  return Status(errno == ENOSPC ? StatusCode::kDiskFull : StatusCode::kIOError,
                errno == ENOSPC ? sqlstate::kDiskFull : sqlstate::kIoError,
                std::string("could not ") + what +
                    " the temporary file of COPY FROM STDIN: " + std::strerror(errno));
}

}  // namespace

Status CopyInBuffer::Append(std::string_view data) {
  size_ += data.size();
  if (file_ == nullptr && memory_.size() + data.size() <= memory_limit_) {
    memory_.append(data);
    return Status::OK();
  }
  if (file_ == nullptr) {
    file_.reset(std::tmpfile());
    if (file_ == nullptr) return FileError("create");
    if (std::fwrite(memory_.data(), 1, memory_.size(), file_.get()) != memory_.size()) {
      return FileError("write");
    }
    memory_.clear();
    memory_.shrink_to_fit();
  }
  if (std::fwrite(data.data(), 1, data.size(), file_.get()) != data.size()) {
    return FileError("write");
  }
  return Status::OK();
}

Result<size_t> CopyInBuffer::Read(char* out, size_t n) {
  if (file_ == nullptr) {
    const size_t count = std::min<uint64_t>(n, memory_.size() - read_offset_);
    std::memcpy(out, memory_.data() + read_offset_, count);
    read_offset_ += count;
    return count;
  }
  if (!reading_) {
    if (std::fflush(file_.get()) != 0) return FileError("write");
    std::rewind(file_.get());
    reading_ = true;
  }
  const size_t count = std::fread(out, 1, n, file_.get());
  if (count < n && std::ferror(file_.get())) return FileError("read");
  read_offset_ += count;
  return count;
}

}  // namespace boyodb::server::pgwire
